/**
 * How a spec becomes one remote clip: which native size and clip length are asked for (and
 * billed), what is refused with which field, and how the spec's structure reads as a prompt.
 */
import { planClip } from '../../../src/providers/remote/clipProvider';
import { composePrompt } from '../../../src/providers/remote/prompt';
import { veoCapabilities } from '../../../src/providers/veo/models';
import { omniCapabilities } from '../../../src/providers/omni';
import { validateRenderSpec } from '../../../src/spec/validate';

const veo = veoCapabilities('veo-3.1-generate-preview', {
	seed: false,
	concurrency: 2,
	deadlineSeconds: 900,
});
const omni = omniCapabilities('gemini-omni-flash-preview', {
	concurrency: 2,
	deadlineSeconds: 600,
});
const spec = (input: Record<string, unknown>) =>
	validateRenderSpec({ provider: 'veo', prompt: 'a harbour at dawn', ...input });

describe('one spec, one remote clip', () => {
	it('picks the same aspect ratio at the smallest resolution that covers the output', () => {
		const phone = planClip(
			veo,
			spec({ durationSeconds: 6, output: { width: 720, height: 1280, fps: 24 } }),
			'veo',
		);
		expect(phone.plan).toMatchObject({
			size: { width: 720, height: 1280, resolution: '720p' },
			clipSeconds: 6,
			extensions: 0,
		});
		expect(phone.plan!.warnings).toEqual([]);
		const fullHd = planClip(
			veo,
			spec({ durationSeconds: 8, output: { width: 1920, height: 1080 } }),
			'veo',
		);
		expect(fullHd.plan!.size.resolution).toBe('1080p');
	});

	it('keeps 1080p and 4k to 8 s clips: a 6 s full-HD spec is made at 720p and upscaled, with a warning', () => {
		const { plan } = planClip(
			veo,
			spec({ durationSeconds: 6, output: { width: 1080, height: 1920, fps: 24 } }),
			'veo',
		);
		expect(plan!.size).toMatchObject({ width: 720, height: 1280 });
		expect(plan!.warnings).toEqual([
			{
				path: '/output',
				term: '720p',
				message: 'veo makes 720x1280 at most here; the clip is upscaled to 1080x1920',
			},
		]);
	});

	it('rounds the length up to an accepted clip and says it is billed', () => {
		const { plan } = planClip(veo, spec({ durationSeconds: 5 }), 'veo');
		expect(plan).toMatchObject({ clipSeconds: 6, generatedSeconds: 6, outputSeconds: 5 });
		expect(plan!.warnings.find((w) => w.path === '/durationSeconds')!.message).toBe(
			'veo makes 4, 6, 8 s clips; 6 s is generated (and billed) and cut to 5 s',
		);
	});

	it('extends Veo clips at 720p for longer specs, up to 148 s', () => {
		const { plan } = planClip(
			veo,
			spec({ durationSeconds: 30, output: { width: 1920, height: 1080 } }),
			'veo',
		);
		expect(plan).toMatchObject({
			clipSeconds: 8,
			extensions: 4,
			generatedSeconds: 36,
			size: { resolution: '720p' },
		});
		expect(planClip(veo, spec({ durationSeconds: 200 }), 'veo').errors).toEqual([
			{
				path: '/durationSeconds',
				message: 'veo makes clips of at most 148 s; this spec lasts 200 s',
			},
		]);
		expect(planClip(omni, spec({ durationSeconds: 12 }), 'omni').errors[0].path).toBe(
			'/durationSeconds',
		);
	});

	it('fits a square output over a blurred fill, with a warning', () => {
		const { plan } = planClip(
			veo,
			spec({ durationSeconds: 4, output: { width: 640, height: 640 } }),
			'veo',
		);
		expect(plan!.warnings[0]).toMatchObject({
			path: '/output',
			term: '1:1',
			message: expect.stringContaining('fitted into 640x640 over a blurred fill'),
		});
	});

	it('refuses several shots and cameos with the field to change', () => {
		const story = spec({
			prompt: undefined,
			characters: [{ id: 'mia', cameoId: 'cam_abc' }],
			shots: [
				{ prompt: 'one', duration: 4 },
				{ prompt: 'two', duration: 4 },
			],
		});
		expect(planClip(veo, story, 'veo').errors.map((e) => e.path)).toEqual([
			'/shots',
			'/characters/0/cameoId',
		]);
	});
});

describe('a spec as a prompt', () => {
	it('writes the shot’s scene, camera, characters, actions and dialogue as sentences', () => {
		const s = spec({
			prompt: undefined,
			style: 'anime',
			characters: [
				{ id: 'mia', name: 'Mia', description: 'red raincoat' },
				{ id: 'bo', name: 'Bo' },
			],
			shots: [
				{
					prompt: 'two friends share an umbrella',
					duration: 8,
					setting: 'city street',
					timeOfDay: 'night',
					weather: 'rain',
					camera: { move: 'dolly-in' },
					characters: ['mia'],
					actions: [{ character: 'mia', action: 'waves', at: 2 }],
					dialogue: [{ character: 'mia', text: 'Did you bring the "good" umbrella?' }],
					sfx: [{ cue: 'thunder', at: 3 }],
				},
			],
			captions: { burnIn: true },
		});
		const withAudio = composePrompt(s, { id: 'veo', nativeAudio: true });
		expect(withAudio.prompt).toBe(
			'two friends share an umbrella Visual style: anime. Scene: city street, at night, in the rain. Camera: slow dolly in. Characters: Mia (red raincoat). Mia waves at 2 s. Mia says: "Did you bring the \'good\' umbrella?"',
		);
		expect(withAudio.transcript).toBe('Mia: Did you bring the "good" umbrella?');
		// The generator voices the dialogue (its captions are aligned to the clip's sound when the
		// story is stitched, and burned in there): only the timed sound effect is not made.
		expect(withAudio.warnings.map((w) => w.path)).toEqual(['/shots/0/sfx']);
		const whole = composePrompt(
			validateRenderSpec({ prompt: 'rain on a window', captions: { burnIn: true } }),
			{ id: 'veo', nativeAudio: true },
		);
		expect(whole.warnings.map((w) => w.path)).toEqual(['/captions/burnIn']);
		const silent = composePrompt(s, { id: 'comfyui', nativeAudio: false });
		expect(silent.prompt).not.toContain('says');
		expect(silent.warnings[0].message).toBe(
			'comfyui makes silent clips: the dialogue is not spoken (no captions either)',
		);
	});
});
