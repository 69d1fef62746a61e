/**
 * Context rules: categories decided by words together, not words alone. Each rule pairs word classes
 * (`lexicons/types.ts` CONCEPTS) within a few words of each other in the same sentence:
 *
 * - hate: a call to kill aimed at a group ("kill all the immigrants", "hay que matar a todos los
 *   gitanos", "man sollte alle Juden vergasen"), "death to <group>", a group next to a dehumanising
 *   word ("vermin", "Ungeziefer"), or compared to animals ("are apes");
 * - mass violence: an act of violence near a crowd or a school, or near casualties; an ambiguous
 *   "shoot" counts only when no ball, goal, photo or film is near it;
 * - animal cruelty: an act of cruelty near an animal, or a blow with the animal as its object;
 * - violence: a beating that ends in death, a coma or blood; burning someone alive; a killing verb
 *   aimed at a person ("strangles his wife", "égorge un otage") or a person killed in the passive
 *   ("cops get executed"); killing a pet; a body part smashed, crushed or ripped out (gore);
 * - self-harm: a cutting verb before a wrist or a vein; a self-injury verb with a reflexive; a
 *   killing verb with a reflexive ("se tue", "matarse", "sich umbringen"); a gun to one's own head;
 *   a jump or a reflexive act with a wish to die ("se lanza a las vías para morir");
 * - weapons: making an explosive, recipes for one, making or converting a firearm with an
 *   instruction or an illegal modification, agents of mass harm;
 * - illegal: making drugs.
 *
 * Rules marked `mitigable` are weakened (× MITIGATION_FACTOR) when the text explains rather than
 * depicts: a documentary, a memorial, a prevention campaign, a medical lesson. Calls to kill groups,
 * "death to", self-harm acts and instructions are never mitigated.
 */
import type { Category } from './policy';
import type { Concept } from './lexicons/types';
import type { Hit } from './matcher';
import { SENTENCE_END } from './normalize';

export const MITIGATION_FACTOR = 0.4;

export interface RuleFinding {
	category: Category;
	score: number;
	detail: string;
}

type Spans = Partial<Record<Concept, Array<{ start: number; end: number }>>>;

export function spansOf(hits: Array<Hit<Concept>>): Spans {
	const spans: Spans = {};
	for (const hit of hits) (spans[hit.entry.value] ??= []).push({ start: hit.start, end: hit.end });
	return spans;
}

/** A view of one reading with its concept spans, and the questions rules ask of it. */
class Context {
	private readonly sentenceOf: number[] = [];

	constructor(
		readonly reading: string[],
		readonly spans: Spans,
	) {
		let sentence = 0;
		for (const word of reading) {
			if (word === SENTENCE_END) sentence++;
			this.sentenceOf.push(sentence);
		}
	}

	sameSentence(a: number, b: number): boolean {
		return this.sentenceOf[a] === this.sentenceOf[b];
	}

	has(concept: Concept): boolean {
		return (this.spans[concept]?.length ?? 0) > 0;
	}

	/**
	 * The first pair of `a` and `b` in one sentence with at most `window` words between them; with
	 * `ordered`, `b` must come after `a`.
	 */
	near(
		a: Concept,
		b: Concept,
		window: number,
		options: { ordered?: boolean; accept?: (x: Span, y: Span) => boolean } = {},
	): [Span, Span] | undefined {
		for (const x of this.spans[a] ?? [])
			for (const y of this.spans[b] ?? []) {
				if (this.sentenceOf[x.start] !== this.sentenceOf[y.start]) continue;
				const gap = y.start >= x.end ? y.start - x.end : x.start - y.end;
				if (options.ordered && y.start < x.end) continue;
				if (gap > window || gap < 0) continue;
				if (options.accept && !options.accept(x, y)) continue;
				return [x, y];
			}
		return undefined;
	}

	/** Whether `concept` occurs in the same sentence as position `at`. */
	inSentence(concept: Concept, at: number): boolean {
		return (this.spans[concept] ?? []).some(
			(s) => this.sentenceOf[s.start] === this.sentenceOf[at],
		);
	}

	/** The words from the first to the last span, for a finding's detail. */
	quote(...spans: Span[]): string {
		const start = Math.min(...spans.map((s) => s.start));
		const end = Math.max(...spans.map((s) => s.end));
		const words = this.reading.slice(start, end);
		return words.length > 8
			? `${words.slice(0, 3).join(' ')} … ${words.slice(-3).join(' ')}`
			: words.join(' ');
	}
}

type Span = { start: number; end: number };

interface Rule {
	category: Category;
	weight: number;
	mitigable: boolean;
	what: string;
	/** The words that make the rule fire, or nothing. */
	test(ctx: Context): Span[] | undefined;
}

/** Whether an ambiguous "shoot" has a ball, a goal, a photo or a film around it. */
function harmlessShot(ctx: Context, shot: Span): boolean {
	return (ctx.spans['shoot-benign'] ?? []).some(
		(b) => ctx.sameSentence(b.start, shot.start) && Math.abs(b.start - shot.start) <= 4,
	);
}

const RULES: Rule[] = [
	{
		category: 'hate',
		weight: 0.95,
		mitigable: true,
		what: 'call to kill a group',
		test: (ctx) => ctx.near('kill-verb', 'group', 5, { ordered: true }),
	},
	{
		category: 'hate',
		weight: 0.95,
		mitigable: false,
		what: 'a group told it should die',
		test: (ctx) => {
			for (const verb of ['kill-verb', 'die'] as const) {
				const pair = ctx.near('group', verb, 8, { ordered: true });
				if (pair && ctx.inSentence('modal', pair[0].start)) return pair;
			}
			return undefined;
		},
	},
	{
		category: 'hate',
		weight: 0.95,
		mitigable: false,
		what: '"death to" a group',
		test: (ctx) => ctx.near('death-to', 'group', 3, { ordered: true }),
	},
	{
		category: 'hate',
		weight: 0.85,
		mitigable: true,
		what: 'a group dehumanised',
		test: (ctx) => ctx.near('group', 'dehumaniser', 6),
	},
	{
		category: 'hate',
		weight: 0.8,
		mitigable: true,
		what: 'a group compared to animals',
		test: (ctx) => {
			const comparison = ctx.near('compare', 'dehumaniser-weak', 2, { ordered: true });
			if (!comparison || !ctx.inSentence('group', comparison[0].start)) return undefined;
			return comparison;
		},
	},
	{
		category: 'violence',
		weight: 0.9,
		mitigable: true,
		what: 'mass violence',
		test: (ctx) => ctx.near('violent-act', 'crowd', 8),
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'shooting at people',
		test: (ctx) =>
			ctx.near('shoot', 'crowd', 6, { accept: (shot) => !harmlessShot(ctx, shot) }) ??
			ctx.near('shoot', 'casualties', 10, { accept: (shot) => !harmlessShot(ctx, shot) }),
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'violence with casualties',
		test: (ctx) => ctx.near('violent-act', 'casualties', 10),
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'an explosion with casualties',
		test: (ctx) => ctx.near('explosive', 'casualties', 10),
	},
	{
		category: 'violence',
		weight: 0.5,
		mitigable: true,
		what: 'casualties among a crowd',
		test: (ctx) => ctx.near('crowd', 'casualties', 4),
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'animal cruelty',
		test: (ctx) => ctx.near('cruelty', 'animal', 4),
	},
	{
		category: 'violence',
		weight: 0.8,
		mitigable: true,
		what: 'animal cruelty',
		test: (ctx) => ctx.near('cruelty-weak', 'animal', 3, { ordered: true }),
	},
	{
		category: 'self-harm',
		weight: 0.9,
		mitigable: false,
		what: 'self-injury',
		test: (ctx) => ctx.near('harm-verb', 'body-cut', 3, { ordered: true }),
	},
	{
		category: 'self-harm',
		weight: 0.75,
		mitigable: false,
		what: 'self-injury',
		test: (ctx) => ctx.near('self', 'harm-verb', 2),
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'a beating to death or into a coma',
		test: (ctx) => ctx.near('assault', 'lethal-outcome', 8, { ordered: true }),
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'killing a person',
		test: (ctx) =>
			ctx.near('killing', 'person', 4, {
				ordered: true,
				// "the man's will": a possessive "'s" makes the person the owner, not the target.
				accept: (_, person) => ctx.reading[person.end] !== 's',
			}),
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'a person killed',
		test: (ctx) => {
			const pair = ctx.near('person', 'killing', 5, {
				ordered: true,
				accept: (person) => ctx.reading[person.end] !== 's',
			});
			if (!pair) return undefined;
			const [person, act] = pair;
			const passive = (ctx.spans.passive ?? []).some(
				(p) => p.start >= person.end && p.end <= act.start,
			);
			return passive ? pair : undefined;
		},
	},
	{
		category: 'violence',
		weight: 0.8,
		mitigable: true,
		what: 'killing an animal',
		test: (ctx) => ctx.near('killing', 'animal', 3, { ordered: true }),
	},
	{
		category: 'violence',
		weight: 0.8,
		mitigable: true,
		what: 'gore',
		test: (ctx) => {
			const pair = ctx.near('body-part', 'maim', 3);
			return pair && !ctx.inSentence('fictional', pair[0].start) ? pair : undefined;
		},
	},
	{
		category: 'self-harm',
		weight: 0.85,
		mitigable: false,
		what: 'a gun turned on oneself',
		test: (ctx) => ctx.near('firearm', 'own-head', 4),
	},
	{
		category: 'self-harm',
		weight: 0.8,
		mitigable: false,
		what: 'an act to die',
		test: (ctx) => ctx.near('jump', 'death-wish', 8) ?? ctx.near('reflexive', 'death-wish', 8),
	},
	{
		category: 'self-harm',
		weight: 0.8,
		mitigable: true,
		what: 'an overdose',
		test: (ctx) => {
			const pair = ctx.near('ingest', 'overdose-amount', 5);
			return pair && ctx.inSentence('pills', pair[0].start) ? pair : undefined;
		},
	},
	{
		category: 'self-harm',
		weight: 0.85,
		mitigable: false,
		what: 'burning oneself',
		test: (ctx) => {
			const pair = ctx.near('reflexive', 'burn', 2);
			return pair && ctx.near('burn', 'body-cut', 4, { ordered: true }) ? pair : undefined;
		},
	},
	{
		category: 'self-harm',
		weight: 0.7,
		mitigable: false,
		what: 'throwing oneself from a height or under a train',
		test: (ctx) => {
			const pair = ctx.near('jump', 'height', 6);
			return pair && ctx.inSentence('reflexive', pair[0].start) ? pair : undefined;
		},
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'an animal set on fire',
		test: (ctx) => ctx.near('burn', 'animal', 4),
	},
	{
		category: 'violence',
		weight: 0.9,
		mitigable: true,
		what: 'burning alive',
		test: (ctx) => ctx.near('burn', 'alive', 4),
	},
	{
		category: 'self-harm',
		weight: 0.9,
		mitigable: false,
		what: 'killing oneself',
		test: (ctx) => ctx.near('reflexive', 'suicide-verb', 1),
	},
	{
		category: 'self-harm',
		weight: 0.85,
		mitigable: false,
		what: 'a jump to die',
		test: (ctx) => {
			const pair = ctx.near('jump', 'height', 4);
			return pair && ctx.inSentence('death-wish', pair[0].start) ? pair : undefined;
		},
	},
	{
		category: 'self-harm',
		weight: 0.85,
		mitigable: true,
		what: 'pills or poison to die',
		test: (ctx) => ctx.near('ingest', 'death-wish', 6),
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'an animal thrown from a height',
		test: (ctx) => {
			const pair = ctx.near('throw', 'animal', 3, { ordered: true });
			return pair && ctx.inSentence('height', pair[0].start) ? pair : undefined;
		},
	},
	{
		category: 'weapons',
		weight: 0.95,
		mitigable: false,
		what: 'instructions for an explosive',
		test: (ctx) => {
			const pair = ctx.near('make', 'explosive', 5);
			return pair && ctx.has('instruction') ? pair : ctx.near('instruction', 'explosive', 8);
		},
	},
	{
		category: 'weapons',
		weight: 0.8,
		mitigable: true,
		what: 'making an explosive',
		test: (ctx) => ctx.near('make', 'explosive', 5),
	},
	{
		category: 'weapons',
		weight: 0.9,
		mitigable: false,
		what: 'instructions for a firearm',
		test: (ctx) => {
			const pair = ctx.near('make', 'firearm', 6);
			return pair && (ctx.has('instruction') || ctx.has('weapon-mod')) ? pair : undefined;
		},
	},
	{
		category: 'weapons',
		weight: 0.85,
		mitigable: true,
		what: 'an illegal firearm',
		test: (ctx) => ctx.near('weapon-mod', 'firearm', 6),
	},
	{
		category: 'weapons',
		weight: 0.95,
		mitigable: false,
		what: 'an agent of mass harm',
		test: (ctx) => ctx.near('make', 'toxic-agent', 5) ?? ctx.near('instruction', 'toxic-agent', 8),
	},
	{
		category: 'illegal',
		weight: 0.85,
		mitigable: true,
		what: 'making drugs',
		test: (ctx) => ctx.near('make', 'drug', 4),
	},
];

/** The rules that fire on one reading in one language's word classes. */
export function applyContextRules(reading: string[], hits: Array<Hit<Concept>>): RuleFinding[] {
	const ctx = new Context(reading, spansOf(hits));
	const mitigated = ctx.has('mitigation');
	const findings: RuleFinding[] = [];
	for (const rule of RULES) {
		const spans = rule.test(ctx);
		if (!spans) continue;
		const weaker = rule.mitigable && mitigated;
		findings.push({
			category: rule.category,
			score: weaker ? rule.weight * MITIGATION_FACTOR : rule.weight,
			detail: `${rule.what} ("${ctx.quote(...spans)}")${weaker ? ', in an explaining context' : ''}`,
		});
	}
	return findings;
}
