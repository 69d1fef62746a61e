import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Render } from '../helpers/interfaces';
import { outputUrl } from '../helpers/interfaces';
import { reelforgeDownload } from '../transport';
import { sourcesOf } from './sources';

export type ReturnAs = 'binary' | 'url';

/** A render that ended badly becomes an error the router can report against its item. */
export function assertCompleted(ctx: IExecuteFunctions, render: Render, itemIndex: number): void {
	if (render.status === 'completed') return;
	const error = new NodeOperationError(
		ctx.getNode(),
		`Render ${render.id} ${render.status}${render.error?.message ? `: ${render.error.message}` : ''}`,
		{
			itemIndex,
			description: render.error?.code ? `Renderer error code: ${render.error.code}` : undefined,
		},
	);
	if (render.error?.code) error.context.code = render.error.code;
	error.context.renderId = render.id;
	throw error;
}

/** The item for a finished render: its metadata, `url`, and the MP4 as binary when asked (streamed). */
export async function renderToItem(
	ctx: IExecuteFunctions | IWebhookFunctions,
	render: Render,
	returnAs: ReturnAs,
	binaryPropertyName: string,
	itemIndex?: number,
): Promise<INodeExecutionData> {
	const json: IDataObject = {
		...render,
		url: outputUrl(render.outputs?.video) ?? null,
		...(render.status === 'completed' ? { sources: sourcesOf(render) } : {}),
	};
	if (returnAs !== 'binary' || render.status !== 'completed') return { json };
	const stream = await reelforgeDownload(
		ctx,
		`/v1/renders/${encodeURIComponent(render.id)}/content`,
		{ itemIndex },
	);
	const binary = await ctx.helpers.prepareBinaryData(stream, `${render.id}.mp4`, 'video/mp4');
	return { json, binary: { [binaryPropertyName]: binary } };
}
