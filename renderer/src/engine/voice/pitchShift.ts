/**
 * Pitch shift (keeping duration, so word/phone times stay valid), a 70 Hz high-pass and resampling
 * to the mix rate, done by ffmpeg: librubberband for the shift, swresample for the rate.
 * One short ffmpeg process per uncached line; lines are cached afterwards. Also decodes a remote
 * provider's compressed answer (mp3, opus, …) from memory, when it did not send WAV or PCM.
 */
import { formatOfBytes, runFfmpeg, type PipeFormat } from '../../media/ffmpeg';
import { MIX_SAMPLE_RATE } from '../audio';

/**
 * Decodes a sound file held in memory (mp3, ogg/opus, flac, ADTS aac, wav) to mono float at the
 * mix rate. The container is recognised from its first bytes and declared to ffmpeg, which reads
 * only the pipe: the bytes are someone else's.
 */
export async function decodeAudioBytes(
	bytes: Buffer,
	signal?: AbortSignal,
): Promise<{ samples: Float32Array; sampleRate: number }> {
	const format = formatOfBytes(bytes);
	const piped: PipeFormat[] = ['mp3', 'ogg', 'flac', 'aac', 'wav'];
	if (!format || !piped.includes(format as PipeFormat))
		throw new Error(`not a sound file this renderer decodes (${format ?? 'unknown'})`);
	const out = await runFfmpeg({
		what: 'speech decode',
		global: ['-loglevel', 'error'],
		inputs: [{ pipe: 0, format: format as PipeFormat }],
		output: ['-vn', '-ac', '1', '-ar', String(MIX_SAMPLE_RATE), '-f', 'f32le', 'pipe:1'],
		stdin: bytes,
		stdout: 'buffer',
		signal,
	});
	const samples = new Float32Array(out.length / 4);
	new Uint8Array(samples.buffer).set(out.subarray(0, samples.length * 4));
	return { samples, sampleRate: MIX_SAMPLE_RATE };
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
	filters.push(`aresample=${MIX_SAMPLE_RATE}`);
	const out = await runFfmpeg({
		what: 'voice pitch/resample',
		global: ['-loglevel', 'error'],
		inputs: [{ pipe: 0, format: 'f32le', options: ['-ar', String(sampleRate), '-ac', '1'] }],
		output: ['-af', filters.join(','), '-f', 'f32le', '-ac', '1', 'pipe:1'],
		stdin: Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength),
		stdout: 'buffer',
		signal,
	});
	const result = new Float32Array(out.length / 4);
	new Uint8Array(result.buffer).set(out.subarray(0, result.length * 4));
	// Keep the exact expected length so the engine's timings line up with the samples.
	const expected = Math.round((samples.length * MIX_SAMPLE_RATE) / sampleRate);
	if (result.length === expected) return result;
	const fitted = new Float32Array(expected);
	fitted.set(result.subarray(0, Math.min(expected, result.length)));
	return fitted;
}
