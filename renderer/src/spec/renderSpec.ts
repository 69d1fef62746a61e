/**
 * RenderSpec v1 — the one description of a video that every part of Reelforge shares.
 *
 * The TypeBox definitions below are at once the JSON Schema that ajv validates with
 * (API routes and `reelforge render`), the schemas in the OpenAPI document, and the
 * TypeScript types the pipeline is written against, so the three cannot drift.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { httpUrl, literals } from './schemaParts';

/** Hard limits of the spec itself; a provider may declare tighter ones in its capabilities. */
export const SPEC_LIMITS = {
	maxDurationSeconds: 300,
	maxEdgePx: 3840,
	minEdgePx: 64,
	maxFps: 60,
	minFps: 1,
	maxShots: 64,
	maxShotSeconds: 120,
	maxCharacters: 16,
	maxDialoguePerShot: 32,
	maxPromptChars: 4000,
	maxFallbacks: 4,
} as const;

const Id = Type.String({
	pattern: '^[a-z0-9][a-z0-9_-]{0,62}$',
	description: 'Lower-case identifier: letters, digits, "-" and "_".',
});
const Seconds = (description: string, max: number = SPEC_LIMITS.maxDurationSeconds) =>
	Type.Number({ minimum: 0, maximum: max, description });
const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'A colour as #rrggbb.' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const QUALITIES = ['draft', 'standard', 'high'] as const;
export const STYLES = ['cinematic', 'anime', 'documentary', 'neon', 'painted'] as const;
export const TRANSITIONS = ['cut', 'crossfade', 'whip-pan'] as const;
export const CAMERA_MOVES = [
	'static',
	'pan-left',
	'pan-right',
	'tilt-up',
	'tilt-down',
	'dolly-in',
	'dolly-out',
	'orbit',
	'handheld',
] as const;
export const EASINGS = ['linear', 'ease-in', 'ease-out', 'ease-in-out'] as const;
export const WEBHOOK_EVENTS = ['render.completed', 'render.failed', 'render.published'] as const;
export const MEDIA_FITS = ['cover', 'contain', 'blur'] as const;
export const MEDIA_AUDIO = ['keep', 'duck', 'mute'] as const;
export const OVERLAY_POSITIONS = [
	'top-left',
	'top',
	'top-right',
	'left',
	'center',
	'right',
	'bottom-left',
	'bottom',
	'bottom-right',
] as const;
export const MAX_OVERLAYS_PER_SHOT = 8;
/** Provider ids with a meaning of their own: `auto` picks per shot (see RenderSpecSchema.provider). */
export const AUTO_PROVIDER = 'auto';
/** A shot's `duration` that the voice-over spoken over it decides. */
export const AUTO_DURATION = 'auto';

export const OutputSchema = Type.Object(
	{
		width: Type.Integer({
			minimum: SPEC_LIMITS.minEdgePx,
			maximum: SPEC_LIMITS.maxEdgePx,
			multipleOf: 2,
			default: 1080,
			description: 'Frame width in pixels (even; H.264 with yuv420p needs even sizes).',
		}),
		height: Type.Integer({
			minimum: SPEC_LIMITS.minEdgePx,
			maximum: SPEC_LIMITS.maxEdgePx,
			multipleOf: 2,
			default: 1920,
			description: 'Frame height in pixels (even).',
		}),
		fps: Type.Integer({
			minimum: SPEC_LIMITS.minFps,
			maximum: SPEC_LIMITS.maxFps,
			default: 30,
			description: 'Frames per second.',
		}),
		format: literals(['mp4'] as const, 'Container; H.264 + AAC MP4 with faststart.', 'mp4'),
		quality: literals(
			QUALITIES,
			'Encoder preset family: draft is fastest, high is best.',
			'standard',
		),
	},
	{ additionalProperties: false, default: {}, description: 'The video file to produce.' },
);

export const VoiceSchema = Type.Object(
	{
		voice: Type.Optional(
			Type.String({
				minLength: 1,
				maxLength: 64,
				description: 'Voice id from /v1/capabilities (voices).',
			}),
		),
		pitch: Type.Optional(
			Type.Number({ minimum: -12, maximum: 12, description: 'Pitch shift in semitones.' }),
		),
		rate: Type.Optional(
			Type.Number({ minimum: 0.5, maximum: 2, description: 'Speaking rate; 1 is normal.' }),
		),
		timbre: Type.Optional(
			Type.Number({
				minimum: -12,
				maximum: 12,
				description: 'Spectral tilt in dB: positive is brighter, negative darker.',
			}),
		),
	},
	{ additionalProperties: false },
);

const AssetId = Type.String({
	pattern: '^ast_[0-9a-z]+$',
	description: 'An asset of yours, uploaded with POST /v1/assets.',
});
const MediaUrl = httpUrl(
	'An image or video to fetch (public addresses only, unless the operator allows more); fetched once when the render is accepted.',
);

/** A picture of yours: an upload (`asset`) or a URL; exactly one. */
const PictureRef = (description: string) =>
	Type.Object(
		{ asset: Type.Optional(AssetId), url: Type.Optional(MediaUrl) },
		{ additionalProperties: false, description: `${description} Exactly one of asset, url.` },
	);

export const CharacterSchema = Type.Object(
	{
		id: Id,
		name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
		description: Type.Optional(
			Type.String({
				maxLength: 1000,
				description:
					'Free text the planner reads for look and personality (e.g. "tall woman, red jacket, curly black hair").',
			}),
		),
		look: Type.Optional(
			Type.Object(
				{
					skin: Type.Optional(Color),
					hair: Type.Optional(Color),
					hairStyle: Type.Optional(Type.String({ maxLength: 32 })),
					outfit: Type.Optional(Color),
					accent: Type.Optional(Color),
					height: Type.Optional(
						Type.Number({
							minimum: 0.6,
							maximum: 1.4,
							description: 'Relative body height; 1 is average.',
						}),
					),
				},
				{ additionalProperties: false },
			),
		),
		voice: Type.Optional(VoiceSchema),
		images: Type.Optional(
			Type.Array(PictureRef('A picture of this character (a face, a full figure, an outfit).'), {
				maxItems: 3,
				description:
					'Reference pictures given to the remote generators that take them (Veo: up to 3 per shot, Gemini Omni), for every shot this character is in, so the same person appears across a story.',
			}),
		),
		cameoId: Type.Optional(
			Type.String({
				pattern: '^cam_[A-Za-z0-9]+$',
				description: 'A consented cameo this character is played by.',
			}),
		),
	},
	{ additionalProperties: false },
);

export const DialogueSchema = Type.Object(
	{
		character: Id,
		text: Type.String({ minLength: 1, maxLength: 1000 }),
		at: Type.Optional(
			Seconds('Start, in seconds from the start of the shot.', SPEC_LIMITS.maxShotSeconds),
		),
	},
	{ additionalProperties: false },
);

export const SfxSchema = Type.Object(
	{
		cue: Type.String({
			minLength: 1,
			maxLength: 64,
			description: 'A sound cue from the vocabulary, e.g. whoosh, splash, crowd, rain.',
		}),
		at: Seconds('Start, in seconds from the start of the shot.', SPEC_LIMITS.maxShotSeconds),
		duration: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 60 })),
		volume: Type.Optional(Type.Number({ minimum: 0, maximum: 2 })),
	},
	{ additionalProperties: false },
);

export const PhysicsSchema = Type.Object(
	{
		scene: Type.String({
			minLength: 1,
			maxLength: 32,
			description: 'A physics set-piece from the vocabulary: basketball, stack, plank, water.',
		}),
		outcome: Type.Optional(
			literals(
				['auto', 'make', 'miss'] as const,
				'For shots at a goal: force a make or a miss, or let the seed decide.',
			),
		),
		objects: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
	},
	{ additionalProperties: false },
);

export const CameraSchema = Type.Object(
	{
		move: Type.Optional(literals(CAMERA_MOVES, 'Camera move over the shot.')),
		easing: Type.Optional(literals(EASINGS, 'Easing of the move.')),
		intensity: Type.Optional(
			Type.Number({ minimum: 0, maximum: 1, description: 'How far the camera travels; 0..1.' }),
		),
	},
	{ additionalProperties: false },
);

/**
 * An image or a video clip the user supplies, shown as a shot: `asset` (an upload) or `url`.
 * Images are held and moved by the shot's `camera` (a Ken Burns move); clips play from `trim.start`.
 */
export const MediaSchema = Type.Object(
	{
		asset: Type.Optional(AssetId),
		url: Type.Optional(MediaUrl),
		fit: Type.Optional(
			literals(
				MEDIA_FITS,
				'How a picture of another shape fills the frame: cover (crop to fill), contain (whole picture, bars), blur (whole picture over a blurred, enlarged copy of itself).',
				'cover',
			),
		),
		trim: Type.Optional(
			Type.Object(
				{
					start: Type.Optional(Seconds('Where the clip starts playing, in seconds of the source.')),
					end: Type.Optional(
						Type.Number({
							exclusiveMinimum: 0,
							maximum: SPEC_LIMITS.maxDurationSeconds * 4,
							description: 'Where the clip stops, in seconds of the source.',
						}),
					),
				},
				{ additionalProperties: false, description: 'Video clips: the part of the source used.' },
			),
		),
		speed: Type.Optional(
			Type.Number({
				minimum: 0.25,
				maximum: 4,
				description: 'Video clips: playback speed; 2 plays twice as fast (sound pitch kept).',
			}),
		),
		audio: Type.Optional(
			literals(
				MEDIA_AUDIO,
				"Video clips: the clip's own sound: keep it, duck it (ducking.amountDb lower, under Reelforge's music), or mute it.",
				'keep',
			),
		),
		volume: Type.Optional(
			Type.Number({
				minimum: 0,
				maximum: 2,
				description: "Video clips: gain of the clip's sound.",
			}),
		),
		loop: Type.Optional(
			Type.Boolean({
				description:
					'Video clips shorter than the shot: play them again from the start (default: hold the last frame).',
			}),
		),
		background: Type.Optional(Color),
	},
	{
		additionalProperties: false,
		description: 'The picture of a media shot: exactly one of asset, url.',
	},
);

/**
 * A title, a lower third, a price tag or a logo over a shot, whatever made the shot (the local
 * engine, a remote generator, media): drawn onto the stitched video, inside the shot's time.
 */
export const OverlaySchema = Type.Object(
	{
		text: Type.Optional(
			Type.String({
				minLength: 1,
				maxLength: 200,
				description:
					'Text to show, as written (no markup); a line too long for the frame wraps inside the margins.',
			}),
		),
		image: Type.Optional(PictureRef('A picture (a logo: PNG with transparency, JPEG or WebP).')),
		position: Type.Optional(
			literals(
				OVERLAY_POSITIONS,
				'Where in the frame, inside a margin of 4% of the short edge (default: top for text, top-right for a picture).',
			),
		),
		size: Type.Optional(
			Type.Number({
				minimum: 0.02,
				maximum: 1,
				description:
					"Text: letter height as a fraction of the frame's short edge (default 0.06). Picture: its width as a fraction of the frame's width (default 0.2).",
			}),
		),
		color: Type.Optional(Color),
		background: Type.Optional(Color),
		opacity: Type.Optional(
			Type.Number({ minimum: 0, maximum: 1, description: '1 (the default) is opaque.' }),
		),
		start: Type.Optional(
			Seconds(
				'When it appears, in seconds from the start of the shot (default 0).',
				SPEC_LIMITS.maxShotSeconds,
			),
		),
		end: Type.Optional(
			Type.Number({
				exclusiveMinimum: 0,
				maximum: SPEC_LIMITS.maxShotSeconds,
				description:
					'When it goes, in seconds from the start of the shot (default: the end of the shot).',
			}),
		),
	},
	{
		additionalProperties: false,
		description:
			'Text (color, background box) or a picture over the shot: exactly one of text, image.',
	},
);

const ProviderId = (description: string) =>
	Type.String({ minLength: 1, maxLength: 32, description });

export const ShotSchema = Type.Object(
	{
		id: Type.Optional(Id),
		prompt: Type.Optional(
			Type.String({
				minLength: 1,
				maxLength: SPEC_LIMITS.maxPromptChars,
				description: 'What the shot shows. Required unless the shot shows `media`.',
			}),
		),
		duration: Type.Union(
			[
				Type.Number({ exclusiveMinimum: 0, maximum: SPEC_LIMITS.maxShotSeconds }),
				Type.Literal(AUTO_DURATION),
			],
			{
				description:
					'Seconds, or auto: as long as the voice-over spoken over this shot (its `narration`, or its share of audio.voiceover.text).',
			},
		),
		narration: Type.Optional(
			Type.String({
				minLength: 1,
				maxLength: 1000,
				description:
					"What the voice-over says over this shot (in audio.voiceover's voice), spoken from the shot's start and captioned word by word. With duration auto the shot lasts as long as it.",
			}),
		),
		provider: Type.Optional(
			ProviderId(
				"Who makes this shot: a provider id from /v1/capabilities, or auto (default: the spec's provider). Ignored for a shot that shows `media`.",
			),
		),
		media: Type.Optional(MediaSchema),
		firstFrame: Type.Optional(
			PictureRef(
				"The picture a remote generator's clip starts from (image to video: Veo `image`, OpenAI-compatible `input_reference`, ComfyUI `{{image}}`), fitted to the clip's size.",
			),
		),
		overlays: Type.Optional(
			Type.Array(OverlaySchema, {
				maxItems: MAX_OVERLAYS_PER_SHOT,
				description: 'Text and pictures over this shot, drawn in order (the last on top).',
			}),
		),
		setting: Type.Optional(
			Type.String({
				maxLength: 64,
				description:
					'A setting from the vocabulary; the planner reads one from the prompt when absent.',
			}),
		),
		timeOfDay: Type.Optional(literals(['dawn', 'day', 'dusk', 'night'] as const, 'Lighting.')),
		weather: Type.Optional(literals(['clear', 'rain', 'snow', 'fog'] as const, 'Weather.')),
		camera: Type.Optional(CameraSchema),
		characters: Type.Optional(
			Type.Array(Id, {
				maxItems: SPEC_LIMITS.maxCharacters,
				description: 'Ids of the characters on screen.',
			}),
		),
		actions: Type.Optional(
			Type.Array(
				Type.Object(
					{
						character: Id,
						action: Type.String({ minLength: 1, maxLength: 32 }),
						at: Type.Optional(Seconds('Start within the shot.', SPEC_LIMITS.maxShotSeconds)),
					},
					{ additionalProperties: false },
				),
				{ maxItems: 32 },
			),
		),
		props: Type.Optional(
			Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 16 }),
		),
		dialogue: Type.Optional(
			Type.Array(DialogueSchema, { maxItems: SPEC_LIMITS.maxDialoguePerShot }),
		),
		sfx: Type.Optional(Type.Array(SfxSchema, { maxItems: 64 })),
		physics: Type.Optional(PhysicsSchema),
		transition: Type.Optional(
			literals(TRANSITIONS, 'How this shot begins after the previous one.'),
		),
	},
	{ additionalProperties: false },
);

export const MusicSourceSchema = Type.Object(
	{
		url: Type.Optional(httpUrl('An audio file to fetch (mp3, m4a/aac, wav, flac, ogg/opus, ...).')),
		uploadId: Type.Optional(
			Type.String({
				pattern: '^upl_[0-9a-z]+$',
				description:
					'An audio file uploaded with POST /v1/remixes/uploads (the n8n nodes send binary data this way).',
			}),
		),
	},
	{
		additionalProperties: false,
		minProperties: 1,
		maxProperties: 1,
		description:
			'Your own music as the bed instead of the procedural score: trimmed or looped to the video, faded, ducked under speech and matched in loudness. Exactly one of url, uploadId.',
	},
);

export const AudioSchema = Type.Object(
	{
		music: Type.Optional(
			Type.Object(
				{
					enabled: Type.Boolean({ default: true }),
					mood: Type.Optional(
						Type.String({ maxLength: 32, description: 'e.g. upbeat, calm, tense, epic, playful.' }),
					),
					tempo: Type.Optional(
						Type.Integer({ minimum: 40, maximum: 200, description: 'Beats per minute.' }),
					),
					volume: Type.Optional(
						Type.Number({
							minimum: 0,
							maximum: 1,
							description:
								"Level of the bed: 1 is −20 LUFS (the dialogue's level), 0.35 (the default) about −29 LUFS.",
						}),
					),
					source: Type.Optional(MusicSourceSchema),
					start: Type.Optional(
						Type.Number({
							minimum: 0,
							maximum: 3600,
							description: 'With a source: where in the track the video starts (seconds).',
						}),
					),
					// No `default`s on these: the validator would write them into every spec's music.
					loop: Type.Optional(
						Type.Boolean({
							description:
								'With a source shorter than the video: repeat it, crossfaded (true, the default), or let it end.',
						}),
					),
					fadeInSeconds: Type.Optional(
						Type.Number({
							minimum: 0,
							maximum: 10,
							description: 'With a source: fade-in in seconds (0.5 when absent).',
						}),
					),
					fadeOutSeconds: Type.Optional(
						Type.Number({
							minimum: 0,
							maximum: 20,
							description: 'With a source: fade-out in seconds (1.5 when absent).',
						}),
					),
				},
				{ additionalProperties: false },
			),
		),
		voiceover: Type.Optional(
			Type.Object(
				{
					text: Type.Optional(
						Type.String({
							minLength: 1,
							maxLength: 4000,
							description:
								'Narration over the whole video. With shots of duration auto (and no shot `narration`), split at sentences over those shots, and each lasts as long as its part.',
						}),
					),
					voice: Type.Optional(VoiceSchema),
				},
				{
					additionalProperties: false,
					description:
						'The narrator: the text spoken over the video, or only the voice when the shots carry their own `narration`.',
				},
			),
		),
		ducking: Type.Optional(
			Type.Object(
				{
					enabled: Type.Boolean({
						default: true,
						description: 'Lower every bed (music, ambience, effects) under speech.',
					}),
					amountDb: Type.Number({
						minimum: 0,
						maximum: 40,
						default: 12,
						description: 'How far the beds go down under a line, at least.',
					}),
					clearanceDb: Type.Optional(
						Type.Number({
							minimum: 0,
							maximum: 30,
							description:
								'How far (LU) under each line the beds must sit, measured (BS.1770) over the line as it sounds in the mix; a bed louder than that is ducked deeper. 18 when absent.',
						}),
					),
				},
				{ additionalProperties: false },
			),
		),
		providerAudio: Type.Optional(
			literals(
				MEDIA_AUDIO,
				"The sound remote generators made with their clips, in stories of several sources: keep it, duck it (ducking.amountDb lower), or mute it (default keep). Reelforge's music is laid under the whole story either way and steps back while the clips' own sound plays.",
			),
		),
		loudnessLufs: Type.Number({
			minimum: -30,
			maximum: -8,
			default: -14,
			description: 'Integrated loudness target of the final mix.',
		}),
	},
	{ additionalProperties: false, default: {} },
);

export const CaptionsSchema = Type.Object(
	{
		burnIn: Type.Boolean({
			default: false,
			description: 'Draw word-level captions into the picture. A WebVTT file is always produced.',
		}),
	},
	{ additionalProperties: false, default: {} },
);

export const WatermarkSchema = Type.Object(
	{
		enabled: Type.Boolean({
			default: true,
			description: 'A visible moving watermark. The free tier cannot turn it off.',
		}),
		text: Type.String({ minLength: 1, maxLength: 64, default: 'AI-generated · Reelforge' }),
	},
	{ additionalProperties: false, default: {} },
);

export const ProvenanceSchema = Type.Object(
	{ c2pa: Type.Boolean({ default: true, description: 'Embed a signed C2PA manifest.' }) },
	{ additionalProperties: false, default: {} },
);

export const WebhookSchema = Type.Object(
	{
		url: httpUrl(),
		events: Type.Array(literals(WEBHOOK_EVENTS, 'Event type.'), {
			minItems: 1,
			uniqueItems: true,
			default: ['render.completed', 'render.failed'],
		}),
	},
	{ additionalProperties: false },
);

export const RenderSpecSchema = Type.Object(
	{
		version: literals(['1'] as const, 'Spec version.', '1'),
		prompt: Type.Optional(
			Type.String({
				minLength: 1,
				maxLength: SPEC_LIMITS.maxPromptChars,
				description: 'A prompt-only spec: the planner expands it into shots.',
			}),
		),
		durationSeconds: Type.Optional(
			Type.Number({
				exclusiveMinimum: 0,
				maximum: SPEC_LIMITS.maxDurationSeconds,
				description: 'Target length for a prompt-only spec.',
			}),
		),
		output: OutputSchema,
		provider: Type.String({
			minLength: 1,
			maxLength: 32,
			default: 'local',
			description:
				'Provider id from /v1/capabilities: who makes the shots that do not name their own. auto: the local engine for shots it can draw, the first configured remote generator for the others.',
		}),
		fallback: Type.Unsafe<Fallback>({
			anyOf: [
				{ type: 'string', enum: ['none', 'local'] },
				{
					type: 'array',
					items: { type: 'string', minLength: 1, maxLength: 32 },
					minItems: 1,
					maxItems: SPEC_LIMITS.maxFallbacks,
					uniqueItems: true,
				},
			],
			default: 'none',
			description:
				'What happens when a shot\'s provider cannot make it (unavailable, refused, failed): none fails the render; local has the local engine draw it; a list of provider ids is tried in order (e.g. ["veo", "local"]). A fallback used is recorded on the render (details.shots) and in its warnings.',
		}),
		seed: Type.Optional(
			Type.Integer({
				minimum: 0,
				maximum: 2 ** 31 - 1,
				description: 'Same spec + seed gives the same video. Chosen and recorded when absent.',
			}),
		),
		style: Type.String({
			minLength: 1,
			maxLength: 32,
			default: 'cinematic',
			description: 'A style from /v1/capabilities.',
		}),
		characters: Type.Array(CharacterSchema, { maxItems: SPEC_LIMITS.maxCharacters, default: [] }),
		shots: Type.Array(ShotSchema, { maxItems: SPEC_LIMITS.maxShots, default: [] }),
		audio: AudioSchema,
		captions: CaptionsSchema,
		watermark: WatermarkSchema,
		provenance: ProvenanceSchema,
		webhook: Type.Optional(WebhookSchema),
		metadata: Type.Optional(
			Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 1000 }), {
				maxProperties: 32,
				description: 'Free-form labels kept with the render (title, topic, ...).',
			}),
		),
	},
	{ $id: 'RenderSpec', additionalProperties: false, title: 'RenderSpec v1' },
);

export type RenderSpec = Static<typeof RenderSpecSchema>;
export type RenderSpecInput = Partial<RenderSpec> & Record<string, unknown>;
export type Shot = Static<typeof ShotSchema>;
/** A shot whose length is known in seconds (auto resolved, or estimated where nothing is spoken yet). */
export type TimedShot = Omit<Shot, 'duration'> & { duration: number };
export type Media = Static<typeof MediaSchema>;
export type Overlay = Static<typeof OverlaySchema>;
export type PictureRef = { asset?: string; url?: string };
export type OverlayPosition = (typeof OVERLAY_POSITIONS)[number];
export type MediaFit = (typeof MEDIA_FITS)[number];
export type MediaAudio = (typeof MEDIA_AUDIO)[number];
/** `none`, `local`, or provider ids tried in order. */
export type Fallback = 'none' | 'local' | string[];
export type Character = Static<typeof CharacterSchema>;
export type Dialogue = Static<typeof DialogueSchema>;
export type Sfx = Static<typeof SfxSchema>;
export type Physics = Static<typeof PhysicsSchema>;
export type Camera = Static<typeof CameraSchema>;
export type Voice = Static<typeof VoiceSchema>;
export type MusicSource = Static<typeof MusicSourceSchema>;
export type OutputSettings = Static<typeof OutputSchema>;
export type Quality = (typeof QUALITIES)[number];
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export { Nullable };
