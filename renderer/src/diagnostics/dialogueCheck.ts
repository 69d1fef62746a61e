/**
 * Is the dialogue understandable in the final mix? Two measures that do not depend on the mixer's
 * own arithmetic:
 *
 * 1. **Speech-to-bed per line** — the mixer writes its two stems (dialogue; everything else after
 *    ducking); ffmpeg's EBU R128 meter (`ebur128`, gated integrated loudness) measures each stem
 *    over each line's window; the difference is the line's speech-to-bed level in dB.
 * 2. **A listener** — pocketsphinx (the en-us model the moderation transcripts use, default
 *    settings) hears the final mix and the same lines rendered clean (every bed removed, the same
 *    mixer otherwise); the share of the lines' words it recognises (in order: longest common
 *    subsequence) is compared. Heard per line (each line's window cut from the file, as a viewer
 *    follows line by line) and over the whole file.
 *
 * Used by test/engine/audio/dialogueFirst.test.ts and bench/dialogue.js.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { mixAudio } from '../engine/audio';
import type { Storyboard, Synthesis } from '../engine/storyboard';
import { runFfmpeg } from '../media/ffmpeg';
import { transcribeWav } from '../trust/moderation/media/speechTranscript';

export interface WordScore {
	heard: number;
	total: number;
	rate: number;
}

export interface DialogueReport {
	lines: Array<{
		text: string;
		start: number;
		end: number;
		speechLufs: number;
		bedLufs: number;
		speechToBedDb: number;
		heardClean: string;
		heardMix: string;
	}>;
	perLine: { clean: WordScore; mix: WordScore };
	wholeFile: { clean: WordScore; mix: WordScore; heardClean: string; heardMix: string };
}

function words(text: string): string[] {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9' ]+/g, ' ')
		.split(/\s+/)
		.filter(Boolean);
}

/** Words of `reference` recognised in `heard`, in order (longest common subsequence). */
export function wordMatch(reference: string, heard: string): { heard: number; total: number } {
	const a = words(reference);
	const b = words(heard);
	let previous = new Array<number>(b.length + 1).fill(0);
	for (let i = 1; i <= a.length; i++) {
		const row = new Array<number>(b.length + 1).fill(0);
		for (let j = 1; j <= b.length; j++)
			row[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
		previous = row;
	}
	return { heard: previous[b.length], total: a.length };
}

const score = (parts: Array<{ heard: number; total: number }>): WordScore => {
	const heard = parts.reduce((s, p) => s + p.heard, 0);
	const total = parts.reduce((s, p) => s + p.total, 0);
	return { heard, total, rate: total ? heard / total : 0 };
};

/** ffmpeg's EBU R128 integrated loudness of a stretch of a file (−70 for silence). */
export async function measuredLoudness(path: string, start: number, end: number): Promise<number> {
	let stderr = '';
	await runFfmpeg({
		what: 'loudness measurement',
		global: ['-nostats'],
		inputs: [
			{
				file: path,
				format: 'wav',
				options: ['-ss', start.toFixed(3), '-t', (end - start).toFixed(3)],
			},
		],
		output: ['-af', 'ebur128', '-f', 'null', '-'],
		onStderrLine: (line) => {
			stderr += line + '\n';
		},
	});
	const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
	const found = /I:\s+(-?[0-9.]+|-inf) LUFS/.exec(summary);
	if (!found) throw new Error('ebur128 printed no summary');
	return found[1] === '-inf' ? -70 : Math.max(-70, Number(found[1]));
}

/** pocketsphinx on a stretch of a file (or all of it). */
export async function hear(
	path: string,
	workDir: string,
	start?: number,
	end?: number,
): Promise<string> {
	const wav = join(workDir, `listen-${Math.random().toString(36).slice(2)}.wav`);
	const cut =
		start !== undefined && end !== undefined
			? ['-ss', start.toFixed(3), '-to', end.toFixed(3)]
			: [];
	await runFfmpeg({
		what: 'listener extraction',
		global: ['-v', 'error', '-y'],
		inputs: [{ file: path, format: 'wav' }],
		output: [...cut, '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', '-f', 'wav', wav],
	});
	return transcribeWav(wav);
}

/** Mixes the storyboard twice (as it is, and with every bed removed) and measures both. */
export async function checkDialogue(
	storyboard: Storyboard,
	synthesis: Synthesis,
	workDir: string,
): Promise<DialogueReport> {
	await mkdir(workDir, { recursive: true });
	const mixPath = join(workDir, 'mix.wav');
	const stems = join(workDir, 'stems');
	const mixed = await mixAudio(storyboard, synthesis, mixPath, { stemsDir: stems });
	const cleanBoard: Storyboard = {
		...storyboard,
		music: { ...storyboard.music, enabled: false },
		shots: storyboard.shots.map((s) => ({ ...s, sfx: [] })),
	};
	const cleanPath = join(workDir, 'clean.wav');
	await mixAudio(cleanBoard, { speech: synthesis.speech, physics: [] }, cleanPath);
	const clips = [...synthesis.speech.clips].sort((a, b) => a.start - b.start);
	const lines: DialogueReport['lines'] = [];
	for (const clip of clips) {
		const window = mixed.dialogueWindows.find((w) => Math.abs(w.start - clip.start) < 1e-6);
		const start = window?.start ?? clip.start;
		const end = window?.end ?? clip.end;
		const speechLufs = await measuredLoudness(join(stems, 'dialogue.wav'), start, end);
		const bedLufs = await measuredLoudness(join(stems, 'bed.wav'), start, end);
		// A line is heard from just before it starts to just after it ends.
		const from = Math.max(0, start - 0.1);
		const to = Math.min(storyboard.durationSeconds, end + 0.1);
		lines.push({
			text: clip.text,
			start,
			end,
			speechLufs,
			bedLufs,
			speechToBedDb: Math.round((speechLufs - bedLufs) * 10) / 10,
			heardClean: await hear(cleanPath, workDir, from, to),
			heardMix: await hear(mixPath, workDir, from, to),
		});
	}
	const reference = clips.map((c) => c.text).join(' ');
	const heardClean = await hear(cleanPath, workDir);
	const heardMix = await hear(mixPath, workDir);
	return {
		lines,
		perLine: {
			clean: score(lines.map((l) => wordMatch(l.text, l.heardClean))),
			mix: score(lines.map((l) => wordMatch(l.text, l.heardMix))),
		},
		wholeFile: {
			clean: score([wordMatch(reference, heardClean)]),
			mix: score([wordMatch(reference, heardMix)]),
			heardClean,
			heardMix,
		},
	};
}
