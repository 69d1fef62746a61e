/**
 * Phonemes → mouth shapes. The voice engines report CMU/ARPAbet phones (festival and flite both
 * use the lower-case CMU set: `aa`, `hh`, `pau`, ...) with start/end times; the character renderer
 * draws one of the `Viseme` shapes at each frame.
 */
import type { TimedViseme, Viseme } from '../storyboard';

export interface TimedPhone {
	/** Lower-case ARPAbet phone; `pau` is silence. */
	phone: string;
	start: number;
	end: number;
}

const PHONE_VISEMES: Record<string, Viseme> = {
	pau: 'rest',
	sil: 'rest',
	h: 'rest',
	'h#': 'rest',
	brth: 'rest',
	aa: 'A',
	ae: 'A',
	ah: 'A',
	ax: 'A',
	ay: 'A',
	aw: 'A',
	eh: 'E',
	ey: 'E',
	er: 'E',
	axr: 'E',
	ih: 'I',
	iy: 'I',
	y: 'I',
	ix: 'I',
	ao: 'O',
	ow: 'O',
	oy: 'O',
	uw: 'U',
	uh: 'U',
	m: 'MBP',
	b: 'MBP',
	p: 'MBP',
	em: 'MBP',
	f: 'FV',
	v: 'FV',
	l: 'L',
	el: 'L',
	th: 'L',
	dh: 'L',
	w: 'WQ',
	r: 'WQ',
};

export function visemeForPhone(phone: string): Viseme {
	// Stressed vowels can arrive with a stress digit (e.g. `aa1`) from some front ends.
	const bare = phone.toLowerCase().replace(/[0-9]/g, '');
	return PHONE_VISEMES[bare] ?? 'etc';
}

export interface VisemeOptions {
	/** A pause inside a line shorter than this does not close the mouth (it stays on the previous shape). */
	minRestSeconds?: number;
	/**
	 * Shapes shorter than this are folded into their neighbour: a mouth cannot visibly hit a 20 ms
	 * target, and flickering shapes read as noise. Lip closures (MBP) are always kept because a
	 * missing closure on "b"/"p"/"m" is the most visible lip-sync error.
	 */
	minSeconds?: number;
}

/** Converts timed phones to a contiguous, merged viseme track (times unchanged). */
export function phonemesToVisemes(phones: TimedPhone[], opts: VisemeOptions = {}): TimedViseme[] {
	const minSeconds = opts.minSeconds ?? 0.04;
	const minRest = opts.minRestSeconds ?? 0.06;
	const timed = phones.filter((p) => p.end > p.start);
	const raw: TimedViseme[] = timed.map((p, i) => {
		const viseme = visemeForPhone(p.phone);
		// A short pause between two spoken phones is a breath-less word gap: keep the mouth moving.
		const inside = i > 0 && i < timed.length - 1;
		if (viseme === 'rest' && inside && p.end - p.start < minRest)
			return { viseme: visemeForPhone(timed[i - 1].phone), start: p.start, end: p.end };
		return { viseme, start: p.start, end: p.end };
	});
	const out: TimedViseme[] = [];
	for (const v of raw) {
		const last = out[out.length - 1];
		if (last && last.viseme === v.viseme) {
			last.end = v.end;
		} else if (last && v.end - v.start < minSeconds && v.viseme !== 'MBP' && v.viseme !== 'rest') {
			last.end = v.end;
		} else if (
			last &&
			last.end - last.start < minSeconds &&
			last.viseme !== 'MBP' &&
			last.viseme !== 'rest' &&
			out.length > 1
		) {
			// The previous shape was too short to show: let it become this one.
			last.viseme = v.viseme;
			last.end = v.end;
			mergeBackwards(out);
		} else {
			out.push({ ...v });
		}
	}
	return out;
}

function mergeBackwards(track: TimedViseme[]): void {
	while (track.length > 1 && track[track.length - 2].viseme === track[track.length - 1].viseme) {
		const tail = track.pop()!;
		track[track.length - 1].end = tail.end;
	}
}

/** The shape to draw at time `t` (seconds, same clock as the track); `rest` outside it. */
export function visemeAt(track: TimedViseme[], t: number): Viseme {
	let lo = 0;
	let hi = track.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (t < track[mid].start) hi = mid - 1;
		else if (t >= track[mid].end) lo = mid + 1;
		else return track[mid].viseme;
	}
	return 'rest';
}
