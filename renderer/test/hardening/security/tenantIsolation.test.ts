/**
 * Tenant isolation on every route, derived from the OpenAPI document so a new route is covered
 * the day it is added: tenant B owns one of each thing (render, subscription, cameo, upload,
 * publication, private feed item); tenant A tries every documented route with B's ids, and every
 * route that takes ids in its body with B's ids there. A must not read, list, cancel, publish,
 * remix, moderate, subscribe to or see events of B's things; anonymous callers get 401 wherever a
 * key is required. A real `reelforge serve` on bull, driven over HTTP only.
 */
import { readFileSync } from 'node:fs';
import { call, testpatternSpec, waitFor } from '../support/processes';
import { startWorld, type World } from '../support/world';
import { figure } from '../support/level';

/** Fails with the operation named when its status is not one of the refusals expected. */
function refused(op: string, status: number, allowed: number[]): void {
	if (!allowed.includes(status)) throw new Error(`${op} answered ${status}, not one of ${allowed}`);
}

interface Operation {
	method: string;
	route: string;
	params: string[];
	security: unknown;
}

describe('tenant isolation on every documented route', () => {
	let w: World;
	let operations: Operation[];
	const b: Record<string, string> = {};

	beforeAll(async () => {
		w = await startWorld();
		const doc = (await call(w.url, undefined, 'GET', '/openapi.json')).json;
		operations = Object.entries(
			doc.paths as Record<
				string,
				Record<string, { security?: unknown; parameters?: Array<{ in: string; name: string }> }>
			>,
		).flatMap(([route, methods]) =>
			Object.entries(methods).map(([method, op]) => ({
				method: method.toUpperCase(),
				route,
				params: [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
				security: op.security,
			})),
		);

		// B's things, each made through the API as B would.
		const render = await call(w.url, w.b.key, 'POST', '/v1/renders', testpatternSpec(1));
		expect(render.status).toBe(201);
		b.render = render.json.id;
		await waitFor(w.url, w.b.key, b.render, ['completed']);
		const sub = await call(w.url, w.b.key, 'POST', '/v1/webhooks', {
			url: `${w.receiver.url}/tenant-b`,
			events: ['render.completed'],
		});
		expect(sub.status).toBe(201);
		b.subscription = sub.json.id;
		const cameo = await call(w.url, w.b.key, 'POST', '/v1/cameos', { name: 'Tenant B' });
		expect(cameo.status).toBe(201);
		b.cameo = cameo.json.id;
		const upload = await fetch(`${w.url}/v1/remixes/uploads`, {
			method: 'POST',
			headers: { authorization: `Bearer ${w.b.key}`, 'content-type': 'video/mp4' },
			body: readFileSync(w.clip),
		});
		expect(upload.status).toBe(201);
		b.upload = ((await upload.json()) as { id: string }).id;
		const asset = await fetch(`${w.url}/v1/assets`, {
			method: 'POST',
			headers: { authorization: `Bearer ${w.b.key}`, 'content-type': 'video/mp4' },
			body: readFileSync(w.clip),
		});
		expect(asset.status).toBe(201);
		b.asset = ((await asset.json()) as { id: string }).id;
		const published = await call(w.url, w.b.key, 'POST', `/v1/renders/${b.render}/publish`, {
			target: 'feed',
			visibility: 'private',
		});
		expect(published.status).toBe(201);
		b.publication = published.json.id;
		const feed = await call(w.url, w.b.key, 'GET', '/v1/feed');
		b.feedItem = feed.json.data.find((i: { renderId?: string; id: string }) =>
			JSON.stringify(i).includes(b.render),
		)?.id;
		expect(b.feedItem).toBeDefined();
	});
	afterAll(() => w?.close());

	/** B's id for a path parameter of a route; unknown parameters fail the suite on purpose. */
	function bIdFor(route: string, param: string): string {
		if (param === 'publicationId') return b.publication;
		if (param === 'itemId') return b.feedItem;
		if (param === 'id') {
			if (route.startsWith('/v1/renders/')) return b.render;
			if (route.startsWith('/v1/webhooks/')) return b.subscription;
			if (route.startsWith('/v1/cameos/')) return b.cameo;
			if (route.startsWith('/v1/assets/')) return b.asset;
		}
		throw new Error(
			`${route} has a path parameter {${param}} this suite has no tenant-B resource for: add one`,
		);
	}

	const fill = (op: Operation) =>
		op.route.replace(/\{(\w+)\}/g, (_m, param: string) => bIdFor(op.route, param));

	/** Request bodies that make each writing route touch the id (a valid body otherwise). */
	function bodyFor(op: Operation): unknown {
		if (op.method === 'GET' || op.method === 'DELETE') return undefined;
		if (op.route.endsWith('/publish')) return { target: 'feed', visibility: 'public' };
		if (op.route.endsWith('/reports')) return { reason: 'spam' };
		if (op.route.startsWith('/v1/cameos/')) return { privacy: 'public' };
		return {};
	}

	/** A real recording upload (raw video/mp4), so the route gets past its content type. */
	async function upload(url: string, method: string) {
		const res = await fetch(`${w.url}${url}`, {
			method,
			headers: { authorization: `Bearer ${w.a.key}`, 'content-type': 'video/mp4' },
			body: readFileSync(w.clip),
		});
		return { status: res.status, text: await res.text() };
	}

	const leaks = (text: string) =>
		Object.entries(b)
			.filter(([, id]) => id && text.includes(id))
			.map(([what]) => what);

	it('A gets no 2xx on any route that names one of B’s things, and learns nothing from the answer', async () => {
		const withIds = operations.filter((op) => op.params.length > 0);
		expect(withIds.length).toBeGreaterThan(15);
		const answers: string[] = [];
		for (const op of withIds) {
			const url = fill(op);
			const res = op.route.endsWith('/recording')
				? await upload(url, op.method)
				: await call(w.url, w.a.key, op.method, url, bodyFor(op), {}, 5_000);
			answers.push(`${op.method} ${op.route} → ${res.status}`);
			// A 2xx (or a stream that never answers) would be a leak.
			refused(`${op.method} ${op.route}`, res.status, [400, 401, 403, 404, 409, 422]);
			// The id A sent may be echoed in "not found"; nothing else of B's may appear.
			const sent = new Set(Object.values(b).filter((id) => url.includes(id)));
			const leaked = leaks(res.text).filter((what) => !sent.has(b[what]));
			expect({ op: `${op.method} ${op.route}`, leaked }).toEqual({
				op: `${op.method} ${op.route}`,
				leaked: [],
			});
		}
		figure('security', 'isolation_routes_with_ids', withIds.length);
	});

	it('B’s things are untouched after A’s attempts (nothing cancelled, unpublished or changed)', async () => {
		const render = await call(w.url, w.b.key, 'GET', `/v1/renders/${b.render}`);
		expect(render.json.status).toBe('completed');
		const cameo = await call(w.url, w.b.key, 'GET', `/v1/cameos/${b.cameo}`);
		expect(cameo.status).toBe(200);
		expect(cameo.json.privacy).toBe('private');
		expect((await call(w.url, w.b.key, 'GET', `/v1/webhooks/${b.subscription}`)).status).toBe(200);
		const item = await call(w.url, w.b.key, 'GET', `/v1/feed/${b.feedItem}`);
		expect(item.status).toBe(200);
		expect(JSON.stringify(item.json)).toContain('private');
		const content = await fetch(`${w.url}/v1/renders/${b.render}/content`, {
			headers: { authorization: `Bearer ${w.b.key}` },
		});
		expect(content.status).toBe(200);
		await content.arrayBuffer();
	});

	it('A’s lists, usage and feed show none of B’s things', async () => {
		const lists = operations.filter((op) => op.method === 'GET' && op.params.length === 0);
		for (const op of lists) {
			const res = await call(w.url, w.a.key, 'GET', op.route);
			expect({ route: op.route, leaked: leaks(res.text) }).toEqual({ route: op.route, leaked: [] });
		}
		// B itself does see them (the ids are real).
		expect((await call(w.url, w.b.key, 'GET', '/v1/renders')).text).toContain(b.render);
	});

	it('A cannot remix, moderate or cast B’s things through ids in a request body', async () => {
		const attempts: Array<[string, unknown]> = [
			['/v1/remixes', { source: { renderId: b.render }, operations: { style: 'anime' } }],
			['/v1/remixes', { source: { uploadId: b.upload }, operations: { style: 'anime' } }],
			['/v1/remixes', { source: { feedItemId: b.feedItem }, operations: { style: 'anime' } }],
			['/v1/moderations', { renderId: b.render }],
			[
				'/v1/renders',
				{
					...testpatternSpec(1),
					characters: [{ id: 'guest', cameoId: b.cameo }],
					shots: [{ prompt: 'a beach', duration: 1, characters: ['guest'] }],
					prompt: undefined,
				},
			],
		];
		for (const [route, body] of attempts) {
			const res = await call(w.url, w.a.key, 'POST', route, body);
			refused(`POST ${route} ${JSON.stringify(body)}`, res.status, [400, 403, 404, 422]);
			// The refusal names the field that carried B's id.
			expect({ route, details: res.json.error.details }).toEqual({
				route,
				details: [expect.objectContaining({ path: expect.stringMatching(/^\/./) })],
			});
		}
		expect((await call(w.url, w.a.key, 'GET', '/v1/renders')).json.data).toEqual([]);
	});

	it('A’s subscription never receives B’s events', async () => {
		const sub = await call(w.url, w.a.key, 'POST', '/v1/webhooks', {
			url: `${w.receiver.url}/tenant-a`,
			events: ['render.completed', 'render.failed', 'render.published'],
		});
		expect(sub.status).toBe(201);
		const render = await call(w.url, w.b.key, 'POST', '/v1/renders', testpatternSpec(1));
		await waitFor(w.url, w.b.key, render.json.id, ['completed']);
		const until = Date.now() + 10_000;
		while (
			Date.now() < until &&
			!w.receiver.deliveries.some((d) => d.body.includes(render.json.id))
		)
			await new Promise((r) => setTimeout(r, 200));
		// B's own subscription got it; A's got nothing of B's.
		expect(
			w.receiver.deliveries.some((d) => d.path === '/tenant-b' && d.body.includes(render.json.id)),
		).toBe(true);
		expect(w.receiver.deliveries.filter((d) => d.path === '/tenant-a')).toEqual([]);
	});

	it('anonymous callers get 401 on every route that requires a key', async () => {
		const keyed = operations.filter(
			(op) =>
				op.security === undefined ||
				(Array.isArray(op.security) &&
					op.security.length > 0 &&
					!op.security.some((s) => Object.keys(s as object).length === 0)),
		);
		expect(keyed.length).toBeGreaterThan(20);
		for (const op of keyed) {
			const res = await call(w.url, undefined, op.method, fill(op), bodyFor(op), {}, 5_000);
			expect({ op: `${op.method} ${op.route}`, status: res.status }).toEqual({
				op: `${op.method} ${op.route}`,
				status: 401,
			});
		}
		// Admin routes refuse a tenant key as well.
		for (const op of operations.filter((o) => o.route.startsWith('/v1/admin'))) {
			const res = await call(w.url, w.a.key, op.method, fill(op), bodyFor(op));
			expect([401, 403]).toContain(res.status);
		}
	});
});
