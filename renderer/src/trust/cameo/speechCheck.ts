/**
 * Offline speech recognition of a registration recording with pocketsphinx (Debian's
 * `pocketsphinx_continuous`, en-us acoustic model). Recognition is constrained by a JSGF grammar
 * of the script vocabulary: the question is only "which of these words were said, in what order",
 * which a small offline recogniser answers reliably; unrelated speech comes out as a jumble that
 * does not match the script.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SCRIPT_VOCABULARY } from './script';

const exec = promisify(execFile);

export async function transcribeScriptWords(
	wav16kMono: string,
	workDir: string,
): Promise<string[]> {
	const grammar = join(workDir, 'script.gram');
	await writeFile(
		grammar,
		`#JSGF V1.0;\ngrammar script;\npublic <words> = ( ${SCRIPT_VOCABULARY.join(' | ')} )+ ;\n`,
	);
	const { stdout } = await exec(
		'pocketsphinx_continuous',
		['-infile', wav16kMono, '-jsgf', grammar, '-logfn', '/dev/null'],
		{ timeout: 120_000 },
	);
	return stdout
		.toLowerCase()
		.split(/\s+/)
		.filter((w) => (SCRIPT_VOCABULARY as readonly string[]).includes(w));
}
