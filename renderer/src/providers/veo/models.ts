/**
 * What each Veo 3.1 model accepts through the Gemini API, and what it costs, as published.
 *
 * Sources (read 2026-12): the Gemini API Veo guide (ai.google.dev/gemini-api/docs/video): 16:9 or
 * 9:16; 720p, 1080p, 4k; 4, 6 or 8 s, 1080p and 4k only at 8 s; first and last frame; up to three
 * reference images; extension of a Veo video by 7 s per call at 720p, up to 148 s in all; native
 * audio; 24 fps. Lite has no 4k (Vertex model list: no reference images for Lite either). Prices
 * per second from the Gemini API pricing page (updated 2026-04-09, as quoted 2026-05): Standard
 * $0.40 (4k $0.60), Fast $0.10 / $0.12 at 1080p / $0.30 at 4k, Lite $0.05 / $0.08 at 1080p.
 */
import type { ClipCapabilities, ClipPrice, ClipSize } from '../remote/clipGenerator';

export const VEO_MODELS = [
	'veo-3.1-generate-preview',
	'veo-3.1-fast-generate-preview',
	'veo-3.1-lite-generate-preview',
] as const;

export const VEO_DEFAULT_MODEL = 'veo-3.1-generate-preview';

const PRICE_SOURCE = 'https://ai.google.dev/gemini-api/docs/pricing (updated 2026-04-09)';

interface VeoModelFacts {
	resolutions: string[];
	referenceImages: number;
	extension: boolean;
	price: ClipPrice;
}

/**
 * A model's facts from its price list: it offers exactly the resolutions priced, and its price per
 * second is the 720p one.
 */
function priced(
	usdPerSecondAt: Record<string, number>,
	abilities: Pick<VeoModelFacts, 'referenceImages' | 'extension'>,
): VeoModelFacts {
	return {
		resolutions: Object.keys(usdPerSecondAt),
		...abilities,
		price: {
			usdPerSecond: usdPerSecondAt['720p'],
			byResolution: usdPerSecondAt,
			asOf: '2026-05',
			source: PRICE_SOURCE,
		},
	};
}

function facts(model: string): VeoModelFacts {
	if (/lite/.test(model))
		return priced({ '720p': 0.05, '1080p': 0.08 }, { referenceImages: 0, extension: false });
	if (/fast/.test(model))
		return priced(
			{ '720p': 0.1, '1080p': 0.12, '4k': 0.3 },
			{ referenceImages: 3, extension: true },
		);
	return priced({ '720p': 0.4, '1080p': 0.4, '4k': 0.6 }, { referenceImages: 3, extension: true });
}

const EDGES: Record<string, [number, number]> = {
	'720p': [1280, 720],
	'1080p': [1920, 1080],
	'4k': [3840, 2160],
};

export function veoCapabilities(
	model: string,
	options: { seed: boolean; concurrency: number; deadlineSeconds: number },
): ClipCapabilities {
	const f = facts(model);
	const sizes: ClipSize[] = [];
	for (const resolution of f.resolutions) {
		const [long, short] = EDGES[resolution];
		const durations = resolution === '720p' ? undefined : [8];
		sizes.push({ width: long, height: short, aspectRatio: '16:9', resolution, durations });
		sizes.push({ width: short, height: long, aspectRatio: '9:16', resolution, durations });
	}
	return {
		model,
		durations: [4, 6, 8],
		sizes,
		fps: [24],
		nativeAudio: true,
		referenceImages: f.referenceImages,
		firstFrame: true,
		lastFrame: true,
		extension: f.extension
			? { addsSeconds: 7, maxTotalSeconds: 148, resolutions: ['720p'] }
			: undefined,
		remix: false,
		negativePrompt: true,
		seed: options.seed,
		personGeneration: ['allow_all', 'allow_adult'],
		webhooks: true,
		concurrency: options.concurrency,
		deadlineSeconds: options.deadlineSeconds,
		price: f.price,
	};
}
