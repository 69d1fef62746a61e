/**
 * Providers made for lifecycle tests. The queue, runner, store and API under test are real; these
 * stand in for a video generator whose timing a test must control (hold a job open, fail once).
 * They still produce real MP4s through the test-pattern provider.
 */
import { createTestPatternProvider } from '../../src/providers/testpattern';
import type { VideoProvider } from '../../src/providers/provider';
import { TransientError } from '../../src/queue/queue';
import { api, testCard, waitForStatus, type RunningRenderer } from './renderer';

const base = createTestPatternProvider();

function variant(id: string, generate: VideoProvider['generate']): VideoProvider {
	return {
		id,
		capabilities: () => ({ ...base.capabilities(), id, displayName: id }),
		check: base.check,
		generate,
	};
}

/** Holds each job until `release()` or an abort; reports progress while it waits. */
export function createGateProvider() {
	let open = false;
	const waiters = new Set<() => void>();
	let started = 0;
	const provider = variant('gate', async (spec, ctx) => {
		started++;
		ctx.progress('generate', 0.1);
		await new Promise<void>((resolve, reject) => {
			if (open) return resolve();
			const onAbort = () => reject(new Error(`aborted: ${String(ctx.signal.reason)}`));
			ctx.signal.addEventListener('abort', onAbort, { once: true });
			waiters.add(() => {
				ctx.signal.removeEventListener('abort', onAbort);
				resolve();
			});
		});
		return base.generate(spec, ctx);
	});
	return {
		provider,
		release() {
			open = true;
			for (const w of waiters) w();
			waiters.clear();
		},
		get started() {
			return started;
		},
	};
}

/** Fails its first `failures` attempts of every render, transiently or for good. */
export function createFlakyProvider(failures: number, kind: 'transient' | 'permanent') {
	const attempts = new Map<string, number>();
	return variant(kind === 'transient' ? 'flaky' : 'broken', async (spec, ctx) => {
		const key = ctx.workDir.split('/').pop()!.split('-')[0];
		const n = (attempts.get(key) ?? 0) + 1;
		attempts.set(key, n);
		if (n <= failures) {
			if (kind === 'transient') throw new TransientError(`upstream timed out (attempt ${n})`);
			throw new Error('the provider rejected the prompt');
		}
		return base.generate(spec, ctx);
	});
}

/**
 * A render that has failed for good: on `createFlakyProvider(n, 'permanent')` (id "broken"), which
 * the renderer must have among its providers. Answers the render id.
 */
export async function failedRender(r: RunningRenderer): Promise<string> {
	const created = await api(
		r,
		'POST',
		'/v1/renders',
		testCard({ prompt: 'this provider always fails', provider: 'broken' }),
	);
	await waitForStatus(r, created.json.id, ['failed']);
	return created.json.id;
}
