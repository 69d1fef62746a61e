/**
 * Self-harm sold as motivation, from the misses of two splits written by someone who never saw the
 * rules (blind19, blind20; see docs/trust-and-safety.md), each widened to a class in the five
 * languages and merged into the language packs after the coded wording (`index.ts`):
 *
 * - pro-ana "motivation" in more wordings: hunger as weakness, a calorie-a-day or days-without-food
 *   challenge, the "ana y mia" / "princesas mia" codes, eating as something to be earned, purging
 *   after a meal, cheering a girl on to be thinner ("tú puedes, flaca");
 * - a push to jump told as encouragement: "you're worthless, jump" with a railing or a bridge.
 *
 * Fasting for a religion or a medical test, recovery stories and sport motivation share these
 * words; they name no coaching and no thinness goal, so the aspirational self-harm frame (two roles)
 * stays silent for them.
 */
import type { PackAdditions } from './codedWording';

export const HARM_MOTIVATION: Record<string, PackAdditions> = {
	en: {
		concepts: {
			'eating-disorder': [
				'skipping breakfast',
				'skip breakfast',
				'cal day',
				'cal a day',
				'calories per day challenge',
				'cal day challenge',
				'dont eat',
				'don t eat',
				'do not eat',
				'you don t deserve to eat',
				'you dont deserve to eat',
				'earn your food',
				'earn their food',
				'days without eating',
				'days without food',
				'throwing up after dinner',
				'vomiting after dinner',
				'fainting from hunger',
			],
			'thin-goal': [
				'hunger is weakness leaving the body',
				'earn their bones',
				'earn your bones',
				'real ones dont eat',
				'real ones don t eat',
				'ana and mia',
				'pro ana',
				'pro mia',
				'collarbones and ribs',
			],
			worthless: [
				'you re worthless',
				'youre worthless',
				'you are worthless',
				'you are nothing',
				'nobody would miss you',
				'no one would miss you',
			],
			jump: ['climbs over the railing', 'climbing over the railing', 'steps over the railing'],
		},
	},
	es: {
		concepts: {
			'eating-disorder': [
				'dias sin comer',
				'dia sin comer',
				'vomitando despues de cenar',
				'vomitar despues de cenar',
				'vomitando despues de comer',
				'vomitar despues de comer',
				'no mereces comer',
				'no merece comer',
				'contandose los huesos',
				'contando sus costillas',
				'calorias al dia',
			],
			'thin-goal': [
				'princesas mia',
				'princesas ana',
				'ana y mia',
				'pro ana',
				'pro mia',
				'tu puedes flaca',
				'si no bajas',
			],
			worthless: ['no vales nada', 'nadie te va a extranar', 'nadie te extranaria'],
			jump: ['pasa la baranda', 'cruza la barandilla', 'se sube a la baranda'],
		},
	},
	fr: {
		concepts: {
			'eating-disorder': [
				'jours sans manger',
				'vomir apres le diner',
				'vomit apres le diner',
				'tu ne merites pas de manger',
				'calories par jour',
			],
			'thin-goal': ['ana et mia', 'pro ana', 'pro mia', 'princesses mia'],
			worthless: ['tu ne vaux rien', 'tu vaux rien', 'personne ne te regrettera'],
			jump: ['enjambe la rambarde', 'enjambe le parapet', 'passe par dessus la rambarde'],
		},
	},
	de: {
		concepts: {
			'eating-disorder': [
				'tage ohne essen',
				'tage nichts essen',
				'nach dem abendessen erbrechen',
				'kalorien am tag',
				'du verdienst kein essen',
			],
			'thin-goal': ['ana und mia', 'pro ana', 'pro mia'],
			worthless: ['du bist nichts wert', 'du bist wertlos', 'niemand wird dich vermissen'],
			// "Spring!": the imperative the pack's jump verbs lack.
			jump: ['spring', 'spring endlich', 'klettert uber das gelander', 'steigt uber das gelander'],
			height: ['bruckengelander'],
		},
	},
	pt: {
		concepts: {
			'eating-disorder': [
				'dias sem comer',
				'quem e forte nao come',
				'se pesando',
				'vomitar depois do jantar',
				'vomitando depois do jantar',
				'nao merece comer',
				'calorias por dia',
			],
			'thin-goal': [
				'projeto ana e mia',
				'ana e mia',
				'pro ana',
				'pro mia',
				'quem e forte nao come',
			],
			worthless: ['voce nao vale nada', 'tu nao vales nada', 'ninguem vai sentir sua falta'],
			jump: ['pula o parapeito', 'passa o parapeito', 'sobe no parapeito'],
		},
	},
};
