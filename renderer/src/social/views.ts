import { feedItemView, isHidden, type FeedItem, type FeedItemAbout } from '../publish/feed';

export interface FeedItemExtras {
	viewerKeyId?: string;
	likedByYou: boolean | null;
	/** A signed access token for the content links (private and hidden items). */
	access?: string;
	about: FeedItemAbout | null;
	remixedFrom: { itemId: string | null; url: string | null; title: string | null } | null;
}

/**
 * A feed item as the feed app and API clients see it: the published item with its content,
 * poster and captions links (signed for private items), the share link into the app, what it was
 * made from, what it remixed, and its likes.
 */
export function socialItemView(item: FeedItem, publicUrl: string, extras: FeedItemExtras) {
	const base = feedItemView(item, publicUrl);
	const link = (variant?: 'poster' | 'captions') => {
		const query = [
			variant ? `variant=${variant}` : '',
			extras.access ? `access=${encodeURIComponent(extras.access)}` : '',
		].filter(Boolean);
		return `${base.url}/content${query.length ? `?${query.join('&')}` : ''}`;
	};
	const yours = Boolean(extras.viewerKeyId) && extras.viewerKeyId === item.keyId;
	return {
		...base,
		contentUrl: link(),
		posterUrl: item.poster ? link('poster') : null,
		captionsUrl: item.captions ? link('captions') : null,
		shareUrl: `${publicUrl}/feed/#/clip/${item.id}`,
		about: extras.about,
		remixedFrom: extras.remixedFrom,
		likes: item.likes ?? 0,
		likedByYou: extras.likedByYou,
		yours,
		// Only the owner (and reviewers) ever see a hidden item, so only they learn that it is.
		hidden: yours ? isHidden(item) : false,
	};
}

export type SocialItemView = ReturnType<typeof socialItemView>;
