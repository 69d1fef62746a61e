import { createHash } from 'node:crypto';
import { synthesizeWithFlite } from '../../../src/engine/voice/fliteEngine';
import { shiftAndResampleLines, type LineToShape } from '../../../src/engine/voice/pitchShift';
import { MIX_SAMPLE_RATE } from '../../../src/engine/audio';

const md5 = (samples: Float32Array) =>
	createHash('md5')
		.update(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength))
		.digest('hex');

/** Real speech of several lengths, voices, pitches and timbres (and a blip and an empty line). */
function lines(): { sampleRate: number; lines: LineToShape[] } {
	const texts = [
		'You still think you can beat me?',
		'I know I can.',
		'Fine. Best of five, then, and the loser buys dinner for the whole team tonight.',
		'Hm.',
	];
	const spoken = texts.map((text, i) =>
		synthesizeWithFlite({ text, voiceName: i % 2 ? 'rms' : 'slt', rate: 1 + i * 0.05 }),
	);
	const sampleRate = spoken[0].sampleRate;
	const shaped: LineToShape[] = spoken.map((u, i) => ({
		// Odd lengths, so lines do not end on a frame boundary.
		samples: u.samples.subarray(0, u.samples.length - 37 * i),
		semitones: [1, 0, -2.5, 3][i],
		timbreDb: [0, 1.5, -2, 0][i],
	}));
	shaped.push({ samples: shaped[0].samples.subarray(0, 1000), semitones: 2 });
	shaped.push({ samples: new Float32Array(0), semitones: 1 });
	return { sampleRate, lines: shaped };
}

describe('speech post-process in one ffmpeg run', () => {
	it('gives each line the same samples as a run of its own, whatever lines are beside it', async () => {
		const { sampleRate, lines: input } = lines();
		const together = await shiftAndResampleLines(input, sampleRate);
		const reversed = await shiftAndResampleLines([...input].reverse(), sampleRate);
		for (const [k, line] of input.entries()) {
			const [alone] = await shiftAndResampleLines([line], sampleRate);
			expect(together[k].length).toBe(
				Math.round((line.samples.length * MIX_SAMPLE_RATE) / sampleRate),
			);
			expect(md5(together[k])).toBe(md5(alone));
			expect(md5(reversed[input.length - 1 - k])).toBe(md5(alone));
		}
		// The shaping did happen: the pitch-shifted line is not the plain resampled one.
		const [unshifted] = await shiftAndResampleLines([{ ...input[0], semitones: 0 }], sampleRate);
		expect(md5(unshifted)).not.toBe(md5(together[0]));
		expect(together[5].length).toBe(0);
	});

	it('splits more lines than one run takes over several runs, in order', async () => {
		const { sampleRate, lines: input } = lines();
		const many = Array.from({ length: 30 }, (_, i) => input[i % 4]);
		const shaped = await shiftAndResampleLines(many, sampleRate);
		const single = await shiftAndResampleLines(input.slice(0, 4), sampleRate);
		shaped.forEach((samples, i) => expect(md5(samples)).toBe(md5(single[i % 4])));
	});
});
