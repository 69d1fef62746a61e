/**
 * The coverage report a render (and `POST /v1/specs/validate?expand=true`) carries: what the
 * prompt names and whether the video shows it. One TypeBox definition is the OpenAPI component
 * and the TypeScript type the engine's coverage module builds.
 */
import { Type, type Static } from '@sinclair/typebox';
import { literals } from './schemaParts';

export const COVERAGE_CATEGORIES = [
	'subject',
	'action',
	'object',
	'setting',
	'time',
	'weather',
	'sound',
] as const;
export const COVERAGE_STATUSES = ['drawn', 'approximated', 'not drawn'] as const;

export const PlannerRecordSchema = Type.Object(
	{
		name: literals(
			['rules', 'model'] as const,
			'rules: the built-in planner wrote the shots; model: a language model wrote them (REELFORGE_PLANNER_URL).',
		),
		model: Type.Optional(Type.String({ description: 'The model that wrote the shots.' })),
		fallbackReason: Type.Optional(
			Type.String({
				description: "Why a configured model's storyboard was not used and the rules planned.",
			}),
		),
	},
	{ additionalProperties: false, description: 'Which planner ran.' },
);

export const CoverageTermSchema = Type.Object(
	{
		path: Type.String({
			description: 'JSON pointer of the text that names the term, e.g. /prompt or /shots/2/prompt.',
		}),
		term: Type.String({ description: 'The words as the prompt wrote them.' }),
		lemma: Type.String({ description: 'Their dictionary form.' }),
		category: literals(COVERAGE_CATEGORIES, 'What kind of term it is.'),
		status: literals(COVERAGE_STATUSES, 'Whether the video shows it.'),
		as: Type.Optional(
			Type.String({
				description:
					'The vocabulary term it is drawn as (approximated), or the one that could draw it.',
			}),
		),
		table: Type.Optional(
			Type.String({ description: 'The vocabulary table of `as` (settings, actions, props, ...).' }),
		),
		shots: Type.Array(Type.Integer({ minimum: 0 }), {
			description: 'Indices of the planned shots that show it.',
		}),
		reason: Type.Optional(Type.String({ description: 'Why it is approximated or not drawn.' })),
	},
	{ additionalProperties: false },
);

export const ShotCoverageSchema = Type.Object(
	{
		index: Type.Integer({ minimum: 0 }),
		id: Type.String(),
		score: Type.Number({ minimum: 0, maximum: 1 }),
		drawable: Type.Boolean({
			description:
				"False when a subject or an action this shot's prompt names is not drawn by this provider.",
		}),
		missing: Type.Array(Type.String(), { description: "Terms of this shot's prompt not drawn." }),
	},
	{ additionalProperties: false },
);

export const CoverageSchema = Type.Object(
	{
		planner: PlannerRecordSchema,
		score: Type.Number({
			minimum: 0,
			maximum: 1,
			description:
				'Drawn counts 1, approximated 0.5, not drawn 0; subjects and actions weigh double. 1 when the prompt names nothing.',
		}),
		counts: Type.Object(
			{
				drawn: Type.Integer({ minimum: 0 }),
				approximated: Type.Integer({ minimum: 0 }),
				notDrawn: Type.Integer({ minimum: 0 }),
			},
			{ additionalProperties: false },
		),
		terms: Type.Array(CoverageTermSchema),
		shots: Type.Array(ShotCoverageSchema),
	},
	{
		$id: 'Coverage',
		additionalProperties: false,
		description:
			'Every subject, action, object, setting, time, weather and sound the prompts name, and whether the video shows it.',
	},
);

export type Coverage = Static<typeof CoverageSchema>;
export type CoverageTerm = Static<typeof CoverageTermSchema>;
export type ShotCoverage = Static<typeof ShotCoverageSchema>;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];
export type CoverageCategory = (typeof COVERAGE_CATEGORIES)[number];
export type PlannerRecord = Static<typeof PlannerRecordSchema>;
