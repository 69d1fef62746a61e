import { ApiError } from '../../src/spec/errors';
import { specDurationSeconds, validateRenderSpec } from '../../src/spec/validate';

function fieldErrors(input: unknown) {
	try {
		validateRenderSpec(input);
	} catch (err) {
		expect(err).toBeInstanceOf(ApiError);
		return (err as ApiError).details;
	}
	throw new Error('expected the spec to be rejected');
}

describe('validateRenderSpec', () => {
	it('accepts a prompt-only spec and fills every default', () => {
		const spec = validateRenderSpec(
			{ prompt: 'a dog surfing at sunset', durationSeconds: 16 },
			{ seed: () => 42 },
		);
		expect(spec.output).toEqual({
			width: 1080,
			height: 1920,
			fps: 30,
			format: 'mp4',
			quality: 'standard',
		});
		expect(spec.provider).toBe('local');
		expect(spec.seed).toBe(42);
		expect(spec.watermark.enabled).toBe(true);
		expect(spec.provenance.c2pa).toBe(true);
		expect(spec.audio.loudnessLufs).toBe(-14);
		expect(specDurationSeconds(spec)).toBe(16);
	});

	it('keeps an explicit seed and does not mutate its input', () => {
		const input = { prompt: 'x', seed: 7 };
		const spec = validateRenderSpec(input);
		expect(spec.seed).toBe(7);
		expect(input).toEqual({ prompt: 'x', seed: 7 });
	});

	it('names every failing field with its JSON pointer', () => {
		const details = fieldErrors({
			prompt: 'x',
			output: { width: 5000, height: 1081, fps: 120, quality: 'ultra' },
			colour: 'red',
		});
		const paths = details.map((d) => d.path).sort();
		expect(paths).toEqual([
			'/colour',
			'/output/fps',
			'/output/height',
			'/output/quality',
			'/output/width',
		]);
		expect(details.find((d) => d.path === '/output/quality')!.message).toBe(
			'must be one of: draft, standard, high',
		);
	});

	it('enforces the spec limits', () => {
		expect(fieldErrors({ prompt: 'x', durationSeconds: 301 }).map((d) => d.path)).toEqual([
			'/durationSeconds',
		]);
		const tooLong = { shots: Array.from({ length: 3 }, () => ({ prompt: 'x', duration: 101 })) };
		expect(fieldErrors(tooLong)).toEqual([
			{ path: '/shots', message: 'shots last 303 s in all; the limit is 300 s' },
		]);
		const tooMany = { shots: Array.from({ length: 65 }, () => ({ prompt: 'x', duration: 1 })) };
		expect(fieldErrors(tooMany).map((d) => d.path)).toEqual(['/shots']);
	});

	it('requires a prompt or shots, and known characters', () => {
		expect(fieldErrors({})).toEqual([
			{ path: '/prompt', message: 'a spec needs a prompt or at least one shot' },
		]);
		const details = fieldErrors({
			characters: [{ id: 'ava' }],
			shots: [
				{
					prompt: 'talk',
					duration: 2,
					characters: ['ava', 'bo'],
					dialogue: [{ character: 'bo', text: 'hi', at: 3 }],
				},
			],
		});
		expect(details.map((d) => d.path)).toEqual([
			'/shots/0/characters/1',
			'/shots/0/dialogue/0/character',
			'/shots/0/dialogue/0/at',
		]);
	});

	it('reports a missing required property at the property itself', () => {
		expect(fieldErrors({ shots: [{ duration: 2 }] })).toEqual([
			{ path: '/shots/0/prompt', message: 'is required' },
		]);
	});
});
