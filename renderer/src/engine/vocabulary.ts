/**
 * What the local engine understands: the words the planner maps to things it can draw and hear.
 * One table per kind of term; every entry lists the synonyms a prompt may use. The same tables
 * are served by `/v1/capabilities` (through `describeVocabulary()`) and documented in docs/engine.md,
 * so what a client is told it can ask for is exactly what the planner reads.
 */
import type {
	ActionId,
	Garment,
	CameraMove,
	PhysicsSceneId,
	SettingId,
	StyleId,
	TimeOfDay,
	Weather,
} from './storyboard';

export interface Term<T extends string> {
	id: T;
	/** Words and phrases (lower case) a prompt may use for it; the id itself always counts. */
	synonyms: string[];
	/** When set, only these phrases find the term in free text (its id is also a common word, e.g. "waves"). */
	promptWords?: string[];
	description: string;
}

export const SETTINGS: Term<SettingId>[] = [
	{
		id: 'city-night',
		synonyms: [
			'city',
			'street',
			'neon',
			'downtown',
			'alley',
			'cyberpunk',
			'rooftop',
			'urban',
			'sidewalk',
			'tokyo',
			'new york',
		],
		description: 'Neon city street with wet-pavement reflections.',
	},
	{
		id: 'beach',
		synonyms: ['ocean', 'sea', 'shore', 'coast', 'surf', 'seaside', 'sand', 'pier'],
		description: 'Beach with sand, ocean waves and sky.',
	},
	{
		id: 'forest',
		synonyms: ['woods', 'trees', 'jungle', 'park', 'woodland', 'grove', 'campfire', 'meadow'],
		description: 'Forest of layered trees.',
	},
	{
		id: 'mountains',
		synonyms: ['mountain', 'peak', 'summit', 'valley', 'hills', 'cliff', 'alps', 'hiking', 'trail'],
		description: 'Mountain range with layered ridges.',
	},
	{
		id: 'gym',
		synonyms: ['basketball court', 'court', 'gymnasium', 'arena', 'hoop', 'stadium', 'playground'],
		description: 'Basketball court / gym with hoop and backboard.',
	},
	{
		id: 'studio',
		synonyms: ['stage', 'podcast', 'set', 'backdrop', 'talk show', 'newsroom', 'interview'],
		description: 'Studio with a seamless backdrop and lights.',
	},
	{
		id: 'space',
		synonyms: [
			'outer space',
			'galaxy',
			'stars',
			'planet',
			'moon',
			'spaceship',
			'orbit',
			'cosmos',
			'nebula',
			'astronaut',
		],
		description: 'Space with stars, planet and nebula.',
	},
	{
		id: 'lake',
		synonyms: ['lakeside', 'pond', 'lake shore', 'lakeshore', 'loch', 'reservoir'],
		description: 'A lake with a far shore of trees and hills, its water reflecting the sky.',
	},
	{
		id: 'pool',
		synonyms: ['swimming pool', 'pool deck', 'poolside', 'lido'],
		description: 'An outdoor swimming pool: tiles, lane ropes, a deck and a ladder.',
	},
	{
		id: 'river',
		synonyms: ['stream', 'creek', 'riverbank', 'river bank', 'brook', 'rapids'],
		description: 'A river running between grassy banks, its current moving downstream.',
	},
	{
		id: 'yard',
		synonyms: ['backyard', 'back yard', 'front yard', 'garden', 'lawn', 'courtyard'],
		description: 'A back yard: a house, trees, a picket fence and a lawn (or snow).',
	},
	{
		id: 'gymnastics',
		synonyms: [
			'gymnastics',
			'gymnastics hall',
			'gymnastics arena',
			// A gym is a gymnastics hall where the prompt names a beam; alone it is the court ('gym').
			'gym',
			'balance beam',
			'balance-beam',
			'uneven bars',
			'floor routine',
		],
		description:
			'A gymnastics arena: stands with a crowd, spotlights and a blue competition floor.',
	},
	{
		id: 'room',
		synonyms: [
			'interior',
			'living room',
			'bedroom',
			'kitchen',
			'office',
			'apartment',
			'house',
			'home',
			'cafe',
			'classroom',
			'inside',
		],
		description: 'Interior room with window, wall and floor.',
	},
];

/**
 * Places the engine cannot draw, each with the setting that comes closest. A prompt or shot that
 * names one gets that setting and a warning saying so.
 */
export const SETTING_APPROXIMATIONS: Record<string, SettingId> = {
	volcano: 'mountains',
	desert: 'beach',
	canyon: 'mountains',
	glacier: 'mountains',
	arctic: 'mountains',
	underwater: 'beach',
	island: 'beach',
	farm: 'yard',
	castle: 'room',
	church: 'room',
	museum: 'room',
	library: 'room',
	restaurant: 'room',
	hospital: 'room',
	school: 'room',
	mall: 'city-night',
	subway: 'city-night',
	highway: 'city-night',
	airport: 'city-night',
	skyscraper: 'city-night',
	concert: 'studio',
	theater: 'studio',
	theatre: 'studio',
	'soccer field': 'forest',
	'football field': 'forest',
	'football pitch': 'forest',
	field: 'forest',
	'tennis court': 'gym',
};

export const TIMES_OF_DAY: Term<TimeOfDay>[] = [
	{
		id: 'dawn',
		synonyms: ['sunrise', 'morning', 'daybreak', 'early morning'],
		description: 'Low warm light from the east.',
	},
	{
		id: 'day',
		synonyms: ['daytime', 'noon', 'midday', 'afternoon', 'sunny', 'daylight'],
		description: 'Bright neutral light.',
	},
	{
		id: 'dusk',
		synonyms: ['sunset', 'evening', 'golden hour', 'twilight'],
		description: 'Low orange light and long shadows.',
	},
	{
		id: 'night',
		synonyms: ['midnight', 'nighttime', 'moonlit', 'moonlight', 'dark'],
		description: 'Dark, cool light; artificial lights on.',
	},
];

export const WEATHERS: Term<Weather>[] = [
	{ id: 'clear', synonyms: ['clear sky', 'cloudless'], description: 'No precipitation.' },
	{
		id: 'rain',
		synonyms: ['rainy', 'raining', 'storm', 'stormy', 'downpour', 'drizzle', 'rains', 'wet'],
		description: 'Falling rain streaks; wet surfaces.',
	},
	{
		id: 'snow',
		synonyms: ['snowy', 'snowing', 'snowfall', 'blizzard', 'snows', 'winter'],
		description: 'Falling snowflakes.',
	},
	{
		id: 'fog',
		synonyms: ['foggy', 'mist', 'misty', 'haze', 'hazy'],
		description: 'Depth fog that fades distant layers.',
	},
];

export const ACTIONS: Term<ActionId>[] = [
	{
		id: 'idle',
		synonyms: [
			'stands',
			'standing',
			'waits',
			'waiting',
			'looks',
			'watches',
			'listens',
			'stops',
			'halts',
			'pauses',
		],
		description: 'Breathing idle pose.',
	},
	{
		id: 'walk',
		synonyms: ['walks', 'walking', 'strolls', 'enters', 'arrives', 'paces', 'trots', 'wanders'],
		description: 'Walk cycle with planted feet; turns at the edge of the frame.',
	},
	{
		id: 'run',
		synonyms: [
			'runs',
			'running',
			'sprints',
			'sprinting',
			'jogs',
			'jogging',
			'races',
			'dashes',
			'gallops',
			'galloping',
			'chases',
			'chasing',
		],
		description: 'A run (a gallop for a four-legged animal); the camera follows.',
	},
	{
		id: 'backflip',
		synonyms: [
			'backflips',
			'back flip',
			'back-flip',
			'flips',
			'somersault',
			'somersaults',
			'back tuck',
		],
		description: 'A standing back flip: crouch, jump, tuck, land.',
	},
	{
		id: 'handspring',
		synonyms: ['handsprings', 'front handspring', 'back handspring', 'walkover'],
		description: 'A front handspring: hands to the floor, over, and back on the feet.',
	},
	{
		id: 'cartwheel',
		synonyms: ['cartwheels', 'cartwheeling', 'round-off', 'roundoff'],
		description: 'A cartwheel: hand, hand, foot, foot.',
	},
	{
		id: 'beam-routine',
		synonyms: [
			'beam routine',
			'balance-beam routine',
			'balance beam routine',
			'gymnastics routine',
			'routine on a balance beam',
			'routine on the balance beam',
			'routine on a beam',
			'routine on the beam',
			'dismount',
			'dismounts',
		],
		description:
			'A balance-beam routine: walks, a split leap, an arabesque, a cartwheel, turns and a back-flip dismount.',
	},
	{
		id: 'surf',
		synonyms: [
			'surfs',
			'surfing',
			'rides a wave',
			'rides the wave',
			'rides a big wave',
			'rides a huge wave',
			'rides the waves',
			'catches a wave',
		],
		description: 'Surfing: crouched on a board carving the face of a wave.',
	},
	{
		id: 'skateboard',
		synonyms: ['skateboards', 'skateboarding', 'skates', 'skating', 'kickflip', 'ollie', 'ollies'],
		description: 'Rides a skateboard, pushing with one foot; the camera follows.',
	},
	{
		id: 'dribble',
		synonyms: ['dribbles', 'dribbling', 'bounces the ball'],
		description: 'Bounces a basketball beside the body.',
	},
	{
		id: 'dance',
		synonyms: ['dances', 'dancing', 'grooves', 'twirls', 'boogies'],
		description: 'Dances: steps and bounces with arms swinging up in turn.',
	},
	{
		id: 'build',
		synonyms: ['builds', 'building', 'digs', 'sculpts', 'makes a sandcastle'],
		description: 'Kneels and builds; a sandcastle rises in front of the builder.',
	},
	{
		id: 'volley',
		synonyms: [
			'spikes',
			'serves',
			'bumps',
			'plays volleyball',
			'play volleyball',
			'volleys',
			'rally',
		],
		description: 'Plays volleyball: ready stance, bumps and jumping spikes timed to the ball.',
	},
	{
		id: 'fly',
		synonyms: [
			'flies',
			'flying',
			'soars',
			'soaring',
			'swoops',
			'flutters',
			'glides',
			'circle overhead',
			'circles overhead',
			'circling',
		],
		description: 'Flies (birds): wings beating or spread in a glide.',
	},
	{
		id: 'swim',
		synonyms: ['swims', 'swimming', 'paddles'],
		description:
			'Swims: a fish under the surface; a person (in a pool, lake, river or the sea) crawls along the surface.',
	},
	{
		id: 'kick',
		synonyms: [
			'kicks',
			'kicking',
			'kicks the ball',
			'kicks a ball',
			'scores a goal',
			'shoots at goal',
			'penalty kick',
			'free kick',
		],
		description:
			'Kicks a football: wind-up, strike and follow-through; the ball flies into the goal net.',
	},
	{
		id: 'throw-snowball',
		synonyms: [
			'snowball fight',
			'snowball fights',
			'throws snowballs',
			'throws a snowball',
			'throw snowballs',
			'throwing snowballs',
			'snowballing',
		],
		description:
			'A snowball fight: scoops snow, packs it and throws it overarm at the other player; it bursts where it lands.',
	},
	{
		id: 'cycle',
		synonyms: [
			'cycles',
			'cycling',
			'cyclist',
			'pedals',
			'pedalling',
			'pedaling',
			'bikes',
			'biking',
			'rides a bike',
			'rides her bike',
			'rides his bike',
			'rides their bike',
			'rides a bicycle',
			'rides her bicycle',
			'rides his bicycle',
			'riding a bike',
			'rides bikes',
		],
		description: 'Rides a bicycle, pedalling, its wheels turning; the camera follows.',
	},
	{
		id: 'play-guitar',
		synonyms: [
			'plays guitar',
			'plays the guitar',
			'plays a guitar',
			'playing guitar',
			'playing the guitar',
			'strums',
			'strumming',
			'plays',
			'playing',
			'performs a song',
		],
		description:
			'Plays a guitar slung across the body: one hand on the neck, the other strumming ("plays" alone means the guitar only when the text names a guitar or a guitarist).',
	},
	{
		id: 'flip-pancake',
		synonyms: [
			'flips pancakes',
			'flips a pancake',
			'flips the pancakes',
			'flipping pancakes',
			'tosses pancakes',
			'makes pancakes',
			'cooks pancakes',
			'cooks',
			'cooking',
			'fries',
			'frying',
		],
		description:
			'Cooks at a stove: a frying pan in hand, tossing a pancake that turns over in the air and lands back in the pan.',
	},
	{
		id: 'plant-flag',
		synonyms: [
			'plants a flag',
			'plants the flag',
			'plants her flag',
			'plants his flag',
			'plants their flag',
			'plants a banner',
			'raises a flag',
			'raises the flag',
		],
		description:
			'Carries a flag, drives its pole into the ground and steps back from it; the flag stays planted.',
	},
	{
		id: 'drink',
		synonyms: ['drinks', 'drinking', 'sips', 'sipping', 'laps', 'lapping', 'takes a sip'],
		description:
			'Drinks: a person lifts the cup in hand to the mouth and back; an animal lowers its head to drink.',
	},
	{
		id: 'dive',
		synonyms: ['dives', 'diving', 'dive in', 'dives in', 'plunges', 'jumps into the pool'],
		description:
			'Dives from the edge into the water (a pool, lake, river or the sea): arms up, a spring, head first, a splash.',
	},
	{
		id: 'gesture',
		synonyms: ['gestures', 'points', 'pointing', 'shrugs', 'explains', 'argues', 'laughs'],
		description: 'Arm gesture.',
	},
	{
		id: 'talk',
		synonyms: [
			'talks',
			'talking',
			'says',
			'speaks',
			'asks',
			'replies',
			'answers',
			'shouts',
			'whispers',
			'tells',
		],
		description: 'Talking pose; the mouth follows the speech.',
	},
	{
		id: 'wave',
		synonyms: ['waves', 'waving', 'greets', 'hello'],
		// "a wave" is the sea's far more often than a hand's.
		promptWords: ['waves', 'waving', 'greets', 'hello', 'waves hello', 'waves goodbye'],
		description: 'Waves a hand.',
	},
	{
		id: 'jump',
		synonyms: ['jumps', 'jumping', 'leaps', 'leaping', 'hops', 'celebrates', 'cheers', 'pounces'],
		description: 'Jumps (an animal leaps).',
	},
	{
		id: 'shoot',
		synonyms: ['shoots', 'shooting', 'throws', 'tosses', 'shot', 'dunks', 'lobs'],
		description: 'Throws or shoots a ball.',
	},
	{ id: 'sit', synonyms: ['sits', 'sitting', 'seated', 'rests'], description: 'Sits down.' },
];

export const PHYSICS_SCENES: Term<PhysicsSceneId>[] = [
	{
		id: 'basketball',
		synonyms: [
			'basketball',
			'hoop',
			'rim',
			'free throw',
			'jump shot',
			'three-pointer',
			'layup',
			'dunk',
		],
		description: 'A basketball shot that makes or misses, bouncing off rim and backboard.',
	},
	{
		id: 'stack',
		synonyms: [
			'stack',
			'tower',
			'boxes',
			'blocks',
			'crates',
			'topples',
			'tumble',
			'falling objects',
		],
		description: 'Objects falling and stacking.',
	},
	{
		id: 'plank',
		synonyms: ['plank', 'beam', 'bridge', 'seesaw', 'board bends'],
		description: 'A plank that bends under weight.',
	},
	{
		id: 'water',
		synonyms: ['splash', 'puddle', 'tank of water', 'falls into the water'],
		// Plain "water" is the place (a lake, the sea), not crates dropped into a tank.
		promptWords: [
			'splash',
			'puddle',
			'tank of water',
			'falls into the water',
			'drops into the water',
		],
		description: 'A water surface that reacts.',
	},
	{
		id: 'balance-beam',
		synonyms: ['balance beam', 'balance-beam', 'beam routine'],
		description: 'A 5 m balance beam on its legs over mats; it flexes under the gymnast.',
	},
	{
		id: 'floating-plank',
		synonyms: [
			'floating plank',
			'plank floating',
			'floating board',
			'raft',
			'floating dock',
			'paddleboard',
		],
		description:
			'A plank floating on open water; it dips under a landing and the water ripples and splashes.',
	},
	{
		id: 'volleyball',
		synonyms: ['volleyball', 'beach volleyball', 'volleyball net', 'volleyball game'],
		description: 'A volleyball net and a ball hit back and forth over it, ending in the sand.',
	},
	{
		id: 'surf',
		synonyms: ['big wave', 'big waves', 'huge wave', 'surfer', 'surfing', 'surfboard'],
		description: 'A big breaking wave with a curling lip and a surfer riding its face.',
	},
];

/** Words that force the outcome of a basketball set-piece. */
export const OUTCOME_WORDS: Record<'make' | 'miss', string[]> = {
	make: ['makes', 'scores', 'swish', 'sinks', 'nails', 'goes in', 'buries'],
	miss: ['misses', 'miss', 'bricks', 'clanks', 'rims out', 'airball', 'bounces off'],
};

export const CAMERA: Term<CameraMove>[] = [
	{
		id: 'static',
		synonyms: ['locked off', 'still camera', 'tripod', 'static shot'],
		description: 'The camera does not move.',
	},
	{
		id: 'pan-left',
		synonyms: ['pans left', 'pan left'],
		description: 'Horizontal pan to the left.',
	},
	{
		id: 'pan-right',
		synonyms: ['pans right', 'pan right', 'pans across', 'pan across', 'tracking shot'],
		description: 'Horizontal pan to the right.',
	},
	{
		id: 'tilt-up',
		synonyms: ['tilts up', 'tilt up', 'looks up'],
		description: 'Vertical tilt upward.',
	},
	{
		id: 'tilt-down',
		synonyms: ['tilts down', 'tilt down'],
		description: 'Vertical tilt downward.',
	},
	{
		id: 'dolly-in',
		synonyms: [
			'dolly in',
			'push in',
			'pushes in',
			'zoom in',
			'zooms in',
			'close-up',
			'closeup',
			'close up',
		],
		description: 'Moves towards the subject.',
	},
	{
		id: 'dolly-out',
		synonyms: [
			'dolly out',
			'pull back',
			'pulls back',
			'zoom out',
			'zooms out',
			'wide shot',
			'reveal',
		],
		description: 'Moves away from the subject.',
	},
	{
		id: 'orbit',
		synonyms: ['orbits', 'circles', 'parallax orbit', 'arc shot', '360'],
		description: 'Parallax orbit around the subject.',
	},
	{
		id: 'handheld',
		synonyms: ['handheld', 'shaky', 'hand-held', 'documentary style', 'shaky cam'],
		description: 'Handheld shake.',
	},
];

export const STYLE_TERMS: Term<StyleId>[] = [
	{
		id: 'cinematic',
		synonyms: ['cinematic', 'film', 'movie', 'filmic'],
		description: 'Teal-and-orange grade, grain, vignette.',
	},
	{
		id: 'anime',
		synonyms: ['anime', 'cel', 'cartoon', 'toon', 'manga'],
		description: 'Flat cel shading with outlines.',
	},
	{
		id: 'documentary',
		synonyms: ['documentary', 'natural', 'realistic', 'news'],
		description: 'Neutral grade, light grain.',
	},
	{
		id: 'neon',
		synonyms: ['neon', 'synthwave', 'vaporwave', 'cyberpunk look'],
		description: 'Saturated magenta/cyan grade with glow.',
	},
	{
		id: 'painted',
		synonyms: ['painted', 'painting', 'watercolor', 'watercolour', 'oil painting', 'painterly'],
		description: 'Soft painterly blur and paper texture.',
	},
];

/** Props the scene renderer draws, with the words that name them. */
export const PROPS: Term<string>[] = [
	{ id: 'basketball', synonyms: ['ball'], description: 'An orange basketball.' },
	{ id: 'umbrella', synonyms: ['umbrellas'], description: 'An open umbrella held by a character.' },
	{
		id: 'phone',
		synonyms: ['smartphone', 'cellphone', 'mobile'],
		description: 'A phone held by a character.',
	},
	{
		id: 'coffee',
		synonyms: ['coffee cup', 'mug', 'cup', 'latte'],
		description: 'A cup held by a character.',
	},
	{ id: 'guitar', synonyms: ['guitars'], description: 'A guitar.' },
	{ id: 'book', synonyms: ['books', 'notebook'], description: 'A book.' },
	{ id: 'microphone', synonyms: ['mic', 'mike'], description: 'A microphone on a stand.' },
	{
		id: 'lamp',
		synonyms: ['lamppost', 'street lamp', 'streetlight'],
		description: 'A lamp or street light.',
	},
	{ id: 'table', synonyms: ['desk'], description: 'A table.' },
	{ id: 'chair', synonyms: ['stool', 'bench'], description: 'A chair or bench.' },
	{ id: 'plant', synonyms: ['potted plant', 'flowers'], description: 'A potted plant.' },
	{ id: 'sign', synonyms: ['billboard', 'neon sign'], description: 'A sign.' },
	{ id: 'surfboard', synonyms: ['surf board'], description: 'A surfboard standing in the sand.' },
	{
		id: 'sandcastle',
		synonyms: ['sand castle', 'sandcastles'],
		description: 'A sandcastle with towers and a flag (built by a builder).',
	},
	{
		id: 'skateboard',
		synonyms: ['skate board'],
		description: 'A skateboard (ridden by a skater).',
	},
	{
		id: 'flag',
		synonyms: ['flags', 'banner', 'flagpole'],
		description:
			'A flag on a pole, its cloth rippling (carried and planted by a `plant-flag` action).',
	},
	{
		id: 'football',
		synonyms: ['soccer ball', 'soccer', 'footballs'],
		description: 'A black-and-white football (kicked into the goal by a `kick` action).',
	},
	{
		id: 'goal',
		synonyms: ['goals', 'goalpost', 'goal post', 'goal net'],
		description: 'A football goal: posts, crossbar and net (the `kick` action shoots into it).',
	},
	{
		id: 'snowball',
		synonyms: ['snowballs'],
		description: 'Snowballs thrown in a snowball fight.',
	},
	{
		id: 'bicycle',
		synonyms: ['bike', 'bikes', 'bicycles'],
		description: 'A bicycle with turning wheels (ridden by a `cycle` action, else parked).',
	},
	{
		id: 'pancake',
		synonyms: ['pancakes', 'crepe', 'crepes', 'frying pan', 'skillet'],
		description: 'A frying pan with a pancake (tossed by a `flip-pancake` action), over a stove.',
	},
	{
		id: 'frisbee',
		synonyms: ['frisbees', 'flying disc', 'flying disk'],
		description: 'A flying disc, sailing ahead of whoever chases it.',
	},
	{
		id: 'car',
		synonyms: ['cars', 'vehicles', 'van', 'vans', 'traffic'],
		description: 'Cars driving along the street behind the action.',
	},
	{
		id: 'taxi',
		synonyms: ['taxis', 'cab', 'cabs', 'taxicab', 'taxicabs'],
		description: 'Yellow taxis with roof signs driving along the street.',
	},
	{
		id: 'bus',
		synonyms: ['buses', 'busses', 'double-decker'],
		description: 'A city bus driving along the street.',
	},
	{
		id: 'lighthouse',
		synonyms: ['lighthouses', 'beacon'],
		description:
			'A striped lighthouse on a rock in the sea, its lamp sweeping a beam; waves break against the rock.',
	},
];

/** Where a prop stands when the text names no setting: a lighthouse is out at sea, off a beach. */
export const PROP_SETTINGS: Readonly<Record<string, SettingId>> = {
	lighthouse: 'beach',
	surfboard: 'beach',
	sandcastle: 'beach',
	snowball: 'yard',
};

/** Words that introduce a character when a prompt-only spec names no characters. */
export const CHARACTER_NOUNS: Record<
	string,
	{
		gender: 'female' | 'male' | 'neutral';
		height?: number;
		/** What the body wears unless the description says otherwise. */
		garment?: Garment;
	}
> = {
	woman: { gender: 'female' },
	girl: { gender: 'female', height: 0.82 },
	lady: { gender: 'female' },
	mother: { gender: 'female' },
	sister: { gender: 'female' },
	man: { gender: 'male' },
	boy: { gender: 'male', height: 0.82 },
	guy: { gender: 'male' },
	father: { gender: 'male' },
	brother: { gender: 'male' },
	kid: { gender: 'neutral', height: 0.78 },
	child: { gender: 'neutral', height: 0.78 },
	friend: { gender: 'neutral' },
	player: { gender: 'neutral', height: 1.1 },
	coach: { gender: 'neutral' },
	host: { gender: 'neutral' },
	astronaut: { gender: 'neutral', garment: 'spacesuit' },
	cosmonaut: { gender: 'neutral', garment: 'spacesuit' },
	robot: { gender: 'neutral' },
	detective: { gender: 'neutral' },
	chef: { gender: 'neutral' },
	person: { gender: 'neutral' },
	gymnast: { gender: 'female', height: 0.92, garment: 'leotard' },
	athlete: { gender: 'neutral', garment: 'shorts' },
	acrobat: { gender: 'neutral', garment: 'leotard' },
	surfer: { gender: 'neutral', garment: 'wetsuit' },
	skater: { gender: 'neutral' },
	skateboarder: { gender: 'neutral' },
	dancer: { gender: 'neutral' },
	runner: { gender: 'neutral', garment: 'shorts' },
	swimmer: { gender: 'neutral', garment: 'swimsuit' },
	teenager: { gender: 'neutral', height: 0.95 },
	student: { gender: 'neutral' },
	guitarist: { gender: 'neutral' },
	cyclist: { gender: 'neutral' },
	footballer: { gender: 'neutral', garment: 'shorts' },
	diver: { gender: 'neutral', garment: 'swimsuit' },
};

/** Animals the engine draws, with the words that name them (breeds and young included). */
export const ANIMALS: Term<'dog' | 'cat' | 'bird' | 'horse' | 'deer' | 'fish'>[] = [
	{
		id: 'dog',
		synonyms: [
			'dogs',
			'puppy',
			'puppies',
			'pup',
			'pups',
			'doggy',
			'doggo',
			'hound',
			'labrador',
			'retriever',
			'golden retriever',
			'dalmatian',
			'beagle',
			'corgi',
			'husky',
			'poodle',
			'terrier',
			'spaniel',
			'german shepherd',
			'sheepdog',
			'dachshund',
			'collie',
		],
		description:
			'A dog (a puppy is smaller and rounder): walks, trots, gallops, sits, leaps; breed markings.',
	},
	{
		id: 'cat',
		synonyms: ['cats', 'kitten', 'kittens', 'kitty', 'tabby', 'tomcat'],
		description: 'A cat: walks, runs, sits, leaps; tabby stripes or a tuxedo chest.',
	},
	{
		id: 'bird',
		synonyms: [
			'birds',
			'seagull',
			'seagulls',
			'gull',
			'gulls',
			'pigeon',
			'pigeons',
			'sparrow',
			'robin',
			'crow',
			'parrot',
			'eagle',
			'dove',
			'duck',
			'ducks',
			'swallow',
		],
		description: 'A bird flying (wings beating, gliding) or perched.',
	},
	{
		id: 'horse',
		synonyms: ['horses', 'pony', 'ponies', 'stallion', 'mare', 'foal', 'colt'],
		description: 'A horse with mane and tail: walks, trots, gallops.',
	},
	{
		id: 'deer',
		synonyms: ['stag', 'stags', 'fawn', 'fawns', 'reindeer', 'elk', 'roe deer', 'red deer'],
		description:
			'A deer on long slim legs, antlers on a grown one, a white tail: walks, trots, bounds.',
	},
	{
		id: 'fish',
		synonyms: ['fishes', 'goldfish', 'koi', 'trout', 'salmon', 'carp'],
		description: 'A fish swimming under the water (in a bowl where there is none); it can leap.',
	},
];

/** What breeds and words say about an animal's coat: its colours and how its markings lie. */
export const ANIMAL_COATS: Record<
	string,
	{
		coat: string;
		markings: string;
		pattern: 'solid' | 'spots' | 'patches' | 'saddle' | 'stripes' | 'tuxedo';
		ears?: 'floppy' | 'pointed';
	}
> = {
	dalmatian: { coat: '#f4f1ea', markings: '#1b1b1f', pattern: 'spots', ears: 'floppy' },
	spotted: { coat: '#f4f1ea', markings: '#1b1b1f', pattern: 'spots' },
	spots: { coat: '#f4f1ea', markings: '#1b1b1f', pattern: 'spots' },
	patched: { coat: '#f4f1ea', markings: '#6b4226', pattern: 'patches' },
	patches: { coat: '#f4f1ea', markings: '#6b4226', pattern: 'patches' },
	piebald: { coat: '#f4f1ea', markings: '#1b1b1f', pattern: 'patches' },
	beagle: { coat: '#c98a3a', markings: '#1b1b1f', pattern: 'saddle', ears: 'floppy' },
	'german shepherd': { coat: '#b57a3a', markings: '#1b1b1f', pattern: 'saddle', ears: 'pointed' },
	husky: { coat: '#8d9099', markings: '#f4f1ea', pattern: 'tuxedo', ears: 'pointed' },
	corgi: { coat: '#d9822b', markings: '#f4f1ea', pattern: 'tuxedo', ears: 'pointed' },
	'golden retriever': { coat: '#d9a441', markings: '#e8c27a', pattern: 'solid', ears: 'floppy' },
	retriever: { coat: '#d9a441', markings: '#e8c27a', pattern: 'solid', ears: 'floppy' },
	labrador: { coat: '#d8b26a', markings: '#e8c98a', pattern: 'solid', ears: 'floppy' },
	poodle: { coat: '#f0ebe0', markings: '#f0ebe0', pattern: 'solid', ears: 'floppy' },
	terrier: { coat: '#c8a070', markings: '#4a3a2a', pattern: 'saddle', ears: 'pointed' },
	tabby: { coat: '#b88a5a', markings: '#5a3a22', pattern: 'stripes', ears: 'pointed' },
	striped: { coat: '#b88a5a', markings: '#5a3a22', pattern: 'stripes' },
	tuxedo: { coat: '#1b1b1f', markings: '#f4f1ea', pattern: 'tuxedo' },
	golden: { coat: '#d9a441', markings: '#e8c27a', pattern: 'solid' },
	chocolate: { coat: '#5a3a22', markings: '#6b4a32', pattern: 'solid' },
	cream: { coat: '#efe3c8', markings: '#e0d0b0', pattern: 'solid' },
};

/** Colour words a description may use ("red jacket", "blonde hair"). */
export const COLOURS: Record<string, string> = {
	red: '#c8283c',
	crimson: '#a0142a',
	orange: '#e8772e',
	yellow: '#f2c230',
	gold: '#d4a437',
	green: '#2e9e5b',
	olive: '#6b7a2e',
	teal: '#1e8c8c',
	cyan: '#2ec4d8',
	blue: '#2f5fd0',
	navy: '#1d2b5a',
	purple: '#7a3fb8',
	violet: '#8a4fd8',
	pink: '#e86aa6',
	magenta: '#d0309a',
	brown: '#6b4226',
	tan: '#c49a6c',
	beige: '#d8c7a4',
	black: '#1b1b1f',
	grey: '#7d7f86',
	gray: '#7d7f86',
	silver: '#b8bcc4',
	golden: '#d9a441',
	chocolate: '#5a3a22',
	cream: '#efe3c8',
	white: '#eeeeea',
	blonde: '#e3c27a',
	blond: '#e3c27a',
	ginger: '#c4622d',
	auburn: '#8a3b22',
	denim: '#3b5b8c',
};

export const GARMENT_WORDS = [
	'jacket',
	'hoodie',
	'shirt',
	't-shirt',
	'dress',
	'coat',
	'sweater',
	'suit',
	'jersey',
	'top',
	'uniform',
	'outfit',
	'vest',
	'blazer',
	'raincoat',
	'overalls',
	'leotard',
	'swimsuit',
	'bikini',
	'wetsuit',
	'spacesuit',
	'shorts',
	'skirt',
];

/** Garment words that change the body's clothing shape (see CharacterLook.garment). */
export const GARMENT_SHAPES: Record<string, Garment> = {
	dress: 'dress',
	gown: 'dress',
	skirt: 'skirt',
	leotard: 'leotard',
	swimsuit: 'swimsuit',
	bikini: 'swimsuit',
	trunks: 'swimsuit',
	wetsuit: 'wetsuit',
	spacesuit: 'spacesuit',
	shorts: 'shorts',
	jeans: 'trousers',
	trousers: 'trousers',
	pants: 'trousers',
};
export const ACCENT_WORDS = [
	'scarf',
	'cap',
	'hat',
	'beanie',
	'tie',
	'headband',
	'sneakers',
	'shoes',
	'glasses',
	'bag',
	'backpack',
];
export const HAIR_STYLE_WORDS: Record<
	string,
	'short' | 'long' | 'curly' | 'bun' | 'bald' | 'ponytail'
> = {
	curly: 'curly',
	afro: 'curly',
	wavy: 'curly',
	long: 'long',
	braids: 'long',
	short: 'short',
	buzz: 'short',
	crew: 'short',
	bun: 'bun',
	bald: 'bald',
	shaved: 'bald',
	ponytail: 'ponytail',
};
export const SKIN_WORDS: Record<string, string> = {
	pale: '#f3d9c6',
	fair: '#f0cfb4',
	light: '#e8bf9c',
	olive: '#c99a6e',
	tan: '#b9825a',
	brown: '#8d5a3b',
	dark: '#5e3a26',
	deep: '#4a2c1c',
};
export const HEIGHT_WORDS: Record<string, number> = {
	tall: 1.15,
	towering: 1.25,
	lanky: 1.15,
	short: 0.88,
	small: 0.86,
	tiny: 0.78,
	petite: 0.88,
};
export const BUILD_WORDS: Record<string, number> = {
	broad: 1.2,
	stocky: 1.2,
	big: 1.15,
	muscular: 1.18,
	slim: 0.85,
	thin: 0.82,
	skinny: 0.8,
	slender: 0.85,
};

/**
 * Sound cues the mixer synthesises (`SFX_CUES` in engine/audio, checked by a test), with the
 * words that call them from a prompt.
 */
export const SFX_TERMS: Term<string>[] = [
	{
		id: 'whoosh',
		synonyms: ['swoosh', 'swish sound', 'woosh'],
		description: 'A fast air movement.',
	},
	{ id: 'splash', synonyms: ['splashes', 'splashing'], description: 'Water splash.' },
	{
		id: 'crowd',
		synonyms: ['audience', 'fans', 'crowd noise', 'spectators'],
		description: 'Crowd murmur.',
	},
	{ id: 'cheer', synonyms: ['cheering', 'cheers', 'hooray'], description: 'A crowd cheer.' },
	{ id: 'applause', synonyms: ['clapping', 'claps', 'applauds'], description: 'Applause.' },
	{ id: 'rain', synonyms: ['rainfall', 'rain sound'], description: 'Rain ambience.' },
	{ id: 'wind', synonyms: ['windy', 'breeze', 'gust'], description: 'Wind ambience.' },
	{ id: 'thunder', synonyms: ['lightning', 'thunderclap'], description: 'Thunder rumble.' },
	{ id: 'explosion', synonyms: ['explodes', 'blast', 'boom'], description: 'An explosion.' },
	{
		id: 'waves',
		synonyms: [],
		promptWords: ['ocean waves', 'crashing waves', 'waves crash', 'waves crashing', 'surf'],
		description: 'Ocean waves.',
	},
	{ id: 'impact', synonyms: ['thud', 'crash', 'slam'], description: 'A heavy impact.' },
	{ id: 'footsteps', synonyms: ['steps', 'footstep'], description: 'Footsteps.' },
	{ id: 'knock', synonyms: ['knocks', 'knocking'], description: 'A knock on a door.' },
	{
		id: 'pop',
		synonyms: ['pops', 'popping'],
		promptWords: ['pops', 'popping'],
		description: 'A short pop.',
	},
	{ id: 'ding', synonyms: ['bell', 'chime', 'notification'], description: 'A bell-like ding.' },
	{ id: 'door', synonyms: ['door slam', 'door opens', 'door closes'], description: 'A door.' },
	{ id: 'buzzer', synonyms: ['horn', 'final buzzer'], description: 'Arena buzzer.' },
	{ id: 'whistle', synonyms: ['referee whistle'], description: 'A whistle.' },
	{ id: 'birds', synonyms: ['birdsong', 'chirping'], description: 'Birdsong ambience.' },
	{ id: 'traffic', synonyms: ['cars', 'city noise'], description: 'Traffic ambience.' },
	{ id: 'heartbeat', synonyms: ['heart pounding', 'heart beats'], description: 'A heartbeat.' },
];

export const MUSIC_MOOD_TERMS: Term<string>[] = [
	{
		id: 'upbeat',
		synonyms: ['happy', 'fun', 'energetic', 'bright', 'cheerful'],
		description: 'Major key, driving rhythm.',
	},
	{ id: 'calm', synonyms: ['relaxed', 'peaceful', 'ambient', 'gentle'], description: 'Slow pads.' },
	{
		id: 'chill',
		synonyms: ['lofi', 'lo-fi', 'laid-back', 'mellow'],
		description: 'Relaxed groove.',
	},
	{
		id: 'tense',
		synonyms: ['suspense', 'suspenseful', 'thriller', 'nervous'],
		description: 'Minor key, pulsing.',
	},
	{
		id: 'epic',
		synonyms: ['heroic', 'dramatic', 'triumphant', 'cinematic score'],
		description: 'Big drums and wide chords.',
	},
	{ id: 'action', synonyms: ['chase', 'intense', 'fast-paced'], description: 'Fast and driving.' },
	{
		id: 'playful',
		synonyms: ['quirky', 'silly', 'comedic', 'funny'],
		description: 'Bouncy plucks.',
	},
	{
		id: 'sad',
		synonyms: ['melancholy', 'melancholic', 'somber', 'emotional'],
		description: 'Slow minor chords.',
	},
	{
		id: 'mysterious',
		synonyms: ['mystery', 'eerie', 'spooky', 'dark'],
		description: 'Sparse, unresolved harmony.',
	},
	{ id: 'romantic', synonyms: ['love', 'tender', 'sweet'], description: 'Warm, slow chords.' },
];

/** The default tempo of each mood when the spec names none, in beats per minute. */
export const MOOD_TEMPO: Record<string, number> = {
	upbeat: 118,
	calm: 76,
	chill: 86,
	tense: 96,
	epic: 100,
	action: 140,
	playful: 124,
	sad: 68,
	mysterious: 80,
	romantic: 72,
};

export const SPEAKING_WORDS_PER_SECOND = 2.6;

/** Finds the term a word or phrase means (id or synonym), case-insensitively. */
export function lookupTerm<T extends string>(table: Term<T>[], word: string): T | undefined {
	const w = word.trim().toLowerCase();
	for (const term of table) if (term.id === w || term.synonyms.includes(w)) return term.id;
	return undefined;
}

/**
 * Every term of the table found in `text` as whole words, in order of first appearance.
 * Longer phrases win over the words inside them ("basketball court" is the gym, not a prop).
 */
export function findTerms<T extends string>(
	table: Term<T>[],
	text: string,
): Array<{ id: T; word: string; index: number }> {
	// Possessives read as their noun ("a gymnast's routine": gymnast).
	const lower = ` ${text
		.toLowerCase()
		.replace(/['\u2019]s\b/g, '')
		.replace(/[^a-z0-9'\- ]+/g, ' ')} `;
	const found: Array<{ id: T; word: string; index: number; length: number }> = [];
	for (const term of table) {
		for (const word of term.promptWords ?? [
			term.id.replace(/-/g, ' '),
			term.id,
			...term.synonyms,
		]) {
			let at = lower.indexOf(` ${word} `);
			while (at >= 0) {
				found.push({ id: term.id, word, index: at, length: word.length });
				at = lower.indexOf(` ${word} `, at + 1);
			}
		}
	}
	// Drop matches lying inside a longer match, then one entry per id.
	const kept = found.filter(
		(f) =>
			!found.some(
				(g) =>
					g !== f &&
					g.length > f.length &&
					g.index <= f.index &&
					g.index + g.length >= f.index + f.length,
			),
	);
	kept.sort((a, b) => a.index - b.index);
	const seen = new Set<T>();
	return kept
		.filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)))
		.map(({ id, word, index }) => ({ id, word, index }));
}

/** Edit distance, to suggest the nearest known term for a misspelt one. */
function editDistance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let prev = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const cur = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
			prev = cur;
		}
	}
	return row[b.length];
}

/** The term whose id or synonym is closest in spelling to `word`, and how close (0 = identical). */
export function nearestTerm<T extends string>(
	table: Term<T>[],
	word: string,
): { id: T; distance: number } {
	const w = word.trim().toLowerCase();
	let best = { id: table[0].id, distance: Number.POSITIVE_INFINITY };
	for (const term of table) {
		for (const candidate of [term.id, ...term.synonyms]) {
			const d = editDistance(w, candidate);
			if (d < best.distance) best = { id: term.id, distance: d };
		}
	}
	return best;
}

/** The vocabulary as served by `/v1/capabilities` and documented in docs/engine.md. */
export function describeVocabulary() {
	const list = <T extends string>(table: Term<T>[]) =>
		table.map(({ id, synonyms, promptWords, description }) => ({
			id,
			synonyms,
			...(promptWords ? { promptWords } : {}),
			description,
		}));
	return {
		settings: list(SETTINGS),
		settingApproximations: { ...SETTING_APPROXIMATIONS },
		timesOfDay: list(TIMES_OF_DAY),
		weather: list(WEATHERS),
		actions: list(ACTIONS),
		setPieces: list(PHYSICS_SCENES),
		cameraMoves: list(CAMERA),
		styles: list(STYLE_TERMS),
		props: list(PROPS),
		animals: list(ANIMALS),
		animalCoats: Object.keys(ANIMAL_COATS),
		characterWords: {
			nouns: Object.keys(CHARACTER_NOUNS),
			colours: Object.keys(COLOURS),
			garments: GARMENT_WORDS,
			garmentShapes: Object.keys(GARMENT_SHAPES),
			accents: ACCENT_WORDS,
			hairStyles: Object.keys(HAIR_STYLE_WORDS),
			skin: Object.keys(SKIN_WORDS),
			height: Object.keys(HEIGHT_WORDS),
			build: Object.keys(BUILD_WORDS),
		},
		sfxCues: list(SFX_TERMS),
		musicMoods: list(MUSIC_MOOD_TERMS),
	};
}
