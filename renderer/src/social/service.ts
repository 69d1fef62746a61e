import type { KeyRecord } from '../auth/keys';
import type { RenderRecord } from '../jobs/renderRecord';
import { aboutRender, canOpen, isHidden, type FeedItem } from '../publish/feed';
import type { PublishService } from '../publish/service';
import type { ProviderRegistry } from '../providers/registry';
import { ApiError } from '../spec/errors';
import type { Store } from '../store/store';
import type { CameoConsentRecord, CameoService } from '../trust/cameo/cameoService';
import { createLikes } from './likes';
import { createMediaAccess } from './mediaAccess';
import { summariseProvenance } from './provenanceSummary';
import type { ReportReason, ReviewDecisionKind } from './records';
import { createReports } from './reports';
import { socialItemView } from './views';

export interface SocialServiceDeps {
	store: Store;
	publisher: PublishService;
	/** The render record behind a feed item (no ownership check: the feed decides who may look). */
	findRender: (renderId: string) => Promise<RenderRecord | undefined>;
	providers: ProviderRegistry;
	cameos?: CameoService;
	publicUrl: string;
	/** Open reports at which a clip is hidden until reviewed (REELFORGE_REPORT_THRESHOLD). */
	reportThreshold: number;
}

const MAX_CHAIN = 20;

/**
 * The social side of the feed: item views with likes, signed content links, provenance badges and
 * remix chains; likes; reports and their review. Routes validate and authorise, then call this.
 */
export function createSocialService(deps: SocialServiceDeps) {
	const feed = deps.publisher.feed;
	const publicUrl = deps.publicUrl.replace(/\/+$/, '');
	const access = createMediaAccess(deps.store);
	const likes = createLikes(deps.store, feed);
	const reports = createReports({
		store: deps.store,
		feed,
		publisher: deps.publisher,
		threshold: deps.reportThreshold,
	});

	/** The item, when this viewer may open it (or holds a valid signed link); 404 otherwise. */
	async function openable(itemId: string, viewer?: string, token?: string): Promise<FeedItem> {
		const item = await feed.get(itemId);
		if (item && (canOpen(item, viewer) || (token && (await access.verify(item.id, token)))))
			return item;
		throw ApiError.notFound(`Feed item ${itemId}`);
	}

	/** The live feed item a render was published as that this viewer may open, if any. */
	async function publishedItemOf(render: RenderRecord, viewer?: string) {
		for (const publication of render.publications) {
			if (publication.target !== 'feed' || publication.unpublishedAt) continue;
			const item = await feed.get(publication.id);
			if (item && canOpen(item, viewer)) return item;
		}
		return undefined;
	}

	/** One step up a remix chain: the item remixed (when the viewer may see it) and its render. */
	async function parentOf(
		remixOf: FeedItem['remixOf'],
		viewer?: string,
	): Promise<{ item?: FeedItem; render?: RenderRecord } | undefined> {
		if (!remixOf) return undefined;
		if (remixOf.feedItemId) {
			const item = await feed.get(remixOf.feedItemId);
			if (item && canOpen(item, viewer)) return { item };
		}
		const render = await deps.findRender(remixOf.renderId);
		return { item: render ? await publishedItemOf(render, viewer) : undefined, render };
	}

	async function view(item: FeedItem, viewer?: string) {
		let about = item.about ?? null;
		if (!about) {
			// Published before items carried it: read it from the render.
			const render = await deps.findRender(item.renderId);
			if (render) about = aboutRender(render);
		}
		const parent = await parentOf(item.remixOf, viewer);
		return socialItemView(item, publicUrl, {
			viewerKeyId: viewer,
			likedByYou: viewer ? await likes.likedBy(item.id, viewer) : null,
			access:
				item.visibility === 'private' || isHidden(item) ? await access.issue(item.id) : undefined,
			about,
			remixedFrom: parent
				? {
						itemId: parent.item?.id ?? null,
						url: parent.item ? `${publicUrl}/v1/feed/${parent.item.id}` : null,
						title: parent.item?.title ?? null,
					}
				: null,
		});
	}

	return {
		access,

		async page(viewer: string | undefined, query: { cursor?: string; limit: number }) {
			const page = await feed.list(viewer, query);
			return {
				object: 'list' as const,
				data: await Promise.all(page.data.map((item) => view(item, viewer))),
				nextCursor: page.nextCursor,
			};
		},

		async item(itemId: string, viewer?: string, token?: string) {
			return view(await openable(itemId, viewer, token), viewer);
		},

		openable,

		async like(itemId: string, viewer: KeyRecord) {
			const item = await openable(itemId, viewer.id);
			return { itemId: item.id, liked: true, likes: await likes.like(item.id, viewer.id) };
		},

		async unlike(itemId: string, viewer: KeyRecord) {
			const item = await openable(itemId, viewer.id);
			return { itemId: item.id, liked: false, likes: await likes.unlike(item.id, viewer.id) };
		},

		async report(
			itemId: string,
			viewer: KeyRecord,
			input: { reason: ReportReason; note?: string },
		) {
			const item = await openable(itemId, viewer.id);
			const { report, hidden } = await reports.report(item, viewer.id, input);
			return {
				id: report.id,
				object: report.object,
				itemId: report.itemId,
				reason: report.reason,
				note: report.note ?? null,
				status: report.status,
				createdAt: report.createdAt,
				// The reporter learns that the clip is now hidden, not how many others reported it.
				itemHidden: hidden,
			};
		},

		async provenance(itemId: string, viewer?: string, token?: string) {
			const item = await openable(itemId, viewer, token);
			const render = await deps.findRender(item.renderId);
			if (!render) throw ApiError.notFound(`The render behind feed item ${itemId}`);
			const consents = new Map<string, CameoConsentRecord>();
			for (const character of render.spec.characters ?? []) {
				if (!character.cameoId || !deps.cameos) continue;
				const consent = await deps.cameos.consentOf(character.cameoId);
				if (consent) consents.set(character.cameoId, consent);
			}
			return {
				itemId,
				object: 'provenance_summary' as const,
				aiDisclosure: item.aiDisclosure,
				...summariseProvenance(render, deps.providers.capabilities(), consents),
			};
		},

		/** The clips this one was remixed from, nearest first. */
		async chain(itemId: string, viewer?: string, token?: string) {
			const item = await openable(itemId, viewer, token);
			const data: Array<{
				itemId: string | null;
				title: string | null;
				url: string | null;
				publishedAt: string | null;
			}> = [];
			const seen = new Set<string>([item.renderId]);
			let remixOf = item.remixOf;
			while (remixOf && data.length < MAX_CHAIN && !seen.has(remixOf.renderId)) {
				seen.add(remixOf.renderId);
				const parent = await parentOf(remixOf, viewer);
				const render =
					parent?.render ??
					(parent?.item ? await deps.findRender(parent.item.renderId) : undefined);
				data.push(
					parent?.item
						? {
								itemId: parent.item.id,
								title: parent.item.title ?? null,
								url: `${publicUrl}/v1/feed/${parent.item.id}`,
								publishedAt: parent.item.publishedAt,
							}
						: // A step that is not published (or not to this viewer): shown, not named.
							{ itemId: null, title: null, url: null, publishedAt: null },
				);
				const next = parent?.item?.remixOf ?? render?.source;
				remixOf = next?.renderId
					? { renderId: next.renderId, feedItemId: next.feedItemId }
					: undefined;
			}
			return { object: 'list' as const, itemId, data };
		},

		/**
		 * The render behind a feed item, for a remix by a viewer who may open the item. Cameos in it
		 * that the viewer may not cast are left out (their characters are drawn without a likeness).
		 */
		async renderForRemix(itemId: string, caller: KeyRecord): Promise<RenderRecord> {
			const item = await openable(itemId, caller.id);
			const render = await deps.findRender(item.renderId);
			if (!render?.outputs.video) throw ApiError.notFound(`The video behind feed item ${itemId}`);
			const usable = new Set(
				deps.cameos ? (await deps.cameos.usableBy({ keyId: caller.id })).map((c) => c.id) : [],
			);
			const characters = (render.spec.characters ?? []).map(({ cameoId, ...character }) =>
				cameoId && usable.has(cameoId) ? { ...character, cameoId } : character,
			);
			return { ...render, spec: { ...render.spec, characters } };
		},

		reviewQueue: async (limit: number) => {
			const cases = await reports.queue(limit);
			return Promise.all(
				cases.map(async ({ kase, item, reports: open }) => {
					const reasons: Partial<Record<ReportReason, number>> = {};
					for (const r of open) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
					return {
						object: 'review_case' as const,
						itemId: kase.itemId,
						// A reviewer watches through a signed link: the item may be private or hidden.
						item: item
							? socialItemView(item, publicUrl, {
									likedByYou: null,
									access: await access.issue(item.id),
									about: item.about ?? null,
									remixedFrom: null,
								})
							: null,
						ownerKeyId: item?.keyId ?? null,
						hidden: item ? isHidden(item) : false,
						openReports: open.length,
						reasons,
						reports: open.map((r) => ({
							id: r.id,
							reason: r.reason,
							note: r.note ?? null,
							keyId: r.keyId,
							createdAt: r.createdAt,
						})),
						firstReportedAt: kase.firstReportedAt,
						lastReportedAt: kase.lastReportedAt,
					};
				}),
			);
		},

		decide: (
			itemId: string,
			input: { decision: ReviewDecisionKind; reviewer: string; note?: string },
		) => reports.decide(itemId, input),

		decisions: (options: { cursor?: string; limit: number; itemId?: string }) =>
			reports.decisions(options),

		reportCounts: () => reports.counts(),
	};
}

export type SocialService = ReturnType<typeof createSocialService>;
