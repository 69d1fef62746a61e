import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { KeyRecord } from '../auth/keys';
import type { Config } from '../config';
import { renderView } from '../jobs/renderView';
import { newId } from '../ids';
import type { RenderRecord } from '../jobs/renderRecord';
import type { RenderService } from '../jobs/renderService';
import { ApiError } from '../spec/errors';
import type { S3Storage } from '../storage/s3Storage';
import type { ObjectStorage } from '../storage/storage';
import type { Collection, Store } from '../store/store';
import type { Outbound } from '../net/outbound';
import type { WebhookService } from '../webhooks/service';
import type { EventSink } from '../webhooks/webhooks';
import { disclosureFor, disclosureMetadata } from './disclosure';
import { aboutRender, Feed, type FeedItem } from './feed';
import { checkPublishable, type ModerationOverride } from './gate';
import {
	publicationSummary,
	type PublicationRecord,
	type PublishTarget,
	type Visibility,
} from './publication';

export interface PublishRequest {
	target: PublishTarget;
	visibility?: Visibility;
	url?: string;
	key?: string;
	title?: string;
	description?: string;
	override?: ModerationOverride;
}

export interface PublishServiceDeps {
	store: Store;
	/** Where the render outputs are. */
	storage: ObjectStorage;
	renders: RenderService;
	events: EventSink;
	/** Direct, signed sends to webhook targets. */
	webhooks: WebhookService;
	/** The outbound door, whose settings the `s3` target's client uses. */
	outbound?: Outbound;
	config: Pick<Config, 'publicUrl' | 'publishS3'>;
	/** The bucket of the `s3` target; made from `config.publishS3` on first use when not given. */
	publishStorage?: S3Storage;
}

export interface PublishService {
	readonly feed: Feed;
	publish(renderId: string, request: PublishRequest, caller: KeyRecord): Promise<PublicationRecord>;
	unpublish(renderId: string, publicationId: string, caller: KeyRecord): Promise<PublicationRecord>;
	/**
	 * Withdraws a publication on the operator's behalf (a report review decided to remove it): the
	 * same undoing as `unpublish`, with the reason kept on the publication.
	 */
	takeDown(publicationId: string, reason: string): Promise<PublicationRecord | undefined>;
	get(publicationId: string): Promise<PublicationRecord | undefined>;
}

const S3_KEY = /^[A-Za-z0-9!_.*'()/-]+$/;

/** Loaded on the first publish to a bucket: the AWS SDK costs every process start-up ~0.3 s. */
const loadS3Storage = (): typeof S3Storage =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	(require('../storage/s3Storage') as typeof import('../storage/s3Storage')).S3Storage;

/**
 * Publishing a finished render to the feed, a signed webhook, or an S3 bucket, behind the
 * moderation gate. Each publication is written to `publications` and summarised on the render,
 * carries the AI disclosure, and emits `render.published`.
 */
export function createPublishService(deps: PublishServiceDeps): PublishService {
	const feed = new Feed(deps.store);
	const publications: Collection<PublicationRecord> =
		deps.store.collection<PublicationRecord>('publications');
	const publicUrl = deps.config.publicUrl.replace(/\/+$/, '');
	let bucket = deps.publishStorage;
	const publishBucket = () =>
		(bucket ??= new (loadS3Storage())(deps.config.publishS3, deps.outbound?.sdkHandlerOptions()));

	function feedItemFor(
		id: string,
		render: RenderRecord,
		request: PublishRequest,
		visibility: Visibility,
		listed: boolean,
		publication: Pick<PublicationRecord, 'aiDisclosure' | 'publishedAt'>,
	): FeedItem {
		return {
			id,
			object: 'feed_item',
			renderId: render.id,
			keyId: render.keyId,
			visibility,
			listed,
			title: request.title,
			description: request.description,
			durationSeconds: render.durationSeconds,
			video: render.outputs.video!,
			poster: render.outputs.poster,
			captions: render.outputs.captions,
			aiDisclosure: publication.aiDisclosure,
			publishedAt: publication.publishedAt,
			about: aboutRender(render),
			remixOf: render.source?.renderId
				? { renderId: render.source.renderId, feedItemId: render.source.feedItemId }
				: undefined,
		};
	}

	async function toS3(
		id: string,
		render: RenderRecord,
		request: PublishRequest,
		metadata: Record<string, string>,
	) {
		const videoKey = request.key ?? `published/${render.id}/${id}.mp4`;
		if (
			videoKey.length > 900 ||
			!S3_KEY.test(videoKey) ||
			videoKey.startsWith('/') ||
			videoKey.split('/').some((part) => part === '..' || part === '')
		) {
			throw ApiError.invalid('The S3 object key is not usable.', [
				{
					path: '/key',
					message:
						"letters, digits and !_.*'()/- only, no empty or '..' segments, at most 900 characters",
				},
			]);
		}
		const posterKey = render.outputs.poster ? `${videoKey.replace(/\.mp4$/i, '')}.jpg` : undefined;
		const target = publishBucket();
		const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelforge-publish-'));
		try {
			// Through a temp file: the source may itself be in a bucket, and uploads want a known length.
			const uploads: Array<[string, string, string]> = [
				[render.outputs.video!.key, videoKey, 'video/mp4'],
			];
			if (posterKey) uploads.push([render.outputs.poster!.key, posterKey, 'image/jpeg']);
			for (const [sourceKey, destKey, contentType] of uploads) {
				const file = path.join(dir, path.basename(destKey));
				await deps.storage.download(sourceKey, file);
				await target.putFile(destKey, file, contentType, metadata);
				await fs.rm(file, { force: true });
			}
		} catch (err) {
			if (err instanceof ApiError) throw err;
			throw new ApiError(
				502,
				's3_publish_failed',
				`Uploading to the publish bucket failed: ${(err as Error).message}`,
			);
		} finally {
			await fs.rm(dir, { recursive: true, force: true });
		}
		return { bucket: target.bucket, videoKey, posterKey, url: target.publicUrl(videoKey) };
	}

	async function withdraw(
		publication: PublicationRecord,
		takenDown?: string,
	): Promise<PublicationRecord> {
		if (publication.unpublishedAt) return publication;
		const { renderId, id: publicationId } = publication;
		if (publication.feedItemId) await feed.remove(publication.feedItemId);
		if (publication.s3) {
			const target = publishBucket();
			await target.delete(publication.s3.videoKey);
			if (publication.s3.posterKey) await target.delete(publication.s3.posterKey);
		}
		if (publication.targetUrl) {
			await deps.webhooks.send({
				keyId: publication.keyId,
				url: publication.targetUrl,
				type: 'render.unpublished',
				renderId,
				recipient: { kind: 'publish', publicationId },
				data: { renderId, publication: { id: publication.id, url: publication.url } },
			});
		}
		const unpublishedAt = new Date().toISOString();
		const done = (await publications.update(publicationId, (p) => ({
			...p,
			unpublishedAt: p.unpublishedAt ?? unpublishedAt,
			...(takenDown ? { takenDown: { reason: takenDown, at: unpublishedAt } } : {}),
		}))) ?? { ...publication, unpublishedAt };
		await deps.renders.records.unpublish(renderId, publicationId, unpublishedAt);
		return done;
	}

	return {
		feed,

		async publish(renderId, request, caller) {
			const render = await deps.renders.get(renderId, caller);
			const { overridden } = checkPublishable(render, request.override);
			const id = newId('pub');
			const publishedAt = new Date().toISOString();
			const aiDisclosure = disclosureFor(render, publicUrl);
			const base = {
				id,
				object: 'publication' as const,
				renderId: render.id,
				keyId: caller.id,
				target: request.target,
				title: request.title,
				description: request.description,
				aiDisclosure,
				publishedAt,
				override: overridden
					? { reason: request.override!.reason.trim(), keyId: caller.id, at: publishedAt }
					: undefined,
			};

			let publication: PublicationRecord;
			if (request.target === 'feed') {
				const visibility = request.visibility ?? 'public';
				await feed.add(feedItemFor(id, render, request, visibility, true, base));
				publication = {
					...base,
					visibility,
					feedItemId: id,
					url: `${publicUrl}/v1/feed/${id}`,
					contentUrl: `${publicUrl}/v1/feed/${id}/content`,
				};
			} else if (request.target === 'webhook') {
				const targetUrl = await deps.webhooks.checkTarget(request.url, '/url');
				// The receiver gets a link it can fetch without a key: an unlisted feed item backs it.
				await feed.add(feedItemFor(id, render, request, 'unlisted', false, base));
				const contentUrl = `${publicUrl}/v1/feed/${id}/content`;
				publication = { ...base, feedItemId: id, url: contentUrl, contentUrl, targetUrl };
			} else if (request.target === 's3') {
				const s3 = await toS3(id, render, request, disclosureMetadata(aiDisclosure, render.id));
				publication = {
					...base,
					url: s3.url,
					contentUrl: s3.url,
					s3: { bucket: s3.bucket, videoKey: s3.videoKey, posterKey: s3.posterKey },
				};
			} else {
				throw ApiError.invalid('Unknown publish target.', [
					{ path: '/target', message: 'must be feed, webhook or s3' },
				]);
			}

			const updated = await deps.renders.records.publish(
				render.id,
				publicationSummary(publication),
			);
			if (publication.targetUrl) {
				const delivery = await deps.webhooks.send({
					keyId: caller.id,
					url: publication.targetUrl,
					type: 'render.published',
					renderId: render.id,
					recipient: { kind: 'publish', publicationId: id },
					data: {
						render: renderView(updated ?? render, publicUrl),
						publication: {
							id,
							url: publication.url,
							contentUrl: publication.contentUrl,
							aiDisclosure,
							title: request.title ?? null,
							description: request.description ?? null,
						},
					},
				});
				publication.deliveryId = delivery.id;
			}
			await publications.put(id, publication);
			await deps.events.emit('render.published', {
				keyId: caller.id,
				render: updated ?? render,
				data: {
					publication: {
						id,
						target: publication.target,
						url: publication.url,
						contentUrl: publication.contentUrl,
						visibility: publication.visibility ?? null,
						aiDisclosure,
					},
				},
			});
			return publication;
		},

		async unpublish(renderId, publicationId, caller) {
			// Ownership comes from the publication itself, so what was published can still be withdrawn
			// after the render was deleted.
			const publication = /^pub_[0-9a-z]+$/.test(publicationId)
				? await publications.get(publicationId)
				: undefined;
			if (!publication || publication.renderId !== renderId || publication.keyId !== caller.id)
				throw ApiError.notFound(`Publication ${publicationId}`);
			return withdraw(publication);
		},

		async takeDown(publicationId, reason) {
			const publication = /^pub_[0-9a-z]+$/.test(publicationId)
				? await publications.get(publicationId)
				: undefined;
			if (!publication) return undefined;
			return withdraw(publication, reason);
		},

		get: (publicationId) => publications.get(publicationId),
	};
}
