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
	// September 11th as written in any of the five languages ("9/11" reads as "9 11").
	'9 11',
	'nine eleven',
	'11 de septiembre',
	'11 septembre',
	'11 september',
	'11 de setembro',
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
