import type { IDataObject } from 'n8n-workflow';

import { frameSize } from '../../shared/helpers/frameSize';

export { frameSize };

/** Replaces `{name}` placeholders with merge-field values; unknown placeholders stay as they are. */
export function fillTemplate(template: string, fields: Record<string, string>): string {
	return template.replace(/\{([A-Za-z_][\w-]*)\}/g, (whole, name: string) =>
		name in fields ? fields[name] : whole,
	);
}

export interface CharacterInput {
	id: string;
	name?: string;
	description?: string;
	cameoId?: string;
	voice?: string;
}

export interface DialogueInput {
	character: string;
	text: string;
}

export interface PromptInput {
	prompt: string;
	style: string;
	durationSeconds: number;
	aspectRatio: string;
	shortEdge: number;
	characters: CharacterInput[];
	dialogue: DialogueInput[];
	extra: {
		quality?: string;
		fps?: number;
		seed?: number;
		provider?: string;
		musicMood?: string;
		burnInCaptions?: boolean;
		voiceover?: string;
	};
	metadata: Record<string, string>;
}

function character(input: CharacterInput): IDataObject {
	const out: IDataObject = { id: input.id };
	if (input.name) out.name = input.name;
	if (input.description) out.description = input.description;
	if (input.cameoId) out.cameoId = input.cameoId;
	if (input.voice) out.voice = { voice: input.voice };
	return out;
}

/**
 * A RenderSpec v1 from the node's fields. Without dialogue it is a prompt-only spec the planner
 * expands; dialogue lines need a shot to live in, so they make one shot of the whole length.
 */
export function buildSpec(input: PromptInput): IDataObject {
	const { width, height } = frameSize(input.aspectRatio, input.shortEdge);
	const output: IDataObject = { width, height };
	if (input.extra.quality) output.quality = input.extra.quality;
	if (input.extra.fps) output.fps = input.extra.fps;
	const spec: IDataObject = {
		version: '1',
		prompt: input.prompt,
		durationSeconds: input.durationSeconds,
		style: input.style,
		output,
	};
	if (input.extra.provider) spec.provider = input.extra.provider;
	if (input.extra.seed !== undefined) spec.seed = input.extra.seed;
	if (input.characters.length) spec.characters = input.characters.map(character);
	if (input.dialogue.length) {
		spec.shots = [
			{
				prompt: input.prompt,
				duration: input.durationSeconds,
				characters: [...new Set(input.dialogue.map((line) => line.character))],
				dialogue: input.dialogue.map((line) => ({ character: line.character, text: line.text })),
			},
		];
	}
	const audio: IDataObject = {};
	if (input.extra.musicMood) audio.music = { enabled: true, mood: input.extra.musicMood };
	if (input.extra.voiceover) audio.voiceover = { text: input.extra.voiceover };
	if (Object.keys(audio).length) spec.audio = audio;
	if (input.extra.burnInCaptions !== undefined)
		spec.captions = { burnIn: input.extra.burnInCaptions };
	if (Object.keys(input.metadata).length) spec.metadata = input.metadata;
	return spec;
}
