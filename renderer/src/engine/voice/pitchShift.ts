/**
 * Pitch shift (keeping duration, so word/phone times stay valid), a 70 Hz high-pass and resampling
 * to the mix rate, done by ffmpeg: librubberband for the shift, swresample for the rate.
 * One ffmpeg process per batch of uncached lines at one sample rate; lines are cached afterwards. Also decodes a remote
 * provider's compressed answer (mp3, opus, …) from memory, when it did not send WAV or PCM.
 */
import { formatOfBytes, runFfmpeg, startFfmpeg, type PipeFormat } from '../../media/ffmpeg';
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

/** One spoken line to post-process: its samples at the batch's rate and its voice's shaping. */
export interface LineToShape {
	samples: Float32Array;
	semitones: number;
	timbreDb?: number;
}

/**
 * Where each line starts on the batch's input: a multiple of this many samples. ffmpeg's raw PCM
 * demuxer reads packets of a power-of-two sample count (1024 in ffmpeg 5, up to a tenth of a second
 * rounded down in later versions), so a line that starts on such a boundary is cut into the same
 * frames as when it was a process's whole input, and rubberband, which works on the frames it is
 * handed, shapes it to the same samples.
 */
const LINE_ALIGNMENT = 32768;
/** Lines per ffmpeg process: each has its own output pipe (a file descriptor). */
const MAX_LINES_PER_RUN = 24;

/** The filter chain that shapes one line: pitch, high-pass, timbre, resampling to the mix rate. */
function shapingFilters(line: LineToShape, sampleRate: number): string[] {
	const filters: string[] = [];
	// rubberband needs some audio to analyse; a blip shorter than 0.1 s is left unshifted.
	if (Math.abs(line.semitones) > 0.01 && line.samples.length > sampleRate * 0.1) {
		// formant=shifted moves the vocal-tract resonances with the pitch, which reads as a different
		// (bigger or smaller) speaker rather than the same speaker singing higher.
		filters.push(
			`rubberband=pitch=${Math.pow(2, line.semitones / 12).toFixed(6)}:formant=shifted:pitchq=quality`,
		);
	}
	// The engines' output carries DC offset and sub-bass rumble (HTS especially): it wastes headroom,
	// clicks at clip edges and leaks under the ducked music's bass. No voice has content below 70 Hz.
	filters.push('highpass=f=70:poles=2');
	// Timbre as a spectral tilt around the voice's middle: treble up and body down for a brighter
	// speaker (a cameo's measured brightness), the reverse for a darker one.
	const timbreDb = line.timbreDb ?? 0;
	if (Math.abs(timbreDb) >= 0.1)
		filters.push(
			`treble=g=${timbreDb.toFixed(2)}:f=2500:t=s:w=0.7`,
			`bass=g=${(-timbreDb / 2).toFixed(2)}:f=300:t=s:w=0.7`,
		);
	filters.push(`aresample=${MIX_SAMPLE_RATE}`);
	return filters;
}

/** Float samples from an f32le byte stream, cut or zero-padded to the exact expected length. */
function samplesOf(bytes: Buffer, expected: number): Float32Array {
	const result = new Float32Array(expected);
	const available = Math.min(expected, Math.floor(bytes.length / 4));
	new Uint8Array(result.buffer).set(bytes.subarray(0, available * 4));
	return result;
}

/**
 * Pitch-shifts, high-passes and resamples several lines spoken at one sample rate in a single
 * ffmpeg run: the lines go in one after another on stdin (each on an aligned boundary, silence
 * between), and each output cuts its own line back out (atrim) before its own filter chain, into
 * its own pipe. Each chain sees only its line's samples, in the same frames as a run of its own,
 * so a line's result does not depend on the lines beside it; a render of six lines used to start
 * six ffmpeg processes for this.
 */
export async function shiftAndResampleLines(
	lines: LineToShape[],
	sampleRate: number,
	signal?: AbortSignal,
): Promise<Float32Array[]> {
	const results: Float32Array[] = lines.map(() => new Float32Array(0));
	const spoken = lines.map((line, index) => ({ line, index })).filter((l) => l.line.samples.length);
	for (let from = 0; from < spoken.length; from += MAX_LINES_PER_RUN) {
		const batch = spoken.slice(from, from + MAX_LINES_PER_RUN);
		const shaped = await shapeBatch(
			batch.map((b) => b.line),
			sampleRate,
			signal,
		);
		batch.forEach((b, k) => (results[b.index] = shaped[k]));
	}
	return results;
}

async function shapeBatch(
	lines: LineToShape[],
	sampleRate: number,
	signal?: AbortSignal,
): Promise<Float32Array[]> {
	const starts: number[] = [];
	let length = 0;
	for (const line of lines) {
		starts.push(length);
		length += Math.ceil(line.samples.length / LINE_ALIGNMENT) * LINE_ALIGNMENT;
	}
	const input = new Float32Array(length);
	lines.forEach((line, k) => input.set(line.samples, starts[k]));
	// Output k goes to stdout (k = 0) or to the extra pipe 2 + k.
	const pipeOf = (k: number) => (k === 0 ? 1 : 2 + k);
	const output = lines.flatMap((line, k) => [
		'-map',
		'0:a',
		'-af',
		[
			`atrim=start_sample=${starts[k]}:end_sample=${starts[k] + line.samples.length}`,
			'asetpts=PTS-STARTPTS',
			...shapingFilters(line, sampleRate),
		].join(','),
		'-f',
		'f32le',
		'-ac',
		'1',
		`pipe:${pipeOf(k)}`,
	]);
	const running = startFfmpeg({
		what: 'voice pitch/resample',
		global: ['-loglevel', 'error'],
		inputs: [{ pipe: 0, format: 'f32le', options: ['-ar', String(sampleRate), '-ac', '1'] }],
		output,
		outputPipes: lines.length - 1,
		stdout: 'pipe',
		signal,
	});
	const collected = lines.map((_, k) => {
		const stream = k === 0 ? running.child.stdout! : running.outputPipe(pipeOf(k));
		const chunks: Buffer[] = [];
		stream.on('data', (chunk: Buffer) => chunks.push(chunk));
		return new Promise<Buffer>((resolve) =>
			stream.on('close', () => resolve(Buffer.concat(chunks))),
		);
	});
	running.child.stdin!.end(Buffer.from(input.buffer, input.byteOffset, input.byteLength));
	await running.done;
	const outputs = await Promise.all(collected);
	// Keep the exact expected length so the engine's timings line up with the samples.
	return lines.map((line, k) =>
		samplesOf(outputs[k], Math.round((line.samples.length * MIX_SAMPLE_RATE) / sampleRate)),
	);
}

/** One line's post-process (a batch of one). */
export async function shiftAndResample(
	samples: Float32Array,
	sampleRate: number,
	semitones: number,
	signal?: AbortSignal,
	timbreDb = 0,
): Promise<Float32Array> {
	const [shaped] = await shiftAndResampleLines(
		[{ samples, semitones, timbreDb }],
		sampleRate,
		signal,
	);
	return shaped;
}
