/**
 * One shot of the spec becomes one PlannedShot. Fields the spec gives are honoured as given;
 * fields it leaves out are read from the shot's prompt, then carried over from the previous shot
 * (same place, light and weather until the story says otherwise). Anything the engine cannot
 * render becomes a Warning naming the spec field it came from.
 */
import type { TimedShot as Shot } from '../../spec/renderSpec';
import type {
	ActionId,
	CameraMove,
	Easing,
	PhysicsSceneId,
	Placement,
	PlannedAction,
	PlannedCue,
	PlannedLine,
	PlannedShot,
	SettingId,
	TimeOfDay,
	Transition,
	Warning,
	Weather,
} from '../storyboard';
import {
	ACTIONS,
	CAMERA,
	OUTCOME_WORDS,
	PHYSICS_SCENES,
	PROPS,
	PROP_SETTINGS,
	SETTINGS,
	SETTING_APPROXIMATIONS,
	SFX_TERMS,
	SPEAKING_WORDS_PER_SECOND,
	TIMES_OF_DAY,
	WEATHERS,
	findTerms,
	lookupTerm,
	nearestTerm,
} from '../vocabulary';
import { vocabularyNamedIn } from '../coverage';
import { countWords, findMentions, findQuotes, withoutQuotes } from './promptText';
import type { FrameSpan } from './frames';
import { SeededRandom } from './seededRandom';

/** Cues that play under the whole shot rather than once. */
const AMBIENT_CUES = new Set(['rain', 'wind', 'crowd', 'birds', 'traffic', 'waves']);
const DEFAULT_OBJECTS: Record<PhysicsSceneId, number> = {
	basketball: 1,
	stack: 6,
	plank: 3,
	water: 1,
	'balance-beam': 1,
	'floating-plank': 1,
	volleyball: 1,
	surf: 1,
};
/** Where a set-piece happens when the text names no place. */
const SET_PIECE_SETTINGS: Partial<Record<PhysicsSceneId, SettingId>> = {
	basketball: 'gym',
	'balance-beam': 'gymnastics',
	'floating-plank': 'lake',
	volleyball: 'beach',
	surf: 'beach',
};
const WATER_SETTINGS: ReadonlySet<SettingId> = new Set(['lake', 'pool', 'river', 'beach']);
/** Set-pieces whose first performer does this unless the text names another act. */
const SET_PIECE_ACTIONS: Partial<Record<PhysicsSceneId, ActionId>> = {
	basketball: 'shoot',
	'balance-beam': 'beam-routine',
	surf: 'surf',
};
const LINE_GAP_SECONDS = 0.25;
const FIRST_LINE_AT = 0.3;

export interface ShotContext {
	index: number;
	span: FrameSpan;
	/** JSON pointer of a field of this shot in the spec (prompt-only specs point at /prompt). */
	pathOf(field: string): string;
	/** Characters of the spec in order, with the words that name them in text. */
	cast: Array<{ id: string; words: string[]; rate: number; animal?: boolean }>;
	previous?: PlannedShot;
	/** The characters the story is about so far (see `storySubject`), carried into a moment that names nobody. */
	subject?: string[];
	/** Setting to use when neither the shot nor any earlier one names one. */
	fallbackSetting: SettingId;
	random: SeededRandom;
	warnings: Warning[];
}

export function planShot(given: Shot, ctx: ShotContext): PlannedShot {
	// A shot that shows the user's media has no prompt; the engine never draws one (routing sends it
	// to the media stage), but planning it must not break coverage or a remix of its spec.
	const shot = { ...given, prompt: given.prompt ?? '' };
	const text = withoutQuotes(shot.prompt);
	const physics = planPhysics(shot, text, ctx);
	const setting = planSetting(shot, text, ctx, physics?.scene);
	const timeOfDay: TimeOfDay =
		shot.timeOfDay ??
		findTerms(TIMES_OF_DAY, text)[0]?.id ??
		(vocabularyNamedIn(text, 'timesOfDay')[0]?.id as TimeOfDay | undefined) ??
		ctx.previous?.timeOfDay ??
		(setting === 'city-night' || setting === 'space' ? 'night' : 'day');
	const clock = planClock(text, shot.timeOfDay);
	const weather: Weather =
		shot.weather ??
		findTerms(WEATHERS, text)[0]?.id ??
		// "a thunderstorm" is a kind of storm, which the vocabulary draws as rain.
		(vocabularyNamedIn(text, 'weather')[0]?.id as Weather | undefined) ??
		(ctx.previous?.setting === setting ? ctx.previous.weather : 'clear');
	const dialogue = planDialogue(shot, ctx);
	const characters = planCast(shot, ctx, dialogue, physics !== undefined, physics?.scene);
	return {
		index: ctx.index,
		id: shot.id ?? `shot-${ctx.index + 1}`,
		prompt: shot.prompt,
		startSeconds: ctx.span.startSeconds,
		duration: shot.duration,
		startFrame: ctx.span.startFrame,
		frameCount: ctx.span.frameCount,
		setting,
		timeOfDay,
		...(clock ?? {}),
		weather,
		camera: planCamera(shot, text, ctx, dialogue.length > 0),
		transition: shot.transition ?? planTransition(text),
		placements: placeCharacters(characters, ctx),
		actions: planActions(shot, text, ctx, characters, dialogue, physics?.scene, setting),
		props: planProps(shot, text, ctx),
		dialogue,
		sfx: planSfx(shot, text, ctx, weather),
		...(physics ? { physics } : {}),
	};
}

/** Light that moves during the shot: the sun setting or rising, night falling. */
const CLOCK_WORDS: Array<{
	pattern: RegExp;
	hour: number;
	hourEnd: number;
	timeOfDay: TimeOfDay;
}> = [
	{
		pattern: /\b(night falls|nightfall|darkness falls|gets dark)\b/i,
		hour: 19.4,
		hourEnd: 21.2,
		timeOfDay: 'dusk',
	},
	{
		pattern: /\b(sunset|sundown|sun sets|sun goes down|sun setting|sun dips)\b/i,
		hour: 18.7,
		hourEnd: 19.75,
		timeOfDay: 'dusk',
	},
	{
		pattern: /\b(sunrise|sun rises|sun comes up|dawn breaks|daybreak)\b/i,
		hour: 5.7,
		hourEnd: 6.9,
		timeOfDay: 'dawn',
	},
];

/** The moving clock a shot's words ask for, unless the shot sets another time of day. */
function planClock(
	text: string,
	timeOfDay: TimeOfDay | undefined,
): { hour: number; hourEnd: number } | undefined {
	const found = CLOCK_WORDS.find((c) => c.pattern.test(text));
	if (!found) return undefined;
	const fits =
		timeOfDay === undefined ||
		timeOfDay === found.timeOfDay ||
		(found.timeOfDay === 'dusk' && timeOfDay === 'night');
	return fits ? { hour: found.hour, hourEnd: found.hourEnd } : undefined;
}

function planSetting(
	shot: Shot,
	text: string,
	ctx: ShotContext,
	scene: PhysicsSceneId | undefined,
): SettingId {
	const fallback = () =>
		(scene && SET_PIECE_SETTINGS[scene]) ?? ctx.previous?.setting ?? ctx.fallbackSetting;
	if (shot.setting !== undefined) {
		const known = lookupTerm(SETTINGS, shot.setting);
		if (known) return known;
		const approx = SETTING_APPROXIMATIONS[shot.setting.trim().toLowerCase()];
		const near = nearestTerm(SETTINGS, shot.setting);
		const chosen = approx ?? (near.distance <= 2 ? near.id : fallback());
		ctx.warnings.push({
			path: ctx.pathOf('setting'),
			term: shot.setting,
			message: `setting "${shot.setting}" cannot be rendered; using the nearest setting "${chosen}"`,
		});
		return chosen;
	}
	const found = findTerms(SETTINGS, text)[0];
	if (found) return found.id;
	const lower = ` ${text.toLowerCase()} `;
	const approx = Object.keys(SETTING_APPROXIMATIONS).find(
		(word) =>
			lower.includes(` ${word} `) ||
			lower.includes(` ${word}s `) ||
			lower.includes(` ${word}, `) ||
			lower.includes(` ${word}. `),
	);
	if (approx) {
		const chosen = SETTING_APPROXIMATIONS[approx];
		ctx.warnings.push({
			path: ctx.pathOf('prompt'),
			term: approx,
			message: `setting "${approx}" cannot be rendered; using the nearest setting "${chosen}"`,
		});
		return chosen;
	}
	// A place the vocabulary does not list but WordNet calls a kind of one it does.
	const kind = vocabularyNamedIn(text, 'settings')[0];
	if (kind) {
		if (kind.approximate)
			ctx.warnings.push({
				path: ctx.pathOf('prompt'),
				term: kind.word,
				message: `setting "${kind.word}" cannot be rendered; using the nearest setting "${kind.id}"`,
			});
		return kind.id as SettingId;
	}
	// A prop that belongs somewhere (a lighthouse: the coast) places a story that names no place.
	const home = ctx.previous
		? undefined
		: findTerms(PROPS, text)
				.map((p) => PROP_SETTINGS[p.id])
				.find(Boolean);
	return home ?? fallback();
}

function planPhysics(shot: Shot, text: string, ctx: ShotContext): PlannedShot['physics'] {
	let scene: PhysicsSceneId | undefined;
	if (shot.physics) {
		scene = lookupTerm(PHYSICS_SCENES, shot.physics.scene);
		if (!scene) {
			ctx.warnings.push({
				path: ctx.pathOf('physics/scene'),
				term: shot.physics.scene,
				message: `physics set-piece "${shot.physics.scene}" is not known (known: ${PHYSICS_SCENES.map((p) => p.id).join(', ')}); the shot has no physics`,
			});
			return undefined;
		}
	} else {
		scene = findTerms(PHYSICS_SCENES, text)[0]?.id;
		if (!scene) return undefined;
		// A plank on open water floats.
		const named = findTerms(SETTINGS, text)[0]?.id;
		if (scene === 'plank' && findTerms(SETTINGS, text).some((s) => WATER_SETTINGS.has(s.id)))
			scene = 'floating-plank';
		// A splash in a pool, a lake or the sea is the place's own water, not a tank set in front of it.
		if (scene === 'water' && WATER_SETTINGS.has(named ?? ctx.previous?.setting ?? 'studio'))
			return undefined;
	}
	const lower = ` ${text.toLowerCase()} `;
	const said = (ws: string[]) =>
		ws.some(
			(w) => lower.includes(` ${w} `) || lower.includes(` ${w}.`) || lower.includes(` ${w},`),
		);
	const outcome =
		shot.physics?.outcome ??
		(said(OUTCOME_WORDS.miss) ? 'miss' : said(OUTCOME_WORDS.make) ? 'make' : 'auto');
	return { scene, outcome, objects: shot.physics?.objects ?? DEFAULT_OBJECTS[scene] };
}

function planCamera(
	shot: Shot,
	text: string,
	ctx: ShotContext,
	hasDialogue: boolean,
): PlannedShot['camera'] {
	const found = findTerms(CAMERA, text)[0]?.id;
	// Without a direction: talking shots hold still or push in slowly; others get a gentle move.
	const chosen: CameraMove =
		found ??
		(hasDialogue
			? ctx.random.pick<CameraMove>(['static', 'dolly-in'])
			: ctx.random.pick<CameraMove>(['dolly-in', 'pan-right', 'pan-left', 'orbit', 'dolly-out']));
	const easing: Easing = shot.camera?.easing ?? 'ease-in-out';
	return {
		move: shot.camera?.move ?? chosen,
		easing,
		intensity: shot.camera?.intensity ?? (found ? 0.6 : 0.35),
	};
}

function planTransition(text: string): Transition {
	const lower = text.toLowerCase();
	if (/\bwhip\b|\bwhip-pan\b|\bswish pan\b/.test(lower)) return 'whip-pan';
	if (/\b(crossfade|cross-fade|dissolve|fades? (in|to))\b/.test(lower)) return 'crossfade';
	return 'cut';
}

function estimateSpeechSeconds(text: string, rate: number): number {
	return countWords(text) / (SPEAKING_WORDS_PER_SECOND * rate) + 0.2;
}

function planDialogue(shot: Shot & { prompt: string }, ctx: ShotContext): PlannedLine[] {
	const rateOf = (id: string) => ctx.cast.find((c) => c.id === id)?.rate ?? 1;
	let lines: Array<{ character: string; text: string; at?: number }>;
	if (shot.dialogue) {
		lines = shot.dialogue.map((d) => ({ ...d }));
	} else {
		// Quoted speech in the prompt: the speaker is the character named last before the quote,
		// else the next character in turn, so an exchange alternates between the people on screen.
		const quotes = findQuotes(shot.prompt);
		if (!quotes.length) return [];
		if (!ctx.cast.length) {
			ctx.warnings.push({
				path: ctx.pathOf('prompt'),
				term: quotes[0].text,
				message: 'quoted dialogue but no character to say it; the line is not spoken',
			});
			return [];
		}
		const onScreen = shot.characters?.length ? shot.characters : ctx.cast.map((c) => c.id);
		let turn = 0;
		let lastEnd = 0;
		lines = quotes.map((q) => {
			const before = shot.prompt.slice(lastEnd, q.index);
			lastEnd = q.index + q.text.length + 2;
			const named = findMentions(before, ctx.cast).pop()?.character;
			const speaker = named ?? onScreen[turn % onScreen.length];
			turn = onScreen.indexOf(speaker) + 1;
			return { character: speaker, text: q.text };
		});
	}
	let cursor = FIRST_LINE_AT;
	return lines.map((line, j) => {
		const at = line.at ?? Math.min(cursor, Math.max(0, shot.duration - 0.5));
		const end = at + estimateSpeechSeconds(line.text, rateOf(line.character));
		if (end > shot.duration + 0.05) {
			ctx.warnings.push({
				path: ctx.pathOf(shot.dialogue ? `dialogue/${j}` : 'prompt'),
				term: line.text.slice(0, 64),
				message: `the line needs about ${(end - at).toFixed(1)} s and may run past the end of the ${shot.duration} s shot`,
			});
		}
		cursor = Math.max(cursor, end + LINE_GAP_SECONDS);
		return { character: line.character, text: line.text, at: Math.round(at * 1000) / 1000 };
	});
}

function planCast(
	shot: Shot & { prompt: string },
	ctx: ShotContext,
	dialogue: PlannedLine[],
	hasPhysics: boolean,
	scene?: PhysicsSceneId,
): string[] {
	if (shot.characters) return [...shot.characters];
	const named = new Set([
		...(continuesStory(shot.prompt) ? (ctx.subject ?? []) : []),
		...findMentions(shot.prompt, ctx.cast).map((m) => m.character),
		...dialogue.map((d) => d.character),
	]);
	if (named.size) return ctx.cast.map((c) => c.id).filter((id) => named.has(id));
	if (/\b(they|both|everyone|everybody|together|all of them)\b/i.test(withoutQuotes(shot.prompt)))
		return ctx.cast.slice(0, 4).map((c) => c.id);
	// An unnamed shot keeps the people of the previous one (same people, same place), or all of
	// them at the start; a pure set-piece shot (the ball, the splash) may be empty.
	if (hasPhysics && scene === 'volleyball')
		return ctx.previous?.placements.length
			? ctx.previous.placements.map((p) => p.character)
			: ctx.cast.slice(0, 4).map((c) => c.id);
	if (hasPhysics)
		return ctx.previous
			? ctx.previous.placements.map((p) => p.character).slice(0, 1)
			: ctx.cast.slice(0, 1).map((c) => c.id);
	return ctx.previous
		? ctx.previous.placements.map((p) => p.character)
		: ctx.cast.slice(0, 4).map((c) => c.id);
}

/** Characters keep their order across shots (screen direction), spread evenly, facing the middle. */
function placeCharacters(characters: string[], ctx: ShotContext): Placement[] {
	const ordered = ctx.cast.map((c) => c.id).filter((id) => characters.includes(id));
	const n = ordered.length;
	return ordered.map((character, i) => {
		const x = n === 1 ? 0.5 : 0.22 + (0.56 * i) / (n - 1);
		return { character, x: Math.round(x * 1000) / 1000, facing: x <= 0.5 ? 'right' : 'left' };
	});
}

function planActions(
	shot: Shot,
	text: string,
	ctx: ShotContext,
	characters: string[],
	dialogue: PlannedLine[],
	scene: PhysicsSceneId | undefined,
	setting: SettingId,
): PlannedAction[] {
	const actions: PlannedAction[] = [];
	if (shot.actions) {
		shot.actions.forEach((a, j) => {
			let action = lookupTerm(ACTIONS, a.action);
			if (!action) {
				const near = nearestTerm(ACTIONS, a.action);
				action = near.distance <= 2 ? near.id : 'gesture';
				ctx.warnings.push({
					path: ctx.pathOf(`actions/${j}/action`),
					term: a.action,
					message: `action "${a.action}" is not animated; using "${action}"`,
				});
			}
			actions.push({ character: a.character, action, at: a.at ?? 0 });
		});
	} else {
		// An action verb belongs to the character named last before it in the prompt; a verb the
		// vocabulary does not list is read as the nearest action WordNet relates it to ("sprints": run).
		const mentions = findMentions(text, ctx.cast);
		const verbs = [
			...findTerms(ACTIONS, text),
			...vocabularyNamedIn(text, 'actions').map(({ id, word, index }) => ({
				id: id as ActionId,
				word,
				index,
			})),
		].sort((x, y) => x.index - y.index);
		for (const verb of verbs) {
			if (
				verb.id === 'talk' ||
				isSeaWave(verb.word, text) ||
				onlyAsNoun(verb.word, text) ||
				!meantHere(verb, text)
			)
				continue;
			// A verb with nobody named before it ("... play volleyball and then watch the sunset")
			// belongs to everyone on screen: the subject carried over from the story. A plural named
			// last ("seagulls circle") is all the characters it names.
			const before = mentions.filter((m) => m.index <= verb.index + 1);
			const last = before[before.length - 1];
			const carried = continuesStory(shot.prompt ?? '')
				? characters.filter((c) => ctx.subject?.includes(c))
				: [];
			const doers = last
				? before.filter((m) => m.index === last.index).map((m) => m.character)
				: carried.length
					? carried
					: characters;
			for (const who of doers)
				if (
					characters.includes(who) &&
					!actions.some((a) => a.character === who && a.action === verb.id)
				)
					actions.push({ character: who, action: verb.id as ActionId, at: 0 });
		}
		const feat = scene && SET_PIECE_ACTIONS[scene];
		if (feat && characters.length && !actions.some((a) => a.character === characters[0]))
			actions.push({ character: characters[0], action: feat, at: 0 });
		if (scene === 'basketball' && characters.length && !actions.some((a) => a.action === 'shoot'))
			actions.push({ character: characters[0], action: 'shoot', at: 0 });
		if (scene === 'volleyball')
			for (const who of characters)
				if (!actions.some((a) => a.character === who))
					actions.push({ character: who, action: 'volley', at: 0 });
		// A verb said of "they" or "both" belongs to everyone on screen.
		if (/\b(they|both|everyone|together)\b/i.test(text))
			for (const verb of verbs)
				if (verb.id !== 'talk' && !isSeaWave(verb.word, text) && meantHere(verb, text))
					for (const who of characters)
						if (!actions.some((a) => a.character === who && a.action === verb.id))
							actions.push({ character: who, action: verb.id as ActionId, at: 0 });
	}
	if (!shot.actions) {
		// Flying and swimming are animals' (a person's body has no such motion): not given to a person,
		// so the coverage report says the act is not drawn instead of showing someone standing.
		const people = new Set(ctx.cast.filter((c) => !c.animal).map((c) => c.id));
		// A person swims only where there is water to swim in.
		for (let i = actions.length - 1; i >= 0; i--)
			if (
				ANIMAL_ACTIONS.has(actions[i].action) &&
				people.has(actions[i].character) &&
				!(actions[i].action === 'swim' && WATER_SETTINGS.has(setting))
			)
				actions.splice(i, 1);
		inTurn(actions, shot.duration, scene);
	}
	for (const line of dialogue)
		actions.push({ character: line.character, action: 'talk', at: line.at });
	// The basketball set-piece is the shot: a dribble before it is not drawn with its ball.
	const kept = scene === 'basketball' ? actions.filter((a) => a.action !== 'dribble') : actions;
	return kept.sort((a, b) => a.at - b.at);
}

/**
 * One body does one thing at a time: the actions the text gives a character follow one another
 * in the order told ("sits and watches the sunset": sits; "runs and jumps": a run, then a jump), each
 * with an equal part of the shot; watching or standing is no act beside another one. Set-pieces
 * that choreograph their performers' acts (the beam routine, a rally, a shot at the hoop) keep them.
 */
function inTurn(actions: PlannedAction[], duration: number, scene?: PhysicsSceneId): void {
	if (scene === 'balance-beam' || scene === 'volleyball' || scene === 'basketball') return;
	const byCharacter = new Map<string, PlannedAction[]>();
	for (const a of actions)
		byCharacter.set(a.character, [...(byCharacter.get(a.character) ?? []), a]);
	for (const own of byCharacter.values()) {
		const acts = own.length > 1 ? own.filter((a) => a.action !== 'idle') : own;
		for (const idle of own.filter((a) => !acts.includes(a)))
			actions.splice(actions.indexOf(idle), 1);
		acts.forEach((a, i) => (a.at = Math.round(((duration * i) / acts.length) * 100) / 100));
	}
}

/**
 * Bare words that name an act only in context: "plays" is playing the guitar only when the text
 * names a guitar (or a guitarist, a musician); "a kid plays in the park" is not.
 */
const CONTEXT_WORDS: Partial<Record<ActionId, { words: RegExp; context: RegExp }>> = {
	'play-guitar': {
		words: /^(plays|playing)$/,
		context: /\b(guitar|guitars|guitarist|guitarists|musician|musicians|band|rock star)\b/i,
	},
};
function meantHere(verb: { id: string; word: string }, text: string): boolean {
	const rule = CONTEXT_WORDS[verb.id as ActionId];
	return !rule || !rule.words.test(verb.word) || rule.context.test(text);
}

/** "splashes into the waves", "a huge wave": the sea's waves, not a hand's. */
const SEA_WAVE_WORDS =
	'big|huge|giant|crashing|rolling|breaking|ocean|sea|gentle|small|massive|foaming';
const SEA_WAVES = new RegExp(
	`\\b(?:the|a|an|into|of|${SEA_WAVE_WORDS})\\s+(?:(?:${SEA_WAVE_WORDS})\\s+)?waves?\\b`,
	'gi',
);
function isSeaWave(word: string, text: string): boolean {
	return /^waves?$/i.test(word) && !/\bwaves?\b/i.test(text.replace(SEA_WAVES, ' '));
}

/**
 * Words that put the next word in a noun's place: "the drinks", "some jumps", "with drinks", "two
 * dances", "Maya's jumps". A plural action word ("drinks", "jumps", "dances") only there is a thing, not a verb.
 */
const NOUN_MARKERS =
	'the|a|an|some|any|no|these|those|his|her|their|our|my|your|its|many|few|several|more|two|three|four|five|with|of|for|cold|hot|fresh|free';
const AS_NOUN = new RegExp(`\\b(?:${NOUN_MARKERS}|[a-z]+['\u2019]s)\\s+$`, 'i');
function onlyAsNoun(word: string, text: string): boolean {
	if (!/^[a-z]+s$/i.test(word)) return false;
	const uses = [...text.matchAll(new RegExp(`\\b${word}\\b`, 'gi'))];
	return uses.length > 0 && uses.every((m) => AS_NOUN.test(text.slice(0, m.index)));
}

const ANIMAL_ACTIONS: ReadonlySet<ActionId> = new Set(['fly', 'swim']);

/** Words a clause may open with that are its own subject, not a verb carried from before. */
const SUBJECT_OPENERS = new Set(
	'a an the his her their its this that these those they he she we i you it both everyone everybody all then and'.split(
		' ',
	),
);

/**
 * A shot cut from the middle of a sentence ("feeds the ducks by the lake", "walks home as night
 * falls": the story planner's moments) opens on its verb: its subject is the story's so far.
 */
function continuesStory(prompt: string): boolean {
	const first = /^\s*([a-z][a-z'-]*)/.exec(prompt)?.[1];
	return first !== undefined && !SUBJECT_OPENERS.has(first);
}

/**
 * Whom the story is about after this shot: a shot that continues the story keeps its subject; else
 * the characters it names before its first action verb (all it names when it has none), else the
 * subject so far.
 */
export function storySubject(shot: Shot, ctx: Pick<ShotContext, 'cast' | 'subject'>): string[] {
	if (shot.characters?.length) return [...shot.characters];
	if (continuesStory(shot.prompt ?? '') && ctx.subject?.length) return ctx.subject;
	const text = withoutQuotes(shot.prompt ?? '');
	const mentions = findMentions(text, ctx.cast);
	const firstVerb = Math.min(Infinity, ...findTerms(ACTIONS, text).map((v) => v.index));
	const before = mentions.filter((m) => m.index < firstVerb);
	const about = [...new Set((before.length ? before : mentions).map((m) => m.character))];
	return about.length ? about : (ctx.subject ?? []);
}

function planProps(shot: Shot, text: string, ctx: ShotContext): string[] {
	const props: string[] = [];
	if (shot.props) {
		shot.props.forEach((p, j) => {
			const known = lookupTerm(PROPS, p);
			if (known) props.push(known);
			else
				ctx.warnings.push({
					path: ctx.pathOf(`props/${j}`),
					term: p,
					message: `prop "${p}" is not drawn (known: ${PROPS.map((t) => t.id).join(', ')})`,
				});
		});
	} else {
		for (const found of [...findTerms(PROPS, text), ...vocabularyNamedIn(text, 'props')])
			if (!(found.id === 'basketball' && findTerms(PHYSICS_SCENES, text).length))
				props.push(found.id);
	}
	return [...new Set(props)];
}

function planSfx(shot: Shot, text: string, ctx: ShotContext, weather: Weather): PlannedCue[] {
	const cues: PlannedCue[] = [];
	const cueOf = (
		cue: string,
		at: number,
		duration: number | undefined,
		volume: number | undefined,
	): PlannedCue => ({
		cue,
		at,
		duration: duration ?? (AMBIENT_CUES.has(cue) ? Math.max(0.1, shot.duration - at) : 1),
		volume: volume ?? 1,
	});
	if (shot.sfx) {
		shot.sfx.forEach((s, j) => {
			let cue = lookupTerm(SFX_TERMS, s.cue);
			if (!cue) {
				const near = nearestTerm(SFX_TERMS, s.cue);
				if (near.distance <= 2) cue = near.id;
				ctx.warnings.push({
					path: ctx.pathOf(`sfx/${j}/cue`),
					term: s.cue,
					message: cue
						? `sound cue "${s.cue}" is not known; using "${cue}"`
						: `sound cue "${s.cue}" is not known and is not played (known: ${SFX_TERMS.map((t) => t.id).join(', ')})`,
				});
			}
			if (cue) cues.push(cueOf(cue, s.at, s.duration, s.volume));
		});
	} else {
		for (const found of findTerms(SFX_TERMS, text))
			cues.push(cueOf(found.id, 0, undefined, undefined));
	}
	if (weather === 'rain' && !cues.some((c) => c.cue === 'rain'))
		cues.push(cueOf('rain', 0, undefined, 0.6));
	return cues;
}
