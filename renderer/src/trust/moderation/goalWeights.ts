/**
 * Goal weights that only an eating disorder sets: "projeto 40kg", "goal weight 38 kg", "UGW 90 lbs",
 * "hasta pesar 39 kilos", "Ziel: 42 kg". A weight alone is no harm (a 40 kg dog, a baby of 4 kg); a
 * goal word before an adult's weight far below a healthy one makes it a thinness goal, which the
 * self-harm frame reads next to purging or starving.
 */
import type { Hit } from './matcher';
import { compileEntry } from './matcher';
import type { Concept } from './lexicons/types';

/** Words that make the weight after them a goal: project, goal, meta, objetivo, objectif, Ziel, weigh. */
const GOAL_WORDS = new Set([
	...['project', 'goal', 'gw', 'ugw', 'target', 'reach', 'weigh', 'weighing'],
	...['proyecto', 'meta', 'objetivo', 'llegar', 'pesar'],
	...['projet', 'objectif', 'atteindre', 'peser'],
	...['projekt', 'ziel', 'zielgewicht', 'erreichen', 'wiegen'],
	...['projeto', 'alvo', 'chegar'],
]);
const KILOS = new Set(['kg', 'kgs', 'kilo', 'kilos', 'quilos', 'kilogramm']);
const POUNDS = new Set(['lb', 'lbs', 'pounds', 'libras']);
/** Below these an adult's weight is a goal no healthy plan sets (about a BMI of 16 at 1.60 m). */
const MAX_KILOS = 42;
const MAX_POUNDS = 95;
/** How many words a goal word may stand before the number. */
const GOAL_WINDOW = 3;

const ENTRY = compileEntry<Concept>('goal weight', 'thin-goal')!;

/** The goal weights in a reading, as `thin-goal` hits over the goal word, the number and its unit. */
export function goalWeightsIn(reading: string[]): Array<Hit<Concept>> {
	const hits: Array<Hit<Concept>> = [];
	reading.forEach((word, i) => {
		if (!/^\d{2,3}$/.test(word)) return;
		const unit = reading[i + 1];
		const weight = Number(word);
		const low = KILOS.has(unit) ? weight <= MAX_KILOS : POUNDS.has(unit) && weight <= MAX_POUNDS;
		if (!low) return;
		for (let j = i - 1; j >= Math.max(0, i - GOAL_WINDOW); j--)
			if (GOAL_WORDS.has(reading[j])) {
				hits.push({ entry: ENTRY, start: j, end: i + 2 });
				return;
			}
	});
	return hits;
}
