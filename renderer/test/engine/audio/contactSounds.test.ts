import {
	addContactSound,
	ContactSoundBank,
	contactAmplitude,
	mergeContactBursts,
} from '../../../src/engine/audio/contactSounds';
import { seededRandom } from '../../../src/engine/audio/random';
import type { ContactEvent } from '../../../src/engine/storyboard';

const contact = (
	time: number,
	energy: number,
	bodies: [string, string] = ['ball', 'rim'],
): ContactEvent => ({
	frame: Math.round(time * 30),
	time,
	energy,
	material: 'rubber-metal',
	bodies,
});

describe('contactAmplitude', () => {
	it('grows with energy, saturates, and is silent only below the physics floor of 1e-3 J', () => {
		expect(contactAmplitude(0.0005)).toBe(0);
		expect(contactAmplitude(0.001)).toBeGreaterThan(0);
		expect(contactAmplitude(1)).toBeGreaterThan(contactAmplitude(0.1));
		expect(contactAmplitude(1000)).toBeCloseTo(0.9, 9);
	});
});

describe('mergeContactBursts', () => {
	it('joins re-touches of the same bodies into one impact at the first touch with the strongest energy', () => {
		const merged = mergeContactBursts([
			contact(1.0, 2),
			contact(1.01, 5),
			contact(1.02, 1, ['rim', 'ball']),
			contact(1.2, 3),
			contact(1.005, 4, ['ball', 'floor']),
		]);
		expect(merged.map((c) => [c.time, c.energy, c.bodies.join('+')])).toEqual([
			[1.0, 5, 'ball+rim'],
			[1.005, 4, 'ball+floor'],
			[1.2, 3, 'ball+rim'],
		]);
	});
});

describe('addContactSound', () => {
	it('starts on its own sample at full attack and leaves everything before it untouched', () => {
		const left = new Float32Array(48000);
		const right = new Float32Array(48000);
		addContactSound(left, right, 48000, 12345, contact(0.2572, 4), 0, seededRandom(1));
		expect(left[12344]).toBe(0);
		expect(Math.abs(left[12345])).toBeGreaterThan(0.1);
		expect(left.every(Number.isFinite)).toBe(true);
	});
});

describe('ContactSoundBank', () => {
	it('gives every contact the samples it has computed on its own, whatever rang before it', () => {
		// Louder (longer) contacts after shorter ones make the shared sound grow; several materials
		// interleave; one starts before the buffer.
		const contacts: Array<[number, ContactEvent]> = [
			[100, { ...contact(0, 0.01), material: 'footstep' }],
			[2000, contact(0, 0.05)],
			[9000, { ...contact(0, 3), material: 'water' }],
			[20000, contact(0, 40)],
			[30000, { ...contact(0, 0.02), material: 'footstep' }],
			[41000, contact(0, 2)],
			[-500, { ...contact(0, 1), material: 'rubber-floor' }],
		];
		const length = 48000 * 3;
		const shared = [new Float32Array(length), new Float32Array(length)];
		const alone = [new Float32Array(length), new Float32Array(length)];
		const bank = new ContactSoundBank();
		contacts.forEach(([start, c], k) => {
			const pan = k / 4 - 0.75;
			addContactSound(shared[0], shared[1], 48000, start, c, pan, seededRandom(k), bank);
			addContactSound(alone[0], alone[1], 48000, start, c, pan, seededRandom(k));
		});
		expect(Buffer.from(shared[0].buffer).equals(Buffer.from(alone[0].buffer))).toBe(true);
		expect(Buffer.from(shared[1].buffer).equals(Buffer.from(alone[1].buffer))).toBe(true);
		expect(shared[0].some((v) => Math.abs(v) > 0.1)).toBe(true);
	});
});

describe('contact timbres', () => {
	/** Share of the sound's energy above 2 kHz (a one-pole split is enough to tell a slap from a thud). */
	function brightness(material: ContactEvent['material']): { peak: number; bright: number } {
		const left = new Float32Array(9600);
		const right = new Float32Array(9600);
		addContactSound(left, right, 48000, 0, { ...contact(0, 4), material }, 0, seededRandom(3));
		let low = 0;
		let total = 0;
		let high = 0;
		let peak = 0;
		for (const v of left) {
			low += (v - low) * (1 - Math.exp((-2 * Math.PI * 2000) / 48000));
			total += v * v;
			high += (v - low) ** 2;
			peak = Math.max(peak, Math.abs(v));
		}
		return { peak, bright: high / Math.max(total, 1e-12) };
	}

	it.each(['footstep', 'foot-wood', 'foot-soft', 'hand-ball', 'rubber-sand', 'water'] as const)(
		'%s makes a sound',
		(material) => {
			expect(brightness(material).peak).toBeGreaterThan(0.05);
		},
	);

	it('a hand on a ball is brighter than a foot in sand or a ball landing in it', () => {
		expect(brightness('hand-ball').bright).toBeGreaterThan(brightness('rubber-sand').bright);
		expect(brightness('hand-ball').bright).toBeGreaterThan(brightness('footstep').bright);
	});
});
