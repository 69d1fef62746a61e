/** The language packs the text rules load: English, Spanish, French, German, Portuguese. */
import { CODED_WORDING, type PackAdditions } from './codedWording';
import { de } from './de';
import { EUPHEMISTIC_HARM } from './euphemisticHarm';
import { HARM_MOTIVATION } from './harmMotivation';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { pt } from './pt';
import type { LanguagePack } from './types';

/** A pack with the additions of one language appended to its lists (nothing is replaced). */
function withAdditions(pack: LanguagePack, additions: PackAdditions | undefined): LanguagePack {
	if (!additions) return pack;
	const terms = { ...pack.terms };
	for (const [category, list] of Object.entries(additions.terms ?? {}) as Array<
		[keyof typeof terms, NonNullable<(typeof terms)[keyof typeof terms]>]
	>)
		terms[category] = [...(terms[category] ?? []), ...list];
	const concepts = { ...pack.concepts };
	for (const [concept, list] of Object.entries(additions.concepts ?? {}) as Array<
		[keyof typeof concepts, string[]]
	>)
		concepts[concept] = [...(concepts[concept] ?? []), ...list];
	return {
		...pack,
		terms,
		concepts,
		safePhrases: [...pack.safePhrases, ...(additions.safePhrases ?? [])],
	};
}

/** Every pack's additions, applied in order: the coded wording, then the later classes' wording. */
const ADDITIONS = [CODED_WORDING, HARM_MOTIVATION, EUPHEMISTIC_HARM];

export const LANGUAGE_PACKS: LanguagePack[] = [en, es, fr, de, pt].map((pack) =>
	ADDITIONS.reduce((merged, additions) => withAdditions(merged, additions[pack.language]), pack),
);
export { CONCEPTS, type Concept, type LanguagePack, type Lexicon, type LexiconTerm } from './types';
