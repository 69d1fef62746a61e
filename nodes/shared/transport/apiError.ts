import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { RendererErrorBody, RendererFieldError } from '../helpers/interfaces';

function rendererBody(data: unknown): RendererErrorBody | undefined {
	if (!data || typeof data !== 'object') return undefined;
	const error = (data as { error?: unknown }).error;
	if (!error || typeof error !== 'object') return undefined;
	const { code, message } = error as { code?: unknown; message?: unknown };
	if (typeof code !== 'string' || typeof message !== 'string') return undefined;
	return data as RendererErrorBody;
}

/** The HTTP status n8n recorded for a failed request, whatever shape the error took on the way. */
export function httpStatusOf(error: unknown): number | undefined {
	const e = error as {
		httpCode?: unknown;
		cause?: { response?: { status?: number } };
		response?: { status?: number };
	};
	const code = Number(e?.httpCode ?? e?.cause?.response?.status ?? e?.response?.status);
	return Number.isFinite(code) && code > 0 ? code : undefined;
}

/** Response headers of a failed request (n8n keeps the transport error as `cause`). */
export function responseHeadersOf(error: unknown): Record<string, unknown> {
	const e = error as {
		cause?: { response?: { headers?: Record<string, unknown> } };
		response?: { headers?: Record<string, unknown> };
	};
	return e?.cause?.response?.headers ?? e?.response?.headers ?? {};
}

/**
 * Turns a failed renderer call into a NodeApiError that keeps the renderer's stable error `code`
 * and the JSON pointer of every bad field, so a user sees "/shots/0/duration: must be > 0"
 * instead of "Bad request".
 */
export function toNodeApiError(node: INode, error: unknown, itemIndex?: number): NodeApiError {
	const wrapped = error as {
		context?: { data?: unknown };
		cause?: { response?: { data?: unknown } };
	};
	const body = rendererBody(wrapped?.context?.data) ?? rendererBody(wrapped?.cause?.response?.data);
	if (!body) {
		if (error instanceof NodeApiError) {
			if (itemIndex !== undefined && error.context.itemIndex === undefined)
				error.context.itemIndex = itemIndex;
			return error;
		}
		return new NodeApiError(node, error as JsonObject, { itemIndex });
	}
	const details: RendererFieldError[] = body.error.details ?? [];
	const httpCode = httpStatusOf(error);
	const apiError = new NodeApiError(node, body as unknown as JsonObject, {
		message: `${body.error.code}: ${body.error.message}`,
		description: details.length
			? details.map((d) => `${d.path}: ${d.message}`).join('\n')
			: undefined,
		httpCode: httpCode !== undefined ? String(httpCode) : undefined,
		itemIndex,
	});
	apiError.context.code = body.error.code;
	apiError.context.fieldErrors = details.map((d) => ({ path: d.path, message: d.message }));
	return apiError;
}
