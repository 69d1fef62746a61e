/**
 * The shape of one language's word lists. Terms are written plainly (normalisation handles case,
 * accents, leetspeak, spacing and repeats); a trailing `*` matches any ending ("behead*" → beheads,
 * beheading). Operators extend the weighted terms through configuration (`lexicon`).
 */
import type { Category } from '../policy';

export interface LexiconTerm {
	term: string;
	weight: number;
}

/** Weighted terms per category: one strong term decides, several weak ones add up (noisy-OR). */
export type Lexicon = Partial<Record<Category, LexiconTerm[]>>;

/**
 * Word classes the context rules (`contextRules.ts`) combine. A class alone scores nothing: "shoot"
 * is a basketball shot until a crowd or a casualty is near it, "immigrants" is a neutral word until a
 * dehumanising comparison or a call to kill is next to it.
 */
export const CONCEPTS = [
	/** Protected groups: nationality, ethnicity, religion, sexual orientation, gender identity, disability. */
	'group',
	/** Dehumanising words that need no comparison to be an insult of a group (vermin, parasites). */
	'dehumaniser',
	/** Animal words that dehumanise only as a comparison ("are animals", "like apes"). */
	'dehumaniser-weak',
	/** Copulas and comparisons: are, like, as, son, sont, sind, são, como, comme, wie. */
	'compare',
	/** Verbs of killing or removing people. */
	'kill-verb',
	/** die / should die. */
	'die',
	/** should, must, have to, deserve; hay que, il faut, man sollte, precisamos. */
	'modal',
	/** "death to", "muerte a", "mort aux", "Tod den", "morte aos". */
	'death-to',
	/** Words that make a person a child. */
	'minor',
	/** Mildly sexual words that become abuse material with a child marker (sexy, lingerie, posing). */
	'sexual-mild',
	/** Unambiguous acts of violence against people (gunman, opens fire, massacre, stabs). */
	'violent-act',
	/** Ambiguous "shoot" verbs (a ball, a photo, a film, or a person). */
	'shoot',
	/** What a harmless shot is aimed at: a ball, a goal, a photo, a scene. */
	'shoot-benign',
	/** Crowds and places of mass violence: schools, students, concerts, churches, shoppers. */
	'crowd',
	/** Bodies, the dead, victims, casualties. */
	'casualties',
	/** Animals people keep or meet (not food animals, so butchers pass). */
	'animal',
	/** Acts of cruelty that need no object order (torture, drown, burn alive). */
	'cruelty',
	/** Blows that are cruelty only with an animal as the object (kick, beat). */
	'cruelty-weak',
	/** Reflexive pronouns: myself, herself, se, sich, me. */
	'self',
	/** Verbs of self-injury used with a reflexive or a body part. */
	'harm-verb',
	/** Body parts people cut in self-harm: wrists, forearms, veins. */
	'body-cut',
	/** Requests for instructions: how to, step by step, tutorial, recipe. */
	'instruction',
	/** make, build, assemble, convert, 3D-print. */
	'make',
	/** Explosives and incendiaries. */
	'explosive',
	/** Firearms. */
	'firearm',
	/** What makes a firearm illegal: untraceable, no serial number, full auto. */
	'weapon-mod',
	/** Chemical and biological agents of mass harm. */
	'toxic-agent',
	/** Illegal drugs people manufacture. */
	'drug',
	/** Contexts that explain rather than depict: documentary, history, prevention, medical, memorial. */
	'mitigation',
	/** High places people jump from: bridge, roof, cliff, Brücke, ponte. */
	'height',
	/** Jumping or throwing oneself. */
	'jump',
	/** Words of wanting to die: to die, goodbye note, para morir, pour mourir, um zu sterben. */
	'death-wish',
	/** Pills, poison, swallowing. */
	'ingest',
	/** Throwing something (an animal off a bridge). */
	'throw',
	/** Age units after a number: years, years old, yo, años, ans, Jahre, anos. */
	'age-unit',
	/** Beating, wounding or torturing someone (beats, tabasse, prügeln, espanca, golpea). */
	'assault',
	/** What makes a beating deadly or grave: to death, into a coma, until he stops moving, bleeding. */
	'lethal-outcome',
	/** Setting on fire: burn, set alight, quemar, brûler, verbrennen, queimar. */
	'burn',
	/** Alive: alive, vivo, vif, lebendig, vivo. */
	'alive',
	/** Third-person and emphatic reflexives (not "me", which is also an object: "this heat kills me"). */
	'reflexive',
	/** Killing oneself once a reflexive is next to it: kill, end, matar, tuer, umbringen, matar. */
	'suicide-verb',
	/** Verbs of killing a person outright: strangle, stab, slit a throat; estrangular, égorger, erwürgen. */
	'killing',
	/** People a violent act can be aimed at: man, woman, wife, neighbour, hostage, hombre, Frau, mulher. */
	'person',
	/** A gun turned on oneself: in his mouth, to her head, under his chin, sur la tempe, an die Schläfe. */
	'own-head',
	/** Passive auxiliaries: gets, was, being; es/fue; est/a été; wird/wurde; é/foi. */
	'passive',
	/** Body parts whose destruction is gore: head, skull, face, eyes, brain, guts, throat. */
	'body-part',
	/** Destroying a body part: smashed in, crushed, ripped out, gouged, blown off, split open. */
	'maim',
	/** Fictional or inanimate bodies whose destruction is not gore: zombie, robot, cartoon, doll. */
	'fictional',
	/** An overdose's amount: a whole bottle, all the pills, eine ganze Packung, todas las pastillas. */
	'overdose-amount',
	/** Pills and medicines: pills, painkillers, cachets, Tabletten, pastillas, comprimidos. */
	'pills',
	/** Art and its places: painting, statue, museum, cuadro, tableau, Gemälde, quadro. */
	'art',
	/**
	 * Euphemisms for killing someone: sleep forever, disappear for good, dormir para siempre, faire
	 * disparaître, für immer schlafen lassen, dormir pra sempre.
	 */
	'death-euphemism',
	/** Asking for explicitness: uncut, uncensored, show everything, sin censura, sans flouter, ohne Zensur. */
	'explicit',
	/** What an animal thrown into it suffers from: a fire, a bonfire, an oven, boiling water. */
	'hazard',
	/**
	 * Cutting a part off: cut off, chops off, corta, coupe, schneidet ab. Gore only with a person in the
	 * sentence (a cook cuts off a fish's head).
	 */
	'sever',
	/** Reporting how others depicted a group: propaganda, depicted, portrayed, caricatures, posters. */
	'depicted',
	/** Matches, tournaments and contests, where a "massacre" is a score: match, Liga, torneo, concours. */
	'sport',
	/** Setting someone on fire: set fire to, prenden fuego, met le feu, zündet … an, ateia fogo. */
	'set-fire',
	/** What a person hangs from to die: a noose, a rope, a beam, a ceiling fan; soga, corde, Strick, corda. */
	'noose',
	/** Walking into a place: walks into, enters, storms into; entra en, entre dans, betritt, entra na. */
	'enter',
	/** Asking to see harm up close: in detail, close-up, show it, slow motion, primer plano, en gros plan, Nahaufnahme, mostra tudo. */
	'graphic',
	/** Knives and blades: knife, machete, razor, cuchillo, couteau, Messer, faca. */
	'blade',
	/** Armed people: armed, gunmen, armados, armés, bewaffnet, armados. */
	'armed',
	/** Aiming at people: raising the gun, takes aim, picks off, pour cibles, apunta a, zielt auf, mira em. */
	'aim',
	/** Harm made pretty or aspirational: aesthetic, dreamy, soft focus, motivation, inspo, sad piano. */
	'aestheticised',
	/** What a cut leaves: deep enough to scar, scars, bleeding; cicatriz, cicatrice, Narbe. */
	'wound',
	/** Starving and purging: starving herself, calories, counting ribs, hungert sich, se matar de fome. */
	'eating-disorder',
	/** Romance and bed: romantic, kissing, under the covers, in bed together, acostándose, bisous, küssen. */
	'intimacy',
	/** Adults in a child's life or an adult as such: grown man, teacher, babysitter, profesora, Lehrer. */
	'adult',
	/** Approving the harm or making it personal: deserves it, lol, revenge, se lo merece, hat es verdient. */
	'endorse',
	/** Someone the requester knows: my coworker, my neighbour, my ex, mi jefe, mon voisin, meine Kollegin. */
	'acquaintance',
	/** Removing people, said of a group: getting rid of them, deal with them, wipe them out, exterminate. */
	'get-rid',
	/** Kicking or stamping on someone lying down: stomps, kicks his head, pisotea, piétine, tritt, chuta. */
	'stomp',
	/** Trains and tracks someone steps in front of: the tracks, the train pulls in, vías, rails, Gleise, trilhos. */
	'rail',
	/** Asking for what follows, not the act: show what happens after, zeig, was passiert, muestra lo que pasa. */
	'aftermath',
	/** Poisons a person can be given: poison, cyanide, veneno, Gift, rattengift, chumbinho. */
	'poison',
	/** Doing it unseen: undetectable, untraceable, into his drink, sin que se note, nicht nachweisbar. */
	'covert',
	/** Notorious massacres by name: Christchurch, Columbine, Utøya, Sandy Hook, Bataclan, Hanau. */
	'massacre-name',
	/** Re-enacting from the inside: reenact, recreate, the shooter's point of view, livestream, POV. */
	'reenact',
	/** Locking someone up: locks her in, chained up, sperrt ein, la encierra, l'enferme, tranca. */
	'confine',
	/** Keeping food or water from someone: without food, ohne Essen, sin comida, sans manger, sem comida. */
	'deprive',
	/** Injury told without a verb: gouged, a wood chipper, skin melting, a brain visible, chunks (gore with a body). */
	'mutilation',
	/** Torture named by its method: waterboarding, electric shocks, pulled-out fingernails, pau de arara. */
	'torture-method',
	/** Toxic gas from household chemicals: bleach and ammonia, "gas tóxico casero". */
	'toxic-mix',
	/** Aimed at people: to use on people, contra personas, gegen Menschen, in a closed room. */
	'against-people',
	/** Illegal sources of weapons: darknet, black market, no background check, sin licencia. */
	'illicit-source',
	/** Getting hold of something: buy, order, have it delivered, comprar, se faire livrer. */
	'acquire',
	/** Self-harm "games" and challenges: blue whale, blackout challenge, jeu du foulard. */
	'deadly-challenge',
	/** The slogan template "the only good X is a dead X" in five languages. */
	'only-good',
	/** Classic antisemitic and conspiracy tropes: hooked noses, controlling the world or the banks. */
	'hate-trope',
	/**
	 * A train arriving and a platform: where people wait, not where someone stands to die (only a
	 * step in front of it is an act): the train pulls in, train platform, andén, quai, Bahnsteig.
	 */
	'train',
	/** Asking which drug or how much of it: which pills, how many, lethal dose, in welcher Menge, cuántas pastillas. */
	'dose-question',
	/** Wanting to be thin, or a goal weight: to get skinny, goal weight, pra ficar magra, um dünn zu sein. */
	'thin-goal',
	/** Atrocities done to a group: the camps, gas chambers, the Holocaust, genocide, lynching. */
	'atrocity',
	/** Praise of a genocide's perpetrators: the nazis were right, Hitler did nothing wrong, finish the job. */
	'perpetrator-praise',
	/**
	 * The slogan "the only good X is a dead X" in the word order that puts the adjective after the
	 * noun ("el único indio bueno", "o único índio bom"): its "the only" and its "good", joined into
	 * `only-good` when they stand within a few words of each other.
	 */
	'slogan-only',
	'slogan-good',
	/** Means of suicide named as such: a noose, car exhaust in a garage, carbon monoxide, Autoabgase, se pendre. */
	'suicide-method',
	/** Death framed as relief: finally free, at peace at last, friedlicher Abschied, enfin libre, por fin libre. */
	'release',
	/** How much of a substance: dose, dosage, con dosis, Dosierung, quelle quantité. */
	'dosing',
	/** Animals set to fight each other: dog fights, cockfights, peleas de gallos, Hahnenkampf, rinha. */
	'animal-fight',
	/** Money staked on an outcome: bet, apuestas, parient, Wetten, apostam. */
	'bet',
	/** Animals tearing each other apart: tearing each other apart, se despedazan, zerfleischen sich. */
	'maul',
	/** A group's places of worship: synagogue, mosque, church, temple, terreiro, Moschee, mezquita. */
	'worship-place',
	/** Burning or razing a building on purpose: burn down, set fire to, quemar, incendier, niederbrennen. */
	'burn-down',
	/**
	 * Insects and rodents as what is killed: cockroaches, termites, rats, Kakerlaken, cucarachas,
	 * cafards, baratas, and the trade that kills them (pest control, exterminator). Killing them is
	 * not violence; calling a group "cockroaches" is still hate (the group rules do not look here).
	 */
	'pest',
	/** Verbs of attacking: attack, atacar, attaquer, angreifen, atacar (an armed attack on a crowd). */
	'attack',
	/**
	 * Meat as food and its trade: butcher shop, rack of lamb, chops, recipe, barbecue; carnicería,
	 * boucherie, Metzgerei, açougue. A butcher trimming lamb is not an animal harmed.
	 */
	'meat',
	/** Blunt weapons a person is beaten with: hammer, baseball bat, crowbar; martillo, marteau, Hammer, martelo. */
	'blunt-weapon',
	/** Undressing: take off her clothes, undress; se quita la ropa, se déshabille, zieht sich aus, tira a roupa. */
	'undress',
	/** Someone outside the family a child meets: a stranger, an older man online; desconocido, inconnu, Fremder, estranho. */
	'stranger',
	/** A camera on the child: webcam, video call, on camera; videollamada, appel vidéo, Videoanruf, chamada de vídeo. */
	'on-camera',
	/**
	 * A death told as gentle: peaceful, painless, without pain; en paz, sans douleur, friedlich, sem dor.
	 * Only a suicide frame reads it (a peaceful lake is no one's death).
	 */
	'painless',
	/**
	 * "Out!" said to a group: fuera, dehors, raus, fora. A call only right next to the group ("Juden
	 * raus", "fuera los gitanos"); English "out" is too common, its slogans are `get-rid` phrases.
	 */
	'expel',
	/** Celebrating or mocking: laughing at, cheering, serves them right; bien fait pour eux, se lo merecían, geschieht ihnen recht, bem feito. */
	'celebrate',
	/** Disasters and attacks with victims: earthquake, flood, plane crash, bombing; terremoto, attentat, Anschlag. */
	'disaster',
	/** Aircraft: plane, jet, airliner; avión, avion, Flugzeug, avião. */
	'aircraft',
	/** Flying or crashing into something: flown into, crashes into; se estrella contra, s'écrase sur, kracht in, bate na. */
	'crash-into',
	/** Towers and full buildings an aircraft is flown into: tower, skyscraper, stadium; torres, gratte-ciel, Hochhaus, arranha-céu. */
	'tower',
	/** Animals kept as companions: dog, puppy, cat, kitten; perro, chien, Hund, cachorro. */
	'pet',
	/** The perpetrator of an attack: shooter, gunman, bomber; tirador, tireur, Attentäter, atirador. */
	'attacker',
	/** Praise that makes someone a hero: tribute, a true saint, a legend; homenaje, hommage, Held, lenda. */
	'hero-worship',
	/** Road vehicles: van, truck, car; furgoneta, camion, LKW, caminhão. */
	'vehicle',
	/** Driving into people: ploughs into the crowd, at full speed; embiste, fonce dans, rast in, avança sobre. */
	'ram',
	/** Driving people out of a place: chasing them out of the neighbourhood; echan del pueblo, chassent du village. */
	'drive-out',
	/** Who stopped an attacker, or the victims remembered: tackled the gunman, victims, memorial; détuvo, désarmé, überwältigt, deteve. */
	'attacker-stopped',
	/** Vessels a bomb is built in: pressure cooker; olla a presión, cocotte-minute, Schnellkochtopf, panela de pressão. */
	'bomb-vessel',
	/** Left next to people: leave it near; dejarla cerca, la laisser près, in der Nähe abstellen, deixar perto. */
	'leave-near',
	/** Taken away to be killed: into the trunk, hooded men; encapuchados, dans le coffre, Kofferraum, porta-malas. */
	'abduct',
	/** Fiction asked to look real: like real footage; que parezca real, comme de vraies images, wie echte Aufnahmen, parecer real. */
	'made-real',
	/** Victims mourned: a memorial, a vigil, the anniversary of; homenaje a las víctimas, hommage aux victimes, Gedenkfeier, vigília. */
	'mourning',
	/** An object pronoun written before its verb: "lo ejecutan", "la mata", "le tue", "l'égorgent". */
	'object-pronoun',
	/** What a program runs, for "el programa lo ejecutan": programa, script, comando; programme, tâche; Programm. */
	'program-run',
	/** An explosive called by another name: "a special kind of fireworks"; fogos especiais, feux spéciaux. */
	'disguised-explosive',
	/** What a child undresses for every day: a bath, a swimming lesson, bed; natación, piscine, Schwimmunterricht, banho. */
	'undress-purpose',
	/** Monsters and the undead a game's hero cuts down: skeleton, zombie, orc; esqueleto, squelette, Skelett, esqueleto. */
	'monster',
	/** Praise of an attack itself: glorifies, an apology for; glorifica, fait l'apologie, verherrlicht, glorifica. */
	'glorify',
	/** Blood that is obviously fake: fake blood, corn syrup blood, stage blood; sangre falsa, faux sang, Kunstblut, sangue falso. */
	'stage-blood',
	/** Spectators kept out of harm's way: controlled demolition, from a safe distance; demolición controlada, Sprengung. */
	'safe-distance',
	/** Cleansing a place of people: clean the country of, limpiar el país de, nettoyer la France de, säubern, limpar o país de. */
	'cleanse',
	/** Telling someone they are worth nothing: you're worthless, no vales nada, tu ne vaux rien, du bist nichts wert. */
	'worthless',
] as const;

export type Concept = (typeof CONCEPTS)[number];

export interface LanguagePack {
	/** ISO 639-1 code. */
	language: string;
	/**
	 * The Snowball stemmer (`snowball-stemmers`) the word classes are matched with, so one listed
	 * form of a verb or noun stands for its inflections.
	 */
	stemmer: 'english' | 'spanish' | 'french' | 'german' | 'portuguese';
	/**
	 * Pronouns written glued to a verb ("matarse", "cortándose"): group 1 is the verb, group 2 the
	 * pronoun; the word classes see them as two words, so "se" counts as a reflexive.
	 */
	clitics?: RegExp;
	/** The language writes compounds as one word ("Gesamtschule"): word classes match their parts. */
	compounds?: boolean;
	/**
	 * Particles of separable verbs ("zieht sich … aus"): a listed phrase ending in one matches with
	 * the particle further on in the sentence.
	 */
	separableParticles?: string[];
	/**
	 * Common function words: the context rules of a language run only on text that has some of them
	 * (or on every language when no list matches), so that "kind" in English is not German "Kind".
	 */
	stopwords: string[];
	terms: Lexicon;
	concepts: Partial<Record<Concept, string[]>>;
	/**
	 * Phrases in which a listed word is harmless ("naked eye", "same-sex", "pieds nus", "bath bomb"):
	 * the words they cover match no term and no concept.
	 */
	safePhrases: string[];
	/** Number words up to nineteen, for ages written in words ("fourteen-year-old", "quince años"). */
	numbers: Record<string, number>;
}

export const t = (weight: number, ...terms: string[]): LexiconTerm[] =>
	terms.map((term) => ({ term, weight }));
