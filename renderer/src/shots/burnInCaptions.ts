/**
 * The story's voice-over captions burned into the stitched video: the same phrases, font, size,
 * place and word highlight as the engine draws on its own frames (engine/compose/captions.ts), as
 * an ASS subtitle file the stitch's ffmpeg run renders with libass. The file is written by the
 * renderer into the job's folder; nothing of the user's reaches the filter graph but escaped text.
 */
import { writeFile } from 'node:fs/promises';
import { phrasesOf } from '../engine/compose/captions';
import type { SpeechTrack } from '../engine/storyboard';
import type { RenderSpec } from '../spec/renderSpec';

const WHITE = '&H00FFFFFF';
/** #ffe234, the engine's highlight, as ASS's &HAABBGGRR. */
const HIGHLIGHT = '&H0034E2FF';
const BLACK = '&H00000000';

function assTime(seconds: number): string {
	const cs = Math.max(0, Math.round(seconds * 100));
	const h = Math.floor(cs / 360000);
	const m = Math.floor((cs % 360000) / 6000);
	const s = Math.floor((cs % 6000) / 100);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${h}:${pad(m)}:${pad(s)}.${pad(cs % 100)}`;
}

/** Text as ASS shows it literally: no override blocks, no line-break escapes. */
function assText(text: string): string {
	return text
		.replace(/\\/g, '\u29F5')
		.replace(/[{}]/g, (c) => (c === '{' ? '(' : ')'))
		.replace(/\n/g, ' ');
}

export function captionsAss(speech: SpeechTrack, spec: RenderSpec): string {
	const { width, height } = spec.output;
	const size = Math.max(12, Math.round(Math.min(width, height) * 0.075));
	const y = Math.round(height * (height > width ? 0.72 : 0.85));
	const lines = [
		'[Script Info]',
		'ScriptType: v4.00+',
		`PlayResX: ${width}`,
		`PlayResY: ${height}`,
		'WrapStyle: 2',
		'ScaledBorderAndShadow: yes',
		'',
		'[V4+ Styles]',
		'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
		`Style: Caption,DejaVu Sans,${size},${WHITE},${WHITE},${BLACK},${BLACK},-1,0,0,0,100,100,0,0,1,${(size * 0.08).toFixed(1)},0,5,0,0,0,1`,
		'',
		'[Events]',
		'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
	];
	for (const phrase of phrasesOf(speech.clips)) {
		const texts = phrase.words.map((w) => assText(w.text.toUpperCase()));
		// One event per stretch in which the same word (or none) is being said.
		const cuts = [
			...new Set(
				[phrase.start, phrase.end, ...phrase.words.flatMap((w) => [w.start, w.end])]
					.map((t) => Math.min(phrase.end, Math.max(phrase.start, t)))
					.map((t) => Math.round(t * 100) / 100),
			),
		].sort((a, b) => a - b);
		for (let k = 0; k + 1 < cuts.length; k++) {
			const from = cuts[k]!;
			const to = cuts[k + 1]!;
			if (to - from < 0.01) continue;
			const text = phrase.words
				.map((w, i) => {
					const active =
						from >= Math.round(w.start * 100) / 100 && from < Math.round(w.end * 100) / 100;
					return active ? `{\\c${HIGHLIGHT}}${texts[i]}{\\c${WHITE}}` : texts[i];
				})
				.join(' ');
			lines.push(
				`Dialogue: 0,${assTime(from)},${assTime(to)},Caption,,0,0,0,,{\\pos(${Math.round(width / 2)},${y})\\q2}${text}`,
			);
		}
	}
	return `${lines.join('\n')}\n`;
}

/** Writes the ASS file; returns its path, or undefined when nothing is said. */
export async function writeBurnInCaptions(
	speech: SpeechTrack,
	spec: RenderSpec,
	path: string,
): Promise<string | undefined> {
	if (!speech.clips.some((c) => c.words.length)) return undefined;
	await writeFile(path, captionsAss(speech, spec), 'utf8');
	return path;
}
