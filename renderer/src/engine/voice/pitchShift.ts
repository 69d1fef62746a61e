/**
 * Pitch shift (keeping duration, so word/phone times stay valid), a 70 Hz high-pass and resampling
 * to the mix rate, done by ffmpeg: librubberband for the shift, swresample for the rate.
 * One short ffmpeg process per uncached line; lines are cached afterwards. Also decodes a remote
 * provider's compressed answer (mp3, opus, …) from memory, when it did not send WAV or PCM.
 */
import { spawn } from 'node:child_process';

export const SPEECH_SAMPLE_RATE = 48000;
export const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg';

function runFfmpeg(args: string[], input: Buffer, signal?: AbortSignal): Promise<Buffer> {
	return new Promise<Buffer>((resolve, reject) => {
		const child = spawn(FFMPEG, args, { signal, stdio: ['pipe', 'pipe', 'pipe'] });
		const chunks: Buffer[] = [];
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => chunks.push(c));
		child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve(Buffer.concat(chunks))
				: reject(new Error(`ffmpeg failed (${code}): ${stderr.slice(-300)}`)),
		);
		child.stdin.on('error', () => undefined);
		child.stdin.end(input);
	});
}

/** Decodes compressed audio bytes (any format ffmpeg reads) from memory to mono float at its own rate. */
export async function decodeAudioBytes(
	bytes: Buffer,
	signal?: AbortSignal,
): Promise<{ samples: Float32Array; sampleRate: number }> {
	// Only the pipe is read: the bytes are someone else's, so no protocol or file may be opened.
	const probe = [
		'-hide_banner',
		'-loglevel',
		'error',
		'-protocol_whitelist',
		'pipe',
		'-i',
		'pipe:0',
	];
	const rateOut = await runFfmpeg(
		[...probe, '-ac', '1', '-f', 'f32le', '-ar', String(SPEECH_SAMPLE_RATE), 'pipe:1'],
		bytes,
		signal,
	);
	const samples = new Float32Array(rateOut.length / 4);
	new Uint8Array(samples.buffer).set(rateOut.subarray(0, samples.length * 4));
	return { samples, sampleRate: SPEECH_SAMPLE_RATE };
}

export async function shiftAndResample(
	samples: Float32Array,
	sampleRate: number,
	semitones: number,
	signal?: AbortSignal,
	timbreDb = 0,
): Promise<Float32Array> {
	if (samples.length === 0) return new Float32Array(0);
	const filters: string[] = [];
	// rubberband needs some audio to analyse; a blip shorter than 0.1 s is left unshifted.
	if (Math.abs(semitones) > 0.01 && samples.length > sampleRate * 0.1) {
		// formant=shifted moves the vocal-tract resonances with the pitch, which reads as a different
		// (bigger or smaller) speaker rather than the same speaker singing higher.
		filters.push(
			`rubberband=pitch=${Math.pow(2, semitones / 12).toFixed(6)}:formant=shifted:pitchq=quality`,
		);
	}
	// The engines' output carries DC offset and sub-bass rumble (HTS especially): it wastes headroom,
	// clicks at clip edges and leaks under the ducked music's bass. No voice has content below 70 Hz.
	filters.push('highpass=f=70:poles=2');
	// Timbre as a spectral tilt around the voice's middle: treble up and body down for a brighter
	// speaker (a cameo's measured brightness), the reverse for a darker one.
	if (Math.abs(timbreDb) >= 0.1)
		filters.push(
			`treble=g=${timbreDb.toFixed(2)}:f=2500:t=s:w=0.7`,
			`bass=g=${(-timbreDb / 2).toFixed(2)}:f=300:t=s:w=0.7`,
		);
	filters.push(`aresample=${SPEECH_SAMPLE_RATE}`);
	const args = [
		'-hide_banner',
		'-loglevel',
		'error',
		'-f',
		'f32le',
		'-ar',
		String(sampleRate),
		'-ac',
		'1',
		'-i',
		'pipe:0',
		'-af',
		filters.join(','),
		'-f',
		'f32le',
		'-ac',
		'1',
		'pipe:1',
	];
	const out = await new Promise<Buffer>((resolve, reject) => {
		const child = spawn(FFMPEG, args, { signal, stdio: ['pipe', 'pipe', 'pipe'] });
		const chunks: Buffer[] = [];
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => chunks.push(c));
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve(Buffer.concat(chunks))
				: reject(new Error(`ffmpeg pitch/resample failed (${code}): ${stderr.slice(0, 300)}`)),
		);
		child.stdin.on('error', () => undefined);
		child.stdin.end(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
	});
	const result = new Float32Array(out.length / 4);
	new Uint8Array(result.buffer).set(out.subarray(0, result.length * 4));
	// Keep the exact expected length so the engine's timings line up with the samples.
	const expected = Math.round((samples.length * SPEECH_SAMPLE_RATE) / sampleRate);
	if (result.length === expected) return result;
	const fitted = new Float32Array(expected);
	fitted.set(result.subarray(0, Math.min(expected, result.length)));
	return fitted;
}
