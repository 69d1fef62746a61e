import type { IDataObject } from 'n8n-workflow';

/** The renderer's error body: `{error:{code,message,details:[{path,message}]}}`. */
export interface RendererFieldError {
	path: string;
	message: string;
}

export interface RendererErrorBody {
	error: { code: string; message: string; details?: RendererFieldError[] };
}

export type RenderStatus = 'queued' | 'rendering' | 'completed' | 'failed' | 'canceled';

export const TERMINAL_STATUSES: readonly RenderStatus[] = ['completed', 'failed', 'canceled'];

/** A produced file: the renderer gives a link, its size and type (older shapes give the bare link). */
export type RenderOutput = string | { url: string; size?: number; contentType?: string };

export interface RenderOutputs {
	video?: RenderOutput;
	poster?: RenderOutput;
	thumbnail?: RenderOutput;
	captions?: RenderOutput;
}

export function outputUrl(output: RenderOutput | undefined): string | undefined {
	return typeof output === 'string' ? output : output?.url;
}

export interface RenderModeration {
	flagged?: boolean;
	status?: string;
	categories?: IDataObject | IDataObject[];
	reasons?: unknown[];
}

/** `GET /v1/renders/:id`, also the `data.render` of a webhook event. */
export interface Render extends IDataObject {
	id: string;
	status: RenderStatus;
	progress?: number;
	stage?: string;
	error?: { code?: string; message?: string } | null;
	outputs?: RenderOutputs & IDataObject;
	moderation?: RenderModeration & IDataObject;
	spec?: IDataObject;
	details?: IDataObject;
}

/** One provider as `GET /v1/capabilities` lists it. */
export interface ProviderCapability {
	id: string;
	displayName?: string;
	available?: boolean;
	reason?: string;
	styles?: unknown[];
	voices?: unknown[];
	/** Remote generators: model, reachability and clip limits. */
	remote?: { kind?: string; model?: string; reachable?: boolean | null; reason?: string };
}

export interface Capabilities {
	providers?: ProviderCapability[];
	styles?: unknown[];
	voices?: unknown[];
}

/** A renderer event as delivered to a webhook: `{type, timestamp, data: {render}}`. */
export interface RendererEvent extends IDataObject {
	type: string;
	timestamp?: string;
	data: { render?: Render } & IDataObject;
}
