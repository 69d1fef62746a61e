/** The language packs the text rules load: English, Spanish, French, German, Portuguese. */
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { pt } from './pt';
import type { LanguagePack } from './types';

export const LANGUAGE_PACKS: LanguagePack[] = [en, es, fr, de, pt];
export { CONCEPTS, type Concept, type LanguagePack, type Lexicon, type LexiconTerm } from './types';
