import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { checkExists, create, remove, secretFor } from './actions/registration';
import { verify } from './actions/signature';

const EVENTS = [
	{ name: 'Cameo Registered', value: 'cameo.registered' },
	{ name: 'Cameo Revoked', value: 'cameo.revoked' },
	{ name: 'Cameo Used', value: 'cameo.used', description: 'A render used one of your cameos' },
	{ name: 'Render Completed', value: 'render.completed' },
	{ name: 'Render Failed', value: 'render.failed' },
	{ name: 'Render Published', value: 'render.published' },
];

export class ReelforgeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reelforge Trigger',
		name: 'reelforgeTrigger',
		icon: {
			light: 'file:../shared/icons/reelforge.svg',
			dark: 'file:../shared/icons/reelforge.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when the Reelforge renderer reports an event (signed per Standard Webhooks)',
		defaults: { name: 'Reelforge Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'reelforgeApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'reelforge' },
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENTS,
				default: ['render.completed'],
				required: true,
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & {
			rawBody?: Buffer;
		};
		let webhookSecret: string | undefined;
		try {
			webhookSecret = await secretFor(this);
		} catch {
			webhookSecret = undefined; // the renderer could not be asked: treated as unverifiable below
		}
		const header = (name: string) => {
			const value = request.headers[name];
			return Array.isArray(value) ? value[0] : value;
		};
		const body = request.rawBody
			? request.rawBody.toString('utf8')
			: JSON.stringify(this.getBodyData());
		const result = webhookSecret
			? verify(
					webhookSecret,
					{
						id: header('webhook-id'),
						timestamp: header('webhook-timestamp'),
						signature: header('webhook-signature'),
						body,
					},
					Math.floor(Date.now() / 1000),
				)
			: ({ ok: false, reason: 'this trigger has no registered subscription' } as const);
		if (!result.ok) {
			this.getResponseObject()
				.status(401)
				.json({ error: { code: 'invalid_signature', message: result.reason } });
			return { noWebhookResponse: true };
		}
		const event = this.getBodyData() as IDataObject;
		const wanted = this.getNodeParameter('events') as string[];
		const type = String(event.type ?? '');
		if (!wanted.includes(type)) return { webhookResponse: { received: true, ignored: type } };
		return { workflowData: [[{ json: { ...event, webhookId: header('webhook-id') ?? null } }]] };
	}
}
