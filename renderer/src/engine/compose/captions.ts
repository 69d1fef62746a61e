/**
 * Burned-in word-level captions: the spoken words grouped into short phrases (at most three words,
 * broken at pauses and at the end of each clip), the phrase shown while it is spoken and the word
 * being said highlighted.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { SpeechClip, TimedWord } from '../storyboard';

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

	/** The last phrase's layout: a phrase stays on screen for many frames, measured once. */
	private measured: ReturnType<Captions['measure']> | undefined;

	/** Lays a phrase out; the context's font must be the captions'. */
	private measure(ctx: SKRSContext2D, phrase: Phrase) {
		const texts = phrase.words.map((w) => w.text.toUpperCase());
		const space = this.size * 0.3;
		const widths = texts.map((t) => ctx.measureText(t).width);
		const total = widths.reduce((a, b) => a + b, 0) + space * (texts.length - 1);
		const scale = total > this.width * 0.9 ? (this.width * 0.9) / total : 1;
		return { phrase, texts, space, widths, total, scale };
	}

	draw(ctx: SKRSContext2D, seconds: number): void {
		const phrase = this.phraseAt(seconds);
		if (!phrase) return;
		ctx.save();
		ctx.font = `bold ${this.size}px "DejaVu Sans"`;
		ctx.textBaseline = 'middle';
		ctx.lineJoin = 'round';
		ctx.lineWidth = this.size * 0.16;
		ctx.strokeStyle = '#000000';
		if (this.measured?.phrase !== phrase) this.measured = this.measure(ctx, phrase);
		const { texts, space, widths, total, scale } = this.measured;
		// Portrait: the lower middle, where vertical-video captions sit; wider frames: nearer the
		// bottom, below the characters' faces.
		const y = this.height * (this.height > this.width ? 0.72 : 0.85);
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
