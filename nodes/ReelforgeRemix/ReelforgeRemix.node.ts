import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { getStyles } from '../shared/methods/loadOptions';
import { deliverRender, type WaitMode } from '../shared/render/deliver';
import { resumeOnRenderEvent, submitAndWait, waitWebhooks } from '../shared/render/waitForWebhook';
import { concurrencyOf, runEachItem, toSingleOutput } from '../shared/router';
import * as remix from './actions/remix.operation';

export class ReelforgeRemix implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reelforge Remix',
		name: 'reelforgeRemix',
		icon: {
			light: 'file:../shared/icons/reelforge.svg',
			dark: 'file:../shared/icons/reelforge.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ "remix " + $parameter["source"] }}',
		description: 'Remix a video: change its style, swap music, cast a cameo, re-cut or extend it',
		defaults: { name: 'Reelforge Remix' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'reelforgeApi', required: true }],
		webhooks: waitWebhooks,
		waitingNodeTooltip: 'Waiting for the renderer to report that the remix is done',
		properties: remix.description,
	};

	methods = { loadOptions: { getStyles } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const waitMode = this.getNodeParameter('waitMode', 0) as WaitMode;
		if (waitMode === 'webhook')
			return await submitAndWait(this, async (i) => await remix.buildRequest(this, i));
		const outcomes = await runEachItem(
			this,
			async (ctx, i) => await deliverRender(ctx, i, await remix.buildRequest(ctx, i)),
			concurrencyOf(this),
		);
		return toSingleOutput(outcomes);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeOnRenderEvent(this);
	}
}
