import SwaggerParser from '@apidevtools/swagger-parser';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';

const SMALL = { width: 180, height: 320, fps: 12, quality: 'draft' };

describe('coverage on the API', () => {
	let r: RunningRenderer;
	beforeAll(async () => {
		r = await startRenderer();
	});
	afterAll(() => r.close());

	it('POST /v1/specs/validate?expand=true returns the coverage report with the storyboard', async () => {
		const res = await api(r, 'POST', '/v1/specs/validate?expand=true', {
			prompt: 'A giraffe running through a snowy yard.',
			durationSeconds: 4,
		});
		expect(res.status).toBe(200);
		expect(res.json.planner).toEqual({ name: 'rules' });
		expect(res.json.coverage).toMatchObject({
			planner: { name: 'rules' },
			score: expect.any(Number),
			counts: { drawn: expect.any(Number), approximated: expect.any(Number) },
		});
		const giraffe = res.json.coverage.terms.find((t: { lemma: string }) => t.lemma === 'giraffe');
		expect(giraffe).toMatchObject({ path: '/prompt', category: 'subject', status: 'not drawn' });
		expect(res.json.warnings).toContainEqual(
			expect.objectContaining({ path: '/prompt', term: 'giraffe' }),
		);
		expect(res.json.coverage.shots[0]).toMatchObject({
			drawable: false,
			missing: expect.arrayContaining(['giraffe']),
		});
		// Without expand nothing is planned, so there is no coverage either.
		const plain = await api(r, 'POST', '/v1/specs/validate', { prompt: 'A puppy.' });
		expect(plain.json.coverage).toBeUndefined();
	});

	it('a render with no generator for what it cannot draw completes and says what is missing', async () => {
		const created = await api(r, 'POST', '/v1/renders', {
			prompt: 'A man does a backflip off a plank floating on a lake while a giraffe watches.',
			durationSeconds: 2,
			output: SMALL,
		});
		expect(created.status).toBe(201);
		expect(created.json.coverage.terms.map((t: { lemma: string }) => t.lemma)).toEqual(
			expect.arrayContaining(['man', 'backflip', 'plank float', 'lake', 'giraffe']),
		);
		expect(created.json.warnings).toContainEqual(
			expect.objectContaining({ path: '/prompt', term: 'giraffe' }),
		);
		const done = await waitForStatus(r, created.json.id, ['completed', 'failed'], 120_000);
		expect(done.status).toBe('completed');
		expect(done.coverage).toEqual(created.json.coverage);
		expect(done.planner).toEqual({ name: 'rules' });
		expect(done.warnings).toContainEqual(
			expect.objectContaining({ path: '/prompt', term: 'giraffe' }),
		);
	});

	it('documents the coverage report in the OpenAPI document', async () => {
		const res = await api({ url: r.url, apiKey: '' }, 'GET', '/openapi.json');
		await expect(SwaggerParser.validate(structuredClone(res.json))).resolves.toBeDefined();
		const coverage = res.json.components.schemas.Coverage;
		expect(coverage.properties.terms.items.properties.status.enum).toEqual([
			'drawn',
			'approximated',
			'not drawn',
		]);
		const renderSchema =
			res.json.paths['/v1/renders/{id}'].get.responses['200'].content['application/json'].schema;
		expect(renderSchema.properties.coverage.$ref).toBe('#/components/schemas/Coverage');
		const validateSchema =
			res.json.paths['/v1/specs/validate'].post.responses['200'].content['application/json'].schema;
		expect(validateSchema.properties.coverage.$ref).toBe('#/components/schemas/Coverage');
	});
});
