import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { planOnce } from '../../engine/plan/once';
import { CoverageSchema, PlannerRecordSchema } from '../../spec/coverage';
import { RenderSpecSchema, type RenderSpec } from '../../spec/renderSpec';
import { completeRenderSpec } from '../../spec/validate';

const WarningSchema = Type.Object({
	path: Type.String({ description: 'JSON pointer of the field the term came from.' }),
	term: Type.String(),
	message: Type.String(),
});

const ValidateResponse = Type.Object(
	{
		valid: Type.Boolean(),
		spec: Type.Ref(RenderSpecSchema),
		warnings: Type.Array(WarningSchema),
		storyboard: Type.Optional(
			Type.Object(
				{},
				{ additionalProperties: true, description: 'The planned storyboard (expand=true).' },
			),
		),
		coverage: Type.Optional(Type.Ref(CoverageSchema)),
		planner: Type.Optional(PlannerRecordSchema),
	},
	{
		description:
			'The normalised spec and its warnings; with expand=true also the storyboard, the coverage report and which planner ran.',
	},
);

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
				response: { 200: ValidateResponse },
			},
		},
		async (request) => {
			const { expand } = request.query as { expand: boolean };
			// The body was validated against RenderSpecSchema by the route: not a second time.
			const spec = completeRenderSpec(request.body as RenderSpec);
			if (!expand) {
				const warnings = services.renders.checkAgainstProviderAndTier(spec, request.caller);
				return { valid: true, spec, warnings };
			}
			// Expanding plans as a render would: the model writes the storyboard when one is configured.
			const story = await services.renders.writeStory(spec);
			const { warnings, coverage } = services.renders.assess(spec, request.caller, story);
			const storyboard = planOnce(spec, story);
			return {
				valid: true,
				spec,
				warnings: mergeWarnings(warnings, storyboard.warnings),
				storyboard,
				...(coverage ? { coverage } : {}),
				planner: storyboard.planner ?? { name: 'rules' },
			};
		},
	);
};

function mergeWarnings<T extends { path: string; term: string }>(a: T[], b: T[]): T[] {
	return [...a, ...b.filter((w) => !a.some((x) => x.path === w.path && x.term === w.term))];
}

export default specs;
