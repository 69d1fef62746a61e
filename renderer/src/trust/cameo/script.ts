/**
 * The randomised reading script of a cameo registration: nonce words drawn at random from a
 * vocabulary of distinct, easily told apart words, so a recording made earlier (or of someone
 * else) cannot be replayed. Every word is in pocketsphinx's en-us dictionary.
 */
import { randomInt } from 'node:crypto';

export const SCRIPT_VOCABULARY = [
	'apple',
	'river',
	'seven',
	'garden',
	'purple',
	'window',
	'yellow',
	'orange',
	'monkey',
	'pencil',
	'rocket',
	'silver',
	'candle',
	'dolphin',
	'tiger',
	'button',
	'coffee',
	'basket',
	'jacket',
	'hammer',
	'island',
	'lemon',
	'marble',
	'melon',
	'ocean',
	'panda',
	'pepper',
	'pillow',
	'rabbit',
	'salad',
	'sugar',
	'tomato',
	'turtle',
	'violin',
	'wagon',
	'zebra',
	'doctor',
	'engine',
	'forest',
	'guitar',
] as const;

export interface ReadingScript {
	words: string[];
	/** What the person is shown: the words in order. */
	text: string;
}

export function randomScript(count = 6): ReadingScript {
	const pool = [...SCRIPT_VOCABULARY];
	const words: string[] = [];
	for (let i = 0; i < count; i++) words.push(pool.splice(randomInt(pool.length), 1)[0]);
	return { words, text: words.join(' ') };
}

/** Share of the script's words heard in order (longest common subsequence / script length). */
export function scriptMatch(script: string[], heard: string[]): number {
	const table = Array.from({ length: script.length + 1 }, () =>
		new Array<number>(heard.length + 1).fill(0),
	);
	for (let i = 1; i <= script.length; i++) {
		for (let j = 1; j <= heard.length; j++) {
			table[i][j] =
				script[i - 1] === heard[j - 1]
					? table[i - 1][j - 1] + 1
					: Math.max(table[i - 1][j], table[i][j - 1]);
		}
	}
	return script.length ? table[script.length][heard.length] / script.length : 0;
}
