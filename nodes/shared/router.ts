import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What one item produced, and whether it failed (its output is then the error item). */
export interface ItemOutcome {
	itemIndex: number;
	items: INodeExecutionData[];
	failed: boolean;
}

export type ItemOperation = (
	ctx: IExecuteFunctions,
	itemIndex: number,
) => Promise<INodeExecutionData[]>;

export const DEFAULT_CONCURRENCY = 2;

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const context = (error as NodeApiError).context ?? {};
	if ((error as NodeApiError).description) json.description = (error as NodeApiError).description;
	if (context.code) json.code = context.code;
	if (context.fieldErrors) json.fieldErrors = context.fieldErrors;
	if ((error as NodeApiError).httpCode) json.httpCode = (error as NodeApiError).httpCode;
	if (context.renderId) json.renderId = context.renderId;
	if (context.coverage) json.coverage = context.coverage;
	return { json, pairedItem: { item: itemIndex } };
}

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The single loop over input items for every Reelforge action node: runs `operation` for each
 * item with at most `concurrency` in flight, keeps input order, links every output item to its
 * input (`pairedItem`), and applies `continueOnFail` in one place.
 */
export async function runEachItem(
	ctx: IExecuteFunctions,
	operation: ItemOperation,
	concurrency = DEFAULT_CONCURRENCY,
	{ allowContinueOnFail = true }: { allowContinueOnFail?: boolean } = {},
): Promise<ItemOutcome[]> {
	const continueOnFail = allowContinueOnFail && ctx.continueOnFail();
	const count = ctx.getInputData().length;
	const outcomes: ItemOutcome[] = new Array(count);
	const limit = Math.max(1, Math.min(Math.floor(concurrency) || 1, count || 1));
	let next = 0;
	const stop: { first?: { itemIndex: number; error: Error } } = {};

	const worker = async () => {
		while (next < count && !stop.first) {
			const itemIndex = next++;
			try {
				const items = await operation(ctx, itemIndex);
				for (const item of items) item.pairedItem ??= { item: itemIndex };
				outcomes[itemIndex] = { itemIndex, items, failed: false };
			} catch (error) {
				const nodeError = asNodeError(ctx, error, itemIndex);
				if (!continueOnFail) {
					// Another worker may have failed meanwhile; report the earliest item.
					const earlier = stop.first as { itemIndex: number } | undefined;
					if (!earlier || itemIndex < earlier.itemIndex)
						stop.first = { itemIndex, error: nodeError };
					return;
				}
				outcomes[itemIndex] = { itemIndex, items: [errorItem(nodeError, itemIndex)], failed: true };
			}
		}
	};
	await Promise.all(Array.from({ length: limit }, worker));
	if (stop.first) throw stop.first.error;
	return outcomes;
}

/** Flattens the outcomes into the node's single output, in input order. */
export function toSingleOutput(outcomes: ItemOutcome[]): INodeExecutionData[][] {
	return [outcomes.flatMap((o) => o.items)];
}

/** Reads the shared "Options → Concurrency" field. */
export function concurrencyOf(ctx: IExecuteFunctions): number {
	return ctx.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY) as number;
}
