import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { Render } from '../helpers/interfaces';
import { reelforgeApiRequest } from '../transport';
import { httpStatusOf } from '../transport/apiError';
import { assertCompleted, renderToItem, type ReturnAs } from './output';
import { delayAfterFailure, pollRender } from './poll';

export type WaitMode = 'poll' | 'webhook' | 'none';

/** What a render-starting node posts; the endpoint differs (`/v1/renders`, `/v1/remixes`). */
export interface RenderRequest {
	endpoint: string;
	body: IDataObject;
	/** False when the body cannot carry metadata labels (a remix request). */
	labels?: boolean;
	/** Says why the item must fail once the render is created (e.g. a subject it cannot draw); its render is canceled. */
	refuse?: (render: Render) => string | undefined;
}

/**
 * One key per (execution, node, item): a retried or resumed execution gets the same job back
 * instead of paying for a second render.
 */
export function idempotencyKeyFor(ctx: IExecuteFunctions, itemIndex: number): string {
	const executionId = ctx.getExecutionId() ?? 'manual';
	return `n8n-${executionId}-${ctx.getNode().id}-${itemIndex}`;
}

export function deadlineOf(ctx: IExecuteFunctions, itemIndex: number, now = Date.now()): number {
	return now + (ctx.getNodeParameter('deadlineMinutes', itemIndex, 10) as number) * 60_000;
}

/**
 * Creates the render. A 429 (quota: too many concurrent jobs) is retried after its Retry-After
 * with the same idempotency key, so a retry can never start a second render.
 */
export async function createRender(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: RenderRequest,
	deadlineAt: number,
): Promise<Render> {
	const headers = { 'Idempotency-Key': idempotencyKeyFor(ctx, itemIndex) };
	for (;;) {
		let render: Render;
		try {
			render = await reelforgeApiRequest<Render>(ctx, 'POST', request.endpoint, {
				body: request.body,
				headers,
				itemIndex,
			});
		} catch (error) {
			const wait = delayAfterFailure(error, 2000);
			if (httpStatusOf(error) !== 429 || Date.now() + wait > deadlineAt)
				throw new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex });
			await sleep(wait);
			continue;
		}
		await refuseIfAsked(ctx, itemIndex, request, render);
		return render;
	}
}

/** Fails the item when the request's `refuse` check objects to the created render, canceling it first. */
async function refuseIfAsked(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: RenderRequest,
	render: Render,
): Promise<void> {
	const reason = request.refuse?.(render);
	if (!reason) return;
	// Nothing will use this render: cancel it so it spends no render time or quota.
	await reelforgeApiRequest(ctx, 'DELETE', `/v1/renders/${encodeURIComponent(render.id)}`, {
		itemIndex,
	}).catch(() => undefined);
	const warnings = (render.warnings as Array<{ path: string; message: string }> | undefined) ?? [];
	const error = new NodeOperationError(ctx.getNode(), reason, {
		itemIndex,
		description: warnings.map((w) => `${w.path}: ${w.message}`).join('\n') || undefined,
	});
	error.context.renderId = render.id;
	error.context.coverage = render.coverage;
	throw error;
}

/** The "poll" and "don't wait" modes for one item; "wait for webhook" lives in waitForWebhook.ts. */
export async function deliverRender(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: RenderRequest,
): Promise<INodeExecutionData[]> {
	const waitMode = ctx.getNodeParameter('waitMode', itemIndex) as WaitMode;
	const deadlineAt = deadlineOf(ctx, itemIndex);
	const created = await createRender(ctx, itemIndex, request, deadlineAt);
	if (waitMode === 'none') return [{ json: created }];

	const initialIntervalMs =
		(ctx.getNodeParameter('options.pollIntervalSeconds', itemIndex, 1) as number) * 1000;
	const render = await pollRender(ctx, created.id, itemIndex, { deadlineAt, initialIntervalMs });
	assertCompleted(ctx, render, itemIndex);
	const returnAs = ctx.getNodeParameter('returnAs', itemIndex, 'url') as ReturnAs;
	const binaryPropertyName = ctx.getNodeParameter(
		'binaryPropertyName',
		itemIndex,
		'data',
	) as string;
	return [await renderToItem(ctx, render, returnAs, binaryPropertyName, itemIndex)];
}
