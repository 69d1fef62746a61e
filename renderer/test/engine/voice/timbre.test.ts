import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeSpeech } from '../../../src/engine/voice';
import { spectralBrightness, timbreFromBrightness } from '../../../src/trust/cameo/voiceProfile';
import { character, shot, storyboard } from './fixtures/storyboard';

const work = mkdtempSync(join(tmpdir(), 'timbre-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LINE = 'The harbour was quiet before the boats came in.';

describe('voice timbre', () => {
	it('tilts the spectrum by the profile timbre and keeps the timing', async () => {
		const board = storyboard({
			durationSeconds: 10,
			characters: [
				character('dark', { voice: 'flite:slt', pitch: 0, rate: 1, timbre: -6 }),
				character('bright', { voice: 'flite:slt', pitch: 0, rate: 1, timbre: 6 }),
				character('plain', { voice: 'flite:slt', pitch: 0, rate: 1 }),
			],
			shots: [
				shot(0, 0, 10, 30, {
					dialogue: [
						{ character: 'dark', text: LINE, at: 0 },
						{ character: 'bright', text: LINE, at: 3.3 },
						{ character: 'plain', text: LINE, at: 6.6 },
					],
				}),
			],
		});
		const { clips } = await synthesizeSpeech(board, {
			cacheDir: join(work, 'cache'),
			modelsDir: join(work, 'models'),
		});
		const [dark, bright, plain] = ['dark', 'bright', 'plain'].map(
			(id) => clips.find((c) => c.speaker === id)!,
		);
		const tilt = (clip: typeof dark) =>
			timbreFromBrightness(
				spectralBrightness(clip.samples, clip.sampleRate),
				spectralBrightness(plain.samples, plain.sampleRate),
			);
		// The measure that reads a cameo's timbre finds the tilt the TTS applied, in the right direction.
		expect(tilt(bright)).toBeGreaterThan(1.5);
		expect(tilt(dark)).toBeLessThan(-1.5);
		expect(tilt(plain)).toBe(0);
		expect(bright.samples.length).toBe(plain.samples.length);
		expect(bright.words.map((w) => +(w.end - w.start).toFixed(6))).toEqual(
			plain.words.map((w) => +(w.end - w.start).toFixed(6)),
		);
	});
});
