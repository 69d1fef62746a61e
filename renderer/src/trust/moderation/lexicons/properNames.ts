/**
 * Names that are the same in every language the rules read: the notorious massacres a prompt may ask
 * to re-enact ("christchurch livestream", "Columbine aus Sicht des Täters"). Each language pack lists
 * them under the same class.
 */
export const MASSACRE_NAMES = [
	'christchurch',
	'columbine',
	'utoya',
	'sandy hook',
	'parkland',
	'uvalde',
	'bataclan',
	'hanau',
	'halle shooting',
	'las vegas shooting',
	'el paso shooting',
	'buffalo shooting',
	'nice truck attack',
	'oklahoma city bombing',
];
/**
 * Explosives by their chemical or military names, written the same in every language the rules read
 * ("c4", "semtex", "TATP"). Each language pack lists them under the `explosive` class.
 */
export const EXPLOSIVE_NAMES = [
	'tatp',
	'anfo',
	'c4',
	'semtex',
	'tnt',
	'pentrite',
	'petn',
	'rdx',
	'hmtd',
];
