/**
 * Burned-in word-level captions: the spoken words grouped into short phrases (at most three words,
 * broken at pauses and at the end of each clip), the phrase shown while it is spoken and the word
 * being said highlighted.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { SpeechClip, TimedWord } from '../storyboard';
import type { PixelBox } from '../encode/yuv';

interface Phrase {
	words: TimedWord[];
	start: number;
	end: number;
}

const MAX_WORDS = 3;
const PAUSE = 0.35;
const LINGER = 0.2;

export function phrasesOf(clips: readonly SpeechClip[]): Phrase[] {
	const phrases: Phrase[] = [];
	for (const clip of [...clips].sort((a, b) => a.start - b.start)) {
		let current: TimedWord[] = [];
		const flush = () => {
			if (current.length)
				phrases.push({
					words: current,
					start: current[0].start,
					end: current[current.length - 1].end,
				});
			current = [];
		};
		for (const word of clip.words) {
			if (!word.text.trim()) continue;
			const last = current[current.length - 1];
			if (current.length >= MAX_WORDS || (last && word.start - last.end > PAUSE)) flush();
			current.push(word);
		}
		flush();
	}
	// A phrase lingers briefly, but never over the next one.
	for (let i = 0; i < phrases.length; i++)
		phrases[i].end = Math.min(phrases[i].end + LINGER, phrases[i + 1]?.start ?? Infinity);
	return phrases;
}

export class Captions {
	private readonly phrases: Phrase[];
	private readonly size: number;

	constructor(
		clips: readonly SpeechClip[],
		private readonly width: number,
		private readonly height: number,
	) {
		this.phrases = phrasesOf(clips);
		this.size = Math.max(12, Math.round(Math.min(width, height) * 0.075));
	}

	phraseAt(seconds: number): Phrase | undefined {
		return this.phrases.find((p) => seconds >= p.start && seconds < p.end);
	}

	/**
	 * How the phrase on screen at `seconds` is laid out; measured once per phrase, which stays on
	 * screen for many frames. The context's state is left as it was.
	 */
	private layout(ctx: SKRSContext2D, seconds: number) {
		const phrase = this.phraseAt(seconds);
		if (!phrase) return undefined;
		if (this.measured?.phrase !== phrase) {
			ctx.save();
			this.setFont(ctx);
			this.measured = this.measure(ctx, phrase);
			ctx.restore();
		}
		return this.measured;
	}

	private setFont(ctx: SKRSContext2D): void {
		ctx.font = `bold ${this.size}px "DejaVu Sans"`;
		ctx.textBaseline = 'middle';
	}

	private measured: ReturnType<Captions['measure']> | undefined;

	private measure(ctx: SKRSContext2D, phrase: Phrase) {
		const texts = phrase.words.map((w) => w.text.toUpperCase());
		const space = this.size * 0.3;
		const metrics = texts.map((t) => ctx.measureText(t));
		const widths = metrics.map((m) => m.width);
		const total = widths.reduce((a, b) => a + b, 0) + space * (texts.length - 1);
		const scale = total > this.width * 0.9 ? (this.width * 0.9) / total : 1;
		// Portrait: the lower middle, where vertical-video captions sit; wider frames: nearer the
		// bottom, below the characters' faces.
		const y = this.height * (this.height > this.width ? 0.72 : 0.85);
		return { phrase, texts, space, metrics, widths, total, scale, y, lineWidth: this.size * 0.16 };
	}

	/**
	 * The band of rows (the frame's whole width) that the phrase on screen at `seconds` can touch:
	 * its glyphs' ink, the outline and a margin for antialiasing; undefined when none is on screen.
	 */
	boxAt(ctx: SKRSContext2D, seconds: number): PixelBox | undefined {
		const layout = this.layout(ctx, seconds);
		if (!layout) return undefined;
		const { metrics, scale, y, lineWidth } = layout;
		// The outline's half width, antialiasing, and slack for glyphs a fallback font draws.
		const margin = (lineWidth / 2 + this.size * 0.25) * scale + 2;
		const ascent = Math.max(...metrics.map((m) => m.actualBoundingBoxAscent)) * scale;
		const descent = Math.max(...metrics.map((m) => m.actualBoundingBoxDescent)) * scale;
		const top = Math.max(0, Math.floor(y - ascent - margin));
		const bottom = Math.min(this.height, Math.ceil(y + descent + margin));
		return { x: 0, y: top, width: this.width, height: Math.max(0, bottom - top) };
	}

	draw(ctx: SKRSContext2D, seconds: number): void {
		const layout = this.layout(ctx, seconds);
		if (!layout) return;
		const { phrase, texts, space, widths, total, scale, y, lineWidth } = layout;
		ctx.save();
		this.setFont(ctx);
		ctx.lineJoin = 'round';
		ctx.lineWidth = lineWidth;
		ctx.strokeStyle = '#000000';
		ctx.translate(this.width / 2, y);
		ctx.scale(scale, scale);
		let x = -total / 2;
		phrase.words.forEach((word, i) => {
			const active = seconds >= word.start && seconds < word.end;
			ctx.strokeText(texts[i], x, 0);
			ctx.fillStyle = active ? '#ffe234' : '#ffffff';
			ctx.fillText(texts[i], x, 0);
			x += widths[i] + space;
		});
		ctx.restore();
	}
}
