import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { getProviders, getStyles, getVoices } from '../shared/methods/loadOptions';
import { concurrencyOf, runEachItem, toSingleOutput } from '../shared/router';
import * as build from './actions/build.operation';

export class ReelforgePrompt implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reelforge Prompt',
		name: 'reelforgePrompt',
		icon: {
			light: 'file:../shared/icons/reelforge.svg',
			dark: 'file:../shared/icons/reelforge.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["style"] + " · " + $parameter["durationSeconds"] + " s" }}',
		description: 'Build and validate a Reelforge RenderSpec from a prompt template',
		defaults: { name: 'Reelforge Prompt' },
		usableAsTool: true,
		// An optional Chat Model (any of n8n's chat model nodes) writes the storyboard of the prompt.
		inputs: [
			NodeConnectionTypes.Main,
			{
				type: NodeConnectionTypes.AiLanguageModel,
				displayName: 'Chat Model',
				maxConnections: 1,
				required: false,
			},
		],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'reelforgeApi', required: true }],
		properties: [
			...build.description,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Concurrency',
						name: 'concurrency',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 32 },
						default: 4,
						description: 'How many items are validated at the same time',
					},
				],
			},
		],
	};

	methods = { loadOptions: { getProviders, getStyles, getVoices } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return toSingleOutput(await runEachItem(this, build.execute, concurrencyOf(this)));
	}
}
