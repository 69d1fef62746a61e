import SwaggerParser from '@apidevtools/swagger-parser';
import { api, startRenderer, type RunningRenderer } from '../support/renderer';

describe('OpenAPI document', () => {
	let r: RunningRenderer;
	beforeAll(async () => {
		r = await startRenderer({ worker: false });
	});
	afterAll(() => r.close());

	it('is valid OpenAPI, generated from the route schemas, and lists every route', async () => {
		const res = await api({ url: r.url, apiKey: '' }, 'GET', '/openapi.json');
		expect(res.status).toBe(200);
		// Throws with the first violation of the OpenAPI 3.1 schema (and of $ref resolution).
		await expect(SwaggerParser.validate(structuredClone(res.json))).resolves.toBeDefined();

		const documented = new Set<string>();
		for (const [route, methods] of Object.entries(
			res.json.paths as Record<string, Record<string, unknown>>,
		)) {
			for (const method of Object.keys(methods)) documented.add(`${method.toUpperCase()} ${route}`);
		}
		const served = r.app.routeTable
			.filter((route) => route.documented)
			.map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
		expect(served.length).toBeGreaterThan(10);
		expect(served.filter((route) => !documented.has(route))).toEqual([]);
		for (const core of [
			'POST /v1/renders',
			'GET /v1/renders/{id}/events',
			'GET /v1/renders/{id}/content',
			'POST /v1/specs/validate',
			'GET /v1/capabilities',
			'GET /ready',
		]) {
			expect(documented.has(core)).toBe(true);
		}
		// The RenderSpec the routes validate with is the schema in components.
		expect(res.json.components.schemas.RenderSpec.properties.output.properties.width.maximum).toBe(
			3840,
		);
		expect(
			res.json.paths['/v1/renders'].post.requestBody.content['application/json'].schema.$ref,
		).toBe('#/components/schemas/RenderSpec');
	});
});
