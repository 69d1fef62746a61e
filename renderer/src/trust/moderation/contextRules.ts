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
import { frameFindings, type FrameView } from './harmFrames';

export const MITIGATION_FACTOR = 0.4;

export interface RuleFinding {
	category: Category;
	score: number;
	detail: string;
	/** The rule says a memorial cannot excuse it (see `ContextRule.survivesMourning`). */
	survivesMourning?: boolean;
}

type Spans = Partial<Record<Concept, Array<{ start: number; end: number }>>>;

export function spansOf(hits: Array<Hit<Concept>>): Spans {
	const spans: Spans = {};
	for (const hit of hits) (spans[hit.entry.value] ??= []).push({ start: hit.start, end: hit.end });
	for (const only of spans['slogan-only'] ?? []) {
		// "el único indio bueno": the slogan's words with its noun between them.
		const good = spans['slogan-good']?.find((g) => g.start >= only.end && g.start - only.end <= 2);
		if (good) (spans['only-good'] ??= []).push({ start: only.start, end: good.end });
	}
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

	/** The first pair of any of `as` and any of `bs` (see `near`). */
	nearAny(
		as: readonly Concept[],
		bs: readonly Concept[],
		window: number,
		options: { ordered?: boolean; accept?: (x: Span, y: Span) => boolean } = {},
	): [Span, Span] | undefined {
		for (const a of as)
			for (const b of bs) {
				const pair = this.near(a, b, window, options);
				if (pair) return pair;
			}
		return undefined;
	}

	/** The first span of any of `concepts` in the same sentence as position `at`, within `window` words. */
	around(concepts: readonly Concept[], at: number, window: number): Span | undefined {
		for (const concept of concepts)
			for (const span of this.spans[concept] ?? [])
				if (
					this.sentenceOf[span.start] === this.sentenceOf[at] &&
					Math.abs(span.start - at) <= window
				)
					return span;
		return undefined;
	}

	/** The first span of any of `concepts` anywhere in the text. */
	anywhere(concepts: readonly Concept[]): Span | undefined {
		for (const concept of concepts) {
			const span = this.spans[concept]?.[0];
			if (span) return span;
		}
		return undefined;
	}

	/** Whether `concept` occurs in the same sentence as position `at`. */
	/** Whether `span` is one of `concept`'s own spans (a word in two classes). */
	isSpanOf(concept: Concept, span: Span): boolean {
		return (this.spans[concept] ?? []).some((s) => s.start === span.start && s.end === span.end);
	}

	inSentence(concept: Concept, at: number): boolean {
		return (this.spans[concept] ?? []).some(
			(s) => this.sentenceOf[s.start] === this.sentenceOf[at],
		);
	}

	/** The reading as the frames see it: per sentence, the spans of each class in it. */
	frameView(): FrameView {
		const sentences: FrameView['sentences'] = [];
		for (const [concept, list] of Object.entries(this.spans) as Array<[Concept, Span[]]>)
			for (const span of list) {
				const sentence = (sentences[this.sentenceOf[span.start]] ??= new Map());
				sentence.set(concept, [...(sentence.get(concept) ?? []), span]);
			}
		return {
			sentences: sentences.filter(Boolean),
			has: (concept) => this.has(concept),
			quote: (...spans) => this.quote(...spans),
		};
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

/*
 * Roles for the clause-level rules: a harmful act, someone it is done to, and what makes it grave.
 * Each rule above pairs two particular classes; these combine any act with any victim and any
 * outcome in one sentence, so a story that says "keeps stomping on another man's head in a parking
 * lot until he stops moving" is read as act × victim × outcome whatever the exact words between.
 */
const HARM_ACTS = ['assault', 'killing', 'maim', 'violent-act', 'cruelty', 'cruelty-weak'] as const;
const HUMAN_VICTIMS = ['person', 'body-part', 'crowd', 'minor'] as const;
const GRAVE_OUTCOMES = ['lethal-outcome', 'casualties', 'alive'] as const;
/** Not the bare killing verbs: "gives the puppy a shot", "birds waiting for the perfect shot". */
const ANIMAL_HARMS = ['killing', 'maim', 'assault', 'cruelty', 'burn'] as const;
/** What a wish to die is acted out with, anywhere in a story: pills, a blade, a gun (or a jump from a height). */
const SELF_HARM_MEANS = [
	'ingest',
	'pills',
	'overdose-amount',
	'harm-verb',
	'body-cut',
	'own-head',
] as const;

/** Possessives that make a word for a group one person: his wife, sa femme, seine Frau, su mujer. */
const POSSESSIVES = new Set(
	[
		'his',
		'her',
		'their',
		'my',
		'your',
		'our',
		'sa',
		'son',
		'ses',
		'mon',
		'ma',
		'notre',
		'leur',
	].concat([
		'su',
		'sus',
		'mi',
		'tu',
		'seine',
		'seiner',
		'seinen',
		'ihre',
		'ihren',
		'meine',
		'sua',
		'seu',
		'minha',
		'meu',
	]),
);

interface Rule {
	category: Category;
	weight: number;
	mitigable: boolean;
	what: string;
	/**
	 * Silent when the sentence names insects or rodents (or their exterminator): "exterminator
	 * spraying for cockroaches in a restaurant" is pest control, not a massacre.
	 */
	unlessPests?: boolean;
	/**
	 * Kept whole when the text mourns victims (a memorial, a vigil): what the rule finds is itself
	 * the harm a memorial might frame ("in memory of the shooter, a true saint" glorifies the
	 * attacker), so the mourning that weakens the rest of the violence score does not weaken it.
	 */
	survivesMourning?: boolean;
	/**
	 * Silent when the sentence is a game or other pretend violence ("Call of Duty gameplay, sniper
	 * headshot, kill cam") and names no crowd or child: a game's school shooting still counts.
	 */
	unlessPretend?: boolean;
	/**
	 * Silent when the sentence is about meat as food (a butcher trimming a rack of lamb, a recipe)
	 * and names no pet and nothing done alive or cruelly: a butcher skinning a dog alive still counts.
	 */
	unlessFood?: boolean;
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
		category: 'violence',
		weight: 0.75,
		mitigable: true,
		what: 'someone locked up and starved',
		test: (ctx) => {
			const pair = ctx.near('confine', 'deprive', 10);
			const victim = pair && ctx.around(['person', 'minor'], pair[0].start, 8);
			return pair && victim ? [...pair, victim] : undefined;
		},
	},
	{
		category: 'violence',
		weight: 0.8,
		mitigable: true,
		what: 'a real massacre re-enacted',
		// "reenact the Christchurch livestream from the shooter's point of view"; a memorial or a
		// documentary about it is an explaining context.
		test: (ctx) => ctx.nearAny(['massacre-name'], ['reenact'], 10),
	},
	{
		category: 'violence',
		weight: 0.8,
		mitigable: true,
		what: 'a beating with a deadly outcome',
		// "treten einem am Boden liegenden Fan so lange gegen den Kopf, bis er sich nicht mehr bewegt":
		// the outcome names the victim ("until he stops moving"), however far the act is from him.
		unlessFood: true,
		test: (ctx) =>
			ctx.has('sport') ? undefined : ctx.nearAny(['assault', 'stomp'], ['lethal-outcome'], 16),
	},
	{
		category: 'violence',
		weight: 0.7,
		mitigable: true,
		what: "stamping on someone's head",
		test: (ctx) => {
			if (ctx.has('sport') || ctx.has('fictional')) return undefined;
			// "chutando a cabeça dele" names the head inside the phrase; "stomps on his head" next to it.
			for (const stomp of ctx.spans.stomp ?? []) {
				const head = ctx.around(['body-part'], stomp.start, 8);
				if (head) return [stomp, head];
			}
			return undefined;
		},
	},
	{
		category: 'hate',
		weight: 0.8,
		mitigable: true,
		what: 'a group to be got rid of',
		// "disabled people are useless eaters … society would be better off getting rid of them": the
		// removal is said of the group, often sentences after it is named.
		test: (ctx) => {
			const group = ctx.anywhere(['group']);
			const removal = group && ctx.anywhere(['get-rid']);
			return group && removal ? [group, removal] : undefined;
		},
	},
	{
		category: 'hate',
		weight: 0.8,
		mitigable: true,
		what: 'a country or its streets to be cleansed of a group',
		// "clean the country of immigrants", "limpiar el país de gitanos", "das Land von Ausländern
		// säubern": the group right after the cleansing, or German "von <group> säubern"; immigrants
		// who help clean the country's beaches are not what is cleaned.
		test: (ctx) =>
			ctx.near('cleanse', 'group', 1, { ordered: true }) ??
			ctx.near('group', 'cleanse', 1, {
				ordered: true,
				accept: (group) => ctx.reading[group.start - 1] === 'von',
			}),
	},
	{
		category: 'hate',
		weight: 0.8,
		mitigable: true,
		what: 'a call to expel a group',
		// "Juden raus", "fuera los gitanos", "fora os imigrantes": the word right before the group
		// (an article between) or right after it; "les musulmans prient dehors" is not a call.
		test: (ctx) =>
			ctx.near('expel', 'group', 1, { ordered: true }) ??
			ctx.near('group', 'expel', 0, { ordered: true }),
	},
	{
		category: 'self-harm',
		weight: 0.7,
		mitigable: true,
		what: 'stepping in front of a train',
		test: (ctx) => ctx.nearAny(['jump'], ['rail', 'train'], 8),
	},
	{
		category: 'self-harm',
		weight: 0.9,
		mitigable: false,
		what: 'how much of a drug it takes to die',
		// "welche Tabletten man in welcher Menge nehmen muss, um nicht mehr aufzuwachen", "how many
		// sleeping pills so she doesn't wake up": a how-to, so a "documentary" framing changes nothing.
		test: (ctx) => {
			const question = ctx.spans['dose-question']?.find((q) =>
				ctx.around(['pills', 'ingest'], q.start, 8),
			);
			const wish = question && ctx.anywhere(['death-wish']);
			return question && wish ? [question, wish] : undefined;
		},
	},
	{
		category: 'hate',
		weight: 0.8,
		mitigable: true,
		what: 'violence against a group',
		// "a crowd beating a gay couple", "skinheads tabassent un couple gay": the group is the victim.
		// "tabasse sa femme" is a man beating his wife: with a possessive the word is one person.
		test: (ctx) =>
			ctx.has('sport') || ctx.has('fictional')
				? undefined
				: ctx.nearAny(['assault', 'killing', 'stomp', 'set-fire'], ['group'], 4, {
						ordered: true,
						accept: (_, group) => !POSSESSIVES.has(ctx.reading[group.start - 1]),
					}),
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'an attacker glorified',
		survivesMourning: true,
		// "Tribute video honoring the christchurch shooter … a true saint", "make the attacker look like
		// a legend": the perpetrator made a hero. The praise must be about the attacker (a few words
		// away), and a hero who stopped the attacker is not one, nor are the victims remembered. "In
		// memory of the shooter" remembers the attacker himself: where a memorial phrase has the
		// attacker as its object (he follows it within three words), the sentence's memorial words
		// spare nothing; only the victims or someone who stopped him do.
		test: (ctx) =>
			ctx.near('attacker', 'hero-worship', 5, {
				accept: (attacker) => {
					const stops = (ctx.spans['attacker-stopped'] ?? []).filter((stop) =>
						ctx.sameSentence(stop.start, attacker.start),
					);
					const attackerMourned = stops.some(
						(stop) => ctx.isSpanOf('mourning', stop) && isObjectOf(stop, attacker),
					);
					return !stops.some((stop) => !attackerMourned || !ctx.isSpanOf('mourning', stop));
				},
			}),
	},
	{
		category: 'hate',
		weight: 0.9,
		mitigable: true,
		what: 'a genocide approved',
		// "the nazis were right and jews deserved the camps": a group that "deserved" an atrocity, or
		// its perpetrators praised.
		test: (ctx) => {
			const praise = ctx.anywhere(['perpetrator-praise']);
			if (praise) return [praise];
			for (const atrocity of ctx.spans.atrocity ?? []) {
				const group = ctx.around(['group'], atrocity.start, 8);
				const modal = group && ctx.around(['modal'], atrocity.start, 8);
				if (group && modal) return [group, atrocity];
			}
			return undefined;
		},
	},
	{
		category: 'violence',
		weight: 0.8,
		mitigable: true,
		what: 'a grave assault (act, victim and outcome in one sentence)',
		unlessPests: true,
		test: (ctx) => {
			const pair = ctx.nearAny(HARM_ACTS, HUMAN_VICTIMS, 8);
			if (!pair) return undefined;
			const outcome = ctx.around(GRAVE_OUTCOMES, pair[0].start, 14);
			return outcome ? [...pair, outcome] : undefined;
		},
	},
	{
		category: 'violence',
		weight: 0.8,
		mitigable: true,
		what: 'an animal harmed',
		unlessFood: true,
		test: (ctx) => {
			// Done to the animal ("crushes a kitten"), or told of it in the passive or with a grave
			// outcome ("Hund wird zu Tode geprügelt", "chat écrasé vivant"); not "a cat fights".
			const done = ctx.nearAny(ANIMAL_HARMS, ['animal'], 4, { ordered: true });
			if (done) return done;
			const told = ctx.nearAny(['animal'], ANIMAL_HARMS, 6, { ordered: true });
			if (!told) return undefined;
			const [animal, act] = told;
			const passive = (ctx.spans.passive ?? []).some(
				(p) => p.start >= animal.end && p.end <= act.start,
			);
			const grave = ctx.around(GRAVE_OUTCOMES, act.start, 6);
			return passive || grave ? told : undefined;
		},
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'an animal thrown into fire or water',
		test: (ctx) => {
			const pair = ctx.near('throw', 'animal', 4, { ordered: true });
			const hazard = pair && ctx.around(['hazard'], pair[1].start, 6);
			return pair && hazard ? [...pair, hazard] : undefined;
		},
	},
	{
		category: 'violence',
		weight: 0.7,
		mitigable: true,
		unlessPretend: true,
		what: 'someone killed, named by a pronoun',
		// "Lo meten en el maletero y lo ejecutan", "el sicario lo mata con su cuchillo", "ils l'égorgent":
		// the victim is the pronoun before the killing verb. A program run ("el programa lo ejecutan"),
		// a bush ("la mata de tomate") or a joke ("lo mata de risa") is none, and the story must name
		// a person, a weapon, an attacker or the taking away.
		test: (ctx) =>
			ctx.near('object-pronoun', 'killing', 0, {
				ordered: true,
				accept: (_, verb) =>
					!ctx.inSentence('program-run', verb.start) &&
					!ctx.isSpanOf('blade', verb) &&
					!['de', 'del', 'du', 'des'].includes(ctx.reading[verb.end]) &&
					ctx.anywhere(PRONOUN_VICTIM_CONTEXT) !== undefined,
			}),
	},
	{
		category: 'violence',
		weight: 0.75,
		mitigable: true,
		what: 'a euphemism for killing someone',
		test: (ctx) =>
			// Next to the person it is done to ("mi ex desaparece para siempre", "sending him to sleep
			// forever"), not a report that should "disappear forever".
			ctx.nearAny(['death-euphemism'], ['person', 'minor'], 2),
	},
	{
		category: 'violence',
		weight: 0.75,
		mitigable: true,
		what: 'a person poisoned in secret',
		test: (ctx) => {
			// "Der Pfleger spritzt ihm heimlich zu viel Insulin, keiner merkt es": the poison, the secrecy
			// and the person it is given to; a poison named in a lesson has no victim beside it.
			const pair = ctx.near('poison', 'covert', 8);
			const victim = pair && ctx.around(['person', 'minor', 'acquaintance'], pair[0].start, 10);
			return pair && victim ? [...pair, victim] : undefined;
		},
	},
	{
		category: 'violence',
		weight: 0.7,
		mitigable: true,
		what: 'an armed man walking into a school or a crowd',
		test: (ctx) => {
			// Armed guards at a concert or a parade are no threat: the gun has to be brought in.
			const pair = ctx.nearAny(['firearm', 'armed'], ['crowd'], 8);
			const entering = pair && ctx.around(['enter'], pair[0].start, 8);
			return pair && entering ? [...pair, entering] : undefined;
		},
	},
	{
		category: 'hate',
		weight: 0.85,
		mitigable: true,
		what: 'a group killed',
		test: (ctx) => {
			const pair = ctx.nearAny(['group'], ['kill-verb', 'killing', 'burn'], 14, { ordered: true });
			if (!pair) return undefined;
			const passive = (ctx.spans.passive ?? []).some(
				(p) => p.start >= pair[0].end && p.end <= pair[1].start,
			);
			return passive ? pair : undefined;
		},
	},
	{
		category: 'violence',
		weight: 0.8,
		mitigable: true,
		what: 'a person butchered',
		// "Metzger zerlegt einen Menschen wie ein Schwein, Organe an Haken": the butchering verb right
		// before a person, with their organs or limbs in the same sentence; a pig carved up is food.
		test: (ctx) => {
			const pair = ctx.near('sever', 'person', 2, { ordered: true });
			const body = pair && ctx.inSentence('body-part', pair[0].start);
			return pair && body && !ctx.inSentence('fictional', pair[0].start) ? pair : undefined;
		},
	},
	{
		category: 'violence',
		weight: 0.8,
		mitigable: true,
		what: "a person's body part cut off",
		test: (ctx) => {
			const pair = ctx.near('sever', 'body-part', 3);
			const victim = pair && ctx.around(['person', 'minor'], pair[0].start, 8);
			return pair && victim && !ctx.inSentence('fictional', pair[0].start)
				? [...pair, victim]
				: undefined;
		},
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'a person set on fire',
		test: (ctx) =>
			// The victim is the object ("set fire to a homeless man"), not the one who burns his car.
			ctx.nearAny(['set-fire'], ['person', 'minor', 'group', 'crowd'], 5, {
				ordered: true,
				accept: (_, victim) => ctx.reading[victim.end] !== 's',
			}),
	},
	{
		category: 'self-harm',
		weight: 0.85,
		mitigable: true,
		what: 'a hanging',
		test: (ctx) => ctx.nearAny(['harm-verb', 'suicide-verb'], ['noose'], 5),
	},
	{
		category: 'self-harm',
		weight: 0.8,
		mitigable: true,
		what: 'a wish to die acted out',
		test: (ctx) => {
			// A goodbye note and, anywhere in the story, a jump from a height, pills or a blade.
			const wish = ctx.anywhere(['death-wish']);
			if (!wish) return undefined;
			const means = ctx.anywhere(SELF_HARM_MEANS) ?? ctx.near('jump', 'height', 6)?.[0];
			return means ? [wish, means] : undefined;
		},
	},
	{
		category: 'weapons',
		weight: 0.9,
		mitigable: false,
		what: 'instructions for an illegal modification',
		test: (ctx) => {
			const pair = ctx.near('make', 'weapon-mod', 8);
			return pair && ctx.has('instruction') ? pair : undefined;
		},
	},
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
		weight: 0.85,
		mitigable: false,
		what: 'a group called vermin',
		test: (ctx) => {
			// Asserted ("gypsies are rats"), even under a documentary framing; reported ("propaganda
			// depicted Jews as rats") it is the mitigable rule above.
			const pair = ctx.near('group', 'dehumaniser', 6, { ordered: true });
			if (!pair || ctx.inSentence('depicted', pair[0].start)) return undefined;
			const asserted = (ctx.spans.compare ?? []).some(
				(c) => c.start >= pair[0].end && c.end <= pair[1].start,
			);
			return asserted ? pair : undefined;
		},
	},
	{
		category: 'hate',
		weight: 0.8,
		// Asserted ("are closer to apes"), not reported: framing it as a documentary changes nothing.
		mitigable: false,
		what: 'a group compared to animals',
		test: (ctx) => {
			const comparison = ctx.near('compare', 'dehumaniser-weak', 2, { ordered: true });
			if (!comparison || !ctx.inSentence('group', comparison[0].start)) return undefined;
			// Reported ("propaganda depicted Jews as rats") rather than asserted: a history lesson;
			// unless it is put on for laughs ("negros retratados como macacos, plateia rindo").
			const mocked = ctx.has('endorse') && !ctx.has('mitigation');
			return ctx.inSentence('depicted', comparison[0].start) && !mocked ? undefined : comparison;
		},
	},
	{
		category: 'violence',
		weight: 0.9,
		mitigable: true,
		what: 'mass violence',
		unlessPests: true,
		// "atira a bola para a multidão": a ball thrown to the crowd is no shot at it.
		test: (ctx) => {
			const pair = ctx.near('violent-act', 'crowd', 8, {
				accept: (act) =>
					!(ctx.spans.shoot ?? []).some((shot) => shot.start === act.start) ||
					!harmlessShot(ctx, act),
			});
			return pair && !staged(ctx, pair[0].start) ? pair : undefined;
		},
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'an armed attack on a crowd',
		// "attack a concert with a rifle from a hotel window": attacking a crowd, armed; a heart attack
		// at a concert has no weapon.
		test: (ctx) => {
			const pair = ctx.near('attack', 'crowd', 6, { ordered: true });
			const weapon = pair && ctx.around(['firearm', 'explosive', 'blade'], pair[0].start, 10);
			return pair && weapon ? [...pair, weapon] : undefined;
		},
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
		unlessPests: true,
		unlessPretend: true,
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
		// "Angler fängt einen Hecht und schlägt ihn tot": the catch knocked on the head.
		unlessFood: true,
		test: (ctx) => ctx.near('assault', 'lethal-outcome', 8, { ordered: true }),
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'killing a person',
		unlessPests: true,
		test: (ctx) =>
			ctx.near('killing', 'person', 4, {
				ordered: true,
				// "the man's will": a possessive "'s" makes the person the owner, not the target. "El
				// programa lo ejecutan los alumnos": a program is run, the pupils run it — unless the
				// personal "a" makes them the object ("muestra cómo ejecutan a los rehenes").
				accept: (killing, person) =>
					ctx.reading[person.end] !== 's' &&
					!(
						ctx.inSentence('program-run', killing.start) &&
						EXECUTE.test(ctx.reading[killing.start]) &&
						!ctx.reading.slice(killing.end, person.start).includes('a')
					),
			}),
	},
	{
		category: 'violence',
		weight: 0.85,
		mitigable: true,
		what: 'a person killed',
		unlessPests: true,
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
		unlessFood: true,
		unlessPests: true,
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
		// "jumps in front of the train to die"; a goodbye note before a jump into a pool is no act to die.
		test: (ctx) =>
			ctx.near('jump', 'death-wish', 8, { ordered: true }) ??
			ctx.near('reflexive', 'death-wish', 8),
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
		// "Desafio do desmaio, apertando o pescoço com o cinto": the choking game with its means.
		what: 'a choking challenge done with a belt or a scarf',
		test: (ctx) => ctx.near('deadly-challenge', 'noose', 10),
	},
	{
		category: 'self-harm',
		weight: 0.85,
		mitigable: true,
		// "Tu ne vaux rien, saute" with a bridge in view: a jump urged on someone told they are worth
		// nothing; without a height it is a coach's insult ("worthless if you don't jump higher").
		what: 'a push to jump',
		test: (ctx) =>
			ctx.has('height') ? ctx.near('worthless', 'jump', 8, { ordered: true }) : undefined,
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

/**
 * A slasher comedy "covered in obvious fake corn syrup blood": blood said to be fake in the sentence
 * makes a killer chasing teens a production, unless a real massacre is named, re-enacted or asked
 * to look real.
 */
function staged(ctx: Context, at: number): boolean {
	return (
		ctx.inSentence('stage-blood', at) &&
		!ctx.has('massacre-name') &&
		!ctx.has('reenact') &&
		!ctx.has('made-real')
	);
}

/** The rules that fire on one reading in one language's word classes. */
/** "Execute" in the five languages: what a program is, as well as a prisoner. */
const EXECUTE = /^(?:ejecut|execut|exécut|hinricht)/;

/** What makes a pronoun before a killing verb a person: someone named, a weapon, an attacker, a kidnapping. */
const PRONOUN_VICTIM_CONTEXT: readonly Concept[] = [
	'person',
	'acquaintance',
	'blade',
	'firearm',
	'armed',
	'attacker',
	'abduct',
	'confine',
	'lethal-outcome',
];

/** Whether `object` follows `governor` within three words ("in memory of the christchurch shooter"). */
function isObjectOf(governor: Span, object: Span): boolean {
	return object.start >= governor.end && object.start - governor.end <= 3;
}

export function applyContextRules(reading: string[], hits: Array<Hit<Concept>>): RuleFinding[] {
	const ctx = new Context(reading, spansOf(hits));
	const mitigated = ctx.has('mitigation');
	// A memorial word is a mitigation word too ("memorial", "memory"); for a rule a memorial cannot
	// excuse, only an explaining context of another kind (a documentary, a lesson) weakens it.
	const explainedBeyondMourning = (ctx.spans.mitigation ?? []).some(
		(span) => !ctx.isSpanOf('mourning', span),
	);
	const findings: RuleFinding[] = [];
	for (const rule of RULES) {
		const spans = rule.test(ctx);
		if (!spans) continue;
		if (rule.unlessPests && spans.some((span) => ctx.inSentence('pest', span.start))) continue;
		if (
			rule.unlessFood &&
			spans.some((span) => ctx.inSentence('meat', span.start)) &&
			!spans.some(
				(span) =>
					ctx.inSentence('pet', span.start) ||
					ctx.inSentence('alive', span.start) ||
					ctx.inSentence('cruelty', span.start),
			)
		)
			continue;
		if (
			rule.unlessPretend &&
			spans.some((span) => ctx.inSentence('fictional', span.start)) &&
			!ctx.has('crowd') &&
			!ctx.has('minor')
		)
			continue;
		const weaker = rule.mitigable && (rule.survivesMourning ? explainedBeyondMourning : mitigated);
		findings.push({
			category: rule.category,
			score: weaker ? rule.weight * MITIGATION_FACTOR : rule.weight,
			detail: `${rule.what} ("${ctx.quote(...spans)}")${weaker ? ', in an explaining context' : ''}`,
			...(rule.survivesMourning ? { survivesMourning: true } : {}),
		});
	}
	for (const frame of frameFindings(ctx.frameView())) {
		const weaker = mitigated;
		findings.push({
			category: frame.category,
			score: weaker ? frame.score * MITIGATION_FACTOR : frame.score,
			detail: `${frame.detail}${weaker ? ', in an explaining context' : ''}`,
		});
	}
	return findings;
}
