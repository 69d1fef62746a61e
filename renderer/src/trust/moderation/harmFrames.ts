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

/** What the frames ask of a reading. */
export interface FrameView {
	/** The sentences of the reading, each with the spans of the classes found in it. */
	sentences: Array<Map<Concept, Span[]>>;
	/** Whether a class occurs anywhere in the text. */
	has(concept: Concept): boolean;
	quote(...spans: Span[]): string;
}

type Span = { start: number; end: number };

interface Role {
	name: string;
	concepts: readonly Concept[];
	weight: number;
	/** The frame is filled only with this role (a person harmed, not a wooden duck). */
	required?: boolean;
	/**
	 * The role may be filled from any sentence: a story names the child and the goodbye note in one
	 * sentence and the scene on the tracks in the next.
	 */
	anywhere?: boolean;
	/** The role may be the act's own words: "brain visible" is the body and the injury at once. */
	sharesAct?: boolean;
	/** The role may share words with any other role: "drives into the crowd" is the ramming and the crowd. */
	sharesRoles?: boolean;
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

/** A role the frame is filled only with. */
const required = (
	name: string,
	concepts: readonly Concept[],
	weight: number,
	options: Pick<Role, 'sharesAct' | 'sharesRoles' | 'anywhere'> = {},
): Role => ({ name, concepts, weight, required: true, ...options });

const SHOWN: Role = {
	name: 'shown in detail',
	concepts: ['graphic', 'explicit', 'aftermath', 'made-real'],
	weight: 0.3,
};

const FRAMES: Frame[] = [
	{
		category: 'violence',
		what: 'violence against a person, told with its details',
		act: {
			name: 'act',
			concepts: [
				'killing',
				'maim',
				'assault',
				'stomp',
				'violent-act',
				'sever',
				'set-fire',
				'torture-method',
			],
			weight: 0.35,
		},
		roles: [
			required('victim', ['person', 'minor', 'acquaintance', 'crowd', 'group'], 0.2),
			// A head is a victim's only next to a person: a cook cuts off a fish's head.
			{ name: 'body part', concepts: ['body-part'], weight: 0.15 },
			{
				name: 'outcome',
				concepts: ['lethal-outcome', 'casualties', 'alive', 'wound'],
				weight: 0.35,
			},
			{ name: 'instrument', concepts: ['blade', 'firearm', 'armed', 'blunt-weapon'], weight: 0.2 },
			SHOWN,
			{ name: 'approved or personal', concepts: ['endorse', 'acquaintance'], weight: 0.3 },
			{ name: 'aimed at', concepts: ['aim'], weight: 0.3 },
			// Tied up, gagged, locked in: harm done to someone who cannot get away.
			{ name: 'held captive', concepts: ['confine'], weight: 0.25 },
			// "Unos encapuchados lo meten en el maletero y lo ejecutan": taken away to be killed.
			{ name: 'abducted', concepts: ['abduct'], weight: 0.3, anywhere: true },
		],
		minRoles: 2,
		unless: ['fictional', 'sport', 'pest'],
	},
	{
		category: 'violence',
		what: 'an aircraft flown into a tower, celebrated, staged or with its dead',
		act: { name: 'aircraft', concepts: ['aircraft'], weight: 0.3 },
		roles: [
			required('flown into', ['crash-into'], 0.3),
			required('a tower', ['tower', 'crowd'], 0.25),
			{ name: 'celebrated', concepts: ['celebrate', 'endorse'], weight: 0.35, anywhere: true },
			{ name: 'staged', concepts: ['reenact', 'massacre-name'], weight: 0.35, anywhere: true },
			// The dead, or people jumping from the windows.
			{
				name: 'the dead',
				concepts: ['casualties', 'lethal-outcome', 'jump'],
				weight: 0.3,
				anywhere: true,
			},
			{ ...SHOWN, weight: 0.2 },
		],
		// A plane into a building is a disaster film's trailer until someone cheers, stages or counts it.
		minRoles: 3,
		unless: ['mitigation', 'fictional'],
	},
	{
		category: 'violence',
		what: 'an injury to a body described in detail',
		act: { name: 'injury', concepts: ['mutilation'], weight: 0.35 },
		roles: [
			// A person before a body part, so "victim cut in half, organs spread" keeps the organs for
			// the second injury.
			required('body', ['person', 'minor', 'casualties', 'body-part'], 0.25, { sharesAct: true }),
			{ name: 'more injury', concepts: ['mutilation', 'wound', 'lethal-outcome'], weight: 0.3 },
			SHOWN,
		],
		minRoles: 2,
		unless: ['fictional', 'sport'],
	},
	{
		category: 'violence',
		what: 'an armed attack on people',
		act: { name: 'weapon', concepts: ['firearm', 'armed', 'blade'], weight: 0.3 },
		roles: [
			required('people', ['crowd', 'minor', 'person'], 0.25),
			{ name: 'aimed at', concepts: ['aim'], weight: 0.35 },
			{ name: 'entering', concepts: ['enter'], weight: 0.2 },
			{ name: 'casualties', concepts: ['casualties', 'lethal-outcome'], weight: 0.35 },
			{ ...SHOWN, weight: 0.25 },
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
			// An animal left on the tracks is a train's victim: "tying a dog to the rails to see what happens".
			concepts: ['cruelty', 'cruelty-weak', 'maim', 'burn', 'hazard', 'stomp', 'explosive', 'rail'],
			weight: 0.35,
		},
		roles: [
			required('animal', ['animal'], 0.3),
			{ name: 'alive', concepts: ['alive', 'lethal-outcome', 'wound'], weight: 0.3 },
			{ name: 'tied up', concepts: ['confine'], weight: 0.3 },
			SHOWN,
			{ name: 'approved', concepts: ['endorse'], weight: 0.25 },
		],
		minRoles: 2,
		unless: ['fictional'],
	},
	{
		category: 'violence',
		what: 'animals set to fight for money or blood',
		act: { name: 'animal fight', concepts: ['animal-fight'], weight: 0.35 },
		roles: [
			{ name: 'bets', concepts: ['bet'], weight: 0.4 },
			{ name: 'mauling', concepts: ['maul', 'wound', 'lethal-outcome', 'maim'], weight: 0.4 },
			SHOWN,
		],
		minRoles: 1,
		unless: ['fictional'],
	},
	{
		category: 'self-harm',
		what: 'self-harm made aspirational or shown on a child',
		act: {
			name: 'act',
			// Not the killing verbs ("a masked killer stalks teens"): "killing oneself" is a pair rule.
			concepts: ['harm-verb', 'noose', 'eating-disorder', 'rail', 'deadly-challenge'],
			weight: 0.3,
		},
		roles: [
			{ name: 'self', concepts: ['reflexive', 'self', 'body-cut'], weight: 0.15 },
			{ name: 'a child', concepts: ['minor', 'age-unit'], weight: 0.2, anywhere: true },
			{ name: 'made pretty', concepts: ['aestheticised'], weight: 0.3, anywhere: true },
			{ name: 'wound', concepts: ['wound'], weight: 0.3 },
			{ name: 'wish to die', concepts: ['death-wish'], weight: 0.4, anywhere: true },
			{ name: 'hidden', concepts: ['covert'], weight: 0.3 },
			{ name: 'how-to', concepts: ['instruction'], weight: 0.2 },
			{ name: 'a thinness goal', concepts: ['thin-goal'], weight: 0.3, anywhere: true },
			// Anorexia named and a meal skipped: the coaching, not only the illness.
			{ name: 'more starving', concepts: ['eating-disorder'], weight: 0.25 },
			{ name: 'urged', concepts: ['modal'], weight: 0.25 },
			// "Day 40 of my water fast!! … you can do it too": the urging may be a sentence of its own.
			{ name: 'urged to copy', concepts: ['endorse'], weight: 0.25, anywhere: true },
		],
		minRoles: 2,
		unless: ['fictional'],
	},
	{
		category: 'self-harm',
		what: 'a suicide method shown as a release',
		act: { name: 'method', concepts: ['noose', 'suicide-method'], weight: 0.35 },
		roles: [
			// "Finally free", "a peaceful goodbye": the death is what is approved of, not a rope or a car.
			required('a release', ['release'], 0.4, { anywhere: true }),
			// Someone it is done to: a sailor's noose knot or a car's exhaust alone is no one's death.
			required('someone', ['reflexive', 'self', 'person', 'minor'], 0.15, { anywhere: true }),
			{ name: 'made pretty', concepts: ['aestheticised'], weight: 0.3, anywhere: true },
		],
		minRoles: 1,
		unless: ['fictional', 'mitigation'],
	},
	{
		category: 'self-harm',
		what: 'a suicide shown as gentle, romantic or the way out',
		act: {
			name: 'means',
			// Not "takes her pills": an overdose, a poison, a method named as such.
			concepts: ['suicide-verb', 'suicide-method', 'overdose-amount', 'poison'],
			weight: 0.35,
		},
		roles: [
			required('made gentle', ['painless', 'release', 'aestheticised'], 0.35, { anywhere: true }),
			{ name: 'a wish to die', concepts: ['death-wish'], weight: 0.35, anywhere: true },
			// "Lines up the pills she saved and swallows all of them": a second amount is the means.
			{ name: 'means', concepts: ['pills', 'height', 'rail', 'overdose-amount'], weight: 0.3 },
			{ name: 'someone', concepts: ['reflexive', 'self', 'minor'], weight: 0.15 },
		],
		minRoles: 2,
		unless: ['mitigation'],
	},
	{
		category: 'weapons',
		what: 'instructions to poison someone unnoticed',
		act: { name: 'poison', concepts: ['poison'], weight: 0.35 },
		roles: [
			required('unnoticed', ['covert'], 0.35),
			// Getting it, extracting it from a plant or dosing it is the how-to as much as an explanation.
			required('how-to', ['instruction', 'make', 'acquire', 'dosing'], 0.3),
		],
		minRoles: 2,
		unless: ['fictional'],
	},
	{
		category: 'weapons',
		what: 'a toxic gas made to use on people',
		act: { name: 'gas', concepts: ['toxic-mix', 'toxic-agent'], weight: 0.35 },
		roles: [
			required('against people', ['against-people'], 0.35),
			{ name: 'how-to', concepts: ['instruction', 'make'], weight: 0.3 },
		],
		minRoles: 1,
		unless: ['fictional'],
	},
	{
		category: 'weapons',
		what: 'a weapon got from an illegal source',
		act: { name: 'weapon', concepts: ['firearm', 'explosive', 'weapon-mod'], weight: 0.35 },
		roles: [
			required('illegal source', ['illicit-source'], 0.35),
			{ name: 'getting it', concepts: ['acquire'], weight: 0.2 },
			{ name: 'unnoticed', concepts: ['covert'], weight: 0.3 },
			{ name: 'how-to', concepts: ['instruction'], weight: 0.2 },
		],
		minRoles: 1,
		unless: ['fictional'],
	},
	{
		category: 'hate',
		what: "a group's deaths celebrated or mocked",
		act: {
			name: 'deaths',
			concepts: ['casualties', 'lethal-outcome', 'die', 'killing'],
			weight: 0.35,
		},
		roles: [
			// The victims of an atrocity are a group's dead ("holocaust victims … laugh track").
			required('group', ['group', 'atrocity'], 0.3, { anywhere: true }),
			required('celebrated', ['celebrate', 'endorse'], 0.35, { anywhere: true }),
		],
		minRoles: 2,
		// A memorial or a history lesson remembers the dead; it does not cheer.
		unless: ['mitigation'],
	},
	{
		category: 'violence',
		what: 'the victims of a disaster or an attack laughed at',
		act: { name: 'victims', concepts: ['casualties', 'lethal-outcome'], weight: 0.35 },
		roles: [
			required('mocked', ['celebrate', 'endorse'], 0.35, { anywhere: true }),
			required('disaster or attack', ['disaster', 'violent-act', 'explosive'], 0.3, {
				anywhere: true,
			}),
		],
		minRoles: 2,
		// A controlled demolition watched from a safe distance has a cheering crowd and no victims.
		unless: ['mitigation', 'fictional', 'safe-distance'],
	},
	{
		category: 'hate',
		what: 'the slogan "the only good X is a dead X"',
		act: { name: 'slogan', concepts: ['only-good'], weight: 0.35 },
		roles: [
			required('people', ['group', 'person', 'crowd', 'minor'], 0.2),
			required('dead', ['casualties', 'lethal-outcome', 'die'], 0.4),
		],
		minRoles: 2,
	},
	{
		category: 'hate',
		what: 'a hateful trope about a group',
		act: { name: 'trope', concepts: ['hate-trope'], weight: 0.35 },
		roles: [
			required('group', ['group'], 0.3),
			{
				name: 'another trope or a call to expel',
				concepts: ['hate-trope', 'dehumaniser', 'get-rid'],
				weight: 0.3,
			},
		],
		minRoles: 1,
	},
	{
		category: 'hate',
		what: "a call to burn a group's places of worship",
		act: { name: 'place of worship', concepts: ['worship-place'], weight: 0.35 },
		roles: [
			required('burning it', ['burn-down'], 0.4),
			{ name: 'group', concepts: ['group'], weight: 0.2, anywhere: true },
			{ name: 'demonised', concepts: ['dehumaniser', 'hate-trope'], weight: 0.3, anywhere: true },
			{ name: 'a call', concepts: ['modal', 'endorse'], weight: 0.2 },
		],
		minRoles: 1,
		// A history lesson on the pogroms or a film's burning church tells of it; it does not call for it.
		unless: ['fictional', 'mitigation'],
	},
	{
		category: 'minors',
		what: 'a child asked to undress by a stranger or on camera',
		act: { name: 'undressing', concepts: ['undress'], weight: 0.3 },
		roles: [
			// A story names the child in one sentence and the request in the next.
			required('a child', ['minor', 'age-unit'], 0.3, { anywhere: true }),
			// Not a parent at bath time: someone outside the family, or a camera.
			{ name: 'a stranger', concepts: ['stranger'], weight: 0.3, anywhere: true },
			{ name: 'on camera', concepts: ['on-camera'], weight: 0.3, anywhere: true },
		],
		minRoles: 2,
	},
	{
		category: 'minors',
		what: 'a child in a romantic or bed scene with an adult',
		act: { name: 'intimacy', concepts: ['intimacy', 'sexual-mild'], weight: 0.3 },
		roles: [
			required('a child', ['minor', 'age-unit'], 0.3),
			required('an adult', ['adult'], 0.3),
			{ name: 'made real', concepts: ['graphic', 'explicit'], weight: 0.2 },
		],
		minRoles: 2,
	},
	{
		category: 'hate',
		what: 'a group driven out or attacked while people cheer',
		// "Sketch de humor donde echan a los gitanos del pueblo a pedradas y todo el mundo aplaude",
		// "crowd chasing a family in hijabs out of the neighbourhood, everyone cheering": calling it a
		// joke excuses nothing; a match (a boxer knocked out to cheers) is sport.
		act: {
			name: 'driven out or attacked',
			concepts: ['drive-out', 'expel', 'assault'],
			weight: 0.35,
		},
		roles: [
			required('group', ['group'], 0.3, { anywhere: true }),
			required('cheered', ['celebrate', 'endorse'], 0.35, { anywhere: true }),
		],
		minRoles: 2,
		unless: ['mitigation', 'sport'],
	},
	{
		category: 'violence',
		what: 'a vehicle driven into a crowd',
		// "Packed white van rolling into the people at full speed" at a parade: the van, the ramming
		// and the crowd, whatever the pretext ("a special kind of fireworks").
		act: { name: 'vehicle', concepts: ['vehicle'], weight: 0.3 },
		roles: [
			required('driven into people', ['ram'], 0.35),
			required('a crowd', ['crowd', 'casualties'], 0.35, { anywhere: true, sharesRoles: true }),
		],
		minRoles: 2,
		unless: ['fictional'],
	},
	{
		category: 'violence',
		what: 'an explosive by another name brought to a crowd',
		// "A special kind of fireworks for the parade crowd, delivered by a van … then chaos and
		// bodies": the euphemism, the crowd and the harm it does there. A fireworks show is no euphemism,
		// and special fireworks for a crowd with nobody hurt or thrown at stay a show.
		act: { name: 'disguised explosive', concepts: ['disguised-explosive'], weight: 0.35 },
		roles: [
			required('a crowd', ['crowd', 'group'], 0.3, { anywhere: true }),
			required('harm', ['casualties', 'lethal-outcome', 'throw', 'against-people', 'aim'], 0.35, {
				anywhere: true,
			}),
			{ name: 'brought there', concepts: ['vehicle', 'leave-near'], weight: 0.25, anywhere: true },
		],
		minRoles: 2,
		unless: ['fictional'],
	},
	{
		category: 'violence',
		what: 'an attack glorified or celebrated',
		// "Montage qui glorifie les attentats du Bataclan avec des chants de victoire et des rires": the
		// attack praised as such, not its attacker (a pair rule) nor its victims mourned.
		act: { name: 'attack', concepts: ['massacre-name', 'violent-act', 'attacker'], weight: 0.35 },
		roles: [
			required('glorified', ['glorify', 'celebrate'], 0.4, { anywhere: true }),
			{ name: 'cheered', concepts: ['endorse'], weight: 0.25, anywhere: true },
			{ name: 'named', concepts: ['massacre-name'], weight: 0.25, anywhere: true },
		],
		minRoles: 1,
		unless: ['mitigation', 'fictional', 'sport'],
	},
	{
		category: 'hate',
		what: 'a conspiracy trope with dehumanising words',
		// "The great replacement explained: the 'invaders' breeding like vermin … take our country back
		// by any means": the group left unnamed, the trope and the dehumanising word say who is meant.
		act: { name: 'trope', concepts: ['hate-trope'], weight: 0.35 },
		roles: [
			required('dehumanised', ['dehumaniser'], 0.35, { anywhere: true }),
			{ name: 'a call', concepts: ['endorse', 'modal'], weight: 0.25, anywhere: true },
		],
		minRoles: 1,
		unless: ['mitigation', 'fictional'],
	},
	{
		category: 'weapons',
		what: 'a pressure-cooker bomb left near a crowd',
		// "Uma panela de pressão bem recheada pra … deixar perto da torcida": the vessel of the Boston
		// bombing, left next to people; a stew for a crowd of guests is served, not left near them.
		act: { name: 'vessel', concepts: ['bomb-vessel'], weight: 0.3 },
		roles: [
			required('left near people', ['leave-near'], 0.35),
			required('a crowd', ['crowd'], 0.35, { anywhere: true }),
		],
		minRoles: 2,
		unless: ['fictional'],
	},
];

export interface FrameFinding {
	category: Category;
	score: number;
	detail: string;
}

/** The frames one reading fills: per frame, its best-filled sentence. */
export function frameFindings(view: FrameView): FrameFinding[] {
	const findings: FrameFinding[] = [];
	for (const frame of FRAMES) {
		// A zombie film "made to look like real footage" is pretend no longer.
		const excused = (c: Concept) => view.has(c) && !(c === 'fictional' && view.has('made-real'));
		if (frame.unless?.some(excused)) continue;
		let best: FrameFinding | undefined;
		for (const sentence of view.sentences) {
			const act = firstOf(sentence, frame.act.concepts, []);
			if (!act) continue;
			// Each role takes a span no other role has taken: "raising the gun" is no second weapon.
			const taken: Span[] = [act];
			let filled: Array<{ role: Role; span: Span }> = [];
			for (const role of frame.roles) {
				const exclude = role.sharesRoles ? [act] : role.sharesAct ? taken.slice(1) : taken;
				let span = firstOf(sentence, role.concepts, exclude);
				if (!span && role.anywhere)
					for (const other of view.sentences) span ??= firstOf(other, role.concepts, exclude);
				if (span) {
					taken.push(span);
					filled.push({ role, span });
				} else if (role.required) {
					filled = [];
					break;
				}
			}
			if (filled.length < frame.minRoles) continue;
			const miss = filled.reduce((m, r) => m * (1 - r.role.weight), 1 - frame.act.weight);
			const score = Math.round((1 - miss) * 1000) / 1000;
			if (best && best.score >= score) continue;
			const roles = [frame.act.name, ...filled.map((r) => r.role.name)].join(' + ');
			best = {
				category: frame.category,
				score,
				detail: `${frame.what} (${roles}: "${view.quote(act, ...filled.map((r) => r.span))}")`,
			};
		}
		if (best) findings.push(best);
	}
	return findings;
}

/** The first span of any of `concepts` in the sentence that overlaps none of `taken`. */
function firstOf(
	sentence: Map<Concept, Span[]>,
	concepts: readonly Concept[],
	taken: Span[],
): Span | undefined {
	for (const concept of concepts)
		for (const span of sentence.get(concept) ?? [])
			if (!taken.some((t) => overlaps(span, t))) return span;
	return undefined;
}

function overlaps(a: Span, b: Span): boolean {
	return a.start < b.end && b.start < a.end;
}
