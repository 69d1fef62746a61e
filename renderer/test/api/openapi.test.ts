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
			'PUT /v1/feed/{itemId}/like',
			'POST /v1/feed/{itemId}/reports',
			'GET /v1/feed/{itemId}/provenance',
			'GET /v1/admin/stats',
			'POST /v1/admin/reviews/{itemId}/decisions',
		]) {
			expect(documented.has(core)).toBe(true);
		}
		// Report reasons are the moderation categories; admin routes take the admin key scheme.
		expect(
			res.json.paths['/v1/feed/{itemId}/reports'].post.requestBody.content['application/json']
				.schema.properties.reason.enum,
		).toContain('violence');
		expect(res.json.paths['/v1/admin/stats'].get.security).toEqual([{ adminKey: [] }]);
		expect(res.json.components.securitySchemes.adminKey).toMatchObject({ scheme: 'bearer' });
		// The feed app's files are served, not API: they stay out of the document.
		expect(Object.keys(res.json.paths).filter((p) => p.startsWith('/feed'))).toEqual([]);
		// The RenderSpec the routes validate with is the schema in components.
		expect(res.json.components.schemas.RenderSpec.properties.output.properties.width.maximum).toBe(
			3840,
		);
		expect(
			res.json.paths['/v1/renders'].post.requestBody.content['application/json'].schema.$ref,
		).toBe('#/components/schemas/RenderSpec');

		// One error shape: a single component, and every error response a route declares refers to it.
		expect(res.json.components.schemas.ErrorResponse.properties.error.required).toEqual([
			'code',
			'message',
			'details',
		]);
		const errorSchemas: Array<{ at: string; schema: unknown }> = [];
		for (const [route, methods] of Object.entries(
			res.json.paths as Record<
				string,
				Record<
					string,
					{ responses?: Record<string, { content?: Record<string, { schema: unknown }> }> }
				>
			>,
		)) {
			for (const [method, operation] of Object.entries(methods)) {
				for (const [status, response] of Object.entries(operation.responses ?? {})) {
					if (!/^[45]/.test(status)) continue;
					for (const media of Object.values(response.content ?? {}))
						errorSchemas.push({ at: `${method} ${route} ${status}`, schema: media.schema });
				}
			}
		}
		expect(errorSchemas.length).toBeGreaterThan(20);
		expect(
			errorSchemas.filter(
				(e) => (e.schema as { $ref?: string }).$ref !== '#/components/schemas/ErrorResponse',
			),
		).toEqual([]);
	});
});
