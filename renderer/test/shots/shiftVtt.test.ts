/**
 * A local run's captions moved onto the story's clock: the cue times and the word timestamps inside
 * each cue move together (a word timestamp left behind would fall before its own cue, which players
 * reject), while a time written in the spoken text is left alone.
 */
import { buildWebVtt } from '../../src/engine/captions/webvtt';
import { shiftVtt } from '../../src/shots/cues';

describe('shiftVtt', () => {
	it('moves cue and word times by the offset, not the text', () => {
		const vtt = buildWebVtt({
			clips: [
				{
					speaker: 'ana',
					text: 'Meet at 00:00:01.000 sharp',
					start: 0.5,
					end: 2,
					sampleRate: 16000,
					samples: new Float32Array(0),
					words: [
						{ text: 'Meet', start: 0.5, end: 0.8 },
						{ text: 'at', start: 0.8, end: 1 },
						{ text: '00:00:01.000', start: 1, end: 1.6 },
						{ text: 'sharp', start: 1.6, end: 2 },
					],
					visemes: [],
				},
			],
		});
		const [cue, ...rest] = shiftVtt(vtt, 61.25);
		expect(rest).toEqual([]);
		expect(cue).toContain('00:01:01.750 --> 00:01:03.250');
		expect(cue).toContain('<00:01:02.050>at');
		expect(cue).toContain('<00:01:02.250>00:00:01.000');
		expect(cue).toContain('<00:01:02.850>sharp');
	});
});
