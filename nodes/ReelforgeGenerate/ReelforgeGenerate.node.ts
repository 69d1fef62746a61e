import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { getProviders } from '../shared/methods/loadOptions';
import { deliverRender, type WaitMode } from '../shared/render/deliver';
import { resumeOnRenderEvent, submitAndWait, waitWebhooks } from '../shared/render/waitForWebhook';
import { concurrencyOf, runEachItem, toSingleOutput } from '../shared/router';
import * as generate from './actions/generate.operation';

export class ReelforgeGenerate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reelforge Generate',
		name: 'reelforgeGenerate',
		icon: {
			light: 'file:../shared/icons/reelforge.svg',
			dark: 'file:../shared/icons/reelforge.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ "wait: " + $parameter["waitMode"] }}',
		description: 'Render a video from a RenderSpec on a Reelforge renderer',
		defaults: { name: 'Reelforge Generate' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'reelforgeApi', required: true }],
		webhooks: waitWebhooks,
		waitingNodeTooltip: 'Waiting for the renderer to report that the video is done',
		properties: generate.description,
	};

	methods = {
		loadOptions: {
			async getProvidersOrSpec(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return [
					{ name: 'As in the Spec', value: '' },
					{
						name: 'Auto',
						value: 'auto',
						description:
							'The local engine for shots it can draw, the first configured remote generator for the others',
					},
					...(await getProviders.call(this)),
				];
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const waitMode = this.getNodeParameter('waitMode', 0) as WaitMode;
		if (waitMode === 'webhook')
			return await submitAndWait(this, async (i) => await generate.buildRequest(this, i));
		const outcomes = await runEachItem(
			this,
			async (ctx, i) => await deliverRender(ctx, i, await generate.buildRequest(ctx, i)),
			concurrencyOf(this),
		);
		return toSingleOutput(outcomes);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeOnRenderEvent(this);
	}
}
