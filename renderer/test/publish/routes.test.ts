import type { RenderRecord } from '../../src/jobs/renderRecord';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';
import { S3Emulator } from '../support/s3Emulator';
import { eventually, WebhookReceiver } from '../webhooks/support/webhookReceiver';

/** The publish and feed routes on a real running service: real render (ffmpeg test pattern), real HTTP. */
describe('publish and feed API', () => {
	let r: RunningRenderer;
	const receiver = new WebhookReceiver();
	const s3 = new S3Emulator();
	let renderId: string;

	beforeAll(async () => {
		await receiver.start();
		await s3.start();
		s3.createBucket('published');
		// No moderator in this service: its renders finish unmoderated, which is what the gate is about.
		r = await startRenderer({
			overrides: { moderator: null },
			env: {
				S3_ENDPOINT: s3.endpoint,
				S3_ACCESS_KEY_ID: s3.accessKeyId,
				S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
				PUBLISH_S3_BUCKET: 'published',
				// The webhook receiver listens on loopback: opened on purpose, as an operator would.
				REELFORGE_FETCH_ALLOW: '127.0.0.1',
			},
		});
		receiver.trust((await r.services.keys.get(r.keyId))!.webhookSecret);
		const created = await api(r, 'POST', '/v1/renders', {
			prompt: 'a test card',
			durationSeconds: 1,
			provider: 'testpattern',
			output: { width: 160, height: 120, fps: 10 },
			webhook: { url: `${receiver.url}/spec`, events: ['render.completed', 'render.published'] },
		});
		expect(created.status).toBe(201);
		renderId = created.json.id;
		await waitForStatus(r, renderId, ['completed']);
	});

	afterAll(async () => {
		await r.close();
		await receiver.stop();
		await s3.stop();
	});

	test('the spec webhook hears render.completed, signed with the key secret, and the delivery log shows it', async () => {
		const hit = await eventually(() =>
			receiver.received.find(
				(h) => (h.verified as { type?: string } | undefined)?.type === 'render.completed',
			),
		);
		expect(hit.path).toBe('/spec');
		expect(hit.verified).toMatchObject({ data: { render: { id: renderId, status: 'completed' } } });
		const log = await eventually(async () => {
			const res = await api(r, 'GET', `/v1/renders/${renderId}/deliveries`);
			return res.json?.data?.[0]?.status === 'delivered' ? res : undefined;
		});
		expect(log.json.data[0]).toMatchObject({
			eventType: 'render.completed',
			url: `${receiver.url}/spec`,
			attempts: [{ statusCode: 200 }],
		});
		expect(log.json.data[0].lease).toBeUndefined();
		expect(
			(await api({ url: r.url, apiKey: '' }, 'GET', `/v1/renders/${renderId}/deliveries`)).status,
		).toBe(401);
	});

	test('publishing an unmoderated render needs an override; bad bodies name the field', async () => {
		const refused = await api(r, 'POST', `/v1/renders/${renderId}/publish`, { target: 'feed' });
		expect(refused.status).toBe(409);
		expect(refused.json.error.code).toBe('moderation_required');
		const bad = await api(r, 'POST', `/v1/renders/${renderId}/publish`, {
			target: 'tiktok',
			visibility: 'secret',
		});
		expect(bad.status).toBe(400);
		expect(bad.json.error.details.map((d: { path: string }) => d.path)).toEqual(
			expect.arrayContaining(['/target', '/visibility']),
		);
		const noUrl = await api(r, 'POST', `/v1/renders/${renderId}/publish`, {
			target: 'webhook',
			override: { reason: 'test' },
		});
		expect(noUrl.status).toBe(400);
		expect(noUrl.json.error.details[0].path).toBe('/url');
	});

	test('feed publish with an override: public URL, AI disclosure, listed without a key, video with Range', async () => {
		const published = await api(r, 'POST', `/v1/renders/${renderId}/publish`, {
			target: 'feed',
			title: 'Test card',
			override: { reason: 'diagnostic render, reviewed' },
		});
		expect(published.status).toBe(201);
		const pub = published.json;
		expect(pub).toMatchObject({
			target: 'feed',
			visibility: 'public',
			url: `${r.url}/v1/feed/${pub.id}`,
			override: { reason: 'diagnostic render, reviewed', keyId: r.keyId },
		});
		expect(pub.aiDisclosure).toMatchObject({
			aiGenerated: true,
			generator: 'Reelforge',
			standard: 'EU AI Act Art. 50',
		});

		const render = (await api(r, 'GET', `/v1/renders/${renderId}`)).json;
		expect(render.publications.map((p: { id: string }) => p.id)).toContain(pub.id);

		const anonymous = { url: r.url, apiKey: '' };
		const listed = await api(anonymous, 'GET', '/v1/feed?limit=10');
		expect(listed.status).toBe(200);
		expect(listed.json.data.map((i: { id: string }) => i.id)).toContain(pub.id);
		const item = await api(anonymous, 'GET', `/v1/feed/${pub.id}`);
		expect(item.json).toMatchObject({
			id: pub.id,
			renderId,
			title: 'Test card',
			contentUrl: `${r.url}/v1/feed/${pub.id}/content`,
		});

		const full = await fetch(`${r.url}/v1/feed/${pub.id}/content`);
		expect(full.status).toBe(200);
		expect(full.headers.get('content-type')).toBe('video/mp4');
		const bytes = Buffer.from(await full.arrayBuffer());
		expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
		const part = await fetch(`${r.url}/v1/feed/${pub.id}/content`, {
			headers: { range: 'bytes=0-99' },
		});
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe(`bytes 0-99/${bytes.length}`);
		expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(0, 100))).toBe(true);

		const hit = await eventually(() =>
			receiver.received.find(
				(h) => (h.verified as { type?: string } | undefined)?.type === 'render.published',
			),
		);
		expect(hit.verified).toMatchObject({ data: { publication: { id: pub.id, target: 'feed' } } });

		const removed = await api(r, 'DELETE', `/v1/renders/${renderId}/publish/${pub.id}`);
		expect(removed.status).toBe(200);
		expect(removed.json.unpublishedAt).toEqual(expect.any(String));
		expect((await api(anonymous, 'GET', `/v1/feed/${pub.id}`)).status).toBe(404);
		expect((await fetch(`${r.url}/v1/feed/${pub.id}/content`)).status).toBe(404);
	});

	test('private items exist only for their owner; unlisted ones open by link but are not listed', async () => {
		const override = { reason: 'diagnostic render, reviewed' };
		const toFeed = async (visibility: string) =>
			(
				await api(r, 'POST', `/v1/renders/${renderId}/publish`, {
					target: 'feed',
					visibility,
					override,
				})
			).json;
		const priv = await toFeed('private');
		const unlisted = await toFeed('unlisted');
		const anonymous = { url: r.url, apiKey: '' };
		const publicIds = (await api(anonymous, 'GET', '/v1/feed')).json.data.map(
			(i: { id: string }) => i.id,
		);
		expect(publicIds).not.toContain(priv.id);
		expect(publicIds).not.toContain(unlisted.id);
		expect((await api(anonymous, 'GET', `/v1/feed/${priv.id}`)).status).toBe(404);
		expect((await fetch(`${r.url}/v1/feed/${priv.id}/content`)).status).toBe(404);
		expect((await api(anonymous, 'GET', `/v1/feed/${unlisted.id}`)).status).toBe(200);
		expect(
			(await fetch(`${r.url}/v1/feed/${unlisted.id}/content`, { headers: { range: 'bytes=0-9' } }))
				.status,
		).toBe(206);

		const ownerIds = (await api(r, 'GET', '/v1/feed')).json.data.map((i: { id: string }) => i.id);
		expect(ownerIds).toEqual(expect.arrayContaining([priv.id, unlisted.id]));
		expect(
			(
				await fetch(`${r.url}/v1/feed/${priv.id}/content`, {
					headers: { authorization: `Bearer ${r.apiKey}` },
				})
			).status,
		).toBe(200);

		const otherKey = (await r.services.keys.create('free')).key;
		const other = { url: r.url, apiKey: otherKey };
		expect((await api(other, 'GET', `/v1/feed/${priv.id}`)).status).toBe(404);
		expect(
			(await api(other, 'POST', `/v1/renders/${renderId}/publish`, { target: 'feed', override }))
				.status,
		).toBe(404);
		expect(
			(await api(other, 'DELETE', `/v1/renders/${renderId}/publish/${unlisted.id}`)).status,
		).toBe(404);

		const page1 = await api(r, 'GET', '/v1/feed?limit=1');
		expect(page1.json.data).toHaveLength(1);
		const page2 = await api(r, 'GET', `/v1/feed?limit=1&cursor=${page1.json.nextCursor}`);
		expect(page2.json.data[0].id < page1.json.data[0].id).toBe(true);
	});

	test('the s3 target uploads to the publish bucket with AI metadata; unpublish deletes it', async () => {
		const published = await api(r, 'POST', `/v1/renders/${renderId}/publish`, {
			target: 's3',
			key: `clips/${renderId}.mp4`,
			override: { reason: 'diagnostic render, reviewed' },
		});
		expect(published.status).toBe(201);
		expect(published.json.url).toBe(`${s3.endpoint}/published/clips/${renderId}.mp4`);
		expect(s3.object('published', `clips/${renderId}.mp4`)?.metadata['ai-generated']).toBe('true');
		expect(
			(await api(r, 'DELETE', `/v1/renders/${renderId}/publish/${published.json.id}`)).status,
		).toBe(200);
		expect(s3.object('published', `clips/${renderId}.mp4`)).toBeUndefined();
	});

	test('a moderated render publishes without an override', async () => {
		// A record as a moderated render leaves it (this service renders without a moderator): written
		// straight into the store, as test set-up.
		await r.services.store.collection<RenderRecord>('renders').update(renderId, (rec) => ({
			...rec,
			moderation: {
				flagged: false,
				action: 'allow',
				status: 'passed',
				categories: {},
				reasons: [],
				policy: 'default',
				checkedAt: new Date().toISOString(),
			},
		}));
		const published = await api(r, 'POST', `/v1/renders/${renderId}/publish`, {
			target: 'webhook',
			url: `${receiver.url}/cms`,
		});
		expect(published.status).toBe(201);
		expect(published.json.override).toBeNull();
		const hit = await eventually(() => receiver.received.find((h) => h.path === '/cms'));
		const contentUrl = (hit.verified as { data: { publication: { contentUrl: string } } }).data
			.publication.contentUrl;
		const res = await fetch(contentUrl, { headers: { range: 'bytes=0-15' } });
		expect(res.status).toBe(206);
	});
});
