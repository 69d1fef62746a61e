/**
 * The planner: a validated RenderSpec becomes a Storyboard, the hand-off every later stage of the
 * local engine reads. Deterministic: the same spec (seed included) always gives the same plan.
 */
import { shotSeconds } from '../../spec/narration';
import type { Character, RenderSpec, TimedShot } from '../../spec/renderSpec';
import type { CameoAsset } from '../../pipeline/render';
import type {
	PlannedShot,
	SettingId,
	StoryDraft,
	StyleId,
	Storyboard,
	VoiceProfile,
	Warning,
} from '../storyboard';
import {
	MOOD_TEMPO,
	MUSIC_MOOD_TERMS,
	SETTINGS,
	STYLE_TERMS,
	findTerms,
	lookupTerm,
	nearestTerm,
} from '../vocabulary';
import { BUILT_IN_VOICES, profileCharacter, separateVoices } from './characters';
import { frameSpans } from './frames';
import { animalsFromPrompt, isAnimal, performerFromPrompt } from './cast';
import { charactersFromPrompt, shotsFromPrompt } from './promptShots';
import { planShot, storySubject } from './shot';
import { SeededRandom } from './seededRandom';

export interface PlanOptions {
	cameos: ReadonlyMap<string, CameoAsset>;
	/** Shots a storyboard writer (a language model) wrote for a prompt-only spec at admission. */
	story?: StoryDraft;
}

const DEFAULT_PROMPT_SECONDS = 16;

export function plan(spec: RenderSpec, opts: PlanOptions): Storyboard {
	const warnings: Warning[] = [];
	const promptOnly = spec.shots.length === 0;
	const written = promptOnly && opts.story?.shots?.length ? opts.story : undefined;
	const specCharacters: Character[] =
		spec.characters.length || !promptOnly || !spec.prompt
			? spec.characters
			: (written?.characters ?? castFromPrompt(spec.prompt));
	const shots: TimedShot[] = (
		promptOnly
			? (written?.shots ??
				shotsFromPrompt(spec.prompt ?? '', spec.durationSeconds ?? DEFAULT_PROMPT_SECONDS))
			: spec.shots
	).map((s) => ({ ...s, duration: shotSeconds(s) }));

	const profiled = specCharacters.map((c, i) => profileCharacter(c, i, opts.cameos, warnings));
	separateVoices(profiled);
	const characters = profiled.map((p, i) => {
		const description = specCharacters[i].description?.trim();
		return description ? { ...p.profile, description } : p.profile;
	});
	const cast = specCharacters.map((c, i) => ({
		id: c.id,
		// A character is named in text by its id, its name, or (for prompt-made ones) its noun.
		words: [
			...new Set(
				[
					c.id,
					c.id.replace(/[-_]+/g, ' '),
					...(c.name ? [c.name] : []),
					...(promptOnly && !c.name ? nounForms(c.id.replace(/-\d+$/, '')) : []),
				].map((w) => w.toLowerCase()),
			),
		],
		rate: characters[i].voice.rate,
		animal: characters[i].animal !== undefined,
	}));

	const { spans, totalFrames } = frameSpans(
		shots.map((s) => s.duration),
		spec.output.fps,
	);
	const allText = [spec.prompt ?? '', ...shots.map((s) => s.prompt)].join(' ');
	const fallbackSetting: SettingId = findTerms(SETTINGS, allText)[0]?.id ?? 'studio';
	const random = new SeededRandom(spec.seed ?? 0);
	const planned: PlannedShot[] = [];
	let subject: string[] = [];
	shots.forEach((shot, index) => {
		const context = { cast, subject };
		subject = storySubject(shot, context);
		const planShotResult = planShot(shot, {
			...context,
			index,
			span: spans[index],
			pathOf: (field) => (promptOnly ? '/prompt' : `/shots/${index}/${field}`),
			previous: planned[index - 1],
			fallbackSetting,
			random,
			warnings,
		});
		if (planShotResult.frameCount === 0) {
			warnings.push({
				path: promptOnly ? '/durationSeconds' : `/shots/${index}/duration`,
				term: String(shot.duration),
				message: `the shot is shorter than one frame at ${spec.output.fps} fps and is not shown`,
			});
		}
		planned.push(planShotResult);
	});

	return {
		width: spec.output.width,
		height: spec.output.height,
		fps: spec.output.fps,
		quality: spec.output.quality,
		seed: spec.seed ?? 0,
		style: planStyle(spec.style, warnings),
		durationSeconds: totalFrames / spec.output.fps,
		totalFrames,
		characters,
		shots: planned,
		music: planMusic(spec, allText, warnings),
		...(spec.audio.voiceover?.text
			? { voiceover: { text: spec.audio.voiceover.text, voice: voiceoverVoice(spec) } }
			: {}),
		ducking: {
			enabled: spec.audio.ducking?.enabled ?? true,
			amountDb: spec.audio.ducking?.amountDb ?? 12,
			...(spec.audio.ducking?.clearanceDb !== undefined
				? { clearanceDb: spec.audio.ducking.clearanceDb }
				: {}),
		},
		loudnessLufs: spec.audio.loudnessLufs ?? -14,
		captions: { burnIn: spec.captions?.burnIn ?? false },
		watermark: {
			enabled: spec.watermark?.enabled ?? true,
			text: spec.watermark?.text ?? 'AI-generated · Reelforge',
		},
		warnings,
		planner: opts.story?.planner ?? { name: 'rules' },
	};
}

/** The people a prompt names, the animals it names, and a performer for a feat nobody is named for. */
export function castFromPrompt(prompt: string): Character[] {
	// A capitalised animal at the start of a sentence ("Birds fly ...") is not a person's name.
	const people = charactersFromPrompt(prompt).filter((c) => !isAnimal(c));
	const animals = animalsFromPrompt(prompt, Math.max(0, 4 - people.length));
	const cast = [...people, ...animals];
	const performer = performerFromPrompt(prompt, cast);
	return performer ? [performer, ...cast].slice(0, 4) : cast;
}

/** A prompt-made character's noun as the text may say it: "seagull", "seagulls", "puppies". */
function nounForms(noun: string): string[] {
	const plural = /(s|x|z|ch|sh)$/.test(noun)
		? `${noun}es`
		: /[^aeiou]y$/.test(noun)
			? `${noun.slice(0, -1)}ies`
			: `${noun}s`;
	return [noun, plural];
}

function planStyle(style: string, warnings: Warning[]): StyleId {
	const known = lookupTerm(STYLE_TERMS, style);
	if (known) return known;
	const near = nearestTerm(STYLE_TERMS, style);
	const chosen = near.distance <= 3 ? near.id : 'cinematic';
	warnings.push({
		path: '/style',
		term: style,
		message: `style "${style}" is not available; using "${chosen}"`,
	});
	return chosen;
}

function planMusic(spec: RenderSpec, allText: string, warnings: Warning[]): Storyboard['music'] {
	const music = spec.audio.music;
	let mood: string;
	if (music?.mood !== undefined) {
		const known = lookupTerm(MUSIC_MOOD_TERMS, music.mood);
		const near = nearestTerm(MUSIC_MOOD_TERMS, music.mood);
		mood = known ?? (near.distance <= 2 ? near.id : 'upbeat');
		if (!known)
			warnings.push({
				path: '/audio/music/mood',
				term: music.mood,
				message: `music mood "${music.mood}" is not known; using "${mood}"`,
			});
	} else {
		mood = findTerms(MUSIC_MOOD_TERMS, allText)[0]?.id ?? 'upbeat';
	}
	return {
		enabled: music?.enabled ?? true,
		mood,
		tempo: music?.tempo ?? MOOD_TEMPO[mood] ?? 110,
		volume: music?.volume ?? 0.35,
		...(music?.source
			? {
					track: {
						source: music.source.url
							? { url: music.source.url }
							: { uploadId: music.source.uploadId! },
						start: music.start ?? 0,
						loop: music.loop ?? true,
						fadeInSeconds: music.fadeInSeconds ?? 0.5,
						fadeOutSeconds: music.fadeOutSeconds ?? 1.5,
					},
				}
			: {}),
	};
}

export function voiceoverVoice(spec: RenderSpec): VoiceProfile {
	const v = spec.audio.voiceover?.voice;
	return { voice: v?.voice ?? BUILT_IN_VOICES.male[0], pitch: v?.pitch ?? 0, rate: v?.rate ?? 1 };
}
