import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { concurrencyOf, runEachItem } from '../shared/router';
import * as moderate from './actions/moderate.operation';

export class ReelforgeModerate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reelforge Moderate',
		name: 'reelforgeModerate',
		icon: {
			light: 'file:../shared/icons/reelforge.svg',
			dark: 'file:../shared/icons/reelforge.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ "check " + $parameter["check"] }}',
		description:
			"Check a prompt, caption or render against Reelforge's moderation policy and route it to Pass or Flagged",
		defaults: { name: 'Reelforge Moderate' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Pass', 'Flagged'],
		credentials: [{ name: 'reelforgeApi', required: true }],
		properties: moderate.description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const outcomes = await runEachItem(this, moderate.execute, concurrencyOf(this));
		const pass: INodeExecutionData[] = [];
		const flagged: INodeExecutionData[] = [];
		for (const outcome of outcomes) {
			for (const item of outcome.items) {
				// Fail closed: an item that could not be checked never goes to Pass.
				const isFlagged =
					outcome.failed ||
					(item.json.moderation as { flagged?: boolean } | undefined)?.flagged === true;
				(isFlagged ? flagged : pass).push({
					...item,
					pairedItem: item.pairedItem ?? { item: outcome.itemIndex },
				});
			}
		}
		return [pass, flagged];
	}
}
