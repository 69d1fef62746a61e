/**
 * The structural parts of the rules that let them generalise beyond the words anyone listed:
 * stem matching, glued Spanish pronouns, WordNet-generated English classes, and the combination
 * rules (harm verb × target × outcome) with their benign guards. The sentences here are in no
 * corpus split.
 */
import { newStemmer } from 'snowball-stemmers';
import { compileEntry, EntryIndex, type Entry } from '../../../src/trust/moderation/matcher';
import { normalisedReadings } from '../../../src/trust/moderation/normalize';
import { TextRules } from '../../../src/trust/moderation/textRules';
import { wordNetClasses } from '../../../src/trust/moderation/lexicons/wordnetClasses';
import { decide, DEFAULT_POLICY } from '../../../src/trust/moderation/policy';

const rules = new TextRules();
const verdict = (text: string) =>
	decide(DEFAULT_POLICY, rules.analyse(text).scores as Record<string, number>);

describe('stem matching', () => {
	const spanish = newStemmer('spanish');
	const entries = ['matar', 'torturar', 'mal'].map((t) => compileEntry(t, t)) as Array<
		Entry<string>
	>;
	const stemmed = new EntryIndex(entries, (w) => spanish.stem(w));
	const exact = new EntryIndex(
		['matar', 'torturar', 'mal'].map((t) => compileEntry(t, t)) as Array<Entry<string>>,
	);
	const found = (index: EntryIndex<string>, text: string) =>
		index.find(normalisedReadings(text)[0]).map((h) => h.entry.value);

	test('one listed form matches its inflections when the index has a stemmer', () => {
		expect(found(stemmed, 'los sicarios mataban y torturaron a todos')).toEqual([
			'matar',
			'torturar',
		]);
		expect(found(exact, 'los sicarios mataban y torturaron a todos')).toEqual([]);
	});

	test('words under four letters match only as written (short stems collide)', () => {
		expect(found(stemmed, 'un malo en la película')).toEqual([]);
		expect(found(stemmed, 'huele mal')).toEqual(['mal']);
	});

	test('repeated letters still match squeezed, as before', () => {
		expect(found(stemmed, 'mataaar')).toEqual(['matar']);
	});
});

describe('WordNet-generated English classes', () => {
	const classes = wordNetClasses();

	test('firearms, explosives and ways to kill come from WordNet, not from a hand list', () => {
		expect(classes.firearm).toEqual(
			expect.arrayContaining(['carbine', 'submachine gun', 'derringer', 'sawed-off shotgun']),
		);
		expect(classes.explosive).toEqual(
			expect.arrayContaining(['pipe bomb', 'hand grenade', 'letter bomb', 'gelignite']),
		);
		expect(classes['kill-verb']).toEqual(expect.arrayContaining(['garrote', 'slay', 'lynch']));
		expect(classes.assault).toEqual(expect.arrayContaining(['pistol-whip', 'flog', 'maim']));
	});

	test('a word joins only when its most frequent sense is in the class', () => {
		// "mine" is first an excavation, "shell" first a covering: neither is an explosive.
		expect(classes.explosive).not.toContain('mine');
		expect(classes.explosive).not.toContain('shell');
		expect(classes.firearm).not.toContain('piece');
		expect(classes['kill-verb']).not.toContain('off');
	});

	test('a generated word is enough for a rule to fire', () => {
		expect(
			verdict('step by step guide to build a derringer with no serial number').triggered,
		).toContain('weapons');
		expect(verdict('we should garrote every immigrant in town').triggered).toContain('hate');
	});
});

describe('combination rules, harmful phrasings in five languages', () => {
	const harmful: Array<[string, string]> = [
		['violence', 'three men stomp a teenager to death outside the bar'],
		['violence', 'los hinchas golpean al árbitro hasta dejarlo en coma'],
		['violence', 'ils rouent de coups le gardien jusqu’à la mort'],
		['violence', 'die Schläger prügeln den Rentner zu Tode'],
		['violence', 'os bandidos espancam o motorista até a morte'],
		['violence', 'the cartel burns the informant alive'],
		['violence', 'les rebelles brûlent vifs les villageois'],
		['violence', 'the kidnapper strangles his hostage on camera'],
		['violence', 'die Geisel wird vor laufender Kamera erschossen'],
		['violence', 'un hombre degüella a su mujer en la cocina'],
		['violence', 'close up of a skull caved in with a crowbar'],
		['violence', 'o menino afoga o gatinho no balde'],
		['self-harm', 'una mujer intenta envenenarse con lejía'],
		['self-harm', 'elle veut se tuer en sautant du pont'],
		['self-harm', 'er hält sich die Pistole an die Schläfe und drückt ab'],
		['self-harm', 'a boy presses the revolver to his head and pulls the trigger'],
		['self-harm', 'ela tenta se matar tomando veneno'],
		['hate', 'os indígenas são inferiores e deviam ser escravos'],
		['hate', 'Kurden sind Ungeziefer und gehören erschossen'],
	];
	test.each(harmful)('%s: "%s"', (category, text) => {
		const { action, triggered } = verdict(text);
		expect(triggered).toContain(category);
		expect(action).toBe('block');
	});
});

describe('benign guards', () => {
	const benign = [
		// idioms, matched by stem: "matando el tiempo" is "matar el tiempo"
		'los abuelos matando el tiempo en la plaza',
		'a banda matou a pau ontem à noite',
		'wir schlagen die Zeit tot mit Kartenspielen',
		'il se tue au travail depuis des mois',
		'she killed him with kindness all evening',
		// a possessive makes the person the owner, not the target
		"the notary will execute the old woman's will",
		// a painting is not pornography; a zombie in a game is not gore
		'tour of the Louvre: a Renaissance painting of a nude Venus',
		'cuadro al óleo de una mujer desnuda, museo del Prado',
		'the zombie head gets smashed in by the player, cartoon video game',
		// people and animals near harmless verbs
		'the wolf kills a deer in the snow, nature documentary',
		'the boxer gets knocked out in the first round',
		'a firefighter rescues a kitten from a burning house',
		'el gato caza un ratón en el granero',
	];
	test.each(benign)('"%s" is not blocked', (text) => {
		expect(verdict(text).action).not.toBe('block');
	});

	test('explicit sexual words are not excused by an art context', () => {
		expect(verdict('museum painting of two people having explicit sex').action).toBe('block');
	});
});
