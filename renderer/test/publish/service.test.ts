import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { KeyService, type KeyRecord } from '../../src/auth/keys';
import { QuotaService } from '../../src/auth/quotas';
import { loadTiers } from '../../src/auth/tiers';
import type { RenderRecord } from '../../src/jobs/renderRecord';
import type { S3Config } from '../../src/config';
import { RenderService } from '../../src/jobs/renderService';
import { ProviderRegistry } from '../../src/providers/registry';
import { AllowList } from '../../src/net/addresses';
import { Outbound } from '../../src/net/outbound';
import { createPublishService, type PublishService } from '../../src/publish/service';
import { MemoryQueue } from '../../src/queue/memoryQueue';
import { LocalStorage } from '../../src/storage/localStorage';
import { FileStore } from '../../src/store/fileStore';
import { createWebhookService, type WebhookService } from '../../src/webhooks/service';
import { S3Emulator } from '../support/s3Emulator';
import { completedRender } from '../webhooks/support/fixtures';
import { eventually, WebhookReceiver } from '../webhooks/support/webhookReceiver';
import { flaggedModeration, passedModeration, storeRealOutputs } from './support';

describe('publish service', () => {
	let dir: string;
	let store: FileStore;
	let storage: LocalStorage;
	let keys: KeyService;
	let renders: RenderService;
	let webhooks: WebhookService;
	let publish: PublishService;
	let owner: KeyRecord;
	let ownerSecret: string;
	let stranger: KeyRecord;
	const receiver = new WebhookReceiver();
	const s3 = new S3Emulator();

	const PUBLIC_URL = 'http://reelforge.test';

	async function render(overrides: Partial<RenderRecord> = {}): Promise<RenderRecord> {
		const record = completedRender(owner.id, {
			moderation: passedModeration,
			provenance: { signed: true },
			...overrides,
		});
		record.outputs = await storeRealOutputs(storage, dir, record.id);
		await renders.records.admit(record);
		return record;
	}

	/** A publish service whose `s3` target is a bucket of the S3 emulator. */
	function publishingTo(target: Pick<S3Config, 'bucket' | 'prefix' | 'publicBaseUrl'>) {
		return createPublishService({
			store,
			storage,
			renders,
			events: webhooks,
			webhooks,
			config: {
				publicUrl: PUBLIC_URL,
				publishS3: {
					endpoint: s3.endpoint,
					region: s3.region,
					accessKeyId: s3.accessKeyId,
					secretAccessKey: s3.secretAccessKey,
					forcePathStyle: true,
					...target,
				},
			},
		});
	}

	beforeAll(async () => {
		dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-publish-'));
		store = new FileStore(path.join(dir, 'store'));
		storage = new LocalStorage(path.join(dir, 'objects'));
		const tiers = loadTiers();
		keys = new KeyService(store, Object.keys(tiers));
		renders = new RenderService({
			store,
			queue: new MemoryQueue({ attempts: 1, backoffMs: 10 }),
			storage,
			quotas: new QuotaService(store, tiers),
			providers: new ProviderRegistry([]),
		});
		await receiver.start();
		await s3.start();
		s3.createBucket('published');
		const created = await keys.create('pro');
		owner = (await keys.get(created.record.id))!;
		ownerSecret = created.webhookSecret;
		receiver.trust(ownerSecret);
		stranger = (await keys.get((await keys.create('free')).record.id))!;
		webhooks = createWebhookService({
			store,
			keys,
			// The receiver listens on loopback, which an operator opens with REELFORGE_FETCH_ALLOW.
			outbound: new Outbound({ allow: AllowList.parse('127.0.0.1') }),
			config: { webhookRetrySchedule: [50], publicUrl: PUBLIC_URL },
			log: () => undefined,
			pollIntervalMs: 20,
		});
		webhooks.start();
		publish = publishingTo({
			bucket: 'published',
			prefix: 'media/',
			publicBaseUrl: 'https://cdn.example.test',
		});
	});

	afterAll(async () => {
		await webhooks.stop();
		await receiver.stop();
		await s3.stop();
		await fs.rm(dir, { recursive: true, force: true });
	});

	test('publishing to the feed records the publication on the render, with the AI disclosure, and emits render.published', async () => {
		const subscription = await webhooks.subscriptions.create(owner.id, {
			url: `${receiver.url}/events`,
			events: ['render.published'],
		});
		receiver.trust(subscription.secret);
		const r = await render({ spec: completedRender(owner.id).spec });
		const publication = await publish.publish(r.id, { target: 'feed', title: 'Dusk' }, owner);
		expect(publication).toMatchObject({
			target: 'feed',
			visibility: 'public',
			url: `${PUBLIC_URL}/v1/feed/${publication.id}`,
			contentUrl: `${PUBLIC_URL}/v1/feed/${publication.id}/content`,
		});
		expect(publication.aiDisclosure).toMatchObject({
			aiGenerated: true,
			generator: 'Reelforge',
			standard: 'EU AI Act Art. 50',
			c2pa: true,
		});
		expect(publication.override).toBeUndefined();

		const stored = await renders.records.get(r.id);
		expect(stored?.publications).toEqual([
			{
				id: publication.id,
				target: 'feed',
				url: publication.url,
				visibility: 'public',
				publishedAt: publication.publishedAt,
			},
		]);

		const item = await publish.feed.get(publication.id);
		expect(item).toMatchObject({
			renderId: r.id,
			visibility: 'public',
			title: 'Dusk',
			listed: true,
		});

		const event = await eventually(() => receiver.received.find((h) => h.path === '/events'));
		expect(event.secret).toBe(subscription.secret);
		expect(event.verified).toMatchObject({
			type: 'render.published',
			data: {
				render: { id: r.id },
				publication: { id: publication.id, target: 'feed', contentUrl: publication.contentUrl },
			},
		});
		await webhooks.subscriptions.delete(owner.id, subscription.id);
	});

	test('the moderation gate: unmoderated 409, flagged or blocked 422, an override is recorded; minors findings never publish', async () => {
		const unmoderated = await render({ moderation: undefined });
		await expect(publish.publish(unmoderated.id, { target: 'feed' }, owner)).rejects.toMatchObject({
			statusCode: 409,
			code: 'moderation_required',
		});
		const flagged = await render({ moderation: flaggedModeration });
		await expect(publish.publish(flagged.id, { target: 'feed' }, owner)).rejects.toMatchObject({
			statusCode: 422,
			code: 'moderation_flagged',
			message: expect.stringContaining('violence'),
		});
		await expect(
			publish.publish(flagged.id, { target: 'feed', override: { reason: '   ' } }, owner),
		).rejects.toMatchObject({ code: 'moderation_flagged' });

		const overridden = await publish.publish(
			flagged.id,
			{
				target: 'feed',
				visibility: 'unlisted',
				override: { reason: 'reviewed by a human: stage combat' },
			},
			owner,
		);
		expect(overridden.override).toEqual({
			reason: 'reviewed by a human: stage combat',
			keyId: owner.id,
			at: overridden.publishedAt,
		});
		expect((await renders.records.get(flagged.id))?.publications[0].override?.reason).toBe(
			'reviewed by a human: stage combat',
		);

		// The policy's `block` is refused like a flag, and overridable the same way.
		const blocked = await render({ moderation: { ...flaggedModeration, action: 'block' } });
		await expect(publish.publish(blocked.id, { target: 'feed' }, owner)).rejects.toMatchObject({
			statusCode: 422,
			code: 'moderation_flagged',
		});
		expect(
			(
				await publish.publish(
					blocked.id,
					{ target: 'feed', override: { reason: 'news footage, reviewed' } },
					owner,
				)
			).override?.reason,
		).toBe('news footage, reviewed');

		const minors = await render({
			moderation: {
				...flaggedModeration,
				action: 'block',
				categories: { minors: 0.8 },
				reasons: [{ category: 'minors', score: 0.8, source: 'frame', detail: 'frame 1.0 s' }],
			},
		});
		await expect(
			publish.publish(minors.id, { target: 'feed', override: { reason: 'please' } }, owner),
		).rejects.toMatchObject({ statusCode: 422, code: 'moderation_blocked' });

		const running = await render({ status: 'rendering' });
		await expect(
			publish.publish(running.id, { target: 'feed', override: { reason: 'x' } }, owner),
		).rejects.toMatchObject({ statusCode: 409, code: 'render_not_completed' });
		await expect(publish.publish(running.id, { target: 'feed' }, stranger)).rejects.toMatchObject({
			statusCode: 404,
		});
	});

	test('feed listing: public for everyone, unlisted and private only for the owner, with cursor pages', async () => {
		const made: Record<string, string> = {};
		for (const visibility of ['public', 'unlisted', 'private', 'public'] as const) {
			const r = await render();
			made[`${visibility}-${Object.keys(made).length}`] = (
				await publish.publish(r.id, { target: 'feed', visibility }, owner)
			).id;
		}
		const anonymous = await publish.feed.list(undefined, { limit: 100 });
		expect(anonymous.data.every((i) => i.visibility === 'public')).toBe(true);
		expect(anonymous.data.map((i) => i.id)).toEqual(
			expect.arrayContaining([made['public-0'], made['public-3']]),
		);
		const mine = await publish.feed.list(owner.id, { limit: 100 });
		expect(mine.data.map((i) => i.id)).toEqual(expect.arrayContaining(Object.values(made)));
		const theirs = await publish.feed.list(stranger.id, { limit: 100 });
		expect(theirs.data.map((i) => i.id)).not.toContain(made['private-2']);

		const first = await publish.feed.list(owner.id, { limit: 2 });
		expect(first.data).toHaveLength(2);
		const second = await publish.feed.list(owner.id, { limit: 2, cursor: first.nextCursor! });
		expect(second.data[0].id < first.data[1].id).toBe(true);
		expect(first.data.map((i) => i.id)).toEqual(mine.data.slice(0, 2).map((i) => i.id));
		expect(second.data.map((i) => i.id)).toEqual(mine.data.slice(2, 4).map((i) => i.id));
	});

	test('the webhook target gets a signed render.published with a content URL anyone can fetch; unpublish notifies it', async () => {
		const r = await render();
		const publication = await publish.publish(
			r.id,
			{ target: 'webhook', url: `${receiver.url}/target`, title: 'To the CMS' },
			owner,
		);
		expect(publication.targetUrl).toBe(`${receiver.url}/target`);
		expect(publication.url).toBe(`${PUBLIC_URL}/v1/feed/${publication.id}/content`);
		const hit = await eventually(() => receiver.received.find((h) => h.path === '/target'));
		expect(hit.secret).toBe(ownerSecret);
		expect(hit.verified).toMatchObject({
			type: 'render.published',
			data: {
				publication: {
					id: publication.id,
					contentUrl: publication.contentUrl,
					aiDisclosure: { aiGenerated: true },
				},
			},
		});
		const backing = await publish.feed.get(publication.id);
		expect(backing).toMatchObject({ visibility: 'unlisted', listed: false });
		expect((await publish.feed.list(owner.id, { limit: 100 })).data.map((i) => i.id)).not.toContain(
			publication.id,
		);

		const log = await webhooks.deliveriesOf(r.id);
		expect(log.find((d) => d.id === publication.deliveryId)?.recipient).toEqual({
			kind: 'publish',
			publicationId: publication.id,
		});

		const undone = await publish.unpublish(r.id, publication.id, owner);
		expect(undone.unpublishedAt).toBeDefined();
		const gone = await eventually(() =>
			receiver.received.find(
				(h) =>
					h.path === '/target' &&
					(h.verified as { type?: string } | undefined)?.type === 'render.unpublished',
			),
		);
		expect(gone.verified).toMatchObject({ data: { publication: { id: publication.id } } });
		expect(await publish.feed.get(publication.id)).toBeUndefined();
		expect((await renders.records.get(r.id))?.publications[0].unpublishedAt).toBe(
			undone.unpublishedAt,
		);
	});

	test('webhook targets must be http(s)', async () => {
		const r = await render();
		await expect(
			publish.publish(r.id, { target: 'webhook', url: 'ftp://example.test/x' }, owner),
		).rejects.toMatchObject({ statusCode: 400, details: [{ path: '/url' }] });
		await expect(publish.publish(r.id, { target: 'webhook' }, owner)).rejects.toMatchObject({
			statusCode: 400,
		});
	});

	test('the s3 target uploads video and poster with AI metadata and answers the public URL; unpublish deletes them', async () => {
		const r = await render();
		const publication = await publish.publish(
			r.id,
			{ target: 's3', key: `shows/${r.id}.mp4` },
			owner,
		);
		expect(publication.url).toBe(`https://cdn.example.test/media/shows/${r.id}.mp4`);
		const video = s3.object('published', `media/shows/${r.id}.mp4`);
		expect(video?.contentType).toBe('video/mp4');
		expect(video?.metadata).toMatchObject({
			'ai-generated': 'true',
			generator: 'Reelforge',
			c2pa: 'true',
			'render-id': r.id,
		});
		const original = await collect(await storage.read(r.outputs.video!.key));
		expect((await video!.read()).equals(original)).toBe(true);
		expect(s3.object('published', `media/shows/${r.id}.jpg`)?.contentType).toBe('image/jpeg');

		// The render is deleted first: what was published can still be withdrawn.
		await renders.delete(r.id, owner);
		await expect(publish.unpublish(r.id, publication.id, stranger)).rejects.toMatchObject({
			statusCode: 404,
		});
		await publish.unpublish(r.id, publication.id, owner);
		expect(s3.object('published', `media/shows/${r.id}.mp4`)).toBeUndefined();
		expect(s3.object('published', `media/shows/${r.id}.jpg`)).toBeUndefined();
	});

	test('the s3 target refuses unusable keys and reports an unreachable bucket as 502', async () => {
		const r = await render();
		await expect(
			publish.publish(r.id, { target: 's3', key: '../escape.mp4' }, owner),
		).rejects.toMatchObject({ statusCode: 400, details: [{ path: '/key' }] });
		const broken = publishingTo({ bucket: 'missing-bucket', prefix: '' });
		await expect(broken.publish(r.id, { target: 's3' }, owner)).rejects.toMatchObject({
			statusCode: 502,
			code: 's3_publish_failed',
		});
		expect((await renders.records.get(r.id))?.publications).toEqual([]);
	});
});

async function collect(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}
