import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { plan } from '../../engine/plan';
import { RenderSpecSchema } from '../../spec/renderSpec';
import { validateRenderSpec } from '../../spec/validate';

const specs: FastifyPluginAsync = async (app) => {
	const { services } = app;
	app.post(
		'/v1/specs/validate',
		{
			schema: {
				summary:
					'Validate and normalise a RenderSpec without rendering; optionally expand it into planned shots.',
				tags: ['specs'],
				querystring: Type.Object(
					{
						expand: Type.Boolean({
							default: false,
							description: "Run the provider's planner and return the storyboard.",
						}),
					},
					{ additionalProperties: false },
				),
				body: Type.Ref(RenderSpecSchema),
			},
		},
		async (request) => {
			const { expand } = request.query as { expand: boolean };
			const spec = validateRenderSpec(request.body);
			const warnings = services.renders.checkAgainstProviderAndTier(spec, request.caller);
			const storyboard = expand ? plan(spec, { cameos: new Map() }) : undefined;
			return {
				valid: true,
				spec,
				warnings: storyboard ? mergeWarnings(warnings, storyboard.warnings) : warnings,
				storyboard,
			};
		},
	);
};

function mergeWarnings<T extends { path: string; term: string }>(a: T[], b: T[]): T[] {
	return [...a, ...b.filter((w) => !a.some((x) => x.path === w.path && x.term === w.term))];
}

export default specs;
