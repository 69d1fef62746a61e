/**
 * What ComfyUI's websocket says about one job (`/ws?clientId=…`): `execution_start`,
 * `execution_cached`, `executing` (node null: finished), `progress`, `executed`, and the ends
 * `execution_success`, `execution_error`, `execution_interrupted`. Progress only: the history stays
 * the judge of how a job ended.
 */
import type WebSocket from 'ws';

/** What the socket has told us about one job. */
export interface Tracker {
	socket?: WebSocket;
	state: 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';
	nodesDone: Set<string>;
	current?: { node: string; value: number; max: number };
	error?: string;
	unknownPolls: number;
}

export function newTracker(state: Tracker['state'] = 'queued'): Tracker {
	return { state, nodesDone: new Set(), unknownPolls: 0 };
}

export function hasEnded(tracker: Tracker): boolean {
	return (
		tracker.state === 'succeeded' || tracker.state === 'failed' || tracker.state === 'canceled'
	);
}

/** How a socket event ended the job, with the failure's words for an error. */
export interface JobEnd {
	state: 'succeeded' | 'failed' | 'canceled';
	message?: string;
}

/** Applies one of the job's events to its tracker; answers the end it reports, if it is one. */
export function applyEvent(
	t: Tracker,
	type: string | undefined,
	data: Record<string, unknown>,
): JobEnd | undefined {
	switch (type) {
		case 'execution_start':
			t.state = 'running';
			return undefined;
		case 'execution_cached':
			for (const node of (data.nodes as string[] | undefined) ?? []) t.nodesDone.add(String(node));
			return undefined;
		case 'executing':
			if (t.current) t.nodesDone.add(t.current.node);
			if (data.node === null || data.node === undefined) {
				if (t.state === 'running') t.current = undefined;
			} else {
				t.state = 'running';
				t.current = { node: String(data.node), value: 0, max: 1 };
			}
			return undefined;
		case 'progress':
			if (typeof data.value === 'number' && typeof data.max === 'number' && data.max > 0)
				t.current = {
					node: String(data.node ?? t.current?.node ?? ''),
					value: data.value,
					max: data.max,
				};
			return undefined;
		case 'executed':
			if (data.node !== undefined) t.nodesDone.add(String(data.node));
			return undefined;
		case 'execution_success':
			return { state: 'succeeded' };
		case 'execution_error':
			return {
				state: 'failed',
				message: `${String(data.node_type ?? 'node')} (${String(data.node_id ?? '?')}): ${String(data.exception_type ?? 'error')}: ${String(data.exception_message ?? '')}`,
			};
		case 'execution_interrupted':
			return { state: 'canceled' };
		default:
			return undefined;
	}
}

/** The share of a running job's nodes done (never 1: the history says when it is). */
export function progressOf(tracker: Tracker | undefined, nodeCount: number): number | undefined {
	if (!tracker || tracker.state !== 'running') return undefined;
	const partial = tracker.current ? tracker.current.value / tracker.current.max : 0;
	return Math.min(0.99, (tracker.nodesDone.size + partial) / Math.max(1, nodeCount));
}
