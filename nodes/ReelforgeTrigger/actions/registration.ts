import type { IDataObject, IHookFunctions, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { reelforgeApiRequest } from '../../shared/transport';
import { httpStatusOf } from '../../shared/transport/apiError';

/** What the trigger keeps between activation and deliveries (n8n's per-node static data). */
export interface TriggerState extends IDataObject {
	webhookId?: string;
	webhookSecret?: string;
}

interface Subscription extends IDataObject {
	id: string;
	url: string;
	events: string[];
	secret?: string;
}

function state(ctx: IHookFunctions): TriggerState {
	return ctx.getWorkflowStaticData('node') as TriggerState;
}

function wantedEvents(ctx: IHookFunctions): string[] {
	return [...(ctx.getNodeParameter('events') as string[])].sort();
}

/** True when the renderer still has our subscription with the same URL and events. */
export async function checkExists(ctx: IHookFunctions): Promise<boolean> {
	const { webhookId } = state(ctx);
	if (!webhookId) return false;
	try {
		const existing = await reelforgeApiRequest<Subscription>(
			ctx,
			'GET',
			`/v1/webhooks/${encodeURIComponent(webhookId)}`,
		);
		const sameUrl = existing.url === ctx.getNodeWebhookUrl('default');
		const sameEvents =
			JSON.stringify([...(existing.events ?? [])].sort()) === JSON.stringify(wantedEvents(ctx));
		if (sameUrl && sameEvents) return true;
		await remove(ctx);
		return false;
	} catch (error) {
		if (httpStatusOf(error) === 404) {
			delete state(ctx).webhookId;
			delete state(ctx).webhookSecret;
			return false;
		}
		throw new NodeApiError(ctx.getNode(), error as JsonObject);
	}
}

export async function create(ctx: IHookFunctions): Promise<boolean> {
	const url = ctx.getNodeWebhookUrl('default');
	const subscription = await reelforgeApiRequest<Subscription>(ctx, 'POST', '/v1/webhooks', {
		body: { url, events: wantedEvents(ctx) },
	});
	const s = state(ctx);
	s.webhookId = subscription.id;
	s.webhookSecret = subscription.secret;
	return true;
}

export async function remove(ctx: IHookFunctions): Promise<boolean> {
	const s = state(ctx);
	if (s.webhookId) {
		try {
			await reelforgeApiRequest(ctx, 'DELETE', `/v1/webhooks/${encodeURIComponent(s.webhookId)}`);
		} catch (error) {
			if (httpStatusOf(error) !== 404) return false;
		}
	}
	delete s.webhookId;
	delete s.webhookSecret;
	return true;
}

/**
 * The signing secret for a delivery. Normally in static data since activation; when it is not
 * (n8n's "listen for test event" runs the webhook with a fresh workflow object), it is looked up
 * on the renderer by this node's webhook URL.
 */
export async function secretFor(ctx: IWebhookFunctions): Promise<string | undefined> {
	const saved = (ctx.getWorkflowStaticData('node') as TriggerState).webhookSecret;
	if (saved) return saved;
	const url = ctx.getNodeWebhookUrl('default');
	const list = await reelforgeApiRequest<{ data?: Subscription[] }>(ctx, 'GET', '/v1/webhooks');
	const mine = (list.data ?? []).find((s) => s.url === url);
	if (!mine) return undefined;
	const full = await reelforgeApiRequest<Subscription>(
		ctx,
		'GET',
		`/v1/webhooks/${encodeURIComponent(mine.id)}`,
	);
	return full.secret;
}
