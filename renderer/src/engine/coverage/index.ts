/**
 * Honest coverage: every subject, action, object, setting, time, weather and sound a prompt names
 * is checked against what the planned storyboard actually shows, and reported as `drawn`,
 * `approximated` (as what) or `not drawn`, with a score. Terms not drawn also become warnings with
 * the JSON pointer of the text that named them, so nothing a prompt asks for is dropped silently.
 *
 * The terms come from `terms.ts` (compromise + WordNet); what the engine can draw comes from the
 * vocabulary module (through `vocabularyIndex.ts`); what it did draw comes from the storyboard.
 */
import type { RenderSpec } from '../../spec/renderSpec';
import type {
	Coverage,
	CoverageCategory,
	CoverageStatus,
	CoverageTerm,
	ShotCoverage,
} from '../../spec/coverage';
import type { PlannedShot, Storyboard, Warning } from '../storyboard';
import { findPromptTerms, type FoundTerm } from './terms';
import { vocabularyIndex, type Category, type VocabularyEntry } from './vocabularyIndex';
import { wordNet } from './wordnet';

export type {
	Coverage,
	CoverageStatus,
	CoverageTerm,
	PlannerRecord,
	ShotCoverage,
} from '../../spec/coverage';

const WEIGHTS: Record<Category, number> = {
	subject: 2,
	action: 2,
	object: 1,
	setting: 1,
	time: 1,
	weather: 1,
	sound: 1,
	direction: 0,
};
const STATUS_VALUE: Record<CoverageStatus, number> = { drawn: 1, approximated: 0.5, 'not drawn': 0 };
/** How far up WordNet's hypernyms a word may climb to reach a vocabulary entry (puppy → dog is 1). */
const MAX_HYPERNYM_DEPTH = 6;

interface Candidate {
	entry: VocabularyEntry;
	approximate: boolean;
}

/** Vocabulary entries a term may be drawn as: the ones it names, else the nearest through WordNet. */
function candidatesOf(term: FoundTerm, tables?: string[]): Candidate[] {
	if (term.vocabulary.length)
		return term.vocabulary.map((entry) => ({ entry, approximate: entry.approximation }));
	if (!term.sense) return [];
	const bySynset = vocabularyIndex().bySynset(tables);
	const own = bySynset.get(`${term.sense.wordClass}:${term.sense.offset}`);
	if (own) return own.map((entry) => ({ entry, approximate: entry.approximation }));
	for (const { synset, depth } of wordNet().ancestors(term.sense, MAX_HYPERNYM_DEPTH)) {
		const entries = bySynset.get(`${synset.wordClass}:${synset.offset}`);
		if (entries && depth <= MAX_HYPERNYM_DEPTH)
			return entries.map((entry) => ({ entry, approximate: true }));
	}
	return [];
}

/** Every string a planned shot carries (setting, actions, props, cues, set-piece, ...), prompt and speech aside. */
function shownValues(shot: PlannedShot): Set<string> {
	const values = new Set<string>();
	const walk = (value: unknown, key?: string) => {
		if (key && SKIPPED_FIELDS.has(key)) return;
		if (typeof value === 'string') values.add(value);
		else if (Array.isArray(value)) value.forEach((v) => walk(v));
		else if (value && typeof value === 'object')
			for (const [k, v] of Object.entries(value)) walk(v, k);
	};
	walk(shot);
	return values;
}
const SKIPPED_FIELDS = new Set(['prompt', 'id', 'dialogue', 'character', 'text']);

interface Scope {
	storyboard: Storyboard;
	spec: RenderSpec;
	shots: PlannedShot[];
	values: Map<number, Set<string>>;
}

function shotsShowing(entry: VocabularyEntry, scope: Scope): number[] {
	if (entry.table === 'characterWords.garments' || entry.table === 'characterWords.accents') {
		// Worn by a character on screen: drawn as that character's outfit (or accent) colour.
		const word = new RegExp(`\\b${entry.id.replace(/[^a-z0-9 -]/g, '')}s?\\b`, 'i');
		const wearers = scope.storyboard.characters
			.filter((c) => word.test(c.description ?? ''))
			.map((c) => c.id);
		return scope.shots
			.filter((s) => s.frameCount > 0 && s.placements.some((p) => wearers.includes(p.character)))
			.map((s) => s.index);
	}
	if (entry.table === 'styles')
		return scope.storyboard.style === entry.id ? scope.shots.map((s) => s.index) : [];
	if (entry.table === 'musicMoods')
		return scope.storyboard.music.enabled && scope.storyboard.music.mood === entry.id
			? scope.shots.map((s) => s.index)
			: [];
	return scope.shots
		.filter((s) => s.frameCount > 0 && scope.values.get(s.index)?.has(entry.id))
		.map((s) => s.index);
}

/**
 * The characters a person word or a name stands for: by id, name or the noun that made them
 * (`exact`), else by the words of their description ("a surfer" played by a character described
 * as one).
 */
function charactersNamed(term: FoundTerm, scope: Scope): { ids: string[]; exact: boolean } {
	const lemma = term.lemma.toLowerCase();
	const exact = scope.storyboard.characters
		.filter(
			(c) => c.id === lemma || c.id.startsWith(`${lemma}-`) || c.name.toLowerCase() === lemma,
		)
		.map((c) => c.id);
	if (exact.length) return { ids: exact, exact: true };
	// "Maya, a tall woman": a character noun in a character's description names that character;
	// another person word is matched only in descriptions the spec itself gives.
	const word = new RegExp(`\\b${lemma.replace(/[^a-z0-9 ]/g, '')}s?\\b`, 'i');
	const characterNoun = term.vocabulary.some((e) => e.table === 'characterWords.nouns');
	const described = scope.storyboard.characters
		.filter((c) =>
			word.test(
				(characterNoun
					? c.description
					: scope.spec.characters.find((s) => s.id === c.id)?.description) ?? '',
			),
		)
		.map((c) => c.id);
	return { ids: described, exact: false };
}

function isPersonTerm(term: FoundTerm, scope: Scope): boolean {
	return (
		term.name === true ||
		term.sense?.lexname === 'noun.person' ||
		term.vocabulary.some((e) => e.table === 'characterWords.nouns') ||
		(term.category === 'subject' && charactersNamed(term, scope).exact)
	);
}

function resolve(term: FoundTerm, path: string, scope: Scope): CoverageTerm {
	const base = {
		path,
		term: term.text,
		lemma: term.lemma,
		category: term.category as CoverageCategory,
	};
	if (isPersonTerm(term, scope)) {
		const { ids, exact } = charactersNamed(term, scope);
		const shots = scope.shots
			.filter((s) => s.frameCount > 0 && s.placements.some((p) => ids.includes(p.character)))
			.map((s) => s.index);
		if (shots.length) {
			const known = exact || term.vocabulary.some((e) => e.table === 'characterWords.nouns');
			return known
				? { ...base, status: 'drawn', as: ids[0], table: 'characters', shots }
				: {
						...base,
						status: 'approximated',
						as: 'person',
						table: 'characters',
						shots,
						reason: `drawn as a generic person (${ids[0]})`,
					};
		}
		if (term.name || !term.vocabulary.length)
			return {
				...base,
				status: 'not drawn',
				shots: [],
				reason: ids.length
					? `${term.text} is a character but is not on screen in this part`
					: `no character is drawn for "${term.text}"`,
			};
	}
	const candidates = candidatesOf(term).filter((c) => c.entry.table !== 'characterWords.nouns');
	for (const candidate of candidates) {
		const shots = shotsShowing(candidate.entry, scope);
		if (!shots.length) continue;
		// A thing WordNet files as a phenomenon and the vocabulary draws as weather is weather.
		if (
			base.category === 'object' &&
			['weather', 'time', 'setting'].includes(candidate.entry.category)
		)
			base.category = candidate.entry.category as CoverageCategory;
		// Keys in the order every other answer has them: status, as, table, shots, reason.
		const found = (status: 'drawn' | 'approximated', reason?: string) => ({
			...base,
			status,
			as: candidate.entry.id,
			table: candidate.entry.table,
			shots,
			...(reason === undefined ? {} : { reason }),
		});
		if (term.heardOnly) return found('approximated', `heard ("${candidate.entry.id}" sound), not seen`);
		if (!candidate.approximate && !term.partial) return found('drawn');
		return found('approximated', `drawn as "${candidate.entry.id}"`);
	}
	const nearest = candidates[0]?.entry;
	return {
		...base,
		status: 'not drawn',
		shots: [],
		...(nearest ? { as: nearest.id, table: nearest.table } : {}),
		reason: nearest
			? `the engine can draw "${nearest.id}" but the plan does not show it here`
			: 'the local engine has nothing to draw it with',
	};
}

function scopeOf(storyboard: Storyboard, spec: RenderSpec, indices: number[]): Scope {
	const shots = indices.map((i) => storyboard.shots[i]).filter(Boolean);
	return {
		storyboard,
		spec,
		shots,
		values: new Map(shots.map((s) => [s.index, shownValues(s)])),
	};
}

function scoreOf(terms: CoverageTerm[]): number {
	let total = 0;
	let got = 0;
	for (const t of terms) {
		total += WEIGHTS[t.category];
		got += WEIGHTS[t.category] * STATUS_VALUE[t.status];
	}
	return total === 0 ? 1 : Math.round((got / total) * 100) / 100;
}

/** The texts a spec names terms in, each with its JSON pointer and the shots that should show it. */
function sourcesOf(spec: RenderSpec, storyboard: Storyboard) {
	const all = storyboard.shots.map((s) => s.index);
	const sources: Array<{ path: string; text: string; shots: number[] }> = [];
	if (spec.prompt) sources.push({ path: '/prompt', text: spec.prompt, shots: all });
	spec.shots.forEach((shot, i) => {
		if (storyboard.shots[i] && shot.prompt) sources.push({ path: `/shots/${i}/prompt`, text: shot.prompt, shots: [i] });
	});
	return sources;
}

/** Coverage of one planned shot, judged on its own prompt: the verdict routing reads. */
export function coverageOfShot(
	spec: RenderSpec,
	storyboard: Storyboard,
	shotIndex: number,
): ShotCoverage & { terms: CoverageTerm[] } {
	const shot = storyboard.shots[shotIndex];
	if (!shot) throw new RangeError(`the storyboard has no shot ${shotIndex}`);
	const path = spec.shots[shotIndex] ? `/shots/${shotIndex}/prompt` : '/prompt';
	const scope = scopeOf(storyboard, spec, [shotIndex]);
	const terms = findPromptTerms(shot.prompt)
		.filter((t) => t.category !== 'direction')
		.map((t) => resolve(t, path, scope));
	const missing = terms.filter((t) => t.status === 'not drawn');
	return {
		index: shot.index,
		id: shot.id,
		score: scoreOf(terms),
		drawable: !missing.some((t) => t.category === 'subject' || t.category === 'action'),
		missing: missing.map((t) => t.term),
		terms,
	};
}

/** The coverage report of a planned spec. */
export function coverageOf(spec: RenderSpec, storyboard: Storyboard): Coverage {
	const terms: CoverageTerm[] = [];
	for (const source of sourcesOf(spec, storyboard)) {
		const scope = scopeOf(storyboard, spec, source.shots);
		for (const term of findPromptTerms(source.text))
			if (term.category !== 'direction') terms.push(resolve(term, source.path, scope));
	}
	const counts = {
		drawn: terms.filter((t) => t.status === 'drawn').length,
		approximated: terms.filter((t) => t.status === 'approximated').length,
		notDrawn: terms.filter((t) => t.status === 'not drawn').length,
	};
	return {
		planner: storyboard.planner ?? { name: 'rules' },
		score: scoreOf(terms),
		counts,
		terms,
		shots: storyboard.shots.map((s) => {
			const { terms: _terms, ...shot } = coverageOfShot(spec, storyboard, s.index);
			return shot;
		}),
	};
}

/** A warning for every term not drawn (the planner's own warnings for the same term are kept instead). */
export function coverageWarnings(coverage: Coverage, existing: Warning[] = []): Warning[] {
	const warnings: Warning[] = [];
	const seen = new Set(existing.map((w) => `${w.path}\u0000${w.term.toLowerCase()}`));
	for (const t of coverage.terms) {
		if (t.status !== 'not drawn') continue;
		const key = `${t.path}\u0000${t.term.toLowerCase()}`;
		if (seen.has(key)) continue;
		seen.add(key);
		warnings.push({
			path: t.path,
			term: t.term,
			message: `${t.category} "${t.term}" is not drawn: ${t.reason ?? 'the local engine cannot draw it'}`,
		});
	}
	return warnings;
}

/**
 * The entries of one vocabulary table a text names, directly or through WordNet ("an armchair" is
 * a chair, "sprints" is a run): what the planner reads when the table's own words are not in the
 * text, so a prompt's own words reach what the engine can draw.
 */
export function vocabularyNamedIn(
	text: string,
	table: string,
): Array<{ id: string; word: string; index: number; approximate: boolean }> {
	const found: Array<{ id: string; word: string; index: number; approximate: boolean }> = [];
	for (const term of findPromptTerms(text)) {
		const candidate = candidatesOf(term, [table]).find((c) => c.entry.table === table);
		if (candidate && !found.some((f) => f.id === candidate.entry.id))
			found.push({
				id: candidate.entry.id,
				word: term.text,
				index: term.index,
				approximate: candidate.approximate || term.partial === true,
			});
	}
	return found;
}
