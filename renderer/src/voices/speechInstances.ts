/**
 * Named remote speech providers from the `speech` list of the REELFORGE_PROVIDERS file, beside the
 * video providers and with the same rules: validated at start with errors naming the field, keys
 * only as `{"env": NAME}` or `{"file": path}`, never in the file, a spec or a log. Each instance's
 * name is the prefix of its voices (`kokoro:af_bella`), so two self-hosted servers and OpenAI can
 * be offered side by side:
 *
 *     {"providers": [],
 *      "speech": [
 *        {"name": "kokoro", "type": "openai-speech", "baseUrl": "http://gpu-box:8880/v1",
 *         "model": "kokoro", "voices": ["af_bella", "am_adam"]},
 *        {"name": "eleven-eu", "type": "elevenlabs", "apiKey": {"env": "ELEVEN_EU_KEY"},
 *         "voices": [{"name": "Rachel", "id": "21m00Tcm4TlvDq8ikWAM"}]}
 *      ]}
 *
 * The shortcut variables (OPENAI_SPEECH_*, ELEVENLABS_*) stay the one-provider way and are named
 * `openai` and `elevenlabs`; cameo voice cloning uses the ElevenLabs shortcut account only.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import {
	explainSecretErrors,
	fieldFailure,
	HttpUrl,
	readProvidersFile,
	readSecret,
	Secret,
	type EnvLookup,
	type ProvidersFileContext,
} from '../providers/remote/instances';
import { createBodyAjv, toFieldErrors } from '../spec/validate';

/** Voice-id prefixes of the built-in engines and the shortcut providers: not instance names. */
const RESERVED = new Set(['festival', 'flite', 'piper', 'formant', 'hts', 'local', 'cameo']);

const Name = Type.String({
	pattern: '^[a-z0-9][a-z0-9_-]{0,31}$',
	description: 'The prefix of its voice ids: lower-case letters, digits, "-" and "_".',
});
const VoiceName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\s:,]+$' });

const SCHEMAS: Record<'openai-speech' | 'elevenlabs', TSchema> = {
	'openai-speech': Type.Object(
		{
			name: Name,
			type: Type.Literal('openai-speech'),
			baseUrl: HttpUrl,
			apiKey: Type.Optional(Secret),
			model: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
			voices: Type.Array(VoiceName, { minItems: 1, maxItems: 200, uniqueItems: true }),
		},
		{ additionalProperties: false },
	),
	elevenlabs: Type.Object(
		{
			name: Name,
			type: Type.Literal('elevenlabs'),
			baseUrl: Type.Optional(HttpUrl),
			apiKey: Secret,
			model: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
			voices: Type.Array(
				Type.Object(
					{
						name: Type.String({ minLength: 1, maxLength: 64 }),
						id: Type.String({ pattern: '^[A-Za-z0-9]{8,64}$' }),
					},
					{ additionalProperties: false },
				),
				{ minItems: 1, maxItems: 200 },
			),
		},
		{ additionalProperties: false },
	),
};

const Entry = Type.Object(
	{
		name: Type.String(),
		type: Type.Unsafe<string>({ type: 'string', enum: Object.keys(SCHEMAS) }),
	},
	{ additionalProperties: true },
);

export interface OpenAiSpeechSettings {
	/** The prefix of its voice ids (`openai` for the shortcut variables). */
	name?: string;
	baseUrl: string;
	apiKey?: string;
	model: string;
	voices: string[];
}

export interface ElevenLabsSettings {
	name?: string;
	baseUrl: string;
	apiKey: string;
	model: string;
	/** Voices a spec may name, by label → voice id. */
	voices: Array<{ name: string; id: string }>;
}

export type SpeechInstance =
	| ({ type: 'openai-speech'; name: string } & OpenAiSpeechSettings)
	| ({ type: 'elevenlabs'; name: string } & ElevenLabsSettings);

/** The `speech` list of a REELFORGE_PROVIDERS file (none when the file has no such list). */
export function speechInstancesFromFile(path: string, lookup: EnvLookup): SpeechInstance[] {
	const { json, context } = readProvidersFile(path);
	return parseSpeechInstances(json, lookup, context);
}

export function parseSpeechInstances(
	json: unknown,
	lookup: EnvLookup,
	options: ProvidersFileContext,
): SpeechInstance[] {
	const list = (json as { speech?: unknown } | null)?.speech;
	if (list === undefined) return [];
	const fail = fieldFailure(options.where);
	if (!Array.isArray(list)) return fail([{ path: '/speech', message: 'must be array' }]);
	const ajv = createBodyAjv();
	const checkEntry = ajv.compile(Entry);
	const seen = new Set<string>();
	return list.map((entry: unknown, i): SpeechInstance => {
		const at = `/speech/${i}`;
		if (!checkEntry(entry)) fail(toFieldErrors(checkEntry.errors, at));
		const typed = entry as Static<typeof Entry>;
		const check = ajv.compile(SCHEMAS[typed.type as keyof typeof SCHEMAS]);
		if (!check(entry)) fail(explainSecretErrors(toFieldErrors(check.errors, at)));
		if (RESERVED.has(typed.name))
			fail([{ path: `${at}/name`, message: `"${typed.name}" names a built-in voice engine` }]);
		if (seen.has(typed.name))
			fail([{ path: `${at}/name`, message: `"${typed.name}" is used twice; rename one` }]);
		seen.add(typed.name);
		const e = entry as Record<string, unknown>;
		const apiKey = readSecret(e.apiKey, `${at}/apiKey`, lookup, options, fail);
		if (typed.type === 'elevenlabs')
			return {
				type: 'elevenlabs',
				name: typed.name,
				baseUrl: String(e.baseUrl ?? 'https://api.elevenlabs.io').replace(/\/+$/, ''),
				apiKey: apiKey!,
				model: String(e.model ?? 'eleven_multilingual_v2'),
				voices: e.voices as ElevenLabsSettings['voices'],
			};
		return {
			type: 'openai-speech',
			name: typed.name,
			baseUrl: String(e.baseUrl).replace(/\/+$/, ''),
			...(apiKey ? { apiKey } : {}),
			model: String(e.model ?? 'tts-1'),
			voices: e.voices as string[],
		};
	});
}
