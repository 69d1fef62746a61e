/**
 * Writes the term memo (`termMemo.ts`) for the built renderer: `node dist/trust/moderation/termMemoBuild.js`
 * (part of `npm run build`) compiles the default text rules once, recording every normalisation
 * and stem, into `dist/trust/moderation/termMemo.json`. Never committed: it is built output.
 */
import { writeFileSync } from 'node:fs';
import {
	DEFAULT_TERM_MEMO_FILE,
	recordedTermMemo,
	recordTermMemo,
	type TermMemoFile,
} from './termMemo';
import { TextRules } from './textRules';

/** The memo of the default rules. */
export function buildTermMemo(): TermMemoFile {
	recordTermMemo();
	new TextRules();
	return recordedTermMemo();
}

if (require.main === module) {
	const file = process.argv[2] ?? DEFAULT_TERM_MEMO_FILE;
	const memo = buildTermMemo();
	writeFileSync(file, JSON.stringify(memo));
	const stems = Object.values(memo.stems).reduce((n, s) => n + Object.keys(s ?? {}).length, 0);
	process.stdout.write(
		`term memo: ${Object.keys(memo.terms).length} terms, ${stems} stems → ${file}\n`,
	);
}
