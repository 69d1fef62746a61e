/**
 * A rough English phonemizer for Piper voices: flite's CMU/ARPAbet phones mapped to the IPA symbols
 * espeak-ng (Piper's own phonemizer) writes for General American. It gets phone identity right but
 * not espeak's stress marks, syllabic consonants or vowel reductions, so neural voices sound a
 * little less natural than with Piper's own front end.
 */
const ARPABET_IPA: Record<string, string> = {
	aa: 'ɑː',
	ae: 'æ',
	ah: 'ʌ',
	ax: 'ə',
	ao: 'ɔː',
	aw: 'aʊ',
	ay: 'aɪ',
	eh: 'ɛ',
	er: 'ɚ',
	ey: 'eɪ',
	ih: 'ɪ',
	iy: 'iː',
	ow: 'oʊ',
	oy: 'ɔɪ',
	uh: 'ʊ',
	uw: 'uː',
	b: 'b',
	ch: 'tʃ',
	d: 'd',
	dh: 'ð',
	f: 'f',
	g: 'ɡ',
	hh: 'h',
	jh: 'dʒ',
	k: 'k',
	l: 'l',
	m: 'm',
	n: 'n',
	ng: 'ŋ',
	p: 'p',
	r: 'ɹ',
	s: 's',
	sh: 'ʃ',
	t: 't',
	th: 'θ',
	v: 'v',
	w: 'w',
	y: 'j',
	z: 'z',
	zh: 'ʒ',
};

export function arpabetToIpa(phone: string): string {
	return ARPABET_IPA[phone.toLowerCase().replace(/[0-9]/g, '')] ?? '';
}
