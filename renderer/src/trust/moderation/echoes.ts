/**
 * The antisemitic "echo": a name or a group wrapped in triple parentheses ("(((globalists)))",
 * "(((them)))") marks the people inside as Jewish. Normalisation drops the brackets, so the echo is
 * read from the text as written. Image prompts wrap words in the same brackets for emphasis
 * ("(((masterpiece)))", "(((best quality)))"), so only an echo around people counts: a group word,
 * a pronoun for people, or the words the conspiracy trope aims it at (bankers, the media).
 */
import { normaliseTerm } from './normalize';

const ECHO = /\({3,}\s*([^()]{1,60}?)\s*\){3,}/g;

/** Whom an echo is aimed at: the trope's targets and the pronouns that stand for a group. */
const ECHO_TARGET =
	/^(?:globalists?|bankers?|banksters?|financiers?|elites?|media|journalists?|hollywood|zionists?|jews?|cosmopolitans?|neocons?|rothschilds?|soros|they|them|their|juden|judios|juifs|judeus)$/;

/**
 * The echoes in a text whose inside names people, as written. `isGroup` says whether normalised
 * words name a protected group in the word lists.
 */
export function echoesIn(text: string, isGroup: (words: string[]) => boolean): string[] {
	const found: string[] = [];
	for (const match of text.matchAll(ECHO)) {
		const words = normaliseTerm(match[1]);
		if (words.length > 0 && (words.some((w) => ECHO_TARGET.test(w)) || isGroup(words)))
			found.push(match[0]);
	}
	return found;
}
