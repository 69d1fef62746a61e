import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { toNodeApiError } from './apiError';

/**
 * The only door to the renderer API. Base URL and Bearer key come from the `reelforgeApi`
 * credential; every failure becomes a NodeApiError carrying the renderer's field paths.
 */
export type ReelforgeContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** What n8n's binary helpers accept: here always a readable stream. */
export type BinaryBody = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

export const CREDENTIAL_TYPE = 'reelforgeApi';

export interface RequestOptions {
	body?: IDataObject;
	qs?: IDataObject;
	headers?: Record<string, string>;
	itemIndex?: number;
}

async function baseUrl(ctx: ReelforgeContext): Promise<string> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

async function send<T>(
	ctx: ReelforgeContext,
	options: IHttpRequestOptions,
	itemIndex?: number,
): Promise<T> {
	try {
		return (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			CREDENTIAL_TYPE,
			options,
		)) as T;
	} catch (error) {
		throw toNodeApiError(ctx.getNode(), error, itemIndex);
	}
}

/** A JSON call; resolves to the parsed body. */
export async function reelforgeApiRequest<T = IDataObject>(
	ctx: ReelforgeContext,
	method: IHttpRequestMethods,
	endpoint: string,
	{ body, qs, headers, itemIndex }: RequestOptions = {},
): Promise<T> {
	return await send<T>(
		ctx,
		{ method, url: `${await baseUrl(ctx)}${endpoint}`, body, qs, headers, json: true },
		itemIndex,
	);
}

/** A JSON call that also returns status and headers (polling reads `Retry-After`). */
export async function reelforgeApiRequestFull<T = IDataObject>(
	ctx: ReelforgeContext,
	method: IHttpRequestMethods,
	endpoint: string,
	{ body, qs, headers, itemIndex }: RequestOptions = {},
): Promise<IN8nHttpFullResponse & { body: T }> {
	return await send<IN8nHttpFullResponse & { body: T }>(
		ctx,
		{
			method,
			url: `${await baseUrl(ctx)}${endpoint}`,
			body,
			qs,
			headers,
			json: true,
			returnFullResponse: true,
		},
		itemIndex,
	);
}

/** A binary download as a stream, so a video is never held whole in memory by the node. */
export async function reelforgeDownload(
	ctx: ReelforgeContext,
	endpoint: string,
	{ qs, itemIndex }: RequestOptions = {},
): Promise<BinaryBody> {
	return await send<BinaryBody>(
		ctx,
		{ method: 'GET', url: `${await baseUrl(ctx)}${endpoint}`, qs, encoding: 'stream', json: false },
		itemIndex,
	);
}

/** A raw upload (a video streamed as the request body); resolves to the parsed JSON answer. */
export async function reelforgeUpload<T = IDataObject>(
	ctx: IExecuteFunctions,
	endpoint: string,
	body: BinaryBody,
	contentType: string,
	itemIndex?: number,
): Promise<T> {
	const answer = await send<unknown>(
		ctx,
		{
			method: 'POST',
			url: `${await baseUrl(ctx)}${endpoint}`,
			body,
			headers: { 'Content-Type': contentType },
			json: false,
		},
		itemIndex,
	);
	return (typeof answer === 'string' ? JSON.parse(answer) : answer) as T;
}
