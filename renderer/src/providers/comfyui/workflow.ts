/**
 * The user's ComfyUI workflow: an API-format graph (`{"<node id>": {"class_type", "inputs"}}`,
 * exported with "Save (API)") with placeholders Reelforge fills per clip.
 *
 * A string that is exactly a placeholder becomes a typed value — `"{{seed}}"` becomes the number
 * 1234 — and a placeholder inside a longer string is substituted as text (`"a {{prompt}}, 4k"`).
 * Known placeholders: {{prompt}} (required), {{negative_prompt}}, {{seed}}, {{width}}, {{height}},
 * {{frames}}, {{fps}}, {{image}}. Anything else in `{{…}}` is an error when the file is loaded, so a
 * typo is found at start rather than as a ComfyUI validation error on the first render.
 */
import { readFileSync } from 'node:fs';

export const PLACEHOLDERS = {
	prompt: 'string',
	negative_prompt: 'string',
	seed: 'number',
	width: 'number',
	height: 'number',
	frames: 'number',
	fps: 'number',
	image: 'string',
} as const;

export type PlaceholderName = keyof typeof PLACEHOLDERS;
export type PlaceholderValues = Partial<Record<PlaceholderName, string | number>>;

export interface ComfyNode {
	class_type: string;
	inputs: Record<string, unknown>;
	_meta?: Record<string, unknown>;
}

export type ComfyGraph = Record<string, ComfyNode>;

export interface ComfyWorkflow {
	graph: ComfyGraph;
	/** Placeholders the graph uses. */
	uses: Set<PlaceholderName>;
	/** Number of nodes (for progress). */
	nodeCount: number;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const EXACT = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/** Reads and checks a workflow file; throws an Error that names the file's problem. */
export function loadWorkflow(path: string): ComfyWorkflow {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		throw new Error(
			`COMFYUI_WORKFLOW: cannot read the workflow file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
		);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new Error(
			`COMFYUI_WORKFLOW: the workflow file is not JSON (${(error as Error).message})`,
		);
	}
	return parseWorkflow(json);
}

export function parseWorkflow(json: unknown): ComfyWorkflow {
	if (!json || typeof json !== 'object' || Array.isArray(json))
		throw new Error('COMFYUI_WORKFLOW: the workflow must be a JSON object of nodes');
	const record = json as Record<string, unknown>;
	if (Array.isArray(record.nodes) && Array.isArray(record.links))
		throw new Error(
			'COMFYUI_WORKFLOW: this is the UI format; export the workflow with "Save (API)" (or "Export (API)") instead',
		);
	const entries = Object.entries(record);
	if (!entries.length) throw new Error('COMFYUI_WORKFLOW: the workflow has no nodes');
	for (const [id, node] of entries) {
		const n = node as Partial<ComfyNode> | null;
		if (
			!n ||
			typeof n !== 'object' ||
			typeof n.class_type !== 'string' ||
			!n.inputs ||
			typeof n.inputs !== 'object'
		)
			throw new Error(
				`COMFYUI_WORKFLOW: node "${id}" needs "class_type" and "inputs" (API format)`,
			);
	}
	const uses = new Set<PlaceholderName>();
	const unknown = new Set<string>();
	visitStrings(record, (value) => {
		for (const match of value.matchAll(PLACEHOLDER)) {
			const name = match[1];
			if (name in PLACEHOLDERS) uses.add(name as PlaceholderName);
			else unknown.add(name);
		}
	});
	if (unknown.size)
		throw new Error(
			`COMFYUI_WORKFLOW: unknown placeholder${unknown.size > 1 ? 's' : ''} ${[...unknown].map((u) => `{{${u}}}`).join(', ')}; known: ${Object.keys(
				PLACEHOLDERS,
			)
				.map((p) => `{{${p}}}`)
				.join(', ')}`,
		);
	if (!uses.has('prompt'))
		throw new Error(
			'COMFYUI_WORKFLOW: the workflow has no "{{prompt}}" placeholder for the text prompt',
		);
	return { graph: record as ComfyGraph, uses, nodeCount: entries.length };
}

/** A copy of the graph with every placeholder filled. Missing values are an error. */
export function fillWorkflow(workflow: ComfyWorkflow, values: PlaceholderValues): ComfyGraph {
	const missing = [...workflow.uses].filter((name) => values[name] === undefined);
	if (missing.length)
		throw new Error(`the workflow needs ${missing.map((m) => `{{${m}}}`).join(', ')}`);
	const fill = (value: unknown): unknown => {
		if (typeof value === 'string') {
			const exact = EXACT.exec(value);
			if (exact) return typed(exact[1] as PlaceholderName, values[exact[1] as PlaceholderName]!);
			return value.replace(PLACEHOLDER, (_m, name: string) =>
				String(values[name as PlaceholderName]),
			);
		}
		if (Array.isArray(value)) return value.map(fill);
		if (value && typeof value === 'object')
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
		return value;
	};
	return fill(workflow.graph) as ComfyGraph;
}

function typed(name: PlaceholderName, value: string | number): string | number {
	return PLACEHOLDERS[name] === 'number' ? Number(value) : String(value);
}

function visitStrings(value: unknown, visit: (s: string) => void) {
	if (typeof value === 'string') visit(value);
	else if (Array.isArray(value)) for (const v of value) visitStrings(v, visit);
	else if (value && typeof value === 'object')
		for (const v of Object.values(value)) visitStrings(v, visit);
}

/**
 * Frames for a clip length: `seconds × fps`, rounded onto the model's grid. Wan and LTX want
 * `step·n + 1` frames (step 4 and 8, offset 1).
 */
export function framesFor(seconds: number, fps: number, step = 1, offset = 0): number {
	const n = Math.max(1, Math.round((seconds * fps - offset) / step));
	return n * step + offset;
}
