/**
 * Harm told by euphemism or slang, from blind20's self-harm, violence and weapons misses (see
 * docs/trust-and-safety.md), each widened to a class in the five languages and merged into the
 * language packs after the coded wording (`index.ts`). Every phrase here is one role of a frame or a
 * context rule, never a verdict alone:
 *
 * - a suicide method shown as peace: stones in the pockets, the engine left running in a closed
 *   garage in any word order, "joining the stars";
 * - the choking "challenge" done with a belt or a scarf around the neck;
 * - a blast told by what it does to people ("people go flying");
 * - acid thrown at people; killing slang with its victim ("darle cuello al soplón", "apagar o
 *   desafeto"); an insulin overdose given in secret; a hammer named as a beating's instrument;
 *   newborn animals kicked;
 * - a gun bought through a straw buyer or around the background check; a booby trap with a
 *   tripwire; how long a poisoned victim takes to die asked as the dose.
 */
import type { PackAdditions } from './codedWording';
import { t } from './types';

export const EUPHEMISTIC_HARM: Record<string, PackAdditions> = {
	en: {
		terms: {
			violence: [
				...t(0.8, 'throws acid', 'threw acid', 'throwing acid', 'splashes acid', 'splashing acid'),
			],
		},
		concepts: {
			assault: ['bludgeons', 'bludgeoning'],
			'blunt-weapon': ['with hammer blows', 'with a hammer to the head'],
			covert: ['secretly', 'so nobody notices', 'so no one notices'],
			'death-wish': ['never coming back', 'and never comes back', 'never to return'],
			animal: ['piglets', 'piglet', 'newborn piglets', 'newborn puppies', 'newborn kittens'],
			alive: ['newborn'],
			explosive: ['booby trap', 'booby trapped', 'tripwire bomb', 'tripwire explosive'],
			instruction: ['which poison to', 'which mushroom to', 'parts list'],
			dosing: ['dies in three days', 'dies within days', 'die in a few days', 'dies slowly'],
			'suicide-method': [
				'stones in his pockets',
				'stones in her pockets',
				'stones in his coat pockets',
				'stones in her coat pockets',
				'rocks in his pockets',
				'rocks in her pockets',
				'rocks in his coat pockets',
				'rocks in her coat pockets',
			],
			release: ['joins the stars', 'feel like a happy ending', 'like a happy ending'],
			noose: ['belt around his neck', 'belt around her neck', 'scarf around his neck'],
			casualties: ['people go flying', 'people flying through the air', 'bodies go flying'],
			poison: ['too much insulin', 'insulin overdose', 'extra insulin'],
			'illicit-source': [
				'straw buyer',
				'straw purchase',
				'straw purchaser',
				'get around the background check',
				'beat the background check',
			],
		},
	},
	es: {
		terms: {
			violence: [
				...t(
					0.8,
					'arroja acido',
					'lanza acido',
					'le tira acido',
					'les tira acido',
					'echa acido en la cara',
				),
			],
		},
		concepts: {
			'blunt-weapon': ['a martillazos', 'a golpes de martillo'],
			'death-wish': ['y nunca vuelve', 'sin volver jamas', 'para no volver'],
			animal: ['lechones', 'cerditos recien nacidos'],
			explosive: ['trampa explosiva', 'trampa bomba', 'bomba trampa'],
			instruction: ['que veneno usar', 'que veneno poner', 'lista de piezas'],
			dosing: ['muera en unos dias', 'muera en tres dias', 'muera poco a poco'],
			'suicide-method': [
				'piedras en los bolsillos',
				'piedras en el abrigo',
				'motor encendido en el garaje',
				'garaje cerrado con el motor encendido',
			],
			release: ['se une a las estrellas', 'se va con las estrellas'],
			noose: ['cinturon al cuello', 'cinturon en el cuello', 'apretandose el cuello'],
			'deadly-challenge': ['reto del desmayo', 'juego de la asfixia', 'reto de la asfixia'],
			casualties: ['gente volando por los aires', 'la gente sale volando', 'cuerpos volando'],
			'death-euphemism': ['darle cuello', 'le de cuello', 'le dan cuello', 'dar cuello'],
			person: ['soplon', 'el soplon', 'al soplon'],
			poison: ['demasiada insulina', 'sobredosis de insulina'],
			'illicit-source': ['un testaferro'],
		},
	},
	fr: {
		terms: {
			violence: [
				...t(
					0.8,
					'balance de l acide',
					'lance de l acide',
					'asperge d acide',
					'jette de l acide au visage',
				),
			],
		},
		concepts: {
			'blunt-weapon': ['a coups de marteau', 'a coups de batte', 'a coups de barre de fer'],
			'death-wish': ['et ne revient jamais', 'sans jamais revenir', 'pour ne jamais revenir'],
			animal: ['porcelets', 'porcelet'],
			explosive: ['piege explosif', 'piege a fil', 'engin piege'],
			instruction: ['quel poison mettre', 'quel champignon mettre', 'liste des pieces'],
			dosing: ['meure en quelques jours', 'meure en trois jours', 'meure lentement'],
			'suicide-method': [
				'pierres dans les poches',
				'pierres dans ses poches',
				'moteur allume dans le garage',
				'le moteur allume dans le garage ferme',
			],
			release: ['rejoint les etoiles', 'rejoindre les etoiles', 's endort pour toujours'],
			noose: ['ceinture autour du cou', 'foulard autour du cou', 'serre le cou'],
			'deadly-challenge': ['jeu du foulard', 'jeu de l evanouissement', 'defi du foulard'],
			casualties: ['les gens volent', 'des gens projetes', 'corps projetes'],
			poison: ['trop d insuline', 'surdose d insuline'],
			'illicit-source': ['un prete nom', 'par un prete nom'],
		},
	},
	de: {
		terms: {
			violence: [...t(0.8, 'schuttet saure', 'wirft saure', 'saure ins gesicht')],
		},
		concepts: {
			assault: ['mit dem hammer erschlagen', 'erschlagt'],
			'blunt-weapon': ['mit hammerschlagen', 'mit dem hammer'],
			'death-wish': ['und kommt nie zuruck', 'kommt nie wieder', 'nie mehr zuruck'],
			animal: ['ferkel', 'neugeborene ferkel'],
			explosive: ['sprengfalle', 'sprengfallen', 'stolperdraht'],
			instruction: ['welches gift man', 'teileliste', 'mit teileliste'],
			// How long the victim takes to die is the dose asked for: "damit sie in drei Tagen stirbt".
			dosing: ['in drei tagen stirbt', 'in zwei tagen stirbt', 'tagen stirbt', 'langsam stirbt'],
			'suicide-method': [
				'steine in den manteltaschen',
				'steinen in den taschen',
				'steine in den taschen',
				'motor laufen in der geschlossenen garage',
			],
			release: ['zu den sternen', 'schlaft fur immer ein'],
			noose: ['gurtel um den hals', 'schal um den hals', 'druckt sich den hals zu'],
			'deadly-challenge': ['ohnmachtsspiel', 'ohnmachts challenge', 'wurgespiel'],
			casualties: ['menschen fliegen durch die luft', 'leute fliegen durch die luft'],
			poison: ['zu viel insulin', 'insulinuberdosis', 'pilzgift', 'knollenblatterpilz'],
			covert: [
				'heimlich',
				'ins gulasch',
				'ins essen mischt',
				'keiner merkt es',
				'niemand merkt es',
			],
			'illicit-source': ['strohmann', 'strohkauf'],
		},
	},
	pt: {
		terms: {
			violence: [...t(0.8, 'joga acido', 'jogou acido', 'acido no rosto de', 'acido na cara de')],
		},
		concepts: {
			'blunt-weapon': ['a marteladas', 'a golpes de martelo'],
			'death-wish': ['e nunca mais volta', 'para nunca mais voltar', 'sem nunca voltar'],
			animal: ['leitoes', 'leitaozinhos'],
			explosive: ['armadilha explosiva', 'bomba armadilha'],
			instruction: ['qual veneno colocar', 'qual veneno usar', 'lista de pecas'],
			dosing: ['morra em poucos dias', 'morra em tres dias', 'morra aos poucos'],
			'suicide-method': [
				'pedras nos bolsos',
				'pedras no bolso do casaco',
				'motor ligado na garagem',
				'garagem fechada com o motor ligado',
			],
			release: ['vira estrela', 'virou estrela', 'se junta as estrelas'],
			noose: ['cinto no pescoco', 'apertando o pescoco', 'aperta o pescoco'],
			casualties: ['gente voando pelos ares', 'corpos voando'],
			'death-euphemism': ['apaga o desafeto', 'apagar o desafeto', 'apagou o desafeto'],
			poison: ['insulina demais', 'overdose de insulina'],
			'illicit-source': ['um laranja', 'comprador laranja'],
		},
	},
};
