/** Small storyboards for the picture tests: tiny frames, short shots, everything explicit. */
import type {
	CharacterProfile,
	PlannedShot,
	SpeechClip,
	Storyboard,
	Synthesis,
} from '../../../src/engine/storyboard';

export const ALICE: CharacterProfile = {
	id: 'alice',
	name: 'Alice',
	look: {
		skin: '#c68642',
		hair: '#1a1a1a',
		hairStyle: 'curly',
		outfit: '#e02020',
		accent: '#ffd700',
		eyes: '#3b2f2f',
		height: 1.05,
		build: 1,
	},
	voice: { voice: 'flite:slt', pitch: 0, rate: 1 },
};
export const BOB: CharacterProfile = {
	id: 'bob',
	name: 'Bob',
	look: {
		skin: '#f1c27d',
		hair: '#8b4513',
		hairStyle: 'short',
		outfit: '#2040e0',
		accent: '#ffffff',
		eyes: '#225522',
		height: 0.95,
		build: 1.1,
	},
	voice: { voice: 'flite:slt', pitch: -3, rate: 1 },
};

export function shot(
	index: number,
	startFrame: number,
	frameCount: number,
	fps: number,
	overrides: Partial<PlannedShot> = {},
): PlannedShot {
	return {
		index,
		id: `shot-${index}`,
		prompt: 'test shot',
		startSeconds: startFrame / fps,
		duration: frameCount / fps,
		startFrame,
		frameCount,
		setting: 'studio',
		timeOfDay: 'day',
		weather: 'clear',
		camera: { move: 'static', easing: 'linear', intensity: 0.5 },
		transition: 'cut',
		placements: [],
		actions: [],
		props: [],
		dialogue: [],
		sfx: [],
		...overrides,
	};
}

export function storyboard(shots: PlannedShot[], overrides: Partial<Storyboard> = {}): Storyboard {
	const fps = overrides.fps ?? 12;
	const totalFrames = shots.reduce((n, s) => Math.max(n, s.startFrame + s.frameCount), 0);
	return {
		width: 180,
		height: 320,
		fps,
		quality: 'draft',
		seed: 42,
		style: 'cinematic',
		durationSeconds: totalFrames / fps,
		totalFrames,
		characters: [ALICE, BOB],
		shots,
		music: { enabled: false, mood: 'calm', tempo: 100, volume: 0.5 },
		ducking: { enabled: true, amountDb: 12 },
		loudnessLufs: -14,
		captions: { burnIn: false },
		watermark: { enabled: false, text: 'AI-generated · Reelforge' },
		warnings: [],
		...overrides,
	};
}

export function speechClip(
	speaker: string,
	start: number,
	end: number,
	overrides: Partial<SpeechClip> = {},
): SpeechClip {
	return {
		speaker,
		text: 'hello there',
		start,
		end,
		sampleRate: 16000,
		samples: new Float32Array(0),
		words: [],
		visemes: [],
		...overrides,
	};
}

export const noSynthesis = (): Synthesis => ({ speech: { clips: [] }, physics: [] });
