/**
 * Balance-beam set-piece: a 5 m beam on two legs that flexes under the gymnast. The beam is
 * modelled by its first bending mode — the deflected shape of a beam on two supports, with the
 * overhanging ends rising as the middle sags — driven by the load the gymnast's feet put on it
 * (body weight plus the force of every landing) through a damped spring, so it dips under a
 * landing, wobbles and settles. Deflections are exaggerated about fivefold, so they read on screen.
 */
import type { BodyPose, PlannedShot } from '../storyboard';
import type { ShotPerformance } from '../motion/perform';
import { BEAM, setPieceView } from '../motion/stage';
import { combinedSupportLoad } from './performers';
import type { SetPieceTrack } from './world';

const SEGMENTS = 20;
/** Deflection at mid-span under a 60 kg standing load, metres (exaggerated for the picture). */
const STATIC_SAG = 0.014;
const FREQUENCY_HZ = 5;
const DAMPING_RATIO = 0.07;

/** The first mode's shape at x: 1 at mid-span, 0 over the legs, negative on the overhangs. */
export function beamMode(x: number): number {
	const span = 2 * BEAM.legX;
	if (Math.abs(x) <= BEAM.legX) return Math.cos((Math.PI * x) / span);
	return -(Math.PI / span) * (Math.abs(x) - BEAM.legX);
}

export function balanceBeam(
	shot: Pick<PlannedShot, 'frameCount'>,
	fps: number,
	performance: ShotPerformance,
): SetPieceTrack {
	const frames = shot.frameCount;
	const { force, at } = combinedSupportLoad(performance, 'beam', frames);
	const omega = 2 * Math.PI * FREQUENCY_HZ;
	const k = (60 * 9.81) / STATIC_SAG; // N per metre of mid-span deflection
	const m = k / (omega * omega);
	const c = 2 * DAMPING_RATIO * m * omega;
	const substeps = 8;
	const dt = 1 / (fps * substeps);
	let q = 0;
	let v = 0;
	const sag = new Float64Array(frames);
	for (let f = 0; f < frames; f++) {
		// Generalised force of a point load: the load times the mode's value where it stands.
		const p = force[f] * beamMode(at[f]);
		for (let s = 0; s < substeps; s++) {
			const a = (p - k * q - c * v) / m;
			v += a * dt;
			q += v * dt;
		}
		sag[f] = q;
	}
	const half = BEAM.halfLength / SEGMENTS;
	const poses: BodyPose[][] = [];
	for (let f = 0; f < frames; f++) {
		const row: BodyPose[] = [];
		for (let i = 0; i < SEGMENTS; i++) {
			const x = -BEAM.halfLength + half * (2 * i + 1);
			const slope = -(sag[f] * (beamMode(x + 0.01) - beamMode(x - 0.01))) / 0.02;
			row.push({
				id: `beam-${i}`,
				kind: 'beam-segment',
				x,
				y: BEAM.top - BEAM.thickness / 2 - sag[f] * beamMode(x),
				angle: Math.atan(slope),
				w: half,
				h: BEAM.thickness / 2,
			});
		}
		poses.push(row);
	}
	return { scene: 'balance-beam', frames: poses, contacts: [], view: setPieceView('balance-beam') };
}
