/**
 * The hand-off types of the local engine. The planner produces a Storyboard; synthesis turns it
 * into speech and physics; composition turns all of it into frames and one mixed audio file; the
 * encoder turns that into an MP4. Each stage reads only these types, never another stage's internals.
 *
 * Times are seconds from the start of the video unless a field says otherwise; frames are 0-based.
 */
import type { PlannerRecord } from '../spec/coverage';
import type { Quality } from '../spec/renderSpec';
import type { StoryDraft, VoiceProfile, Warning } from '../pipeline/render';

// The render contract's types the engine's stages speak, named here too so a stage imports one file.
export type { StoryDraft, VoiceProfile, Warning };

export interface CharacterLook {
	skin: string;
	hair: string;
	hairStyle: 'short' | 'long' | 'curly' | 'bun' | 'bald' | 'ponytail';
	outfit: string;
	accent: string;
	eyes: string;
	/** Relative body height; 1 = average. */
	height: number;
	/** Relative body width; 1 = average. */
	build: number;
	/** What the body wears under `outfit` (absent: a top and trousers). */
	garment?: Garment;
}

/** Clothing shapes the body renderer draws. */
export type Garment =
	| 'trousers'
	| 'shorts'
	| 'dress'
	| 'skirt'
	| 'leotard'
	| 'swimsuit'
	| 'wetsuit'
	| 'spacesuit';

export type AnimalSpecies = 'dog' | 'cat' | 'bird' | 'horse' | 'deer' | 'fish';

/** How an animal character looks (its `look` is then unused). */
export interface AnimalLook {
	species: AnimalSpecies;
	/** Main coat (fur, feathers, scales) colour. */
	coat: string;
	/** Colour of the markings. */
	markings: string;
	/** How the markings lie: spots (dalmatian), patches, a dark saddle, tabby stripes, a white chest. */
	pattern: 'solid' | 'spots' | 'patches' | 'saddle' | 'stripes' | 'tuxedo';
	ears: 'floppy' | 'pointed';
	/** Relative to a grown animal of the species (a puppy is about 0.55). */
	size: number;
}

export interface CharacterProfile {
	id: string;
	name: string;
	look: CharacterLook;
	voice: VoiceProfile;
	/** The words the look was read from (the spec's description, or the prompt's words around the character). */
	description?: string;
	/** When the character is a consented cameo: the person cut-out (PNG with alpha) drawn in place of the stylised body's head. */
	cameo?: { id: string; cutoutPath: string };
	/** Present when the character is an animal (it is drawn and moves as that species, and does not speak). */
	animal?: AnimalLook;
}

export type SettingId =
	| 'city-night'
	| 'beach'
	| 'forest'
	| 'mountains'
	| 'gym'
	| 'studio'
	| 'space'
	| 'room'
	| 'lake'
	| 'pool'
	| 'river'
	| 'yard'
	| 'gymnastics';
export type TimeOfDay = 'dawn' | 'day' | 'dusk' | 'night';
export type Weather = 'clear' | 'rain' | 'snow' | 'fog';
export type CameraMove =
	| 'static'
	| 'pan-left'
	| 'pan-right'
	| 'tilt-up'
	| 'tilt-down'
	| 'dolly-in'
	| 'dolly-out'
	| 'orbit'
	| 'handheld';
export type Easing = 'linear' | 'ease-in' | 'ease-out' | 'ease-in-out';
export type Transition = 'cut' | 'crossfade' | 'whip-pan';
export type StyleId = 'cinematic' | 'anime' | 'documentary' | 'neon' | 'painted';
export type ActionId =
	| 'idle'
	| 'walk'
	| 'gesture'
	| 'talk'
	| 'wave'
	| 'jump'
	| 'shoot'
	| 'sit'
	| 'run'
	| 'backflip'
	| 'handspring'
	| 'cartwheel'
	| 'beam-routine'
	| 'surf'
	| 'skateboard'
	| 'dribble'
	| 'dance'
	| 'build'
	| 'volley'
	| 'fly'
	| 'swim'
	| 'kick'
	| 'throw-snowball'
	| 'cycle'
	| 'play-guitar'
	| 'flip-pancake'
	| 'plant-flag'
	| 'dive'
	| 'drink';
export type PhysicsSceneId =
	| 'basketball'
	| 'stack'
	| 'plank'
	| 'water'
	| 'balance-beam'
	| 'floating-plank'
	| 'volleyball'
	| 'surf';

export interface Placement {
	character: string;
	/** Horizontal position across the frame, 0 (left) .. 1 (right). */
	x: number;
	facing: 'left' | 'right';
}

export interface PlannedAction {
	character: string;
	action: ActionId;
	/** Seconds from the start of the shot. */
	at: number;
}

export interface PlannedLine {
	character: string;
	text: string;
	/** Seconds from the start of the shot. */
	at: number;
}

export interface PlannedCue {
	cue: string;
	/** Seconds from the start of the shot. */
	at: number;
	duration: number;
	volume: number;
}

export interface PlannedShot {
	index: number;
	id: string;
	prompt: string;
	startSeconds: number;
	duration: number;
	startFrame: number;
	frameCount: number;
	setting: SettingId;
	timeOfDay: TimeOfDay;
	/**
	 * The clock, 0–24, at the shot's first frame: the sun's height and the sky's colours follow it.
	 * Absent: the middle of `timeOfDay` (dawn 6.5, day 13, dusk 19, night 23).
	 */
	hour?: number;
	/** The clock at the shot's last frame, when the light moves during the shot (a sunset). */
	hourEnd?: number;
	weather: Weather;
	/** Ground covered with snow (absent: snow lies wherever it is snowing outdoors). */
	groundCover?: 'snow' | 'none';
	camera: { move: CameraMove; easing: Easing; intensity: number };
	/** How this shot begins after the previous one (ignored for the first shot). */
	transition: Transition;
	placements: Placement[];
	actions: PlannedAction[];
	props: string[];
	dialogue: PlannedLine[];
	sfx: PlannedCue[];
	physics?: { scene: PhysicsSceneId; outcome: 'auto' | 'make' | 'miss'; objects: number };
}

export interface MusicTrack {
	source: { url: string } | { uploadId: string };
	/** Seconds into the track where the video starts. */
	start: number;
	loop: boolean;
	fadeInSeconds: number;
	fadeOutSeconds: number;
}

export interface Storyboard {
	width: number;
	height: number;
	fps: number;
	quality: Quality;
	seed: number;
	style: StyleId;
	durationSeconds: number;
	totalFrames: number;
	characters: CharacterProfile[];
	shots: PlannedShot[];
	/** `track`: the user's own music instead of the procedural score (mood and tempo then unused). */
	music: {
		enabled: boolean;
		mood: string;
		tempo: number;
		volume: number;
		track?: MusicTrack;
	};
	voiceover?: { text: string; voice: VoiceProfile };
	/** `clearanceDb`: how far (LU) every bed must sit under each line over its window; the mixer's default when absent. */
	ducking: { enabled: boolean; amountDb: number; clearanceDb?: number };
	loudnessLufs: number;
	captions: { burnIn: boolean };
	watermark: { enabled: boolean; text: string };
	warnings: Warning[];
	/** Which planner wrote the shots (the rules when absent). */
	planner?: PlannerRecord;
}

// ---- synthesis outputs -------------------------------------------------------------------

export interface TimedWord {
	text: string;
	start: number;
	end: number;
}

/** Mouth shapes the character renderer draws. `rest` = closed and relaxed. */
export type Viseme = 'rest' | 'A' | 'E' | 'I' | 'O' | 'U' | 'MBP' | 'FV' | 'L' | 'WQ' | 'etc';

export interface TimedViseme {
	viseme: Viseme;
	start: number;
	end: number;
}

/** One spoken line, rendered to mono PCM, placed on the video's timeline. */
export interface SpeechClip {
	/** Character id, or `voiceover`. */
	speaker: string;
	text: string;
	start: number;
	end: number;
	sampleRate: number;
	/** Mono samples in -1..1. */
	samples: Float32Array;
	words: TimedWord[];
	visemes: TimedViseme[];
}

export interface SpeechTrack {
	clips: SpeechClip[];
}

/** A body's pose at one frame, in scene units (metres, y up) the scene renderer maps to pixels. */
export interface BodyPose {
	id: string;
	kind:
		| 'ball'
		| 'box'
		| 'plank-segment'
		| 'water-column'
		| 'rim'
		| 'backboard'
		| 'ground'
		| 'beam-segment'
		| 'floating-plank'
		| 'volleyball'
		| 'net';
	x: number;
	y: number;
	angle: number;
	/** Half extents for boxes/segments, radius for balls. */
	w: number;
	h: number;
}

export interface ContactEvent {
	/** Absolute frame of the video the contact happens on. */
	frame: number;
	/** Absolute time in seconds (frame / fps). */
	time: number;
	/** Kinetic energy dissipated, joules in scene units; drives loudness. */
	energy: number;
	/** Material pair drives timbre. */
	material:
		| 'rubber-metal'
		| 'rubber-wood'
		| 'rubber-floor'
		| 'wood-wood'
		| 'wood-floor'
		| 'water'
		| 'footstep'
		| 'foot-wood'
		| 'foot-soft'
		| 'hand-ball'
		| 'rubber-sand'
		| 'generic';
	bodies: [string, string];
}

export interface PhysicsTrack {
	shotIndex: number;
	/** The set-piece simulated; absent for a shot whose only physics is its performers' footfalls. */
	scene?: PhysicsSceneId;
	/** Scene units → frame: where the simulation's origin sits and how many pixels a metre is. */
	frames: BodyPose[][];
	contacts: ContactEvent[];
	/** For a shot at a goal: whether it went in. */
	outcome?: 'make' | 'miss';
	/** The world rectangle (metres, y up, ground at y = 0) the set-piece needs on screen; the scene renderer fits it into the frame. */
	view?: { minX: number; maxX: number; minY: number; maxY: number };
}

export interface Synthesis {
	speech: SpeechTrack;
	physics: PhysicsTrack[];
}
