import { api, startRenderer, type RunningRenderer } from '../support/renderer';

/** The request itself is moderated before it is queued, with the real text rules. */
describe('moderation of render requests', () => {
	let r: RunningRenderer;
	beforeAll(async () => {
		r = await startRenderer({ worker: false, overrides: { signer: null } });
	});
	afterAll(() => r.close());

	const spec = (text: string) => ({
		provider: 'testpattern',
		characters: [{ id: 'ava' }],
		shots: [
			{
				prompt: 'a kitchen at night',
				duration: 1,
				characters: ['ava'],
				dialogue: [{ character: 'ava', text }],
			},
		],
	});

	it('refuses a request the policy blocks, naming the field that carries it', async () => {
		const res = await api(
			r,
			'POST',
			'/v1/renders',
			spec('I will kill you and everyone, a bloody massacre'),
		);
		expect(res.status).toBe(422);
		expect(res.json.error.code).toBe('content_policy');
		expect(res.json.error.details[0].path).toBe('/shots/0/dialogue/0/text');
		expect(res.json.error.details[0].message).toMatch(/^violence/);
	});

	it('accepts a request the policy only flags, and records the verdict on the render', async () => {
		const res = await api(
			r,
			'POST',
			'/v1/renders',
			spec('I could really use a Starbucks coffee right now'),
		);
		expect(res.status).toBe(201);
		expect(res.json.details.requestModeration.flagged).toBe(true);
		expect(res.json.details.requestModeration.action).toBe('flag');
		expect(Object.keys(res.json.details.requestModeration.categories)).toContain('brand');
		await api(r, 'DELETE', `/v1/renders/${res.json.id}`);
	});

	it('accepts a harmless request with no record of a verdict', async () => {
		const res = await api(r, 'POST', '/v1/renders', spec('Good morning, the coffee is ready'));
		expect(res.status).toBe(201);
		expect(res.json.details.requestModeration).toBeUndefined();
		await api(r, 'DELETE', `/v1/renders/${res.json.id}`);
	});
});
