import { api, startRenderer, testCard, type RunningRenderer } from '../support/renderer';

const ADMIN_KEY = 'admin-test-key-0123456789';

describe('Bull Board at /admin/queues (bull driver, real redis)', () => {
	let r: RunningRenderer;

	beforeAll(async () => {
		// No worker: the render enqueued below stays waiting, so the board has something to show.
		r = await startRenderer({
			driver: 'bull',
			worker: false,
			env: { REELFORGE_ADMIN_KEY: ADMIN_KEY },
			overrides: { moderator: null },
		});
	});
	afterAll(() => r.close());

	test('refuses without a key (asking the browser for Basic auth) and refuses a free-tier key', async () => {
		const anonymous = await fetch(`${r.url}/admin/queues`);
		expect(anonymous.status).toBe(401);
		expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm="Reelforge admin"/);
		expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe(
			'unauthorized',
		);
		const wrong = await fetch(`${r.url}/admin/queues/api/queues`, {
			headers: { authorization: 'Bearer not-a-key' },
		});
		expect(wrong.status).toBe(401);
		const free = (await r.services.keys.create('free')).key;
		const refused = await fetch(`${r.url}/admin/queues/api/queues`, {
			headers: { authorization: `Bearer ${free}` },
		});
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('tier_forbids');
	});

	test('a pro key (Bearer) and the admin key (Basic password) open the board, which shows the render queue', async () => {
		const created = await api(r, 'POST', '/v1/renders', testCard());
		expect(created.status).toBe(201);

		const page = await fetch(`${r.url}/admin/queues`, {
			headers: { authorization: `Bearer ${r.apiKey}` },
		});
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toMatch(/text\/html/);
		const html = await page.text();
		expect(html).toContain('Reelforge queues');
		// The UI's own script loads from under the same prefix, behind the same check.
		const base = /<base href="([^"]+)"/.exec(html)?.[1];
		const script = /src="([^"]*static\/[^"]+\.js)"/.exec(html)?.[1];
		expect(base).toBeDefined();
		expect(script).toBeDefined();
		const scriptUrl = new URL(script!, new URL(base!, r.url)).toString();
		expect(scriptUrl.startsWith(`${r.url}/admin/queues/`)).toBe(true);
		expect((await fetch(scriptUrl)).status).toBe(401);
		const asset = await fetch(scriptUrl, { headers: { authorization: `Bearer ${r.apiKey}` } });
		expect(asset.status).toBe(200);
		expect(asset.headers.get('content-type')).toMatch(/javascript/);

		const basic = `Basic ${Buffer.from(`ops:${ADMIN_KEY}`).toString('base64')}`;
		const queues = await fetch(`${r.url}/admin/queues/api/queues`, {
			headers: { authorization: basic },
		});
		expect(queues.status).toBe(200);
		const body = (await queues.json()) as {
			queues: Array<{ name: string; counts: Record<string, number> }>;
		};
		const renders = body.queues.find((q) => q.name === 'renders');
		expect(renders?.counts.waiting).toBeGreaterThanOrEqual(1);
	});

	test('the board stays out of the OpenAPI document', async () => {
		const doc = (await api(r, 'GET', '/openapi.json')).json;
		expect(Object.keys(doc.paths).filter((p) => p.startsWith('/admin'))).toEqual([]);
	});
});

describe('/admin/queues with the memory driver', () => {
	test('is not mounted', async () => {
		const r = await startRenderer({ worker: false, overrides: { moderator: null } });
		try {
			expect(
				(await fetch(`${r.url}/admin/queues`, { headers: { authorization: `Bearer ${r.apiKey}` } }))
					.status,
			).toBe(404);
		} finally {
			await r.close();
		}
	});
});
