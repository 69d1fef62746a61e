import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalProvider } from '../../../src/providers/local';
import { chooseEncoder } from '../../../src/engine/encode/encoderChoice';
import { validateRenderSpec } from '../../../src/spec/validate';
import { assertWithinLimits } from '../../../src/providers/limits';
import { SETTINGS } from '../../../src/engine/vocabulary';

const provider = createLocalProvider({ modelsDir: '/nonexistent-models' });
const example = JSON.parse(
	readFileSync(join(__dirname, '../../../examples/storyboard.json'), 'utf8'),
);

describe('local provider', () => {
	// Creating the provider starts the NVENC probe; let it finish inside the test run.
	afterAll(() => chooseEncoder());

	it('describes itself: offline, styles, built-in voices, limits and vocabulary', () => {
		const caps = provider.capabilities();
		expect(caps).toMatchObject({
			id: 'local',
			offline: true,
			available: true,
			limits: { maxDurationSeconds: 120, maxEdgePx: 3840, maxFps: 60 },
			recommendedFps: { min: 24, max: 60 },
		});
		expect(caps.styles).toEqual(['cinematic', 'anime', 'documentary', 'neon', 'painted']);
		expect(caps.voices.map((v) => v.id)).toEqual(
			expect.arrayContaining(['flite:slt', 'flite:rms']),
		);
		expect(caps.features).toEqual(
			expect.arrayContaining(['offline', 'physics', 'lip-sync', 'remix']),
		);
		expect((caps.vocabulary as { settings: unknown[] }).settings).toHaveLength(SETTINGS.length);
	});

	it('accepts the bundled example storyboard without warnings', () => {
		expect(provider.check(validateRenderSpec(example))).toEqual([]);
	});

	it('rejects more than 120 s with the field to fix, through the one limits check', () => {
		const limits = provider.capabilities().limits;
		const long = validateRenderSpec({ prompt: 'a long walk on the beach', durationSeconds: 150 });
		expect(() => assertWithinLimits(long, provider.id, limits)).toThrow(
			expect.objectContaining({
				statusCode: 400,
				details: [
					{
						path: '/durationSeconds',
						message: 'provider "local" renders at most 120 s; this spec lasts 150 s',
					},
				],
			}),
		);
		const shots = validateRenderSpec({
			shots: Array.from({ length: 5 }, () => ({ prompt: 'a forest', duration: 30 })),
		});
		expect(() => assertWithinLimits(shots, provider.id, limits)).toThrow(
			expect.objectContaining({
				statusCode: 400,
				details: [expect.objectContaining({ path: '/shots' })],
			}),
		);
		// The provider's own check plans and warns; it does not repeat the limits with other words.
		expect(() => provider.check(long)).not.toThrow();
	});

	it('warns about low frame rates and terms it will approximate, but not about cameos resolved later', () => {
		const spec = validateRenderSpec({
			output: { fps: 12 },
			characters: [{ id: 'me', cameoId: 'cam_abc' }],
			shots: [{ prompt: 'me on a volcano', duration: 2, setting: 'volcano', props: ['jetpack'] }],
		});
		expect(provider.check(spec).map((w) => w.path)).toEqual([
			'/output/fps',
			'/shots/0/setting',
			'/shots/0/props/0',
		]);
	});
});
