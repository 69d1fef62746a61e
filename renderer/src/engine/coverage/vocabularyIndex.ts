/**
 * The engine's vocabulary, indexed for the coverage report. It is derived from
 * `describeVocabulary()` (what `/v1/capabilities` serves), table by table, so a class the engine
 * learns to draw counts here the moment it is added to the vocabulary module: there is no second
 * list. Each entry keeps the words that name it (id, synonyms) and, for matching a word the
 * vocabulary does not list (puppy → dog), the WordNet sense of each of those words.
 */
import { describeVocabulary } from '../vocabulary';
import { wordNet, type Synset, type WordClass } from './wordnet';

export type Category =
	| 'subject'
	| 'action'
	| 'object'
	| 'setting'
	| 'time'
	| 'weather'
	| 'sound'
	/** Camera, style and music words: how it is filmed, not what is in it. */
	| 'direction';

export interface VocabularyEntry {
	/** The vocabulary table, as `describeVocabulary()` names it (settings, actions, props, ...). */
	table: string;
	id: string;
	category: Category;
	/** Lower-case words and phrases that name it. */
	words: string[];
	/** True when naming it gives something close but not it (settingApproximations: lake → beach). */
	approximation: boolean;
}

/** The category of the tables the engine has today; a table added later gets one from WordNet. */
const TABLE_CATEGORIES: Record<string, Category> = {
	settings: 'setting',
	settingApproximations: 'setting',
	timesOfDay: 'time',
	weather: 'weather',
	actions: 'action',
	setPieces: 'object',
	props: 'object',
	sfxCues: 'sound',
	cameraMoves: 'direction',
	styles: 'direction',
	musicMoods: 'direction',
	'characterWords.nouns': 'subject',
};

/** Lexicographer files whose words can be seen or heard in a shot, and what kind of term each is. */
export const LEXNAME_CATEGORIES: Record<string, Category> = {
	'noun.person': 'subject',
	'noun.animal': 'subject',
	'noun.group': 'subject',
	'noun.artifact': 'object',
	'noun.food': 'object',
	'noun.plant': 'object',
	'noun.object': 'object',
	'noun.substance': 'object',
	'noun.phenomenon': 'object',
	'noun.event': 'object',
	'noun.location': 'setting',
	'noun.act': 'action',
	'noun.time': 'time',
	'verb.motion': 'action',
	'verb.contact': 'action',
	'verb.competition': 'action',
	'verb.body': 'action',
	'verb.creation': 'action',
	'verb.consumption': 'action',
	'verb.social': 'action',
	'verb.communication': 'action',
	'verb.perception': 'action',
	'verb.weather': 'weather',
};

export function categoryOfSynset(synset: Synset): Category | undefined {
	return LEXNAME_CATEGORIES[synset.lexname];
}

/** Which word class a table's words are looked up in when matching through WordNet. */
function wordClassOf(category: Category): WordClass[] {
	if (category === 'action') return ['verb', 'noun'];
	if (category === 'sound') return ['noun', 'verb'];
	return ['noun'];
}

export interface VocabularyIndex {
	entries: VocabularyEntry[];
	/** Entries by each of their words and phrases (lower case). */
	byWord: Map<string, VocabularyEntry[]>;
	/** Longest phrase, in words. */
	longestPhrase: number;
	/**
	 * Entries by the WordNet synset of their words (`noun:<offset>`): the targets of hypernym
	 * matches; only the given tables' entries when `tables` is set (built per table, on first use).
	 */
	bySynset(tables?: string[]): Map<string, VocabularyEntry[]>;
}

type Described = ReturnType<typeof describeVocabulary>;

function entriesOf(vocabulary: Described): VocabularyEntry[] {
	const entries: VocabularyEntry[] = [];
	const add = (
		table: string,
		id: string,
		words: string[],
		approximation: boolean,
		category?: Category,
	) => {
		const all = [...new Set([id, id.replace(/-/g, ' '), ...words].map((w) => w.toLowerCase()))];
		entries.push({
			table,
			id,
			category: category ?? TABLE_CATEGORIES[table] ?? categoryFromWordNet(id),
			words: all,
			approximation,
		});
	};
	for (const [table, value] of Object.entries(vocabulary as Record<string, unknown>)) {
		if (Array.isArray(value)) {
			for (const item of value as Array<{ id?: unknown; synonyms?: unknown; promptWords?: unknown }>) {
				if (typeof item?.id !== 'string') continue;
				const words = [item.synonyms, item.promptWords]
					.flatMap((list) => (Array.isArray(list) ? list : []))
					.filter((s): s is string => typeof s === 'string');
				add(table, item.id, words, false);
			}
		} else if (table === 'settingApproximations' && value && typeof value === 'object') {
			for (const [word, setting] of Object.entries(value as Record<string, string>))
				add(table, setting, [word], true, 'setting');
		} else if (table === 'characterWords' && value && typeof value === 'object') {
			const words = value as { nouns?: string[]; garments?: string[]; accents?: string[] };
			for (const noun of words.nouns ?? []) add('characterWords.nouns', noun, [], false);
			// Clothes a description names are drawn as the character's outfit or accent colour.
			for (const garment of words.garments ?? [])
				add('characterWords.garments', garment, [], false, 'object');
			for (const accent of words.accents ?? [])
				add('characterWords.accents', accent, [], false, 'object');
		}
	}
	// An approximation entry must not claim its target's own id as a word ("beach" is not approximated).
	for (const entry of entries)
		if (entry.approximation) entry.words = entry.words.filter((w) => w !== entry.id);
	return entries;
}

function categoryFromWordNet(id: string): Category {
	const word = id.replace(/-/g, ' ');
	for (const wordClass of ['noun', 'verb'] as const) {
		for (const sense of wordNet().senses(word, wordClass)) {
			const category = categoryOfSynset(sense);
			if (category) return category;
		}
	}
	return 'object';
}

/** The first sense of a vocabulary word that names something visible or audible. */
export function visibleSense(word: string, wordClass: WordClass): Synset | undefined {
	return wordNet()
		.senses(word, wordClass)
		.find((s) => categoryOfSynset(s) !== undefined);
}

let cached: { source: Described; index: VocabularyIndex } | undefined;

/** The index of the current vocabulary (rebuilt if the vocabulary module's tables changed). */
export function vocabularyIndex(): VocabularyIndex {
	const source = describeVocabulary();
	const signature = JSON.stringify(source);
	if (cached && JSON.stringify(cached.source) === signature) return cached.index;
	const entries = entriesOf(source);
	const byWord = new Map<string, VocabularyEntry[]>();
	let longestPhrase = 1;
	for (const entry of entries) {
		for (const word of entry.words) {
			const list = byWord.get(word) ?? [];
			list.push(entry);
			byWord.set(word, list);
			longestPhrase = Math.max(longestPhrase, word.split(/[\s-]+/).length);
		}
	}
	const perTable = new Map<string, Map<string, VocabularyEntry[]>>();
	const synsetsOf = (table: string) => {
		let synsets = perTable.get(table);
		if (synsets) return synsets;
		synsets = new Map();
		for (const entry of entries) {
			if (entry.table !== table || entry.category === 'direction') continue;
			for (const word of entry.words) {
				for (const wordClass of wordClassOf(entry.category)) {
					// An action's noun is its act ("a cartwheel"), though WordNet lists the wheel first.
					const sense: Synset | undefined =
						entry.category === 'action' && wordClass === 'noun'
							? wordNet()
									.senses(word, 'noun')
									.find((candidate) => candidate.lexname === 'noun.act')
							: visibleSense(word, wordClass);
					// An action is a verb, or a noun that names an act ("a jump"), not a thing ("a wave").
					if (
						!sense ||
						(entry.category === 'action' &&
							sense.lexname.startsWith('noun.') &&
							sense.lexname !== 'noun.act')
					)
						continue;
					const key: string = `${sense.wordClass}:${sense.offset}`;
					const list: VocabularyEntry[] = synsets.get(key) ?? [];
					if (!list.includes(entry)) list.push(entry);
					synsets.set(key, list);
				}
			}
		}
		perTable.set(table, synsets);
		return synsets;
	};
	const tableNames = [...new Set(entries.map((e) => e.table))];
	const index: VocabularyIndex = {
		entries,
		byWord,
		longestPhrase,
		bySynset(tables = tableNames) {
			const merged = new Map<string, VocabularyEntry[]>();
			for (const table of tables)
				for (const [key, list] of synsetsOf(table))
					merged.set(key, [...(merged.get(key) ?? []), ...list]);
			return merged;
		},
	};
	cached = { source, index };
	return index;
}
