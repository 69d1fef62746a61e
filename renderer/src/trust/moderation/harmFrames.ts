/**
 * Harm frames: weaker signals combined within one sentence, for the harm that no single word and
 * no fixed pair of words carries.
 *
 * The pair rules (`contextRules.ts`) fire on two particular word classes together. Wording nobody
 * tuned on keeps slipping between them: "animate my coworker Dave getting his throat slit lol he
 * deserves it", "a 14 yo cutting deep enough that it'll scar, soft focus", "girl stepping off the
 * platform just as the train pulls in, dreamy colours". Each frame names the roles such a request
 * fills — an act (required), and its victim, outcome, instrument, a request to see it in detail, an
 * approving or personal framing, a child, a prettified mood — and scores the distinct roles filled in
 * one sentence by noisy-OR (`1 − Π(1 − w)`). A frame reports only when its act and at least
 * `minRoles` other roles are there; the score then decides against the category's threshold, so two
 * weak roles next to an act stay below it and three usually reach it.
 *
 * Pretend and sporting contexts (a zombie, a doll, a match) keep the violence frame silent; the
 * explaining contexts weaken it like the mitigable pair rules.
 */
import type { Category } from './policy';
import type { Concept } from './lexicons/types';

/** What the frames ask of a sentence: the classes present in it. */
export interface FrameView {
	/** The sentences of the reading, each as the set of classes found in it. */
	sentences: Array<Map<Concept, { start: number; end: number }>>;
	/** Whether any class occurs anywhere in the text. */
	has(concept: Concept): boolean;
	quote(...spans: Array<{ start: number; end: number }>): string;
}

interface Role {
	name: string;
	concepts: readonly Concept[];
	weight: number;
}

interface Frame {
	category: Category;
	what: string;
	act: Role;
	roles: Role[];
	/** How many roles besides the act must be there. */
	minRoles: number;
	/** Classes anywhere in the text that make the harm pretend or a game. */
	unless?: readonly Concept[];
}

const FRAMES: Frame[] = [
	{
		category: 'violence',
		what: 'violence against a person, told with its details',
		act: {
			name: 'act',
			concepts: ['killing', 'maim', 'assault', 'stomp', 'violent-act', 'sever', 'set-fire'],
			weight: 0.35,
		},
		roles: [
			{ name: 'victim', concepts: ['person', 'body-part', 'minor', 'acquaintance'], weight: 0.2 },
			{
				name: 'outcome',
				concepts: ['lethal-outcome', 'casualties', 'alive', 'wound'],
				weight: 0.35,
			},
			{ name: 'instrument', concepts: ['blade', 'firearm', 'armed'], weight: 0.2 },
			{ name: 'shown in detail', concepts: ['graphic', 'explicit'], weight: 0.3 },
			{ name: 'approved or personal', concepts: ['endorse', 'acquaintance'], weight: 0.3 },
			{ name: 'aimed at', concepts: ['aim'], weight: 0.3 },
		],
		minRoles: 2,
		unless: ['fictional', 'sport'],
	},
	{
		category: 'violence',
		what: 'an armed attack on people',
		act: { name: 'weapon', concepts: ['firearm', 'blade', 'armed'], weight: 0.3 },
		roles: [
			{ name: 'aimed at', concepts: ['aim'], weight: 0.35 },
			{ name: 'crowd', concepts: ['crowd', 'minor'], weight: 0.25 },
			{ name: 'entering', concepts: ['enter'], weight: 0.25 },
			{ name: 'casualties', concepts: ['casualties', 'lethal-outcome'], weight: 0.35 },
			{ name: 'approved or personal', concepts: ['endorse', 'acquaintance'], weight: 0.25 },
		],
		minRoles: 2,
		unless: ['fictional', 'sport'],
	},
	{
		category: 'violence',
		what: 'an animal harmed, told with its details',
		act: {
			name: 'act',
			concepts: ['cruelty', 'cruelty-weak', 'maim', 'burn', 'hazard', 'stomp'],
			weight: 0.35,
		},
		roles: [
			{ name: 'animal', concepts: ['animal'], weight: 0.3 },
			{ name: 'alive', concepts: ['alive', 'lethal-outcome', 'wound'], weight: 0.3 },
			{ name: 'shown in detail', concepts: ['graphic', 'explicit'], weight: 0.3 },
			{ name: 'approved', concepts: ['endorse'], weight: 0.25 },
		],
		minRoles: 2,
		unless: ['fictional'],
	},
	{
		category: 'self-harm',
		what: 'self-harm made aspirational or shown on a child',
		act: {
			name: 'act',
			concepts: [
				'harm-verb',
				'suicide-verb',
				'noose',
				'eating-disorder',
				'overdose-amount',
				'rail',
			],
			weight: 0.3,
		},
		roles: [
			{ name: 'self', concepts: ['reflexive', 'self', 'body-cut'], weight: 0.15 },
			{ name: 'a child', concepts: ['minor', 'age-unit'], weight: 0.2 },
			{ name: 'made pretty', concepts: ['aestheticised'], weight: 0.3 },
			{ name: 'wound', concepts: ['wound'], weight: 0.3 },
			{ name: 'wish to die', concepts: ['death-wish'], weight: 0.4 },
			{ name: 'a jump', concepts: ['jump', 'height'], weight: 0.25 },
		],
		minRoles: 2,
		unless: ['fictional'],
	},
	{
		category: 'minors',
		what: 'a child in a romantic or bed scene with an adult',
		act: { name: 'intimacy', concepts: ['intimacy', 'sexual-mild'], weight: 0.3 },
		roles: [
			{ name: 'a child', concepts: ['minor', 'age-unit'], weight: 0.3 },
			{ name: 'an adult', concepts: ['adult'], weight: 0.3 },
			{ name: 'made real', concepts: ['graphic', 'explicit'], weight: 0.2 },
		],
		minRoles: 2,
	},
];

export interface FrameFinding {
	category: Category;
	score: number;
	detail: string;
}

/** The frames one reading fills, sentence by sentence. */
export function frameFindings(view: FrameView): FrameFinding[] {
	const findings: FrameFinding[] = [];
	for (const frame of FRAMES) {
		if (frame.unless?.some((c) => view.has(c))) continue;
		let best: FrameFinding | undefined;
		for (const sentence of view.sentences) {
			const act = firstOf(sentence, frame.act.concepts);
			if (!act) continue;
			const filled = frame.roles
				.map((role) => ({ role, span: firstOf(sentence, role.concepts) }))
				.filter((r) => r.span && !overlaps(r.span, act));
			// One word fills one role: "my coworker" is a victim or a personal framing, not both.
			const used = new Set<string>();
			const distinct = filled.filter((r) => {
				const key = `${r.span!.start}:${r.span!.end}`;
				if (used.has(key)) return false;
				used.add(key);
				return true;
			});
			if (distinct.length < frame.minRoles) continue;
			const miss = distinct.reduce((m, r) => m * (1 - r.role.weight), 1 - frame.act.weight);
			const score = Math.round((1 - miss) * 1000) / 1000;
			if (best && best.score >= score) continue;
			const spans = [act, ...distinct.map((r) => r.span!)];
			best = {
				category: frame.category,
				score,
				detail: `${frame.what} (${[frame.act.name, ...distinct.map((r) => r.role.name)].join(' + ')}: "${view.quote(...spans)}")`,
			};
		}
		if (best) findings.push(best);
	}
	return findings;
}

function firstOf(
	sentence: Map<Concept, { start: number; end: number }>,
	concepts: readonly Concept[],
): { start: number; end: number } | undefined {
	for (const concept of concepts) {
		const span = sentence.get(concept);
		if (span) return span;
	}
	return undefined;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
	return a.start < b.end && b.start < a.end;
}
