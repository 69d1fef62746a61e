import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Render, RendererEvent } from '../helpers/interfaces';
import { TERMINAL_STATUSES } from '../helpers/interfaces';
import { reelforgeApiRequest } from '../transport';
import { runEachItem } from '../router';
import { createRender, deadlineOf, type RenderRequest } from './deliver';
import { renderToItem, type ReturnAs } from './output';

/**
 * The resume webhook of "Wait for Webhook". Kept in a module constant (not inline) so n8n's lint
 * does not mistake the action node for a trigger that needs webhookMethods.
 */
export const waitWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: '',
		path: '',
		restartWebhook: true,
		isFullPath: true,
	},
];

/** Labels that tie the renders of one waiting execution together (kept in the spec's metadata). */
export const BATCH_KEY = 'n8n-batch';
export const BATCH_SIZE_KEY = 'n8n-batch-size';
export const BATCH_INDEX_KEY = 'n8n-batch-index';

export const CALLBACK_EVENTS = ['render.completed', 'render.failed'];

/**
 * Adds n8n's resume URL as the render's webhook. A spec (Generate) also gets the batch labels in
 * its metadata; a remix request has no metadata of its own, so a remix waits for one item only.
 */
function withCallback(
	request: RenderRequest,
	url: string,
	batch: string,
	size: number,
	index: number,
): RenderRequest {
	const body: IDataObject = { ...request.body, webhook: { url, events: CALLBACK_EVENTS } };
	if (request.labels !== false) {
		body.metadata = {
			...((body.metadata as IDataObject) ?? {}),
			[BATCH_KEY]: batch,
			[BATCH_SIZE_KEY]: String(size),
			[BATCH_INDEX_KEY]: String(index),
		};
	}
	return { ...request, body };
}

/**
 * Submits one render per item with n8n's resume URL as its webhook, then puts the execution to
 * wait until the deadline. n8n resumes the whole execution on one callback, so every render of
 * the batch carries the batch label and the callback handler resumes only when all have ended.
 */
export async function submitAndWait(
	ctx: IExecuteFunctions,
	buildRequest: (itemIndex: number) => Promise<RenderRequest>,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const resumeUrl = ctx.evaluateExpression('{{ $execution.resumeUrl }}', 0) as string;
	if (!resumeUrl || !/^https?:\/\//.test(resumeUrl)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'n8n did not provide a resume URL for this execution',
			{
				description: 'Wait for Webhook needs n8n to know its own address (N8N_WEBHOOK_URL).',
			},
		);
	}
	const batch = `${ctx.getExecutionId() ?? 'manual'}-${ctx.getNode().id}`;
	const requests = await Promise.all(items.map(async (_, i) => await buildRequest(i)));
	if (items.length > 1 && requests.some((r) => r.labels === false)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Wait for Webhook handles one item per execution here',
			{
				description:
					'n8n resumes a waiting execution once, for all items. Use "Poll Until Done" for several items.',
			},
		);
	}
	const deadlineAt = deadlineOf(ctx, 0);
	const concurrency = ctx.getNodeParameter('options.concurrency', 0, 2) as number;
	// A render that was never created could never call back, so here every item must be submitted.
	await runEachItem(
		ctx,
		async (c, i) => {
			const request = withCallback(requests[i], resumeUrl, batch, items.length, i);
			const render = await createRender(c, i, request, deadlineAt);
			return [{ json: { id: render.id, status: render.status } }];
		},
		concurrency,
		{ allowContinueOnFail: false },
	);
	await ctx.putExecutionToWait(new Date(deadlineAt));
	return [items];
}

function listOf(page: IDataObject): Render[] {
	for (const key of ['data', 'items', 'renders'])
		if (Array.isArray(page[key])) return page[key] as Render[];
	return [];
}

/** The renders of one batch, found by their label in the caller's render list. */
async function batchRenders(
	ctx: IWebhookFunctions,
	batch: string,
	size: number,
): Promise<Render[]> {
	const found: Render[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < 20 && found.length < size; page++) {
		const response = await reelforgeApiRequest<IDataObject>(ctx, 'GET', '/v1/renders', {
			qs: { limit: 100, ...(cursor ? { cursor } : {}) },
		});
		for (const render of listOf(response)) {
			if ((render.spec?.metadata as IDataObject | undefined)?.[BATCH_KEY] === batch)
				found.push(render);
		}
		cursor = (response.nextCursor ?? response.next_cursor ?? response.cursor) as string | undefined;
		if (!cursor) break;
	}
	return found;
}

const keepWaiting: IWebhookResponseData = { webhookResponse: { received: true, resumed: false } };

/**
 * The node's `webhook()` while waiting. The event body only names the render; its state is read
 * back from the renderer with the node's credential, so a forged callback cannot inject results.
 * It never throws (n8n would fail the run while later nodes still ran): problems become items.
 */
export async function resumeOnRenderEvent(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const event = ctx.getBodyData() as RendererEvent;
	const renderId = event?.data?.render?.id;
	if (typeof renderId !== 'string') return keepWaiting;
	try {
		const render = await reelforgeApiRequest<Render>(
			ctx,
			'GET',
			`/v1/renders/${encodeURIComponent(renderId)}`,
		);
		if (!TERMINAL_STATUSES.includes(render.status)) return keepWaiting;
		const metadata = (render.spec?.metadata ?? {}) as IDataObject;
		// A remix carries its source's metadata, so its labels (if any) are not its own.
		const size = render.kind === 'remix' ? 1 : Number(metadata[BATCH_SIZE_KEY] ?? 1);
		let renders = [render];
		if (size > 1 && typeof metadata[BATCH_KEY] === 'string') {
			renders = await batchRenders(ctx, metadata[BATCH_KEY] as string, size);
			if (renders.length < size || renders.some((r) => !TERMINAL_STATUSES.includes(r.status)))
				return keepWaiting;
			renders.sort(
				(a, b) =>
					Number((a.spec?.metadata as IDataObject)?.[BATCH_INDEX_KEY]) -
					Number((b.spec?.metadata as IDataObject)?.[BATCH_INDEX_KEY]),
			);
		}
		const returnAs = ctx.getNodeParameter('returnAs', 'url') as ReturnAs;
		const binaryPropertyName = ctx.getNodeParameter('binaryPropertyName', 'data') as string;
		const items: INodeExecutionData[] = [];
		for (const r of renders) {
			const index = Number((r.spec?.metadata as IDataObject | undefined)?.[BATCH_INDEX_KEY] ?? 0);
			try {
				const item = await renderToItem(ctx, r, returnAs, binaryPropertyName);
				if (r.status !== 'completed') item.json.error = r.error?.message ?? `render ${r.status}`;
				items.push({ ...item, pairedItem: { item: index } });
			} catch (error) {
				items.push({
					json: { ...r, error: (error as Error).message },
					pairedItem: { item: index },
				});
			}
		}
		return { webhookResponse: { received: true, resumed: true }, workflowData: [items] };
	} catch (error) {
		return { webhookResponse: { received: true, resumed: false, error: (error as Error).message } };
	}
}
