/** Runs `work` over items with at most `limit` at once per key. */
export function limiter() {
	const running = new Map<string, number>();
	const waiting = new Map<string, Array<() => void>>();
	return async <T>(key: string, limit: number, work: () => Promise<T>): Promise<T> => {
		while ((running.get(key) ?? 0) >= limit)
			await new Promise<void>((resolve) =>
				waiting.set(key, [...(waiting.get(key) ?? []), resolve]),
			);
		running.set(key, (running.get(key) ?? 0) + 1);
		try {
			return await work();
		} finally {
			running.set(key, (running.get(key) ?? 1) - 1);
			const next = waiting.get(key)?.shift();
			next?.();
		}
	};
}
