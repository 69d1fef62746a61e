/**
 * Which remote generators this renderer offers, from its configuration: the shortcut variables
 * (one instance per kind, named after the kind) and the `REELFORGE_PROVIDERS` file (any number of
 * named instances: two gateways, two ComfyUI boxes, Veo Fast beside Veo).
 *
 * The file is JSON, validated against the schemas below when the service starts; an error names
 * the file's field by JSON pointer. Keys never sit in the file itself: each is `{"env": "NAME"}` (an
 * environment variable) or `{"file": "/run/secrets/name"}` (a file whose content, trimmed, is the
 * key). Example:
 *
 *     {"providers": [
 *       {"name": "veo-fast", "type": "veo", "model": "veo-3.1-fast-generate-preview",
 *        "apiKey": {"env": "GEMINI_API_KEY"}},
 *       {"name": "gateway-eu", "type": "openai-videos", "baseUrl": "https://llm.example.eu/v1",
 *        "apiKey": {"file": "/run/secrets/gateway-eu"}, "model": "sora-2"},
 *       {"name": "comfy-4090", "type": "comfyui", "url": "http://10.0.0.7:8188",
 *        "workflow": "/etc/reelforge/wan22.json", "durations": [3, 5], "fps": 16,
 *        "frameStep": 4, "frameOffset": 1}
 *     ]}
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { createBodyAjv, toFieldErrors } from '../../spec/validate';
import type { ComfyUIConfig } from '../comfyui';
import { loadWorkflow, type ComfyWorkflow } from '../comfyui/workflow';
import type { OmniConfig } from '../omni';
import type { OpenAIVideosConfig } from '../openaiVideos';
import type { VeoConfig } from '../veo';
import type { ClipProviderKind } from './clipGenerator';

const Name = Type.String({
	pattern: '^[a-z0-9][a-z0-9_-]{0,31}$',
	description: 'The id specs name in `provider`: lower-case letters, digits, "-" and "_".',
});
export const Secret = Type.Union([
	Type.Object(
		{ env: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }) },
		{ additionalProperties: false },
	),
	Type.Object({ file: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
]);
export const HttpUrl = Type.String({ format: 'uri', pattern: '^https?://' });
/** The Gemini API's base URL ends with its version (`…/v1beta`); paths are added after it. */
const GeminiUrl = Type.String({ format: 'uri', pattern: '^https?://.+/v[0-9][a-z0-9]*/?$' });
const Seconds = Type.Array(Type.Number({ exclusiveMinimum: 0, maximum: 120 }), {
	minItems: 1,
	maxItems: 32,
	uniqueItems: true,
});
const Sizes = Type.Array(Type.String({ pattern: '^\\d{2,5}x\\d{2,5}$' }), {
	minItems: 1,
	maxItems: 32,
	uniqueItems: true,
});
const Common = {
	name: Name,
	concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 32 })),
	deadlineSeconds: Type.Optional(Type.Integer({ minimum: 30, maximum: 21600 })),
};

const SCHEMAS: Record<ClipProviderKind, TSchema> = {
	veo: Type.Object(
		{
			...Common,
			type: Type.Literal('veo'),
			apiKey: Secret,
			baseUrl: Type.Optional(GeminiUrl),
			model: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
			personGeneration: Type.Optional(
				Type.Union([Type.Literal('allow_all'), Type.Literal('allow_adult')]),
			),
			seed: Type.Optional(Type.Boolean()),
		},
		{ additionalProperties: false },
	),
	omni: Type.Object(
		{
			...Common,
			type: Type.Literal('omni'),
			apiKey: Secret,
			baseUrl: Type.Optional(GeminiUrl),
			model: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
			durations: Type.Optional(Seconds),
		},
		{ additionalProperties: false },
	),
	'openai-videos': Type.Object(
		{
			...Common,
			type: Type.Literal('openai-videos'),
			baseUrl: Type.String({ format: 'uri', pattern: '^https?://.+/v1/?$' }),
			apiKey: Type.Optional(Secret),
			model: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
			seconds: Type.Optional(Seconds),
			sizes: Type.Optional(Sizes),
			nativeAudio: Type.Optional(Type.Boolean()),
			usdPerSecond: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
		},
		{ additionalProperties: false },
	),
	comfyui: Type.Object(
		{
			...Common,
			type: Type.Literal('comfyui'),
			url: HttpUrl,
			workflow: Type.String({ minLength: 1, description: 'Path of the API-format workflow JSON.' }),
			apiKey: Type.Optional(Secret),
			durations: Type.Optional(Seconds),
			sizes: Type.Optional(Sizes),
			fps: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
			frameStep: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
			frameOffset: Type.Optional(Type.Integer({ minimum: 0, maximum: 64 })),
			nativeAudio: Type.Optional(Type.Boolean()),
		},
		{ additionalProperties: false },
	),
};

const FileSchema = Type.Object(
	{
		providers: Type.Array(
			Type.Object(
				{
					name: Type.String(),
					type: Type.Unsafe<string>({ type: 'string', enum: Object.keys(SCHEMAS) }),
				},
				{ additionalProperties: true },
			),
			{ maxItems: 64 },
		),
		/** Remote speech providers (voices/speechInstances.ts validates and resolves them). */
		speech: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 32 })),
	},
	{ additionalProperties: false },
);

/**
 * One instance as the file or a shortcut describes it: its generator's settings, less what the
 * service supplies when it starts (the outbound door, the wake bus, the log).
 */
type Settings<Config> = Omit<Config, 'outbound' | 'wake' | 'log'>;

export type ProviderInstance =
	| ({ type: 'veo' } & Settings<VeoConfig>)
	| ({ type: 'omni' } & Settings<OmniConfig>)
	| ({ type: 'openai-videos' } & Settings<OpenAIVideosConfig>)
	| ({ type: 'comfyui'; workflowPath: string } & Settings<ComfyUIConfig>);

const RESERVED = new Set(['local', 'testpattern']);

/** The shortcut variables, as config.ts read them. */
export interface ShortcutVariables {
	GEMINI_API_KEY?: string;
	GEMINI_BASE_URL?: string;
	GEMINI_VEO_MODEL?: string;
	GEMINI_OMNI_MODEL?: string;
	OPENAI_VIDEOS_BASE_URL?: string;
	OPENAI_VIDEOS_API_KEY?: string;
	OPENAI_VIDEOS_MODEL?: string;
	COMFYUI_URL?: string;
	COMFYUI_WORKFLOW?: string;
	COMFYUI_API_KEY?: string;
}

/** Looks up an environment variable a providers file names (`{"env": NAME}`). */
export type EnvLookup = (name: string) => string | undefined;

/** The shortcut variables' instances. Throws when one is half-configured. */
export function shortcutInstances(env: ShortcutVariables): ProviderInstance[] {
	const out: ProviderInstance[] = [];
	if (env.GEMINI_BASE_URL && !/^https?:\/\/.+\/v[0-9][a-z0-9]*\/?$/.test(env.GEMINI_BASE_URL))
		throw new Error(
			`GEMINI_BASE_URL must be an http(s) URL ending in the API version (…/v1beta), got "${env.GEMINI_BASE_URL}"`,
		);
	// One Gemini key enables both Gemini generators, each named after its type.
	if (env.GEMINI_API_KEY)
		for (const [type, model] of [
			['veo', env.GEMINI_VEO_MODEL],
			['omni', env.GEMINI_OMNI_MODEL],
		] as const)
			out.push({
				type,
				name: type,
				apiKey: env.GEMINI_API_KEY,
				baseUrl: env.GEMINI_BASE_URL || undefined,
				model: model || undefined,
			});
	if (env.OPENAI_VIDEOS_BASE_URL) {
		const baseUrl = env.OPENAI_VIDEOS_BASE_URL;
		if (!/^https?:\/\/.+\/v1\/?$/.test(baseUrl))
			throw new Error(
				`OPENAI_VIDEOS_BASE_URL must be an http(s) URL ending in /v1, got "${baseUrl}"`,
			);
		out.push({
			type: 'openai-videos',
			name: 'openai-videos',
			baseUrl,
			apiKey: env.OPENAI_VIDEOS_API_KEY || undefined,
			model: env.OPENAI_VIDEOS_MODEL || undefined,
		});
	} else if (env.OPENAI_VIDEOS_API_KEY || env.OPENAI_VIDEOS_MODEL) {
		throw new Error('OPENAI_VIDEOS_API_KEY and OPENAI_VIDEOS_MODEL need OPENAI_VIDEOS_BASE_URL');
	}
	if (env.COMFYUI_URL || env.COMFYUI_WORKFLOW) {
		if (!env.COMFYUI_URL || !env.COMFYUI_WORKFLOW)
			throw new Error('COMFYUI_URL and COMFYUI_WORKFLOW go together: set both to enable comfyui');
		if (!/^https?:\/\//.test(env.COMFYUI_URL))
			throw new Error(`COMFYUI_URL must be an http(s) URL, got "${env.COMFYUI_URL}"`);
		out.push({
			type: 'comfyui',
			name: 'comfyui',
			url: env.COMFYUI_URL,
			workflowPath: resolve(env.COMFYUI_WORKFLOW),
			workflow: loadWorkflow(env.COMFYUI_WORKFLOW),
			apiKey: env.COMFYUI_API_KEY || undefined,
		});
	}
	return out;
}

/** Reads and validates a REELFORGE_PROVIDERS file; errors name the field (`/providers/1/baseUrl`). */
export function instancesFromFile(path: string, lookup: EnvLookup): ProviderInstance[] {
	const { json, context } = readProvidersFile(path);
	return parseInstances(json, lookup, context);
}

/** Where a providers file's errors are reported from, and the folder its relative paths start in. */
export interface ProvidersFileContext {
	where: string;
	baseDir: string;
}

export type FieldErrors = Array<{ path: string; message: string }>;

/**
 * Reads a REELFORGE_PROVIDERS file as JSON (its video `providers` and its `speech` list are
 * validated by their own parsers); an unreadable file or bad JSON is an error naming the file.
 */
export function readProvidersFile(path: string): { json: unknown; context: ProvidersFileContext } {
	const where = `REELFORGE_PROVIDERS (${path})`;
	try {
		return {
			json: JSON.parse(readFileSync(path, 'utf8')),
			context: { where, baseDir: dirname(resolve(path)) },
		};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new Error(
			`${where}: ${code ? `cannot read the file (${code})` : `not JSON (${(error as Error).message})`}`,
		);
	}
}

/** Throws the file's field errors as one message: `REELFORGE_PROVIDERS (…): /providers/1/url …`. */
export function fieldFailure(where: string): (errors: FieldErrors) => never {
	return (errors) => {
		throw new Error(`${where}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
	};
}

/**
 * A secret's two shapes make ajv report every branch of the union; one message saying what is
 * expected replaces them (other fields' errors are kept).
 */
export function explainSecretErrors(errors: FieldErrors): FieldErrors {
	const secrets = new Set(errors.filter((e) => /\/apiKey$/.test(e.path)).map((e) => e.path));
	return [
		...[...secrets].map((path) => ({
			path,
			message:
				'must be {"env": "VARIABLE"} or {"file": "/path/to/key"} (keys never go in this file)',
		})),
		...errors.filter((e) => ![...secrets].some((s) => e.path.startsWith(s))),
	];
}

export function parseInstances(
	json: unknown,
	lookup: EnvLookup,
	options: ProvidersFileContext,
): ProviderInstance[] {
	const ajv = createBodyAjv();
	const fail = fieldFailure(options.where);
	const checkFile = ajv.compile(FileSchema);
	if (!checkFile(json)) fail(toFieldErrors(checkFile.errors));
	const entries = (json as Static<typeof FileSchema>).providers;
	const out: ProviderInstance[] = [];
	entries.forEach((entry, i) => {
		const check = ajv.compile(SCHEMAS[entry.type as ClipProviderKind]);
		if (!check(entry)) fail(explainSecretErrors(toFieldErrors(check.errors, `/providers/${i}`)));
		const secret = (value: unknown, field: string) =>
			readSecret(value, `/providers/${i}/${field}`, lookup, options, fail);
		const e = entry as Record<string, unknown>;
		const apiKey = secret(e.apiKey, 'apiKey');
		if (e.type === 'comfyui') {
			const workflowPath = resolve(options.baseDir, String(e.workflow));
			let workflow: ComfyWorkflow;
			try {
				workflow = loadWorkflow(workflowPath);
			} catch (error) {
				return fail([
					{
						path: `/providers/${i}/workflow`,
						message: (error as Error).message.replace(/^COMFYUI_WORKFLOW: /, ''),
					},
				]);
			}
			const { workflow: _path, ...rest } = e;
			out.push({ ...(rest as object), apiKey, workflowPath, workflow } as ProviderInstance);
		} else {
			out.push({ ...(e as object), apiKey } as ProviderInstance);
		}
	});
	return out;
}

/**
 * A key given as `{"env": NAME}` or `{"file": path}` (relative to the file's folder); `fail` is
 * called with the field's pointer when the variable is unset or the file unreadable or empty.
 */
export function readSecret(
	value: unknown,
	pointer: string,
	lookup: EnvLookup,
	options: ProvidersFileContext,
	fail: (errors: FieldErrors) => never,
): string | undefined {
	if (value === undefined) return undefined;
	const ref = value as { env?: string; file?: string };
	if (ref.env !== undefined) {
		const v = lookup(ref.env);
		if (!v)
			fail([{ path: `${pointer}/env`, message: `environment variable ${ref.env} is not set` }]);
		return v;
	}
	const file = resolve(options.baseDir, ref.file!);
	try {
		const v = readFileSync(file, 'utf8').trim();
		if (!v) fail([{ path: `${pointer}/file`, message: 'the key file is empty' }]);
		return v;
	} catch (error) {
		if (error instanceof Error && error.message.startsWith(options.where)) throw error;
		return fail([
			{
				path: `${pointer}/file`,
				message: `cannot read the key file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
			},
		]);
	}
}

/** Shortcut and file instances together; a name defined twice, or a reserved one, is an error. */
export function resolveInstances(
	shortcuts: ShortcutVariables,
	lookup: EnvLookup,
	file?: string,
): ProviderInstance[] {
	const all = [...shortcutInstances(shortcuts), ...(file ? instancesFromFile(file, lookup) : [])];
	const seen = new Set<string>();
	for (const instance of all) {
		if (RESERVED.has(instance.name))
			throw new Error(`provider name "${instance.name}" is reserved for the built-in provider`);
		if (seen.has(instance.name))
			throw new Error(
				`provider "${instance.name}" is defined twice (a shortcut variable and REELFORGE_PROVIDERS, or twice in the file); rename one`,
			);
		seen.add(instance.name);
	}
	return all;
}
