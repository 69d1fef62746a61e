import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { concurrencyOf, runEachItem, toSingleOutput } from '../shared/router';
import * as publish from './actions/publish.operation';

export class ReelforgePublish implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reelforge Publish',
		name: 'reelforgePublish',
		icon: {
			light: 'file:../shared/icons/reelforge.svg',
			dark: 'file:../shared/icons/reelforge.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{ "to " + $parameter["target"] }}',
		description:
			'Publish a moderated render to the Reelforge feed, a signed webhook or S3-compatible storage',
		defaults: { name: 'Reelforge Publish' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'reelforgeApi', required: true }],
		properties: publish.description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return toSingleOutput(await runEachItem(this, publish.execute, concurrencyOf(this)));
	}
}
