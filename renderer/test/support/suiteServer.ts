/** A server a suite runs beside its tests: an API emulator, a webhook receiver. */
export interface SuiteServer {
	/** Listens and answers its root URL. */
	start(): Promise<string>;
	stop(): Promise<unknown>;
}

/**
 * Starts `server` before the suite's tests and stops it after them. The answer reads the base URL
 * the tests talk to — the server's root followed by `path` (`/v1`) — once the suite has started.
 */
export function serveDuringSuite(server: SuiteServer, path = ''): () => string {
	let base = '';
	beforeAll(async () => {
		base = `${await server.start()}${path}`;
	});
	afterAll(() => server.stop());
	return () => base;
}
