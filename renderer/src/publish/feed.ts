import type { RenderRecord, StoredOutput } from '../jobs/renderRecord';
import type { Collection, Store } from '../store/store';
import type { PublishedDisclosure } from './disclosure';
import type { Visibility } from './publication';
import { pageOf, type Page } from '../store/page';

/** One video in the renderer's own feed. Its id is the publication's id. */
export interface FeedItem {
	id: string;
	object: 'feed_item';
	renderId: string;
	keyId: string;
	visibility: Visibility;
	/** False for the unlisted item that only backs a webhook target's content URL. */
	listed: boolean;
	title?: string;
	description?: string;
	durationSeconds: number;
	video: StoredOutput;
	poster?: StoredOutput;
	/** WebVTT captions of the render, when it has dialogue. */
	captions?: StoredOutput;
	aiDisclosure: PublishedDisclosure;
	publishedAt: string;
	/** What the clip was made from, shown on demand (copied from the render at publish time). */
	about?: FeedItemAbout;
	/** The render this one remixed, and the feed item it was remixed from when that is known. */
	remixOf?: { renderId: string; feedItemId?: string };
	/** Likes from signed-in viewers (one per key). */
	likes?: number;
	/** Open reports; past the threshold the item is hidden from everyone but its owner until reviewed. */
	reports?: FeedItemReports;
}

export interface FeedItemAbout {
	prompt: string;
	style: string;
	provider: string;
}

export interface FeedItemReports {
	open: number;
	hiddenAt?: string;
	lastDecision?: { id: string; decision: 'keep' | 'remove'; at: string };
}

/** What a feed item shows on demand about how it was made. */
export function aboutRender(render: RenderRecord): FeedItemAbout {
	const prompt =
		render.spec.prompt ??
		render.spec.shots
			.map((shot) => shot.prompt)
			.filter(Boolean)
			.join(' ');
	return {
		prompt: (prompt || render.spec.metadata?.title || '').slice(0, 2000),
		style: render.spec.style,
		provider: render.spec.provider,
	};
}

/**
 * Who sees what: public items are listed for everyone; unlisted ones are reachable by link by
 * anyone but listed only to their owner; private ones exist only for their owner.
 */
export function canList(item: FeedItem, viewerKeyId: string | undefined): boolean {
	if (!item.listed) return false;
	if (item.keyId === viewerKeyId) return true;
	return item.visibility === 'public' && !isHidden(item);
}

export function canOpen(item: FeedItem, viewerKeyId: string | undefined): boolean {
	if (item.keyId === viewerKeyId) return true;
	return item.visibility !== 'private' && !isHidden(item);
}

/** Hidden by reports until a reviewer decides. */
export function isHidden(item: FeedItem): boolean {
	return Boolean(item.reports?.hiddenAt);
}

export class Feed {
	private readonly items: Collection<FeedItem>;

	constructor(store: Store) {
		this.items = store.collection<FeedItem>('feed');
	}

	async add(item: FeedItem): Promise<void> {
		await this.items.put(item.id, item);
	}

	/** Read-modify-write of one item (likes, reports); undefined when it no longer exists. */
	async update(id: string, change: (item: FeedItem) => FeedItem): Promise<FeedItem | undefined> {
		if (!/^pub_[0-9a-z]+$/.test(id)) return undefined;
		return this.items.update(id, change);
	}

	async remove(id: string): Promise<boolean> {
		return this.items.delete(id);
	}

	async get(id: string): Promise<FeedItem | undefined> {
		if (!/^pub_[0-9a-z]+$/.test(id)) return undefined;
		return this.items.get(id);
	}

	/** Newest first; `cursor` is the last id of the previous page. */
	async list(
		viewerKeyId: string | undefined,
		options: { cursor?: string; limit: number },
	): Promise<Page<FeedItem>> {
		const data: FeedItem[] = [];
		let before = options.cursor;
		// Items the viewer may not see are skipped, so a page may need several batches.
		const batchSize = Math.max(50, options.limit + 1);
		for (;;) {
			const batch = await this.items.list({ before, limit: batchSize });
			for (const item of batch) {
				if (canList(item, viewerKeyId)) data.push(item);
				if (data.length > options.limit) break;
			}
			if (data.length > options.limit || batch.length < batchSize) break;
			before = batch[batch.length - 1].id;
		}
		return pageOf(data, options.limit);
	}
}

export function feedItemView(item: FeedItem, publicUrl: string) {
	const base = `${publicUrl}/v1/feed/${item.id}`;
	return {
		id: item.id,
		object: item.object,
		renderId: item.renderId,
		visibility: item.visibility,
		title: item.title ?? null,
		description: item.description ?? null,
		durationSeconds: item.durationSeconds,
		url: base,
		contentUrl: `${base}/content`,
		posterUrl: item.poster ? `${base}/content?variant=poster` : null,
		aiDisclosure: item.aiDisclosure,
		publishedAt: item.publishedAt,
	};
}
