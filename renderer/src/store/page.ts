/** One page of a list the API answers, and the cursor (the last id on it) to the next. */
export interface Page<T> {
	data: T[];
	nextCursor: string | null;
}

/**
 * The page a listing gathered: `found` holds what matched, gathered until one past `limit` (or the
 * end); the first `limit` are the page, and the cursor is set only when more follow.
 */
export function pageOf<T extends { id: string }>(found: T[], limit: number): Page<T> {
	const data = found.slice(0, limit);
	return { data, nextCursor: found.length > limit ? data[data.length - 1]!.id : null };
}
