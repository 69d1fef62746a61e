/**
 * Text drawn over the stitched story, as one ASS subtitle file the stitch's ffmpeg run renders with
 * libass: the shots' text overlays (titles, lower thirds, each with its place, size, colour, box
 * and time) and the voice-over's burned-in captions — the same phrases, font, size, place and word
 * highlight as the engine draws on its own frames (engine/compose/captions.ts). The file is written
 * by the renderer into the job's folder; user text reaches it only as escaped dialogue text.
 */
import { writeFile } from 'node:fs/promises';
import { phrasesOf } from '../engine/compose/captions';
import type { SpeechTrack } from '../engine/storyboard';
import type { Overlay, OverlayPosition, RenderSpec } from '../spec/renderSpec';

const WHITE = '&H00FFFFFF';
/** #ffe234, the engine's highlight. */
const HIGHLIGHT = assColor('#ffe234');
const BLACK = '&H00000000';
/** Overlays sit inside this margin (a fraction of the frame's short edge). */
export const OVERLAY_MARGIN = 0.04;
export const DEFAULT_TEXT_SIZE = 0.06;

/** ASS's numpad alignment for each position. */
const ALIGNMENT: Record<OverlayPosition, number> = {
	'bottom-left': 1,
	bottom: 2,
	'bottom-right': 3,
	left: 4,
	center: 5,
	right: 6,
	'top-left': 7,
	top: 8,
	'top-right': 9,
};

/** A text overlay on the story's clock. */
export interface TimedText {
	overlay: Overlay;
	from: number;
	to: number;
}

/** #rrggbb and an opacity as ASS's &HAABBGGRR (AA is transparency). */
function assColor(hex: string, opacity = 1): string {
	const h = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
	const alpha = Math.round((1 - opacity) * 255);
	return `&H${h(alpha)}${hex.slice(5, 7)}${hex.slice(3, 5)}${hex.slice(1, 3)}`.toUpperCase();
}

function assTime(seconds: number): string {
	const cs = Math.max(0, Math.round(seconds * 100));
	const h = Math.floor(cs / 360000);
	const m = Math.floor((cs % 360000) / 6000);
	const s = Math.floor((cs % 6000) / 100);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${h}:${pad(m)}:${pad(s)}.${pad(cs % 100)}`;
}

/** Text as ASS shows it literally: no override blocks, no escapes, one line. */
export function assText(text: string): string {
	return text
		.replace(/\\/g, '\u29F5')
		.replace(/[{}]/g, (c) => (c === '{' ? '(' : ')'))
		.replace(/[\r\n]+/g, ' ');
}

export function storyAss(
	spec: RenderSpec,
	content: { captions?: SpeechTrack; texts?: TimedText[] },
): string {
	const { width, height } = spec.output;
	const short = Math.min(width, height);
	const margin = Math.round(short * OVERLAY_MARGIN);
	const size = Math.max(12, Math.round(short * 0.075));
	const y = Math.round(height * (height > width ? 0.72 : 0.85));
	const styles = [
		`Style: Caption,DejaVu Sans,${size},${WHITE},${WHITE},${BLACK},${BLACK},-1,0,0,0,100,100,0,0,1,${(size * 0.08).toFixed(1)},0,5,0,0,0,1`,
	];
	const events: string[] = [];
	(content.texts ?? []).forEach(({ overlay, from, to }, k) => {
		const fontSize = Math.max(8, Math.round(short * (overlay.size ?? DEFAULT_TEXT_SIZE)));
		const opacity = overlay.opacity ?? 1;
		const boxed = overlay.background !== undefined;
		// A box (BorderStyle 3) takes the outline colour; plain text gets a thin dark outline.
		const outlineColour = boxed
			? assColor(overlay.background!, opacity)
			: assColor('#000000', opacity);
		const outline = boxed ? fontSize * 0.25 : fontSize * 0.06;
		const alignment = ALIGNMENT[overlay.position ?? 'top'];
		styles.push(
			`Style: Overlay${k},DejaVu Sans,${fontSize},${assColor(overlay.color ?? '#ffffff', opacity)},${WHITE},${outlineColour},${BLACK},-1,0,0,0,100,100,0,0,${boxed ? 3 : 1},${outline.toFixed(1)},0,${alignment},${margin},${margin},${margin},1`,
		);
		events.push(
			`Dialogue: 1,${assTime(from)},${assTime(to)},Overlay${k},,0,0,0,,{\\q0}${assText(overlay.text ?? '')}`,
		);
	});
	for (const phrase of content.captions ? phrasesOf(content.captions.clips) : []) {
		const texts = phrase.words.map((w) => assText(w.text.toUpperCase()));
		const centi = (t: number) => Math.round(t * 100) / 100;
		// One event per stretch in which the same word (or none) is being said.
		const cuts = [
			...new Set(
				[phrase.start, phrase.end, ...phrase.words.flatMap((w) => [w.start, w.end])].map((t) =>
					centi(Math.min(phrase.end, Math.max(phrase.start, t))),
				),
			),
		].sort((a, b) => a - b);
		for (let k = 0; k + 1 < cuts.length; k++) {
			const from = cuts[k]!;
			const to = cuts[k + 1]!;
			if (to - from < 0.01) continue;
			const text = phrase.words
				.map((w, i) =>
					from >= centi(w.start) && from < centi(w.end)
						? `{\\c${HIGHLIGHT}}${texts[i]}{\\c${WHITE}}`
						: texts[i],
				)
				.join(' ');
			events.push(
				`Dialogue: 2,${assTime(from)},${assTime(to)},Caption,,0,0,0,,{\\pos(${Math.round(width / 2)},${y})\\q2}${text}`,
			);
		}
	}
	return [
		'[Script Info]',
		'ScriptType: v4.00+',
		`PlayResX: ${width}`,
		`PlayResY: ${height}`,
		'WrapStyle: 2',
		'ScaledBorderAndShadow: yes',
		'',
		'[V4+ Styles]',
		'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
		...styles,
		'',
		'[Events]',
		'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
		...events,
		'',
	].join('\n');
}

/** Writes the story's ASS file; returns its path, or undefined when there is no text to draw. */
export async function writeStoryText(
	spec: RenderSpec,
	content: { captions?: SpeechTrack; texts?: TimedText[] },
	path: string,
): Promise<string | undefined> {
	const hasCaptions = content.captions?.clips.some((c) => c.words.length) ?? false;
	if (!hasCaptions && !content.texts?.length) return undefined;
	await writeFile(path, storyAss(spec, content), 'utf8');
	return path;
}
