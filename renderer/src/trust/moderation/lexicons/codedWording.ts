/**
 * Coded and euphemistic wording, and the idioms that only sound harmful, per language; merged into
 * the language packs (`index.ts`) so each class stays in one place. From the misses and false
 * positives of two splits written by someone who never saw the rules (blind17, blind18; see
 * docs/trust-and-safety.md), each widened to a class in the five languages:
 *
 * - minors: slang for a child in sexual wording ("barely-teen", "first bra", "l0li", "sk00l
 *   uniform"), and the poses and shows that make a child sexual ("sensual poses", "private show");
 * - sexual: explicit sex told without explicit words ("nothing left to the imagination");
 * - hate: the fourteen words and "1488", "back to the jungle they came from", a group's dead
 *   laughed at ("laugh track", "un de moins");
 * - gore: dismemberment and opened bodies in plain words ("chopped into pieces", "Knochen ragen
 *   raus", "tripas pra fora");
 * - false positives: a threat that is a figure of speech ("my grandma will murder me if I'm late"),
 *   a crowd set on fire by a DJ, sex education about contraception and infections, a controlled
 *   demolition, fake blood in a comedy.
 */
import type { Concept, Lexicon } from './types';
import { t } from './types';

/** "Mettre le feu à la salle" in its tenses and venues: the idiom of a crowd carried away. */
const FIRED_UP_VENUES = [
	'met',
	'mettent',
	'mis',
	'mettre',
	'mettra',
	'mettront',
	'mettait',
	'mettaient',
].flatMap((verb) =>
	[
		'a la salle',
		'au public',
		'a la piste',
		'au dancefloor',
		'a la scene',
		'au club',
		'a la boite',
		'au festival',
		'au stade',
	].map((venue) => `${verb} le feu ${venue}`),
);

export interface PackAdditions {
	terms?: Lexicon;
	concepts?: Partial<Record<Concept, string[]>>;
	safePhrases?: string[];
}

/** Hate codes people write the same in every language (every pack's terms apply to every text). */
const CODED_HATE_NUMBERS = [
	// "1488" alone could be a year; with a banner, a tattoo or a theme it is the neo-Nazi code.
	...t(0.45, '1488'),
	...t(0.9, '1488 themed', '1488 banner*', '1488 tattoo*', '1488 flag*', '1488 shirt*', 'hh 1488'),
];

export const CODED_WORDING: Record<string, PackAdditions> = {
	en: {
		terms: {
			hate: [
				...CODED_HATE_NUMBERS,
				// Racial holy war, the day of the rope, kebab removal: calls to kill in the movement's code.
				...t(
					0.9,
					'rahowa',
					'racial holy war',
					'day of the rope',
					'remove kebab',
					'kebab removal',
					'zionist occupied government',
				),
				// The "fourteen words" slogan and its halves.
				...t(
					0.9,
					'secure the existence of our people',
					'we must secure the existence',
					'a future for white children',
					'future for white children',
				),
				...t(0.45, '14 words', 'fourteen words'),
				...t(0.9, 'back to the jungle they came from', 'back to the jungle where they came from'),
			],
			// Sex in soft words: sexual only when asked for explicitly ("nothing left to the imagination").
			sexual: [
				...t(0.6, 'ahegao'),
				...t(
					0.3,
					'getting very friendly',
					'get very friendly',
					'gets very friendly',
					'what they do to each other',
					'making love',
					'make love',
					'makes love',
					'doing it on the',
					'doing it in the',
				),
			],
		},
		concepts: {
			cleanse: [
				'clean the country of',
				'cleanse the country of',
				'clean our country of',
				'clean the streets of',
				'cleanse the streets of',
				'rid the country of',
				'cleansed of',
			],
			'stage-blood': [
				'fake blood',
				'corn syrup blood',
				'stage blood',
				'prop blood',
				'ketchup blood',
			],
			'safe-distance': [
				'controlled demolition',
				'safely far away',
				'from a safe distance',
				'at a safe distance',
			],
			'made-real': ['real looking', 'real-looking', 'no cap real'],
			graphic: ['gorey', 'ultra gory'],
			minor: [
				'barely teen',
				'barely a teen',
				'first bra',
				'training bra',
				'skool uniform',
				'skool girl',
				'lolita',
				'lolis',
			],
			'sexual-mild': [
				// Sex told as payment ("she pays him another way") or a film's "intimate scene".
				'intimate scene',
				'pays him another way',
				'pay him another way',
				'pays another way',
				'paying another way',
				'pays him in kind',
				// A camera on a child's body: sexual once a child is there.
				'close ups of her body',
				'close up of her body',
				'close ups on her body',
				'camera lingering on her',
				'lingering on her hips',
				'zoom on her body',
				'seduction scene',
				'private show',
				'lifting her skirt',
				'lifts her skirt',
				'sensual poses',
				'sensual pose',
				'sexy poses',
				'sexy pose',
				'posing sensually',
			],
			explicit: [
				'nothing left to the imagination',
				'leaves nothing to the imagination',
				'leave nothing to the imagination',
				'every detail of what they do',
			],
			dehumaniser: ['back to the jungle'],
			// "A guy in a wheelchair shoved down the stairs while the office cheers": disability is a
			// protected group; the attack and the cheering are the frame that makes it hate.
			group: ['urban youth', 'in a wheelchair', 'wheelchair user', 'wheelchair users'],
			assault: ['shoved down the stairs', 'pushed down the stairs', 'kicked down the stairs'],
			'get-rid': ['deporting every last one', 'deport every last one', 'deported every last one'],
			// "…and the narrator says that's what they deserve": the attack approved.
			celebrate: [
				'laugh track',
				'canned laughter',
				'one less of them',
				'what they deserve',
				'what they deserved',
				'got what they deserved',
			],
			mutilation: [
				'chopped into pieces',
				'chopped to pieces',
				'cut into pieces',
				'hacked into pieces',
				'hacked to pieces',
				'chopped up body',
				'dismembered',
				'dismembering',
				'dismembers',
				'limbs on the floor',
				'severed limbs',
				'severed hands',
				'severed hand',
				'body parts in bags',
				'body parts in garbage bags',
				'body parts in trash bags',
				'cuts his chest open',
				'cuts her chest open',
				'cut his chest open',
				'cut her chest open',
				'pulls out his beating heart',
				'pulls out her beating heart',
				'rips out his heart',
				'rips out her heart',
				'ripped clean off',
				'torn clean off',
				'bones sticking out',
				'bone sticking out',
				'guts hanging out',
				'guts spilling out',
				'belly slit open',
			],
			'body-part': ['jaw', 'chest', 'heart', 'limbs', 'belly', 'teeth', 'tongue', 'torso'],
			// Butchering a person ("hollow out the torso", "a butcher carving up a man").
			sever: ['hollow out', 'hollows out', 'hollowed out', 'carves up', 'carving up', 'carved up'],
			fictional: ['fake blood', 'corn syrup blood', 'stage blood', 'prop blood', 'ketchup blood'],
		},
		safePhrases: [
			// A figure of speech: the person who "will kill me" is family, and the threat is a condition.
			'will murder me if',
			'will kill me if',
			'gonna kill me if',
			'gonna murder me if',
			'going to kill me if',
			'going to murder me if',
			'will kill me when',
			'will murder me when',
			// Sex education.
			'sexually transmitted',
			'sexual health',
			'sex education',
			// A DJ or a band that sets the floor on fire.
			'set the dance floor on fire',
			'sets the dance floor on fire',
			'set the dancefloor on fire',
			'sets the dancefloor on fire',
			'set the stage on fire',
			'sets the stage on fire',
			// Everyday words that begin with a harmful stem ("stab*", "retard*") or hold a slur or a
			// killing in an idiom.
			'stable',
			'stables',
			'stability',
			'stabiliz*',
			'stabilis*',
			'retardant*',
			'chink in the armor',
			'chink in the armour',
			'chinks in the armor',
			'chinks in the armour',
			'murder mystery',
			'murder mysteries',
		],
	},
	es: {
		terms: {
			hate: [
				...t(
					0.9,
					'asegurar la existencia de nuestro pueblo',
					'un futuro para los ninos blancos',
					'futuro para los ninos blancos',
				),
				...t(0.9, 'de vuelta a la selva de donde vinieron', 'a la selva de donde vinieron'),
			],
			// Sex in soft words: sexual only when asked for explicitly ("nothing left to the imagination").
			sexual: [
				...t(0.6, 'ahegao'),
				...t(0.3, 'muy cariñosas', 'muy cariñosos', 'lo que se hacen'),
				// "Tener relaciones" is having sex, and also "tener relaciones sanas con tus clientes": weak
				// alone, enough with a child or asked for explicitly.
				...t(
					0.4,
					'teniendo relaciones',
					'tener relaciones',
					'tienen relaciones',
					'tuvieron relaciones',
				),
			],
		},
		concepts: {
			cleanse: ['limpiar el pais de', 'limpiar las calles de', 'limpiar espana de', 'limpieza de'],
			'stage-blood': ['sangre falsa', 'sangre de mentira', 'sangre de utileria'],
			'safe-distance': ['demolicion controlada', 'a una distancia segura', 'a salvo lejos'],
			minor: ['primer sujetador', 'primer brasier', 'apenas adolescente', 'lolita'],
			'sexual-mild': [
				'escena intima',
				'paga de otra manera',
				'pagarle de otra manera',
				'paga de otra forma',
				'pagarle de otra forma',
				// A camera on a child's body: sexual once a child is there.
				'primeros planos de su cuerpo',
				'la camara se recrea en su cuerpo',
				'zoom a su cuerpo',
				'escena de seduccion',
				'show privado',
				'poses sensuales',
				'pose sensual',
				'poses sexys',
				'levantandose la falda',
				'se levanta la falda',
			],
			explicit: [
				'sin dejar nada a la imaginacion',
				'nada a la imaginacion',
				'cada detalle de lo que se hacen',
			],
			dehumaniser: ['de vuelta a la selva'],
			celebrate: [
				'risas enlatadas',
				'uno menos',
				'risas grabadas',
				'lo que se merecen',
				'se lo merecen',
				'se lo tienen merecido',
			],
			group: ['en silla de ruedas'],
			assault: ['empujado por las escaleras', 'empujada por las escaleras'],
			mutilation: [
				'descuartizado',
				'descuartizada',
				'descuartizan',
				'cortado en pedazos',
				'cortada en pedazos',
				'hecho pedazos',
				'en trozos',
				'miembros por el suelo',
				'huesos saliendo',
				'le abre el pecho',
				'le arranca el corazon',
				'tripas fuera',
				'tripas colgando',
			],
			fictional: ['sangre falsa', 'sangre de mentira', 'parodia'],
		},
		safePhrases: [
			// A cleanup of a place (a beach, a park), not the cleansing of the people who do it.
			'limpieza de playa',
			'limpieza de playas',
			'limpieza de la playa',
			'limpieza del parque',
			'limpieza de parques',
			'limpieza de calles',
			'limpieza del rio',
			'limpieza de rios',
			'limpieza del bosque',
			'limpieza de oficinas',
			'limpieza de casas',
			'me va a matar si',
			'me va a matar cuando',
			'me mata si',
			'me matara si',
			'transmision sexual',
			'educacion sexual',
			'salud sexual',
			'prende fuego a la pista',
			'incendia la pista',
		],
	},
	fr: {
		terms: {
			hate: [
				...t(
					0.9,
					'assurer l existence de notre peuple',
					'un avenir pour les enfants blancs',
					'avenir pour les enfants blancs',
				),
				...t(0.9, 'retourner dans la jungle d ou ils viennent', 'renvoyer dans leur jungle'),
			],
			// Sex in soft words: sexual only when asked for explicitly ("nothing left to the imagination").
			sexual: [
				...t(0.6, 'ahegao'),
				...t(0.3, 'tres calines', 'tres caline', 'ce qu elles se font', 'ce qu ils se font'),
			],
		},
		concepts: {
			cleanse: [
				'nettoyer le pays de',
				'nettoyer le pays des',
				'nettoyer la france de',
				'nettoyer la france des',
				'nettoyer les rues de',
				'nettoyer les rues des',
			],
			'stage-blood': ['faux sang', 'sang factice', 'sang de cinema'],
			'safe-distance': ['demolition controlee', 'a distance de securite', 'a bonne distance'],
			minor: ['premier soutien gorge', 'a peine ado', 'lolita'],
			'sexual-mild': [
				'scene intime',
				'paye autrement',
				'payer en nature',
				'paie en nature',
				'paye en nature',
				// A camera on a child's body: sexual once a child is there.
				'gros plans sur son corps',
				'la camera s attarde sur son corps',
				'zoom sur son corps',
				'scene de seduction',
				'show prive',
				'poses sensuelles',
				'pose sensuelle',
				'poses lascives',
				'souleve sa jupe',
				'soulevant sa jupe',
			],
			explicit: [
				'rien a l imagination',
				'sans rien laisser a l imagination',
				'chaque detail de ce qu ils se font',
			],
			// Not "dans la jungle" alone: the Calais camp is called the Jungle.
			dehumaniser: [
				'retourner dans la jungle',
				'renvoyer dans la jungle',
				'renvoyes dans la jungle',
			],
			celebrate: [
				'rires enregistres',
				'un de moins',
				'se moque des',
				'se moque de',
				'ce qu ils meritent',
				'ce qu elles meritent',
				'bien fait pour eux',
			],
			group: ['en fauteuil roulant'],
			assault: ['pousse dans les escaliers', 'poussee dans les escaliers'],
			mutilation: [
				'decoupe en morceaux',
				'decoupee en morceaux',
				'coupe en morceaux',
				'demembre',
				'demembree',
				'depece',
				'membres sur le sol',
				'os qui sortent',
				'lui ouvre la poitrine',
				'arrache le coeur',
				'tripes a l air',
				'boyaux a l air',
			],
			fictional: ['faux sang', 'sang factice', 'parodie'],
		},
		safePhrases: [
			'va me tuer si',
			'va me tuer quand',
			'me tuer si',
			'sexuellement transmissibles',
			'sexuellement transmissible',
			'education sexuelle',
			'sante sexuelle',
			// "Un DJ qui met le feu à la salle", "le DJ a mis le feu à la salle": the crowd set alight
			// by the music, in every tense, on every dance floor.
			...FIRED_UP_VENUES,
		],
	},
	de: {
		terms: {
			hate: [
				...t(
					0.9,
					'die existenz unseres volkes sichern',
					'existenz unseres volkes',
					'zukunft fur weisse kinder',
				),
				...t(0.9, 'zuruck in den dschungel'),
			],
			// Sex in soft words: sexual only when asked for explicitly ("nothing left to the imagination").
			sexual: [
				...t(0.6, 'ahegao'),
				...t(
					0.3,
					'sehr zartlich',
					'was sie miteinander machen',
					'liebesspiel',
					'liebe machen',
					'machen liebe',
				),
			],
		},
		concepts: {
			cleanse: ['saubern', 'sauber machen'],
			'stage-blood': ['kunstblut', 'theaterblut', 'filmblut'],
			'safe-distance': [
				'kontrollierte sprengung',
				'in sicherem abstand',
				'aus sicherer entfernung',
			],
			'dehumaniser-weak': ['vieh'],
			minor: ['ersten bh', 'erster bh', 'kaum teenager', 'lolita'],
			'sexual-mild': [
				'intimszene',
				'intime szene',
				'anders bezahlen',
				'bezahlt anders',
				'in naturalien bezahlen',
				// A camera on a child's body: sexual once a child is there.
				'nahaufnahmen ihres korpers',
				'kamera verweilt auf ihrem korper',
				'zoom auf ihren korper',
				'verfuhrungsszene',
				'private show',
				'sinnliche posen',
				'aufreizende posen',
				'hebt ihren rock',
				'hebt den rock',
			],
			explicit: [
				'nichts der fantasie uberlassen',
				'nichts der phantasie uberlassen',
				'jedes detail von dem was sie',
			],
			// A coded name for men from the south (immigrants) as knife attackers.
			group: ['messermanner', 'messermann', 'im rollstuhl'],
			assault: ['die treppe hinuntergestossen', 'die treppe runtergestossen'],
			dehumaniser: ['zuruck in den dschungel'],
			celebrate: [
				'lachkonserve',
				'lacher vom band',
				'einer weniger',
				'was sie verdienen',
				'das haben sie verdient',
				'geschieht ihnen recht',
			],
			mutilation: [
				'zerstuckelt',
				'zerstuckelte',
				'in stucke gehackt',
				'in stucke geschnitten',
				'gliedmassen auf dem boden',
				'knochen ragen raus',
				'knochen ragen heraus',
				'nur noch hackfleisch',
				'brust aufgeschnitten',
				'reisst das herz heraus',
				'gedarme hangen raus',
			],
			'body-part': ['knochen', 'kiefer', 'herz'],
			sever: ['zerlegt', 'zerlegen', 'weidet aus', 'ausgeweidet', 'ausweiden'],
			person: ['unfallfahrer'],
			fictional: ['kunstblut', 'theaterblut', 'parodie'],
		},
		safePhrases: [
			'bringt mich um wenn',
			'bringt mich um falls',
			'wird mich umbringen wenn',
			'sexuell ubertragbare',
			'sexuell ubertragbaren',
			'sexuell ubertragbarer',
			'sexualkunde',
			'sexualaufklarung',
		],
	},
	pt: {
		terms: {
			hate: [
				...t(
					0.9,
					'garantir a existencia do nosso povo',
					'um futuro para as criancas brancas',
					'futuro para as criancas brancas',
				),
				...t(0.9, 'de volta pra selva de onde vieram', 'de volta para a selva de onde vieram'),
			],
			// Sex in soft words: sexual only when asked for explicitly ("nothing left to the imagination").
			sexual: [
				...t(0.6, 'ahegao'),
				...t(
					0.3,
					'muito carinhosas',
					'muito carinhosos',
					'o que fazem uma com a outra',
					'fazendo amor',
					'fazer amor',
					'fazem amor',
				),
			],
		},
		concepts: {
			cleanse: [
				'limpar o pais de',
				'limpar o pais dos',
				'limpar o pais das',
				'limpar o brasil de',
				'limpar as ruas de',
				'limpar as ruas dos',
				'limpeza de',
			],
			'stage-blood': ['sangue falso', 'sangue de mentira', 'sangue cenografico'],
			'safe-distance': ['demolicao controlada', 'a uma distancia segura', 'em seguranca longe'],
			graphic: ['bem nitido', 'bem nitida'],
			// School years of the old Brazilian naming ("sétima série") and the new ("7º ano").
			minor: [
				'quinta serie',
				'sexta serie',
				'setima serie',
				'oitava serie',
				'primeiro sutia',
				'mal saiu da infancia',
				'lolita',
			],
			'sexual-mild': [
				'cena intima',
				'paga de outro jeito',
				'pagar de outro jeito',
				'paga de outra forma',
				'pagar de outra forma',
				// A camera on a child's body: sexual once a child is there.
				'closes no corpo dela',
				'camera focando no corpo dela',
				'zoom no corpo dela',
				'cena de seducao',
				'show privado',
				'poses sensuais',
				'pose sensual',
				'poses sexy',
				'levantando a saia',
				'levanta a saia',
			],
			explicit: [
				'sem deixar nada para a imaginacao',
				'nada pra imaginacao',
				'cada detalhe do que fazem',
			],
			dehumaniser: ['de volta pra selva', 'de volta para a selva'],
			celebrate: [
				'risadas gravadas',
				'risos gravados',
				'um a menos',
				'o que merecem',
				'bem feito pra eles',
			],
			group: ['em cadeira de rodas'],
			assault: ['empurrado da escada', 'empurrada da escada'],
			mutilation: [
				'picado em pedacos',
				'picada em pedacos',
				'cortado em pedacos',
				'esquartejado',
				'esquartejada',
				'membros no chao',
				'ossos pra fora',
				'barriga aberta',
				'tripas pra fora',
				'tripa pra fora',
				'tripa tudo pra fora',
				'tripas tudo pra fora',
				'abre o peito',
				'arranca o coracao',
			],
			person: ['omi', 'cara'],
			fictional: ['sangue falso', 'sangue de mentira', 'parodia'],
		},
		safePhrases: [
			// A cleanup of a place (a beach, a park), not the cleansing of the people who do it.
			'limpeza de praia',
			'limpeza de praias',
			'limpeza da praia',
			'limpeza do parque',
			'limpeza de parques',
			'limpeza de ruas',
			'limpeza do rio',
			'limpeza de rios',
			'limpeza da mata',
			'limpeza de escritorios',
			'limpeza de casas',
			'vai me matar se',
			'vai me matar quando',
			'me mata se',
			'sexualmente transmissiveis',
			'sexualmente transmissivel',
			'educacao sexual',
			'saude sexual',
			'bota fogo na pista',
			'botar fogo na pista',
			'poe fogo na pista',
		],
	},
};
