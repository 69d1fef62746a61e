import type { FastifyPluginAsync } from 'fastify';
import { describeVocabulary } from '../../engine/vocabulary';
import { storyboardJsonSchema } from '../../story/storyboardSchema';
import { QUALITIES, SPEC_LIMITS, TRANSITIONS, CAMERA_MOVES } from '../../spec/renderSpec';

const capabilities: FastifyPluginAsync = async (app) => {
	const { services } = app;
	app.get(
		'/v1/capabilities',
		{
			schema: {
				summary:
					'Providers, styles, voices, vocabulary, the storyboard JSON Schema for language models, and limits.',
				tags: ['specs'],
			},
		},
		async (request) => {
			const providers = services.providers.capabilities();
			const local = providers.find((p) => p.id === 'local');
			const vocabulary = describeVocabulary();
			return {
				providers,
				styles: [...new Set(providers.flatMap((p) => p.styles))],
				voices: local?.voices ?? [],
				vocabulary,
				// The strict JSON Schema a language model writes a storyboard against (n8n's Chat Model input uses it).
				storyboardSchema: storyboardJsonSchema(),
				qualities: QUALITIES,
				transitions: TRANSITIONS,
				cameraMoves: CAMERA_MOVES,
				limits: { ...SPEC_LIMITS, tier: services.quotas.tierOf(request.caller) },
			};
		},
	);
};

export default capabilities;
