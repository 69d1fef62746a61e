/**
 * Festival with Debian's HTS voice `cmu_us_slt_arctic_hts`. All lines of a render go through ONE
 * festival process (start-up costs ~1 s), driven by a generated Scheme script that saves each
 * utterance's wave and dumps its Word and Segment relations with their times.
 *
 * Speaking rate is HTS's own speed parameter (`-r`), so festival's times stay exact. Festival's HTS
 * module ignores the half-tone shift option, so pitch is applied afterwards (see pitchShift.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimedWord } from '../storyboard';
import type { TimedPhone } from '../lipsync';
import { readWavMono } from '../audio/wavFile';
import { FESTIVAL_BIN } from './voiceCatalog';
import { restoreOriginalSpelling, toSpeakableAscii } from './speechText';
import type { SpeechRequest, Utterance } from './utterance';

const DUMP_FUNCTION = `
(define (rf-dump utt path)
  (utt.save.wave utt (string-append path ".wav") 'riff)
  (let ((fd (fopen (string-append path ".txt") "w")) (i 0))
    (mapcar (lambda (tok) (item.set_feat tok "rfidx" i) (set! i (+ i 1))) (utt.relation.items utt 'Token))
    (mapcar (lambda (w)
      (format fd "W\\t%s\\t%f\\t%f\\t%s\\n" (item.feat w "R:Token.parent.rfidx") (item.feat w "word_start") (item.feat w "word_end") (item.feat w "R:Token.parent.name")))
      (utt.relation.items utt 'Word))
    (mapcar (lambda (s) (format fd "S\\t%s\\t%f\\n" (item.name s) (item.feat s "end")))
      (utt.relation.items utt 'Segment))
    (fclose fd)))
`;

function schemeString(text: string): string {
	return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** What festival is asked to say for each request (what the heap is sized for). */
function festivalText(request: SpeechRequest): string {
	return toSpeakableAscii(request.text) || '.';
}

export function festivalScript(requests: SpeechRequest[], outDir: string): string {
	const lines = ['(voice_cmu_us_slt_arctic_hts)', DUMP_FUNCTION];
	requests.forEach((r, i) => {
		const rate = Math.min(3, Math.max(0.3, r.rate)).toFixed(4);
		lines.push(
			`(set! hts_engine_params (append cmu_us_slt_arctic_hts::hts_engine_params (list '("-r" ${rate}))))`,
		);
		lines.push(
			`(rf-dump (utt.synth (Utterance Text ${schemeString(festivalText(r))})) ${schemeString(join(outDir, `line${i}`))})`,
		);
	});
	return lines.join('\n') + '\n';
}

/**
 * Festival's Lisp heap, in cells, for a batch whose longest line has this many characters. The
 * default (10,000,000 cells) is ~320 MB that festival touches at start-up: 0.16 s of its 0.25 s CPU
 * for a one-line batch, and 330 MB resident. Synthesis keeps few cells alive at once (the voice
 * ~50k; one 35-character line ~1k more), but what one utterance needs grows with it: 300
 * characters of digits needed over 300k cells and 1,000 of prose over 300k (both failed, exit 255,
 * after thrashing the GC); 100 characters of digits passed with 300k. So lines get 20,000 cells a
 * character (≥ 4× the worst measured), never under 1,000,000 nor over the default, which every
 * line of 500 characters or more still gets. The heap size only decides when festival collects;
 * the waves and times it writes are the same (checked byte for byte at 10M, 1M and 300k).
 */
export const FESTIVAL_DEFAULT_HEAP_CELLS = 10_000_000;
const FESTIVAL_MIN_HEAP_CELLS = 1_000_000;
const FESTIVAL_HEAP_CELLS_PER_CHARACTER = 20_000;

export function festivalHeapCells(lines: string[]): number {
	const longest = Math.max(0, ...lines.map((line) => line.length));
	return Math.min(
		FESTIVAL_DEFAULT_HEAP_CELLS,
		Math.max(FESTIVAL_MIN_HEAP_CELLS, longest * FESTIVAL_HEAP_CELLS_PER_CHARACTER),
	);
}

/** Parses one line's dump: words grouped by their token (so "25" → one word, not "twenty" "five"), and phones. */
export function parseFestivalDump(dump: string): { words: TimedWord[]; phones: TimedPhone[] } {
	const byToken = new Map<string, TimedWord>();
	const phones: TimedPhone[] = [];
	let previousEnd = 0;
	for (const line of dump.split('\n')) {
		const f = line.split('\t');
		if (f[0] === 'W') {
			const start = Number(f[2]);
			const end = Number(f[3]);
			if (!(end > start)) continue; // words with no segments (e.g. the "'s" festival splits off) have no time.
			const existing = byToken.get(f[1]);
			if (existing) existing.end = Math.max(existing.end, end);
			else byToken.set(f[1], { text: f[4], start, end });
		} else if (f[0] === 'S') {
			const end = Number(f[2]);
			phones.push({ phone: f[1], start: previousEnd, end });
			previousEnd = end;
		}
	}
	const words = [...byToken.values()].sort((a, b) => a.start - b.start);
	return { words, phones };
}

function runFestival(scriptPath: string, heapCells: number, signal?: AbortSignal): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		execFile(
			FESTIVAL_BIN,
			['--heap', String(heapCells), '-b', scriptPath],
			{ signal, maxBuffer: 4 << 20 },
			(err, _stdout, stderr) => {
				if (err)
					reject(new Error(`festival failed: ${err.message} ${String(stderr).slice(0, 300)}`));
				else resolve();
			},
		);
	});
}

/** `heapCells` is festival's heap for the batch (its own sizing unless a caller knows better). */
export async function synthesizeWithFestival(
	requests: SpeechRequest[],
	signal?: AbortSignal,
	heapCells = festivalHeapCells(requests.map(festivalText)),
): Promise<Utterance[]> {
	if (requests.length === 0) return [];
	const dir = mkdtempSync(join(tmpdir(), 'rf-festival-'));
	try {
		const scriptPath = join(dir, 'lines.scm');
		writeFileSync(scriptPath, festivalScript(requests, dir));
		try {
			await runFestival(scriptPath, heapCells, signal);
		} catch (error) {
			// A heap sized too small for some line fails the batch (exit 255, after thrashing the GC);
			// the sizing has a wide margin, but a line it did not foresee must still be spoken.
			if (heapCells >= FESTIVAL_DEFAULT_HEAP_CELLS || signal?.aborted) throw error;
			await runFestival(scriptPath, FESTIVAL_DEFAULT_HEAP_CELLS, signal);
		}
		return requests.map((r, i) => {
			const base = join(dir, `line${i}`);
			let dump: string;
			try {
				dump = readFileSync(`${base}.txt`, 'utf8');
			} catch {
				throw new Error(`festival produced no output for line ${i} ("${r.text.slice(0, 40)}")`);
			}
			const pcm = readWavMono(`${base}.wav`);
			const { words, phones } = parseFestivalDump(dump);
			return {
				sampleRate: pcm.sampleRate,
				samples: pcm.samples,
				phones,
				words: restoreOriginalSpelling(words, r.text),
			};
		});
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
