import type { Feed } from '../publish/feed';
import type { Store } from '../store/store';
import type { LikeRecord } from './records';

/**
 * One like per API key and item. The like itself is a record (`likes/<item>.<key>`, created
 * atomically, so a double tap counts once); the item carries the running count the feed shows.
 */
export function createLikes(store: Pick<Store, 'collection'>, feed: Feed) {
	const likes = store.collection<LikeRecord>('likes');
	const id = (itemId: string, keyId: string) => `${itemId}.${keyId}`;

	async function count(itemId: string, by: number): Promise<number> {
		const item = await feed.update(itemId, (current) => ({
			...current,
			likes: Math.max(0, (current.likes ?? 0) + by),
		}));
		return item?.likes ?? 0;
	}

	return {
		async like(itemId: string, keyId: string): Promise<number> {
			const created = await likes.create(id(itemId, keyId), {
				itemId,
				keyId,
				at: new Date().toISOString(),
			});
			if (created) return count(itemId, 1);
			return (await feed.get(itemId))?.likes ?? 0;
		},
		async unlike(itemId: string, keyId: string): Promise<number> {
			if (await likes.delete(id(itemId, keyId))) return count(itemId, -1);
			return (await feed.get(itemId))?.likes ?? 0;
		},
		async likedBy(itemId: string, keyId: string): Promise<boolean> {
			return (await likes.get(id(itemId, keyId))) !== undefined;
		},
	};
}

export type Likes = ReturnType<typeof createLikes>;
