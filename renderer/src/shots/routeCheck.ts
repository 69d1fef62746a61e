/**
 * Which source makes each shot of a story, checked at submit: every piece is offered to its
 * candidates in order and the first that accepts it is the one; a shot no candidate accepts fails
 * the submit with its own field path.
 */
import type { Warning } from '../pipeline/render';
import type { PlanningOptions, VideoProvider } from '../providers/provider';
import { ApiError, type FieldError } from '../spec/errors';
import { AUTO_PROVIDER, type RenderSpec } from '../spec/renderSpec';
import {
	piecesOf,
	remapErrors,
	remapWarnings,
	shotPath,
	shotReferences,
	subSpecFor,
	type Piece,
} from './pieces';
import { fallbackChain, LOCAL, MEDIA, routeShots, type ProviderLookup } from './route';

export type RouteCheck = ReturnType<typeof createRouteCheck>;

export function createRouteCheck(providers: ProviderLookup) {
	function available(id: string): VideoProvider | undefined {
		const provider = providers.find(id);
		return provider && provider.capabilities().available ? provider : undefined;
	}

	function drawableByLocal(spec: RenderSpec, options?: PlanningOptions): (i: number) => boolean {
		let verdicts: boolean[] | undefined;
		return (i) => {
			verdicts ??= (() => {
				const coverage = providers.find(LOCAL)?.coverage?.(spec, options);
				return spec.shots.map(
					(_s, j) => coverage?.shots.find((s) => s.index === j)?.drawable ?? true,
				);
			})();
			return verdicts[i] ?? true;
		};
	}

	/** The providers a prompt-only spec tries, in order. */
	function wholeSpecCandidates(spec: RenderSpec, options?: PlanningOptions): string[] {
		let first = spec.provider;
		if (first === AUTO_PROVIDER) {
			const coverage = providers.find(LOCAL)?.coverage?.(spec, options);
			const remotes = providers
				.all()
				.filter((p) => p.capabilities().remote && p.capabilities().available);
			first =
				coverage && coverage.shots.some((s) => !s.drawable) && remotes[0] ? remotes[0].id : LOCAL;
		}
		return [first, ...fallbackChain(spec)].filter(
			(id, i, all) => id !== AUTO_PROVIDER && all.indexOf(id) === i,
		);
	}

	/** Checks one piece against its candidates; the index of the first that accepts it, and its warnings. */
	function checkPiece(spec: RenderSpec, piece: Piece, options?: PlanningOptions) {
		const failures: FieldError[] = [];
		const tried: string[] = [];
		for (const id of piece.route.candidates) {
			const provider = available(id);
			if (!provider) {
				failures.push({
					path: `${shotPath(piece.shots[0]!)}/provider`,
					message: providers.find(id)
						? `provider "${id}" is not available`
						: `unknown provider "${id}"`,
				});
				tried.push(id);
				continue;
			}
			try {
				const warnings = provider.check(subSpecFor(spec, piece.shots, id), options);
				return {
					chosen: id,
					tried,
					warnings: remapWarnings(warnings, piece.shots),
				};
			} catch (error) {
				if (!(error instanceof ApiError)) throw error;
				const named = piece.shots.some((i) => spec.shots[i]!.provider !== undefined);
				failures.push(
					...(error.details?.length
						? remapErrors(error.details, piece.shots, named)
						: [{ path: `${shotPath(piece.shots[0]!)}/provider`, message: error.message }]),
				);
				tried.push(id);
			}
		}
		return { failures };
	}

	/** What a shot's first frame and its characters' pictures meet at the provider making it. */
	function pictureProblems(spec: RenderSpec, index: number, providerId: string) {
		const errors: FieldError[] = [];
		const warnings: Warning[] = [];
		const shot = spec.shots[index]!;
		const clip = available(providerId)?.capabilities().remote?.clip;
		const references = shotReferences(spec, index);
		if (shot.firstFrame && clip && !clip.firstFrame)
			errors.push({
				path: `${shotPath(index)}/firstFrame`,
				message: `${providerId} takes no first frame`,
			});
		else if (shot.firstFrame && !clip)
			warnings.push({
				path: `${shotPath(index)}/firstFrame`,
				term: providerId,
				message: `${providerId} draws its own picture; firstFrame is for remote generators`,
			});
		if (clip && references.length > clip.referenceImages)
			warnings.push({
				path: `${shotPath(index)}/characters`,
				term: providerId,
				message: clip.referenceImages
					? `${providerId} takes ${clip.referenceImages} reference pictures; the first ${clip.referenceImages} of this shot's characters' are sent`
					: `${providerId} takes no reference pictures; the characters are described in the prompt`,
			});
		return { errors, warnings };
	}

	function check(spec: RenderSpec, options?: PlanningOptions): Warning[] {
		if (!spec.shots.length) {
			const candidates = wholeSpecCandidates(spec, options);
			const failures: FieldError[] = [];
			for (const id of candidates) {
				const provider = available(id);
				if (!provider) {
					failures.push({ path: '/provider', message: `provider "${id}" is not available` });
					continue;
				}
				try {
					return provider.check({ ...spec, provider: id, fallback: 'none' }, options);
				} catch (error) {
					if (!(error instanceof ApiError)) throw error;
					failures.push(...(error.details ?? [{ path: '/provider', message: error.message }]));
				}
			}
			throw ApiError.invalid('No provider can render this spec.', failures);
		}
		const { routes, warnings } = routeShots(spec, providers, drawableByLocal(spec, options));
		const errors: FieldError[] = [];
		for (const piece of piecesOf(routes)) {
			if (piece.route.candidates[0] === MEDIA) continue;
			const result = checkPiece(spec, piece, options);
			if (result.failures) {
				errors.push(...result.failures);
				continue;
			}
			warnings.push(...result.warnings);
			const pictures = pictureProblems(spec, piece.shots[0]!, result.chosen);
			errors.push(...pictures.errors);
			warnings.push(...pictures.warnings);
			if (result.tried.length)
				warnings.push({
					path: `${shotPath(piece.shots[0]!)}/provider`,
					term: result.chosen,
					message: `${result.tried.join(', ')} cannot make this shot; ${result.chosen} (the fallback) will`,
				});
		}
		if (errors.length) throw ApiError.invalid('No provider can make some of the shots.', errors);
		return warnings;
	}

	return { available, drawableByLocal, wholeSpecCandidates, check };
}
