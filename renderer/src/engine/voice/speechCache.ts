/**
 * On-disk cache of finished speech (after pitch shift and resampling), keyed by a hash of what
 * determines the sound: text, voice, pitch, rate and the engine version. A remix that changes only
 * the style or the music reuses every line.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VoiceProfile } from '../storyboard';
import type { Utterance } from './utterance';

/** Bump when synthesis output changes for the same inputs, so stale audio is not reused. */
export const SPEECH_ENGINE_VERSION = 'reelforge-speech-3';

/** `provider`: for a remote voice, what besides the voice fixes its audio (endpoint and model). */
export function speechCacheKey(text: string, voice: VoiceProfile, provider?: string): string {
	return createHash('sha256')
		.update(
			JSON.stringify({
				v: SPEECH_ENGINE_VERSION,
				text,
				voice: voice.voice,
				pitch: voice.pitch,
				rate: voice.rate,
				timbre: voice.timbre ?? 0,
				...(provider ? { provider } : {}),
			}),
		)
		.digest('hex')
		.slice(0, 32);
}

interface CachedMeta {
	sampleRate: number;
	words: Utterance['words'];
	phones: Utterance['phones'];
}

export function readCachedSpeech(cacheDir: string, key: string): Utterance | undefined {
	const base = join(cacheDir, 'speech', key);
	if (!existsSync(`${base}.json`) || !existsSync(`${base}.f32`)) return undefined;
	try {
		const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as CachedMeta;
		const bytes = readFileSync(`${base}.f32`);
		const samples = new Float32Array(bytes.length / 4);
		new Uint8Array(samples.buffer).set(bytes.subarray(0, samples.length * 4));
		return { ...meta, samples };
	} catch {
		return undefined; // A torn or foreign file is a miss, never an error.
	}
}

export function writeCachedSpeech(cacheDir: string, key: string, utterance: Utterance): void {
	const dir = join(cacheDir, 'speech');
	mkdirSync(dir, { recursive: true });
	const base = join(dir, key);
	const meta: CachedMeta = {
		sampleRate: utterance.sampleRate,
		words: utterance.words,
		phones: utterance.phones,
	};
	// Write-then-rename so a concurrent render never reads half a file. Samples first: the JSON marks completeness.
	const tmp = `.${process.pid}.${Date.now()}`;
	writeFileSync(
		`${base}.f32${tmp}`,
		new Uint8Array(
			utterance.samples.buffer,
			utterance.samples.byteOffset,
			utterance.samples.byteLength,
		),
	);
	renameSync(`${base}.f32${tmp}`, `${base}.f32`);
	writeFileSync(`${base}.json${tmp}`, JSON.stringify(meta));
	renameSync(`${base}.json${tmp}`, `${base}.json`);
}
