import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, type FieldError } from './errors';
import { RenderSpecSchema, SPEC_LIMITS, type RenderSpec, type Shot } from './renderSpec';
import { estimatedShotSeconds, isAutoDuration, narrationPlan } from './narration';

/**
 * The one ajv used for request bodies: strict (a typo in a schema is a bug, not a silent pass),
 * defaults filled in, every error reported at once so a client can fix a spec in one round.
 */
export function createBodyAjv(options: { source?: boolean } = {}): Ajv {
	const ajv = new Ajv({
		strict: true,
		useDefaults: true,
		allErrors: true,
		coerceTypes: false,
		removeAdditional: false,
		// The source of compiled validators kept, for the build's standalone RenderSpec validator.
		...(options.source ? { code: { source: true } } : {}),
	});
	addFormats(ajv);
	return ajv;
}

/** Query strings and path params arrive as text, so they are coerced. */
export function createParamsAjv(): Ajv {
	const ajv = new Ajv({ strict: true, useDefaults: true, allErrors: true, coerceTypes: 'array' });
	addFormats(ajv);
	return ajv;
}

/** Turns ajv's errors into JSON pointers of the failing fields, naming a missing or extra property itself. */
/** A property name as one JSON pointer token (RFC 6901): `~` → `~0`, `/` → `~1`. */
function escapePointer(name: string): string {
	return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * A value that matches none of an `anyOf`'s choices (a shot's duration: seconds or "auto") is one
 * error naming every choice, not one per choice tried.
 */
function foldAnyOf(errors: ErrorObject[]): ErrorObject[] {
	const unions = errors.filter((e) => e.keyword === 'anyOf');
	if (!unions.length) return errors;
	const branchOf = (e: ErrorObject) =>
		unions.find(
			(u) =>
				u !== e && u.instancePath === e.instancePath && e.schemaPath.startsWith(`${u.schemaPath}/`),
		);
	const describe = (e: ErrorObject) =>
		e.keyword === 'const'
			? `be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`
			: (e.message ?? 'be valid').replace(/^must /, '');
	return errors
		.filter((e) => !branchOf(e))
		.map((e) => {
			if (e.keyword !== 'anyOf') return e;
			// Per choice, its most telling failure: a constant's value over the type it has.
			const byChoice = new Map<string, ErrorObject>();
			for (const b of errors.filter((x) => branchOf(x) === e)) {
				const choice = b.schemaPath.slice(e.schemaPath.length + 1).split('/')[0]!;
				const held = byChoice.get(choice);
				if (!held || (b.keyword === 'const' && held.keyword === 'type')) byChoice.set(choice, b);
			}
			const choices = [...new Set([...byChoice.values()].map(describe))];
			return choices.length ? { ...e, message: `must ${choices.join(', or ')}` } : e;
		});
}

export function toFieldErrors(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
	const seen = new Set<string>();
	const out: FieldError[] = [];
	for (const e of foldAnyOf(errors ?? [])) {
		let path = prefix + e.instancePath;
		let message = e.message ?? 'is invalid';
		if (e.keyword === 'required') {
			path += `/${escapePointer((e.params as { missingProperty: string }).missingProperty)}`;
			message = 'is required';
		}
		if (e.keyword === 'additionalProperties') {
			path += `/${escapePointer((e.params as { additionalProperty: string }).additionalProperty)}`;
			message = 'is not a known field';
		}
		if (e.keyword === 'enum')
			message = `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
		const key = `${path}\u0000${message}`;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push({ path: path || '/', message });
	}
	return out;
}

/** The RenderSpec validator the build writes (validatorBuild.ts); absent when running from source. */
export const PREBUILT_VALIDATOR_FILE = join(__dirname, 'renderSpecValidator.js');

/** What the built validator was made from: the schema and the ajv that compiled it. */
export function renderSpecSchemaKey(): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const ajvVersion = (require('ajv/package.json') as { version: string }).version;
	return createHash('sha256')
		.update(`${ajvVersion}\n${JSON.stringify(RenderSpecSchema)}`)
		.digest('hex');
}

/** The built validator in `file` when it was made from this schema; otherwise undefined. */
export function loadPrebuiltValidator(
	file: string = PREBUILT_VALIDATOR_FILE,
): ValidateFunction | undefined {
	if (!existsSync(file)) return undefined;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const built = require(file) as ValidateFunction & { schemaKey?: string };
	return built.schemaKey === renderSpecSchemaKey() ? built : undefined;
}

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
	compiled ??= loadPrebuiltValidator() ?? createBodyAjv().compile(RenderSpecSchema);
	return compiled;
}

/** Shots of duration auto need words to speak; narration needs a voice-over to be heard. */
function narrationErrors(spec: RenderSpec): FieldError[] {
	const errors: FieldError[] = [];
	const shots = spec.shots ?? [];
	if (!shots.length) return errors;
	const plan = narrationPlan({ shots, audio: spec.audio });
	shots.forEach((shot, i) => {
		if (isAutoDuration(shot) && !plan.perShot[i])
			errors.push({
				path: `/shots/${i}/duration`,
				message: shots.some((s) => s.narration !== undefined)
					? "auto needs this shot's narration: its length is the time the voice-over takes to say it"
					: spec.audio?.voiceover?.text
						? 'audio.voiceover.text has fewer words than there are shots of duration auto'
						: 'auto needs narration on this shot or audio.voiceover.text to split over the auto shots',
			});
	});
	if (spec.audio?.voiceover && !spec.audio.voiceover.text && !plan.perShot.some(Boolean))
		errors.push({
			path: '/audio/voiceover/text',
			message: 'a voice-over needs its text here, or narration on the shots',
		});
	return errors;
}

/** Rules JSON Schema cannot say: cross-field sums and references between fields. */
function crossFieldErrors(spec: RenderSpec): FieldError[] {
	const errors: FieldError[] = [];
	const shots = spec.shots ?? [];
	if (!spec.prompt && shots.length === 0) {
		errors.push({ path: '/prompt', message: 'a spec needs a prompt or at least one shot' });
	}
	const seconds = estimatedShotSeconds({ shots, audio: spec.audio });
	const total = Math.round(seconds.reduce((sum, s) => sum + s, 0) * 1000) / 1000;
	if (total > SPEC_LIMITS.maxDurationSeconds) {
		errors.push({
			path: '/shots',
			message: `shots last ${shots.some(isAutoDuration) ? 'about ' : ''}${total} s in all; the limit is ${SPEC_LIMITS.maxDurationSeconds} s`,
		});
	}
	errors.push(...narrationErrors(spec));
	const known = new Set((spec.characters ?? []).map((c) => c.id));
	const seenIds = new Set<string>();
	(spec.characters ?? []).forEach((c, i) => {
		c.images?.forEach((image, j) => {
			if (Boolean(image.asset) === Boolean(image.url))
				errors.push({
					path: `/characters/${i}/images/${j}`,
					message: 'needs exactly one of asset, url',
				});
		});
		if (seenIds.has(c.id))
			errors.push({ path: `/characters/${i}/id`, message: `duplicate character id "${c.id}"` });
		seenIds.add(c.id);
	});
	shots.forEach((shot, i) => errors.push(...mediaShotErrors(shot, `/shots/${i}`)));
	shots.forEach((shot, i) => errors.push(...overlayErrors(shot, `/shots/${i}`)));
	shots.forEach((shot, i) => {
		if (!shot.firstFrame) return;
		if (Boolean(shot.firstFrame.asset) === Boolean(shot.firstFrame.url))
			errors.push({ path: `/shots/${i}/firstFrame`, message: 'needs exactly one of asset, url' });
		if (shot.media)
			errors.push({
				path: `/shots/${i}/firstFrame`,
				message: 'is for generated shots; a media shot shows its own picture',
			});
	});
	shots.forEach((shot, i) => {
		shot.characters?.forEach((id, j) => {
			if (!known.has(id))
				errors.push({ path: `/shots/${i}/characters/${j}`, message: `unknown character "${id}"` });
		});
		shot.dialogue?.forEach((line, j) => {
			if (!known.has(line.character))
				errors.push({
					path: `/shots/${i}/dialogue/${j}/character`,
					message: `unknown character "${line.character}"`,
				});
			if (line.at !== undefined && typeof shot.duration === 'number' && line.at >= shot.duration)
				errors.push({
					path: `/shots/${i}/dialogue/${j}/at`,
					message: `starts after the shot ends (${shot.duration} s)`,
				});
		});
		shot.sfx?.forEach((cue, j) => {
			if (typeof shot.duration === 'number' && cue.at >= shot.duration)
				errors.push({
					path: `/shots/${i}/sfx/${j}/at`,
					message: `starts after the shot ends (${shot.duration} s)`,
				});
		});
		shot.actions?.forEach((a, j) => {
			if (!known.has(a.character))
				errors.push({
					path: `/shots/${i}/actions/${j}/character`,
					message: `unknown character "${a.character}"`,
				});
		});
	});
	return errors;
}

/** A shot shows a prompt or media (exactly one source of media); what media cannot carry is refused. */
function overlayErrors(shot: Shot, at: string): FieldError[] {
	const errors: FieldError[] = [];
	shot.overlays?.forEach((overlay, j) => {
		const here = `${at}/overlays/${j}`;
		if ((overlay.text === undefined) === (overlay.image === undefined))
			errors.push({ path: here, message: 'needs exactly one of text, image' });
		if (overlay.image && Boolean(overlay.image.asset) === Boolean(overlay.image.url))
			errors.push({ path: `${here}/image`, message: 'needs exactly one of asset, url' });
		const start = overlay.start ?? 0;
		if (overlay.end !== undefined && overlay.end <= start)
			errors.push({ path: `${here}/end`, message: `must be after start (${start} s)` });
		if (typeof shot.duration === 'number' && start >= shot.duration)
			errors.push({
				path: `${here}/start`,
				message: `starts after the shot ends (${shot.duration} s)`,
			});
		if (overlay.image && (overlay.color !== undefined || overlay.background !== undefined))
			errors.push({
				path: `${here}/${overlay.color !== undefined ? 'color' : 'background'}`,
				message: 'is for text overlays',
			});
	});
	return errors;
}

function mediaShotErrors(shot: Shot, at: string): FieldError[] {
	const errors: FieldError[] = [];
	const media = shot.media;
	if (!media) {
		// A shot without media draws (or generates) its prompt.
		if (!shot.prompt) errors.push({ path: `${at}/prompt`, message: 'is required' });
		return errors;
	}
	if (Boolean(media.asset) === Boolean(media.url))
		errors.push({ path: `${at}/media`, message: 'needs exactly one of asset, url' });
	const { start = 0, end } = media.trim ?? {};
	if (end !== undefined && end <= start)
		errors.push({ path: `${at}/media/trim/end`, message: `must be after trim.start (${start} s)` });
	// Media is shown as it is: the engine's drawing (speech with lip-sync, physics, staged actions) needs a drawn shot.
	for (const field of ['dialogue', 'physics', 'actions'] as const)
		if (shot[field] !== undefined)
			errors.push({
				path: `${at}/${field}`,
				message: `is for drawn shots; a shot that shows media cannot have ${field}`,
			});
	return errors;
}

/**
 * Shots with neither a prompt nor media, reported with the schema's errors: the schema cannot say
 * "a prompt unless media", and a client should fix a spec in one round.
 */
export function shotsMissingPrompt(spec: unknown): FieldError[] {
	const shots = (spec as { shots?: unknown } | null)?.shots;
	if (!Array.isArray(shots)) return [];
	return shots.flatMap((shot: unknown, i) =>
		shot && typeof shot === 'object' && !('prompt' in shot) && !('media' in shot)
			? [{ path: `/shots/${i}/prompt`, message: 'is required' }]
			: [],
	);
}

/**
 * Validates a spec and returns it normalised (defaults filled, a seed chosen when absent).
 * The input is never mutated. Throws ApiError 400 naming every failing field.
 */
export function validateRenderSpec(
	input: unknown,
	options: { seed?: () => number } = {},
): RenderSpec {
	const spec = structuredClone(input ?? {}) as RenderSpec;
	const validate = validator();
	if (!validate(spec))
		throw ApiError.invalid('The render spec is invalid.', [
			...toFieldErrors(validate.errors),
			...shotsMissingPrompt(spec),
		]);
	return completeRenderSpec(spec, options);
}

/**
 * The rest of `validateRenderSpec` for a spec the schema already checked and filled in (a request
 * body the route validated against RenderSpecSchema): the cross-field rules, and a seed chosen
 * when absent. The schema is not run twice. Returns a new object when it adds the seed, so the
 * caller's body stays as it was sent.
 */
export function completeRenderSpec(
	spec: RenderSpec,
	options: { seed?: () => number } = {},
): RenderSpec {
	const cross = crossFieldErrors(spec);
	if (cross.length) throw ApiError.invalid('The render spec is invalid.', cross);
	if (spec.seed !== undefined) return spec;
	return { ...spec, seed: (options.seed ?? (() => Math.floor(Math.random() * 2 ** 31)))() };
}

/** Duration of the finished video: the sum of the shots, or the prompt-only target. */
export function specDurationSeconds(spec: RenderSpec): number {
	if (spec.shots.length) return estimatedShotSeconds(spec).reduce((sum, s) => sum + s, 0);
	return spec.durationSeconds ?? 16;
}
