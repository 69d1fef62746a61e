import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/**
 * Time-ordered ids (`rnd_` + 10 chars of milliseconds + 12 random chars): sorting ids sorts by
 * creation, which is what cursor pagination in both stores relies on.
 */
export function newId(prefix: string, now = Date.now()): string {
	let time = '';
	let t = now;
	for (let i = 0; i < 10; i++) {
		time = ALPHABET[t % 32] + time;
		t = Math.floor(t / 32);
	}
	const bytes = randomBytes(12);
	let rand = '';
	for (const b of bytes) rand += ALPHABET[b % 32];
	return `${prefix}_${time}${rand}`;
}
