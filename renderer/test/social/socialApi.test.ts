/**
 * Likes, reports, report reviews, signed content links, provenance badges, remix chains and the
 * admin overview, on a real running service (real queue, store, storage, ffmpeg, C2PA signer),
 * once with the file store and the in-memory queue and once with Redis and bull.
 */
import { createFlakyProvider, failedRender } from '../support/fixtureProviders';
import { createTestPatternProvider } from '../../src/providers/testpattern';
import { createLocalProvider } from '../../src/providers/local';
import {
	api,
	startRenderer,
	testCard,
	waitForStatus,
	type Driver,
	type RunningRenderer,
} from '../support/renderer';

const ADMIN_KEY = 'admin-test-key-0123456789';
const anonymous = (r: RunningRenderer) => ({ url: r.url, apiKey: '' });
const admin = (r: RunningRenderer) => ({ url: r.url, apiKey: ADMIN_KEY });

async function renderAndPublish(
	r: RunningRenderer,
	caller: { url: string; apiKey: string },
	visibility: 'public' | 'unlisted' | 'private',
	title: string,
) {
	const created = await api(
		caller,
		'POST',
		'/v1/renders',
		testCard({ prompt: `a test card called ${title}` }),
	);
	expect(created.status).toBe(201);
	await waitForStatus(caller, created.json.id, ['completed']);
	const published = await api(caller, 'POST', `/v1/renders/${created.json.id}/publish`, {
		target: 'feed',
		visibility,
		title,
		override: { reason: 'diagnostic render' },
	});
	expect(published.status).toBe(201);
	return { renderId: created.json.id as string, itemId: published.json.id as string };
}

describe.each<[string, Driver]>([
	['file store, memory queue', 'memory'],
	['Redis store, bull queue', 'bull'],
])('feed social API (%s)', (_name, driver) => {
	let r: RunningRenderer;
	let viewer1: { url: string; apiKey: string };
	let viewer2: { url: string; apiKey: string };
	let pub: { renderId: string; itemId: string };
	let secret: { renderId: string; itemId: string };

	beforeAll(async () => {
		r = await startRenderer({
			driver,
			env: { REELFORGE_ADMIN_KEY: ADMIN_KEY, REELFORGE_REPORT_THRESHOLD: '2' },
			overrides: {
				moderator: null,
				providers: [
					createLocalProvider({}),
					createTestPatternProvider(),
					createFlakyProvider(99, 'permanent'),
				],
			},
		});
		viewer1 = { url: r.url, apiKey: (await r.services.keys.create('free', 'viewer 1')).key };
		viewer2 = { url: r.url, apiKey: (await r.services.keys.create('free', 'viewer 2')).key };
		pub = await renderAndPublish(r, r, 'public', 'Public card');
		secret = await renderAndPublish(r, r, 'private', 'Private card');
	});
	afterAll(() => r.close());

	test('anonymous viewers list public clips with share links and what they were made from; private ones need the owner or a signed link', async () => {
		const listed = await api(anonymous(r), 'GET', '/v1/feed?limit=50');
		expect(listed.status).toBe(200);
		const ids = listed.json.data.map((i: { id: string }) => i.id);
		expect(ids).toContain(pub.itemId);
		expect(ids).not.toContain(secret.itemId);
		const item = listed.json.data.find((i: { id: string }) => i.id === pub.itemId);
		expect(item).toMatchObject({
			contentUrl: `${r.url}/v1/feed/${pub.itemId}/content`,
			shareUrl: `${r.url}/feed/#/clip/${pub.itemId}`,
			likes: 0,
			likedByYou: null,
			yours: false,
			captionsUrl: null,
			about: { prompt: 'a test card called Public card', provider: 'testpattern' },
			remixedFrom: null,
		});

		const own = await api(r, 'GET', '/v1/feed?limit=50');
		const mine = own.json.data.find((i: { id: string }) => i.id === secret.itemId);
		expect(mine).toMatchObject({ yours: true, visibility: 'private', likedByYou: false });
		expect(mine.contentUrl).toMatch(/\/content\?access=[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);

		// The signed link opens the private video for a <video> element that sends no key.
		const video = await fetch(mine.contentUrl, { headers: { range: 'bytes=0-99' } });
		expect(video.status).toBe(206);
		expect(video.headers.get('content-type')).toBe('video/mp4');
		expect(video.headers.get('cache-control')).toBe('private, no-store');
		expect((await api(anonymous(r), 'GET', `/v1/feed/${secret.itemId}/content`)).status).toBe(404);
		const token = new URL(mine.contentUrl).searchParams.get('access')!;
		const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
		expect(
			(await api(anonymous(r), 'GET', `/v1/feed/${secret.itemId}/content?access=${tampered}`))
				.status,
		).toBe(404);
		// A token is bound to its item.
		expect(
			(await api(anonymous(r), 'GET', `/v1/feed/${pub.itemId}/content?access=${token}`)).status,
		).toBe(200);
		const otherPrivate = await renderAndPublish(r, r, 'private', 'Another private card');
		expect(
			(await api(anonymous(r), 'GET', `/v1/feed/${otherPrivate.itemId}/content?access=${token}`))
				.status,
		).toBe(404);
	});

	test('likes: one per key, idempotent, counted on the item, a key is needed', async () => {
		const route = `/v1/feed/${pub.itemId}/like`;
		expect((await api(viewer1, 'PUT', route)).json).toEqual({
			itemId: pub.itemId,
			liked: true,
			likes: 1,
		});
		expect((await api(viewer1, 'PUT', route)).json.likes).toBe(1);
		expect((await api(viewer2, 'PUT', route)).json.likes).toBe(2);
		const seen = (await api(viewer1, 'GET', `/v1/feed/${pub.itemId}`)).json;
		expect(seen).toMatchObject({ likes: 2, likedByYou: true });
		expect((await api(viewer2, 'DELETE', route)).json).toMatchObject({ liked: false, likes: 1 });
		expect((await api(viewer2, 'DELETE', route)).json.likes).toBe(1);
		const refused = await api(anonymous(r), 'PUT', route);
		expect(refused.status).toBe(401);
		expect(refused.json.error.code).toBe('unauthorized');
		expect((await api(viewer1, 'PUT', `/v1/feed/${secret.itemId}/like`)).status).toBe(404);
		expect((await api(viewer1, 'PUT', '/v1/feed/not-an-id/like')).status).toBe(400);
	});

	test('the provenance badge reads the signed manifest; the remix chain leads back to the clip remixed', async () => {
		const badge = await api(anonymous(r), 'GET', `/v1/feed/${pub.itemId}/provenance`);
		expect(badge.status).toBe(200);
		expect(badge.json).toMatchObject({
			object: 'provenance_summary',
			signed: true,
			validationState: 'Trusted',
			claimGenerator: 'Reelforge 0.1.0',
			aiGenerated: true,
			digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
			provider: { id: 'testpattern', name: 'Test pattern (diagnostic)', offline: true },
			cameos: [],
		});
		expect(badge.json.signer.issuer).toEqual(expect.any(String));
		expect((await api(anonymous(r), 'GET', `/v1/feed/${secret.itemId}/provenance`)).status).toBe(
			404,
		);

		// Viewer 1 remixes the owner's public clip (not their render) and publishes the remix.
		const remix = await api(viewer1, 'POST', '/v1/remixes', {
			source: { feedItemId: pub.itemId },
			operations: { style: 'noir' },
			output: { quality: 'draft' },
		});
		expect([remix.status, remix.json.error]).toEqual([201, undefined]);
		expect(remix.json.source).toMatchObject({
			kind: 'render',
			renderId: pub.renderId,
			feedItemId: pub.itemId,
		});
		await waitForStatus(viewer1, remix.json.id, ['completed'], 120_000);
		const published = await api(viewer1, 'POST', `/v1/renders/${remix.json.id}/publish`, {
			target: 'feed',
			title: 'Noir remix',
			override: { reason: 'test' },
		});
		expect(published.status).toBe(201);
		const remixItem = (await api(anonymous(r), 'GET', `/v1/feed/${published.json.id}`)).json;
		expect(remixItem.remixedFrom).toEqual({
			itemId: pub.itemId,
			url: `${r.url}/v1/feed/${pub.itemId}`,
			title: 'Public card',
		});
		const chain = await api(anonymous(r), 'GET', `/v1/feed/${published.json.id}/chain`);
		expect(chain.json.data).toEqual([
			expect.objectContaining({ itemId: pub.itemId, title: 'Public card' }),
		]);
		const ingredients = (await api(anonymous(r), 'GET', `/v1/feed/${published.json.id}/provenance`))
			.json.ingredients;
		expect(ingredients).toEqual([expect.objectContaining({ renderId: pub.renderId })]);

		// Someone else's private clip cannot be remixed.
		const refused = await api(viewer1, 'POST', '/v1/remixes', {
			source: { feedItemId: secret.itemId },
			operations: { style: 'noir' },
		});
		expect(refused.status).toBe(404);
	}, 180_000);

	test('reports: a moderation category, one per key; at the threshold the clip is hidden from all but its owner; the admin review decides and is recorded', async () => {
		const route = `/v1/feed/${pub.itemId}/reports`;
		const bad = await api(viewer1, 'POST', route, { reason: 'boring' });
		expect(bad.status).toBe(400);
		expect(bad.json.error.details[0].path).toBe('/reason');
		const first = await api(viewer1, 'POST', route, { reason: 'violence', note: 'a fight' });
		expect(first.status).toBe(201);
		expect(first.json).toMatchObject({ reason: 'violence', status: 'open', itemHidden: false });
		const again = await api(viewer1, 'POST', route, { reason: 'hate' });
		expect(again.status).toBe(409);
		expect(again.json.error.code).toBe('already_reported');
		const second = await api(viewer2, 'POST', route, { reason: 'hate' });
		expect(second.json.itemHidden).toBe(true);

		const listed = await api(anonymous(r), 'GET', '/v1/feed?limit=50');
		expect(listed.json.data.map((i: { id: string }) => i.id)).not.toContain(pub.itemId);
		expect((await api(viewer1, 'GET', `/v1/feed/${pub.itemId}`)).status).toBe(404);
		expect((await api(r, 'GET', `/v1/feed/${pub.itemId}`)).json).toMatchObject({
			yours: true,
			hidden: true,
		});
		// Its owner still opens it, and no shared cache keeps a copy.
		const ownCopy = await api(r, 'GET', `/v1/feed/${pub.itemId}/content`, undefined, {
			range: 'bytes=0-99',
		});
		expect(ownCopy.status).toBe(206);
		expect(ownCopy.headers.get('cache-control')).toBe('private, no-store');

		// The admin API takes the admin key only.
		expect((await api(anonymous(r), 'GET', '/v1/admin/reviews')).status).toBe(401);
		expect((await api(r, 'GET', '/v1/admin/reviews')).status).toBe(401);
		const queue = await api(admin(r), 'GET', '/v1/admin/reviews');
		expect(queue.status).toBe(200);
		const kase = queue.json.data.find((c: { itemId: string }) => c.itemId === pub.itemId);
		expect(kase).toMatchObject({
			hidden: true,
			openReports: 2,
			reasons: { violence: 1, hate: 1 },
		});
		expect(kase.reports.map((x: { note: string | null }) => x.note)).toContain('a fight');
		// The reviewer watches the hidden clip through a signed link.
		expect((await fetch(kase.item.contentUrl)).status).toBe(200);

		const missing = await api(admin(r), 'POST', `/v1/admin/reviews/${pub.itemId}/decisions`, {
			decision: 'keep',
		});
		expect(missing.status).toBe(400);
		expect(missing.json.error.details[0].path).toBe('/reviewer');
		const kept = await api(admin(r), 'POST', `/v1/admin/reviews/${pub.itemId}/decisions`, {
			decision: 'keep',
			reviewer: 'alice',
			note: 'a staged fight in a film set',
		});
		expect(kept.status).toBe(201);
		expect(kept.json).toMatchObject({
			decision: 'keep',
			reviewer: 'alice',
			via: 'admin_key',
			reasons: { violence: 1, hate: 1 },
		});
		expect(kept.json.reportIds).toHaveLength(2);
		const back = await api(anonymous(r), 'GET', '/v1/feed?limit=50');
		expect(back.json.data.map((i: { id: string }) => i.id)).toContain(pub.itemId);
		expect(
			(await api(admin(r), 'GET', '/v1/admin/reviews')).json.data.find(
				(c: { itemId: string }) => c.itemId === pub.itemId,
			),
		).toBeUndefined();
		expect(
			(
				await api(admin(r), 'POST', `/v1/admin/reviews/${pub.itemId}/decisions`, {
					decision: 'keep',
					reviewer: 'alice',
				})
			).status,
		).toBe(404);

		// Reported again after the decision, and removed this time.
		expect((await api(viewer1, 'POST', route, { reason: 'violence' })).status).toBe(201);
		expect((await api(viewer2, 'POST', route, { reason: 'violence' })).json.itemHidden).toBe(true);
		const removed = await api(admin(r), 'POST', `/v1/admin/reviews/${pub.itemId}/decisions`, {
			decision: 'remove',
			reviewer: 'bob',
		});
		expect(removed.status).toBe(201);
		expect((await api(r, 'GET', `/v1/feed/${pub.itemId}`)).status).toBe(404);
		const render = (await api(r, 'GET', `/v1/renders/${pub.renderId}`)).json;
		expect(
			render.publications.find((p: { id: string }) => p.id === pub.itemId).unpublishedAt,
		).toEqual(expect.any(String));

		const log = await api(admin(r), 'GET', `/v1/admin/decisions?itemId=${pub.itemId}`);
		expect(
			log.json.data.map((d: { decision: string; reviewer: string }) => [d.decision, d.reviewer]),
		).toEqual([
			['remove', 'bob'],
			['keep', 'alice'],
		]);
		expect(log.json.data[0].at >= log.json.data[1].at).toBe(true);
	});

	test('the admin overview: queue, renders by state, failures with their codes, providers and seconds', async () => {
		const failedId = await failedRender(r);
		expect((await api(anonymous(r), 'GET', '/v1/admin/stats')).status).toBe(401);
		const stats = await api(admin(r), 'GET', '/v1/admin/stats');
		expect(stats.status).toBe(200);
		expect(stats.json.queue).toMatchObject({ driver: driver, waiting: expect.any(Number) });
		expect(stats.json.renders.byStatus.completed).toBeGreaterThanOrEqual(3);
		expect(stats.json.renders.byStatus.failed).toBeGreaterThanOrEqual(1);
		expect(stats.json.failures[0]).toMatchObject({
			renderId: failedId,
			provider: 'broken',
			code: 'render_failed',
			message: expect.stringContaining('rejected the prompt'),
		});
		const testpattern = stats.json.providers.find((p: { id: string }) => p.id === 'testpattern');
		expect(testpattern).toMatchObject({
			available: true,
			offline: true,
			diagnostic: true,
			paidSecondsToday: 0,
		});
		expect(testpattern.secondsToday).toBeGreaterThanOrEqual(3);
	});
});
