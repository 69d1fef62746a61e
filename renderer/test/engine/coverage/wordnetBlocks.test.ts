/**
 * WordNet's index files keep the 4 KiB blocks they have read (engine/coverage/wordnet.ts, DictFile):
 * a line that starts in one block and ends in the next, a line that ends a block exactly, the last
 * line of a file and a word past the last are read as they are written, whichever was read first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WordNet } from '../../../src/engine/coverage/wordnet';

/** A noun dictionary of `count` lemmas of varied lengths, one synset each. */
function writeDictionary(dir: string, count: number): string[] {
	const lemmas = Array.from(
		{ length: count },
		(_, i) => `w${String(i).padStart(5, '0')}${'x'.repeat((i * 37) % 151)}`,
	).sort();
	let data = '';
	const offsets = lemmas.map((lemma) => {
		const offset = Buffer.byteLength(data, 'latin1');
		data += `${String(offset).padStart(8, '0')} 05 n 01 ${lemma} 0 000 | a test word\n`;
		return offset;
	});
	const index = lemmas
		.map((lemma, i) => `${lemma} n 1 0 1 0 ${String(offsets[i]).padStart(8, '0')}\n`)
		.join('');
	fs.writeFileSync(path.join(dir, 'data.noun'), data, 'latin1');
	fs.writeFileSync(path.join(dir, 'index.noun'), index, 'latin1');
	return lemmas;
}

describe('WordNet index blocks', () => {
	let dir: string;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-wordnet-'));
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('finds every lemma of a file many blocks long, in any order, and no other word', () => {
		const lemmas = writeDictionary(dir, 3000);
		expect(fs.statSync(path.join(dir, 'index.noun')).size).toBeGreaterThan(40 * 4096);
		const inOrder = new WordNet(dir);
		const reversed = new WordNet(dir);
		try {
			for (const lemma of lemmas)
				expect(inOrder.senses(lemma, 'noun').map((s) => s.words)).toEqual([[lemma]]);
			for (const lemma of [...lemmas].reverse())
				expect(reversed.senses(lemma, 'noun')[0]?.lexname).toBe('noun.animal');
			for (const missing of ['a', 'w', 'w00000y', 'zzz', `${lemmas[lemmas.length - 1]}x`])
				expect(inOrder.senses(missing, 'noun')).toEqual([]);
		} finally {
			inOrder.close();
			reversed.close();
		}
	});
});
