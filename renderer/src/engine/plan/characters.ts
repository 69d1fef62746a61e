/**
 * Character profiles. A character id fixes everything about how the character looks and sounds:
 * the random choices are drawn from a stream seeded by the id alone (not the render's seed), so
 * the same id is the same person in every shot and every render. Words in the description
 * ("tall", "red jacket", "curly black hair") override those draws, and explicit `look` / `voice`
 * fields override the words.
 */
import type { Character } from '../../spec/renderSpec';
import type { CameoAsset } from '../../pipeline/render';
import type {
	AnimalLook,
	AnimalSpecies,
	CharacterLook,
	CharacterProfile,
	VoiceProfile,
	Warning,
} from '../storyboard';
import {
	ACCENT_WORDS,
	ANIMALS,
	ANIMAL_COATS,
	GARMENT_SHAPES,
	findTerms,
	BUILD_WORDS,
	CHARACTER_NOUNS,
	COLOURS,
	GARMENT_WORDS,
	HAIR_STYLE_WORDS,
	HEIGHT_WORDS,
	SKIN_WORDS,
} from '../vocabulary';
import { SeededRandom, seedFrom } from './seededRandom';
import { INTELLIGIBLE_PITCH, intelligiblePitch } from '../voice/voiceCatalog';

const SKIN_TONES = [
	'#f3d9c6',
	'#eac4a5',
	'#d9a47f',
	'#c68c64',
	'#a86e4a',
	'#8d5a3b',
	'#6b4330',
	'#4f3122',
];
const HAIR_COLOURS = [
	'#1b1b1f',
	'#3b2618',
	'#5a3a22',
	'#8a5a2e',
	'#c4622d',
	'#e3c27a',
	'#7d7f86',
	'#2a2a3a',
];
const OUTFIT_COLOURS = [
	'#c8283c',
	'#2f5fd0',
	'#2e9e5b',
	'#e8772e',
	'#7a3fb8',
	'#1e8c8c',
	'#f2c230',
	'#e86aa6',
	'#1d2b5a',
	'#eeeeea',
];
const EYE_COLOURS = ['#3b2618', '#2f5fd0', '#2e7a4b', '#5a3a22', '#1b1b1f'];
const HAIR_STYLES: CharacterLook['hairStyle'][] = [
	'short',
	'long',
	'curly',
	'bun',
	'ponytail',
	'short',
	'long',
];

/**
 * Built-in voices by the speaker they suit (ids of engine/voice's catalog, which falls back to a
 * built-in voice when one is missing on a machine). flite's 8 kHz "kal" is left out: it sounds
 * like a telephone.
 */
export const BUILT_IN_VOICES = {
	female: ['festival:slt', 'flite:slt'],
	male: ['flite:rms', 'flite:awb'],
} as const;

type Gender = 'female' | 'male' | 'neutral';

const FEMALE_WORDS = [
	'woman',
	'girl',
	'she',
	'her',
	'lady',
	'female',
	'mother',
	'sister',
	'mom',
	'daughter',
	'queen',
	'grandma',
];
const MALE_WORDS = [
	'man',
	'boy',
	'he',
	'his',
	'him',
	'guy',
	'male',
	'father',
	'brother',
	'dad',
	'son',
	'king',
	'grandpa',
];

function words(text: string): string[] {
	return text
		.toLowerCase()
		.replace(/['\u2019]s\b/g, '')
		.replace(/[^a-z0-9\- ]+/g, ' ')
		.split(/[\s]+/)
		.filter(Boolean);
}

function genderOf(character: Character): Gender {
	const ws = words(
		`${character.id.replace(/[-_]/g, ' ')} ${character.name ?? ''} ${character.description ?? ''}`,
	);
	const female = ws.filter((w) => FEMALE_WORDS.includes(w)).length;
	const male = ws.filter((w) => MALE_WORDS.includes(w)).length;
	if (female > male) return 'female';
	if (male > female) return 'male';
	const noun = ws.find((w) => CHARACTER_NOUNS[w]);
	return noun ? CHARACTER_NOUNS[noun].gender : 'neutral';
}

/** Reads look words out of a free-text description. A colour applies to the noun right after it. */
function lookFromDescription(description: string): Partial<CharacterLook> {
	const ws = words(description);
	const look: Partial<CharacterLook> = {};
	for (let i = 0; i < ws.length; i++) {
		const w = ws[i];
		// The noun a colour/adjective describes: the next word, or the one after ("red leather jacket").
		const next = [ws[i + 1], ws[i + 2]].filter(Boolean);
		const describes = (nouns: string[]) => next.some((n) => nouns.includes(n));
		if (COLOURS[w]) {
			if (describes(['hair'])) look.hair = COLOURS[w];
			else if (describes(GARMENT_WORDS)) look.outfit = COLOURS[w];
			else if (describes(ACCENT_WORDS)) look.accent = COLOURS[w];
			else if (describes(['eyes', 'eyed'])) look.eyes = COLOURS[w];
			else if (['blonde', 'blond', 'ginger', 'auburn'].includes(w)) look.hair = COLOURS[w];
		}
		if (HAIR_STYLE_WORDS[w] && (describes(['hair', 'hairstyle']) || !['short', 'long'].includes(w)))
			look.hairStyle = HAIR_STYLE_WORDS[w];
		if (SKIN_WORDS[w] && (describes(['skin', 'skinned', 'complexion']) || w === 'pale'))
			look.skin = SKIN_WORDS[w];
		if (/^(pale|fair|light|olive|tan|brown|dark|deep)-skinned$/.test(w))
			look.skin = SKIN_WORDS[w.split('-')[0]];
		if (HEIGHT_WORDS[w] !== undefined && !describes(['hair', 'hairstyle', 'sleeves', 'skirt']))
			look.height = HEIGHT_WORDS[w];
		if (BUILD_WORDS[w] !== undefined) look.build = BUILD_WORDS[w];
		if (GARMENT_SHAPES[w]) look.garment = GARMENT_SHAPES[w];
	}
	return look;
}

/** Coats an animal gets when the words say nothing about it, by species (drawn from the id). */
const DEFAULT_COATS: Record<AnimalSpecies, Array<[string, string, AnimalLook['pattern']]>> = {
	dog: [
		['#c98a3a', '#f1e6d6', 'tuxedo'],
		['#5a3a22', '#f1e6d6', 'tuxedo'],
		['#1b1b1f', '#f1e6d6', 'tuxedo'],
		['#d9a441', '#e8c27a', 'solid'],
		['#f0ebe0', '#6b4226', 'patches'],
	],
	cat: [
		['#1b1b1f', '#f4f1ea', 'tuxedo'],
		['#b88a5a', '#5a3a22', 'stripes'],
		['#8d9099', '#5f626b', 'stripes'],
		['#d9822b', '#a85a1a', 'stripes'],
	],
	bird: [
		['#6b7a8f', '#e8e2d8', 'solid'],
		['#8a5a3a', '#e8d8c0', 'solid'],
		['#f4f1ea', '#9aa3ad', 'solid'],
	],
	horse: [
		['#6b4226', '#1b1b1f', 'solid'],
		['#8a5a2e', '#3b2618', 'solid'],
		['#1b1b1f', '#1b1b1f', 'solid'],
		['#e8e2d8', '#b8b0a0', 'solid'],
	],
	deer: [
		['#a8743f', '#f4ead8', 'solid'],
		['#8a5a30', '#f0e4d0', 'solid'],
		['#b98a52', '#f7efe0', 'solid'],
	],
	fish: [
		['#f08a24', '#f7c26b', 'solid'],
		['#d94a2a', '#f4f1ea', 'patches'],
		['#8a9aa8', '#d8e0e6', 'solid'],
	],
};
const YOUNG = new Set([
	'puppy',
	'puppies',
	'pup',
	'pups',
	'kitten',
	'kittens',
	'foal',
	'colt',
	'fawn',
	'fawns',
	'pony',
	'ponies',
]);
const SIZE_WORDS: Record<string, number> = {
	tiny: 0.5,
	small: 0.75,
	little: 0.75,
	big: 1.15,
	large: 1.15,
	huge: 1.3,
	giant: 1.35,
};

/**
 * An animal's look when the character is an animal — its id names one ("puppy", "horse-2"), or
 * its description does and names no person — from breed and colour words ("a dalmatian", "a black
 * cat", "a brown dog with white patches"); else undefined.
 */

const SPACESUIT = { outfit: '#e6eaed', accent: '#c62828' } as const;
export function animalOf(character: Character, random: SeededRandom): AnimalLook | undefined {
	const idWords = character.id.replace(/-\d+$/, '').replace(/[-_]/g, ' ');
	const description = character.description ?? '';
	const named = findTerms(ANIMALS, idWords)[0] ?? findTerms(ANIMALS, description)[0];
	if (!named) return undefined;
	const ws = words(`${idWords} ${description}`);
	if (!findTerms(ANIMALS, idWords).length && ws.some((w) => CHARACTER_NOUNS[w])) return undefined;
	const species = named.id;
	const [coat, markings, pattern] = random.pick(DEFAULT_COATS[species]);
	const look: AnimalLook = {
		species,
		coat,
		markings,
		pattern,
		ears: species === 'dog' ? 'floppy' : 'pointed',
		size: 1,
	};
	const text = ` ${ws.join(' ')} `;
	let patternSaid = false;
	// Breeds and marking words (longest first: "german shepherd" before "shepherd").
	for (const key of Object.keys(ANIMAL_COATS).sort((a, b) => b.length - a.length)) {
		if (!text.includes(` ${key} `)) continue;
		const known = ANIMAL_COATS[key];
		look.coat = known.coat;
		look.markings = known.markings;
		look.pattern = known.pattern;
		patternSaid = true;
		if (known.ears) look.ears = known.ears;
		break;
	}
	// Colours: one before spots/patches/stripes colours the markings, any other the coat.
	for (let i = 0; i < ws.length; i++) {
		const colour = COLOURS[ws[i]];
		if (!colour) continue;
		const next = ws[i + 1] ?? '';
		if (/^(spots|spotted|patches|stripes|markings|paws|chest|socks)$/.test(next)) {
			look.markings = colour;
			if (next === 'spots' || next === 'spotted') look.pattern = 'spots';
			else if (next === 'patches') look.pattern = 'patches';
			else if (next === 'stripes') look.pattern = 'stripes';
			else look.pattern = 'tuxedo';
			patternSaid = true;
		} else {
			look.coat = colour;
			// A coat named in one colour is that colour all over unless markings are named too.
			if (!patternSaid) look.pattern = 'solid';
		}
	}
	if (ws.some((w) => YOUNG.has(w))) look.size = species === 'horse' ? 0.7 : 0.58;
	for (const w of ws) if (SIZE_WORDS[w]) look.size *= SIZE_WORDS[w];
	if (ws.includes('floppy')) look.ears = 'floppy';
	if (ws.includes('pointy') || ws.includes('pointed')) look.ears = 'pointed';
	return look;
}

export interface ProfileResult {
	profile: CharacterProfile;
	gender: Gender;
	/** Whether the voice pitch was chosen by the planner (so it may be moved apart from a similar voice). */
	pitchChosen: boolean;
	/** Whether the voice itself was chosen by the planner (so another may be given when pitches run out). */
	voiceChosen: boolean;
}

export function profileCharacter(
	character: Character,
	index: number,
	cameos: ReadonlyMap<string, CameoAsset>,
	warnings: Warning[],
): ProfileResult {
	const random = new SeededRandom(seedFrom('character', character.id));
	const gender = genderOf(character);
	const drawn: CharacterLook = {
		skin: random.pick(SKIN_TONES),
		hair: random.pick(HAIR_COLOURS),
		hairStyle: random.pick(HAIR_STYLES),
		outfit: random.pick(OUTFIT_COLOURS),
		accent: random.pick(OUTFIT_COLOURS),
		eyes: random.pick(EYE_COLOURS),
		height: Math.round(random.between(0.94, 1.06) * 100) / 100,
		build: Math.round(random.between(0.92, 1.08) * 100) / 100,
	};
	if (drawn.accent === drawn.outfit)
		drawn.accent =
			OUTFIT_COLOURS[(OUTFIT_COLOURS.indexOf(drawn.outfit) + 3) % OUTFIT_COLOURS.length];
	const nounHeight = words(`${character.id.replace(/[-_]/g, ' ')} ${character.description ?? ''}`)
		.map((w) => CHARACTER_NOUNS[w]?.height)
		.find((h) => h !== undefined);
	const explicit = Object.fromEntries(
		Object.entries(character.look ?? {}).filter(([, v]) => v !== undefined),
	) as Partial<CharacterLook>;
	const nounGarment = words(`${character.id.replace(/[-_]/g, ' ')} ${character.description ?? ''}`)
		.map((w) => CHARACTER_NOUNS[w]?.garment)
		.find((g) => g !== undefined);
	const described = lookFromDescription(character.description ?? '');
	const look: CharacterLook = {
		...drawn,
		...(nounHeight ? { height: nounHeight } : {}),
		...(nounGarment ? { garment: nounGarment } : {}),
		// A spacesuit is white (with a red patch) unless the words give it a colour.
		...((described.garment ?? nounGarment) === 'spacesuit' ? SPACESUIT : {}),
		...described,
		...explicit,
	};
	if (
		character.look?.hairStyle !== undefined &&
		!Object.values(HAIR_STYLE_WORDS).includes(
			character.look.hairStyle as CharacterLook['hairStyle'],
		)
	) {
		const nearest = HAIR_STYLE_WORDS[character.look.hairStyle.toLowerCase()] ?? drawn.hairStyle;
		warnings.push({
			path: `/characters/${index}/look/hairStyle`,
			term: character.look.hairStyle,
			message: `hair style "${character.look.hairStyle}" is not drawn; using "${nearest}"`,
		});
		look.hairStyle = nearest;
	}

	const pool =
		gender === 'female'
			? BUILT_IN_VOICES.female
			: gender === 'male'
				? BUILT_IN_VOICES.male
				: [...BUILT_IN_VOICES.female, ...BUILT_IN_VOICES.male];
	const drawnName = random.pick(pool);
	const [low, high] = intelligiblePitch(drawnName);
	const drawnVoice: VoiceProfile = {
		voice: drawnName,
		// Inside the range a recogniser still follows for this voice (voiceCatalog.ts).
		pitch: Math.round((low + (high - low) * random.between(0, 1)) * 10) / 10,
		rate: Math.round(random.between(0.95, 1.08) * 100) / 100,
	};
	let cameo: CharacterProfile['cameo'];
	let baseVoice = drawnVoice;
	if (character.cameoId) {
		const asset = cameos.get(character.cameoId);
		if (asset) {
			cameo = { id: asset.id, cutoutPath: asset.cutoutPath };
			// The owner's cloned voice when they consented to it, with the voice measured from their
			// recording to fall back on where the cloning provider is not configured.
			baseVoice = asset.clonedVoice
				? {
						voice: asset.clonedVoice,
						pitch: 0,
						rate: 1,
						clonedFor: asset.id,
						fallback: { ...asset.voice },
					}
				: { ...asset.voice };
		} else {
			warnings.push({
				path: `/characters/${index}/cameoId`,
				term: character.cameoId,
				message: `cameo "${character.cameoId}" was not resolved for this render; the character is drawn without it`,
			});
		}
	}
	const voice: VoiceProfile = {
		voice: character.voice?.voice ?? baseVoice.voice,
		pitch: character.voice?.pitch ?? baseVoice.pitch,
		rate: character.voice?.rate ?? baseVoice.rate,
		...((character.voice?.timbre ?? baseVoice.timbre)
			? { timbre: character.voice?.timbre ?? baseVoice.timbre }
			: {}),
		// Only the cameo's own voice is marked as the clone: a spec naming another voice gets that one.
		...(baseVoice.clonedFor && character.voice?.voice === undefined
			? { clonedFor: baseVoice.clonedFor, fallback: baseVoice.fallback }
			: {}),
	};
	// Only where the range was measured: a warning must be a finding, not a guess.
	if (character.voice?.pitch !== undefined && INTELLIGIBLE_PITCH[voice.voice]) {
		const [lo, hi] = intelligiblePitch(voice.voice);
		if (voice.pitch < lo || voice.pitch > hi)
			warnings.push({
				path: `/characters/${index}/voice/pitch`,
				term: String(voice.pitch),
				message: `pitch ${voice.pitch} on ${voice.voice} is outside ${lo}..${hi} semitones, the range in which speech recognition still follows this voice; the lines may be hard to understand`,
			});
	}
	const animal = animalOf(character, new SeededRandom(seedFrom('animal', character.id)));
	const profile: CharacterProfile = {
		id: character.id,
		name: character.name ?? titleCase(character.id),
		look,
		voice,
		...(cameo ? { cameo } : {}),
		...(animal ? { animal } : {}),
	};
	return {
		profile,
		gender,
		pitchChosen: character.voice?.pitch === undefined && !cameo,
		voiceChosen: character.voice?.voice === undefined && !cameo,
	};
}

function titleCase(id: string): string {
	return id.replace(/[-_]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

/**
 * Two characters on the same voice must still sound like two people: planner-chosen pitches of a
 * shared voice are spread at least 3 semitones apart, inside the voice's intelligible range; when
 * that range has no room left, a character whose voice the planner chose gets another voice of its
 * kind (festival's and flite's female voices, flite's two male voices).
 */
export function separateVoices(results: ProfileResult[]): void {
	const taken = new Map<string, number[]>();
	const take = (voice: string, pitch: number) =>
		taken.set(voice, [...(taken.get(voice) ?? []), pitch]);
	// Fixed pitches (given by the spec or a cameo) are claimed first.
	for (const r of results.filter((x) => !x.pitchChosen))
		take(r.profile.voice.voice, r.profile.voice.pitch);
	const fits = (voice: string, pitch: number) =>
		(taken.get(voice) ?? []).every((t) => Math.abs(t - pitch) >= 3);
	const slot = (voice: string, preferred: number): number | undefined => {
		const [lo, hi] = intelligiblePitch(voice);
		const candidates = [preferred, hi, lo, (lo + hi) / 2, hi - 3, lo + 3].filter(
			(p) => p >= lo - 1e-9 && p <= hi + 1e-9,
		);
		return candidates.find((p) => fits(voice, p));
	};
	const chosen = results.filter((x) => x.pitchChosen);
	const sharing = (voice: string) => chosen.filter((x) => x.profile.voice.voice === voice).length;
	for (const r of chosen) {
		const voice = r.profile.voice;
		// Alone on its voice, a character keeps the pitch it drew; sharing, the range's ends go first.
		const [lo, hi] = intelligiblePitch(voice.voice);
		const pitch =
			slot(voice.voice, sharing(voice.voice) > 1 ? hi : voice.pitch) ?? slot(voice.voice, lo);
		if (pitch !== undefined) {
			voice.pitch = pitch;
			take(voice.voice, pitch);
			continue;
		}
		const pool =
			r.gender === 'female'
				? BUILT_IN_VOICES.female
				: r.gender === 'male'
					? BUILT_IN_VOICES.male
					: [...BUILT_IN_VOICES.female, ...BUILT_IN_VOICES.male];
		const other = r.voiceChosen
			? pool
					.filter((v) => v !== voice.voice)
					.map((v) => ({ v, p: slot(v, intelligiblePitch(v)[1]) }))
					.find((c) => c.p !== undefined)
			: undefined;
		if (other) {
			voice.voice = other.v;
			voice.pitch = other.p!;
		}
		take(voice.voice, voice.pitch);
	}
}
