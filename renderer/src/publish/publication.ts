import type { Publication } from '../jobs/renderRecord';
import type { PublishedDisclosure } from './disclosure';

export type PublishTarget = Publication['target'];
export type Visibility = NonNullable<Publication['visibility']>;

/**
 * Everything publishing needs to undo itself later; the render record keeps the short
 * `Publication` summary, this collection (`publications`) keeps the rest.
 */
export interface PublicationRecord extends Publication {
	object: 'publication';
	renderId: string;
	keyId: string;
	title?: string;
	description?: string;
	aiDisclosure: PublishedDisclosure;
	/** Feed item serving the content (feed target; unlisted backing item of a webhook target). */
	feedItemId?: string;
	/** Where the video can be fetched without a key. */
	contentUrl: string;
	/** Webhook target: the receiver's URL and the delivery that carries the event to it. */
	targetUrl?: string;
	deliveryId?: string;
	/** S3 target: the bucket and the object keys written. */
	s3?: { bucket: string; videoKey: string; posterKey?: string };
	/** Set when the operator withdrew it (a report review decided to remove it). */
	takenDown?: { reason: string; at: string };
}

export function publicationView(p: PublicationRecord) {
	return {
		id: p.id,
		object: p.object,
		renderId: p.renderId,
		target: p.target,
		url: p.url,
		contentUrl: p.contentUrl,
		visibility: p.visibility ?? null,
		title: p.title ?? null,
		description: p.description ?? null,
		targetUrl: p.targetUrl ?? null,
		deliveryId: p.deliveryId ?? null,
		s3: p.s3 ?? null,
		aiDisclosure: p.aiDisclosure,
		override: p.override ?? null,
		publishedAt: p.publishedAt,
		unpublishedAt: p.unpublishedAt ?? null,
		takenDown: p.takenDown ?? null,
	};
}

/** The summary the render record carries. */
export function publicationSummary(p: PublicationRecord): Publication {
	return {
		id: p.id,
		target: p.target,
		url: p.url,
		visibility: p.visibility,
		publishedAt: p.publishedAt,
		unpublishedAt: p.unpublishedAt,
		override: p.override,
	};
}
