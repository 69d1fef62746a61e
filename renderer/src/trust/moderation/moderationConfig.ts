/** The moderator's outside checkers from the service configuration (`config.ts` reads the environment). */
import type { Config } from '../../config';
import type { GuardModelConfig } from './guard/guardModel';
import type { OpenAIModerationConfig } from './openaiModeration';

type ModerationSettings = Config['moderation'];

/** OpenAI's moderation endpoint when OPENAI_API_KEY is set, else off. */
export function openaiFromConfig(settings: ModerationSettings): OpenAIModerationConfig | false {
	return settings.openaiApiKey
		? { apiKey: settings.openaiApiKey, baseUrl: settings.openaiBaseUrl }
		: false;
}

/** The user's guard model when REELFORGE_GUARD_URL and REELFORGE_GUARD_MODEL are set, else off. */
export function guardFromConfig(settings: ModerationSettings): GuardModelConfig | false {
	const guard = settings.guard;
	if (!guard) return false;
	return {
		url: guard.url,
		model: guard.model,
		apiKey: guard.apiKey,
		format: guard.format,
		timeoutMs: guard.timeoutMs,
	};
}
