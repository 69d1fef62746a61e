/** A concurrency limit for work started at different moments (speech post-processes as lines are spoken). */

/** Runs the tasks handed to it at most `limit` at a time, in the order they were handed over. */
export function limited(limit: number): <R>(task: () => Promise<R>) => Promise<R> {
	let running = 0;
	const waiting: Array<() => void> = [];
	return async (task) => {
		// A finished task hands its slot straight to the next waiting one.
		if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
		else running++;
		try {
			return await task();
		} finally {
			const next = waiting.shift();
			if (next) next();
			else running--;
		}
	};
}
