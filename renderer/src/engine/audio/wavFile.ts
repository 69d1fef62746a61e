/**
 * WAV (RIFF) reading and writing. Reading returns mono float samples (channels are averaged) —
 * the voice engines hand us mono PCM files. Writing streams interleaved stereo float32 in chunks so
 * a long mix never needs a second full-size interleaved copy in memory.
 */
import { openSync, readFileSync, writeSync, closeSync } from 'node:fs';

export interface MonoPcm {
	sampleRate: number;
	samples: Float32Array;
}

export function parseWav(bytes: Buffer): MonoPcm {
	if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
		throw new Error('not a RIFF/WAVE file');
	}
	let offset = 12;
	let format = 0;
	let channels = 1;
	let sampleRate = 0;
	let bits = 16;
	while (offset + 8 <= bytes.length) {
		const id = bytes.toString('ascii', offset, offset + 4);
		// Some writers (festival, flite) leave the data size at 0 or larger than the file; clamp it.
		let size = bytes.readUInt32LE(offset + 4);
		const body = offset + 8;
		if (id === 'fmt ') {
			format = bytes.readUInt16LE(body);
			channels = bytes.readUInt16LE(body + 2);
			sampleRate = bytes.readUInt32LE(body + 4);
			bits = bytes.readUInt16LE(body + 14);
			if (format === 0xfffe) format = bytes.readUInt16LE(body + 24);
		} else if (id === 'data') {
			if (size === 0 || body + size > bytes.length) size = bytes.length - body;
			return {
				sampleRate,
				samples: decodeFrames(bytes.subarray(body, body + size), format, channels, bits),
			};
		}
		offset = body + size + (size & 1);
	}
	throw new Error('WAV file has no data chunk');
}

function decodeFrames(data: Buffer, format: number, channels: number, bits: number): Float32Array {
	const bytesPerSample = bits / 8;
	const frames = Math.floor(data.length / (bytesPerSample * channels));
	const out = new Float32Array(frames);
	for (let i = 0; i < frames; i++) {
		let sum = 0;
		for (let c = 0; c < channels; c++) {
			const at = (i * channels + c) * bytesPerSample;
			if (format === 3 && bits === 32) sum += data.readFloatLE(at);
			else if (format === 1 && bits === 16) sum += data.readInt16LE(at) / 32768;
			else if (format === 1 && bits === 32) sum += data.readInt32LE(at) / 2147483648;
			else if (format === 1 && bits === 8) sum += (data[at] - 128) / 128;
			else throw new Error(`unsupported WAV encoding (format ${format}, ${bits} bits)`);
		}
		out[i] = sum / channels;
	}
	return out;
}

export function readWavMono(path: string): MonoPcm {
	return parseWav(readFileSync(path));
}

function header(sampleRate: number, channels: number, frames: number): Buffer {
	const dataBytes = frames * channels * 4;
	const h = Buffer.alloc(44);
	h.write('RIFF', 0, 'ascii');
	h.writeUInt32LE(36 + dataBytes, 4);
	h.write('WAVE', 8, 'ascii');
	h.write('fmt ', 12, 'ascii');
	h.writeUInt32LE(16, 16);
	h.writeUInt16LE(3, 20); // IEEE float
	h.writeUInt16LE(channels, 22);
	h.writeUInt32LE(sampleRate, 24);
	h.writeUInt32LE(sampleRate * channels * 4, 28);
	h.writeUInt16LE(channels * 4, 32);
	h.writeUInt16LE(32, 34);
	h.write('data', 36, 'ascii');
	h.writeUInt32LE(dataBytes, 40);
	return h;
}

/** Writes planar stereo as an interleaved float32 WAV, one chunk at a time. */
export function writeStereoWav(
	path: string,
	sampleRate: number,
	left: Float32Array,
	right: Float32Array,
): void {
	const frames = left.length;
	const fd = openSync(path, 'w');
	try {
		writeSync(fd, header(sampleRate, 2, frames));
		const chunkFrames = 65536;
		const chunk = new Float32Array(chunkFrames * 2);
		for (let start = 0; start < frames; start += chunkFrames) {
			const n = Math.min(chunkFrames, frames - start);
			for (let i = 0; i < n; i++) {
				chunk[2 * i] = left[start + i];
				chunk[2 * i + 1] = right[start + i];
			}
			writeSync(fd, new Uint8Array(chunk.buffer, 0, n * 8));
		}
	} finally {
		closeSync(fd);
	}
}

/** A mono float32 WAV; used for test fixtures and cached speech inspection. */
export function writeMonoWav(path: string, sampleRate: number, samples: Float32Array): void {
	const fd = openSync(path, 'w');
	try {
		writeSync(fd, header(sampleRate, 1, samples.length));
		writeSync(fd, new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
	} finally {
		closeSync(fd);
	}
}
