/**
 * What every body of a shot does, frame by frame: each character's planned actions become a
 * schedule of clips (a backflip between moments of standing, a beam routine chosen to fit the
 * beam and the time, a volleyball player's hits timed to the rally), which the solver plays with
 * planted feet. A pure function of the shot, the cast, the frame's shape and the seed: the
 * physics (loads on a beam or a floating plank, the ball's flight) and the pictures call it and
 * get the same answer.
 */
import type {
	ActionId,
	AnimalLook,
	CharacterProfile,
	PlannedAction,
	PlannedShot,
} from '../storyboard';
import { seededRandom } from '../scene/random';
import { quadrupedClips, quadrupedRig, type Quadruped } from './animal';
import type { Clip } from './clip';
import { PERSON_CLIPS, personRig } from './person';
import {
	Travel,
	endOf,
	solvePerformance,
	type Performance,
	type Segment,
	type Support,
} from './solve';
import { COURT } from '../physics/basketball';
import {
	BEAM,
	DIVE_EDGE,
	PERSON_METRES,
	animalFraming,
	placementX,
	stageFor,
	type Stage,
} from './stage';
import {
	waterGear,
	frisbeeGear,
	flagGear,
	footballGear,
	pancakeGear,
	snowballGear,
	type Gear,
	type SnowballGear,
} from './gear';

export interface BoardTrack {
	kind: 'skateboard' | 'surfboard';
	/** Per frame: the board's centre (metres) and angle; its direction of travel. */
	x: Float64Array;
	y: Float64Array;
	angle: Float64Array;
	direction: Int8Array;
}

/** A bird or a fish: a path and a beat rather than a skeleton. */
export interface PathPerformance {
	x: Float64Array;
	y: Float64Array;
	facing: Int8Array;
	/** Wing beat or tail sweep phase, radians. */
	phase: Float64Array;
	/** 'fly' | 'glide' | 'perch' | 'hop' for birds; 'swim' | 'leap' for fish. */
	mode: string[];
}

export interface ActorPerformance {
	character: string;
	body: 'person' | 'quadruped' | 'bird' | 'fish';
	species?: Quadruped | 'bird' | 'fish';
	/** Size in metres: a person's height, a four-legged animal's spine, a bird's or fish's length. */
	size: number;
	performance?: Performance;
	path?: PathPerformance;
	board?: BoardTrack;
	/** A basketball bounced by the near hand, per frame (metres); undefined when not dribbling. */
	dribble?: { x: Float64Array; y: Float64Array; bounces: number[] };
	/** Seconds (shot time) during which the character builds something in front of it. */
	building?: { start: number; end: number };
	/** What the character uses: a ball, snowballs, a pan, a flag, a guitar, a bike, the water it dives into. */
	gear: Gear[];
}

export interface VolleyHit {
	frame: number;
	character: string;
	x: number;
	y: number;
	kind: 'spike' | 'bump';
}

export interface ShotPerformance {
	stage: Stage;
	frames: number;
	actors: ActorPerformance[];
	/** The volleyball rally's hits, in order; the last one drives the ball into the sand. */
	rally?: { hits: VolleyHit[]; landing: { frame: number; x: number } };
	/** Sandcastles: where each stands and when it is built. */
	castles: { x: number; start: number; end: number }[];
	/**
	 * A tracking shot: the world x the camera centres on, per frame (it follows a runner, a
	 * galloping dog or a skater, who then travels on instead of turning at the frame's edge).
	 */
	follow?: Float64Array;
}

export interface PerformInput {
	shot: PlannedShot;
	characters: readonly CharacterProfile[];
	/** Frame width / height. */
	aspect: number;
	fps: number;
	seed: number;
	/** Shot-local seconds during which each character speaks (an idle speaker talks). */
	speaking?: ReadonlyArray<{ character: string; start: number; end: number }>;
}

/** Frames solved past the shot's end, for the transition that plays it on under the next shot. */
const TAIL_SECONDS = 0.6;

const OUTDOOR_SEAT = new Set(['beach', 'forest', 'mountains', 'yard', 'lake', 'river']);
/** Loops that move a body across the ground: turned round at the frame's edges. */
const TRAVELLING = new Set(['walk', 'run', 'beam-walk', 'trot', 'gallop', 'cycle', 'swim']);
/** Acts whose performer the camera follows (when no set-piece is to be framed). */
const FOLLOWED = new Set<ActionId>(['run', 'skateboard', 'cycle']);

export function performShot(input: PerformInput): ShotPerformance {
	const { shot, fps } = input;
	const stage = stageFor(input.aspect, shot, animalFraming(shot, input.characters, animalSpine));
	const frames = shot.frameCount + Math.ceil(TAIL_SECONDS * fps);
	const profiles = new Map(input.characters.map((c) => [c.id, c]));
	const seed = (input.seed ^ Math.imul(shot.index + 1, 0x9e3779b1)) >>> 0;
	const result: ShotPerformance = { stage, frames, actors: [], castles: [] };
	const scene = shot.physics?.scene;
	const people = shot.placements.filter(
		(p) => profiles.has(p.character) && !profiles.get(p.character)!.animal,
	);

	const actorsFor = (character: string): PlannedAction[] =>
		shot.actions.filter((a) => a.character === character).sort((a, b) => a.at - b.at);
	// Runners, galloping animals and skaters are followed by the camera (no set-piece to frame).
	const travellers = scene
		? []
		: shot.placements.filter((p) => {
				const profile = profiles.get(p.character);
				if (!profile) return false;
				const acts = actorsFor(p.character);
				if (!profile.animal) return acts.some((a) => FOLLOWED.has(a.action));
				return (
					!['bird', 'fish'].includes(profile.animal.species) &&
					acts.some((a) => a.action === 'run' || a.action === 'walk')
				);
			});
	const tracking =
		travellers.length > 0 && travellers.every((p) => p.facing === travellers[0].facing);
	// Builders kneel on either side of one castle, facing it.
	const builders = people.filter((p) => actorsFor(p.character).some((a) => a.action === 'build'));
	const builderSpot = new Map<string, { x: number; facing: 1 | -1 }>();
	if (builders.length > 1) {
		const centre = builders.reduce((sum, p) => sum + placementX(stage, p.x), 0) / builders.length;
		builders.forEach((p, i) => {
			const side = i % 2 === 0 ? -1 : 1;
			builderSpot.set(p.character, {
				x: centre + side * (0.72 + 0.35 * Math.floor(i / 2)),
				facing: side < 0 ? 1 : -1,
			});
		});
	}

	// Volleyball: the rally decides when each player hits; solved first so the ball can meet hands.
	if (scene === 'volleyball' && people.length >= 2) {
		volleyballShot(
			input,
			stage,
			frames,
			result,
			people.map((p) => p.character),
		);
	}

	shot.placements.forEach((placement, order) => {
		const profile = profiles.get(placement.character);
		if (!profile || result.actors.some((a) => a.character === placement.character)) return;
		const actions = actorsFor(placement.character);
		const facing: 1 | -1 = placement.facing === 'left' ? -1 : 1;
		let startX = placementX(stage, placement.x);
		if (profile.animal) {
			result.actors.push(
				animalPerformance(
					profile.animal,
					placement.character,
					actions,
					startX,
					facing,
					stage,
					shot,
					frames,
					fps,
					seed + order,
					tracking,
				),
			);
			return;
		}
		const height = PERSON_METRES * profile.look.height;
		const rig = personRig(height, profile.look.build);
		const mass = 62 * profile.look.height ** 2 * profile.look.build;
		const firstPerson = people[0]?.character === placement.character;
		let schedule: Segment[];
		let supports: Support[] = stage.supports;
		let flips: number[] | undefined;
		let board: BoardTrack | undefined;
		let startFacing = facing;
		let noBounds = false;
		if (scene === 'balance-beam' && firstPerson) {
			startX = -BEAM.halfLength + 0.75;
			startFacing = 1;
			schedule = beamRoutine(actions, shot.duration, rig, height, mass, fps, stage, startX);
			noBounds = true;
		} else if (scene === 'floating-plank' && firstPerson) {
			startX = 0.15;
			schedule = personSchedule(actions, shot, input, placement.character);
		} else if (scene === 'surf' && firstPerson) {
			board = surfBoard(frames, fps);
			startX = board.x[0];
			startFacing = 1;
			supports = [boardSupport(board, fps), ...stage.supports];
			schedule = [{ clip: PERSON_CLIPS.surf, start: 0 }];
		} else if (scene === 'basketball' && actions.some((a) => a.action === 'shoot')) {
			// The shooter stands at the release point, facing the hoop, and does not walk.
			startX = stage.fromSetPiece(COURT.releaseX - 0.25);
			startFacing = 1;
			schedule = personSchedule(
				actions.filter((a) => a.action !== 'walk' && a.action !== 'run'),
				shot,
				input,
				placement.character,
			);
		} else if (!scene && actions.some((a) => a.action === 'kick')) {
			// The kicker stands a quarter in from the side it comes from, the goal ahead of it.
			startX = placementX(stage, facing > 0 ? 0.1 : 0.9);
			schedule = personSchedule(actions, shot, input, placement.character);
		} else if (stage.diveEdge !== undefined && actions.some((a) => a.action === 'dive')) {
			// The diver stands at the edge, facing the open water.
			startX = stage.diveEdge - height * 0.12;
			startFacing = 1;
			schedule = personSchedule(actions, shot, input, placement.character);
		} else if (stage.swimmers && actions.some((a) => a.action === 'swim')) {
			// A swimmer starts in the water, across the frame from where it swims to.
			startX = placementX(stage, facing > 0 ? 0.25 : 0.75);
			schedule = personSchedule(actions, shot, input, placement.character);
		} else {
			if (scene === 'balance-beam')
				startX =
					startX < 0
						? Math.min(startX, -BEAM.halfLength - 0.5)
						: Math.max(startX, BEAM.halfLength + 0.5);
			schedule = personSchedule(actions, shot, input, placement.character);
			const skating = actions.find((a) => a.action === 'skateboard');
			if (skating) {
				const made = skateBoard(
					frames,
					fps,
					startX,
					facing,
					tracking ? undefined : stage,
					skating.at,
				);
				board = made.board;
				flips = made.flips;
				supports = [boardSupport(board, fps), ...stage.supports];
			}
		}
		const performance = solvePerformance({
			rig,
			size: height,
			mass,
			fps,
			frames,
			startX,
			facing: startFacing,
			schedule,
			supports,
			bounds: noBounds || tracking ? undefined : stage.bounds,
			travelling: TRAVELLING,
			flips,
		});
		const actor: ActorPerformance = {
			character: placement.character,
			body: 'person',
			size: height,
			performance,
			board,
			gear: personGear(actions, performance, stage),
		};
		const dribbling = actions.find((a) => a.action === 'dribble');
		if (dribbling)
			actor.dribble = dribbleBall(
				performance,
				fps,
				dribbling.at,
				windowEnd(actions, dribbling, shot.duration + TAIL_SECONDS),
			);
		const build = actions.find((a) => a.action === 'build');
		if (build) {
			const end = windowEnd(actions, build, shot.duration + TAIL_SECONDS);
			actor.building = { start: build.at, end };
			const f = Math.min(frames - 1, Math.round((build.at + 1) * fps));
			const castleX = performance.x[f] + performance.facing[f] * height * 0.42;
			const near = result.castles.find((c) => Math.abs(c.x - castleX) < 1.2);
			if (near) {
				near.x = (near.x + castleX) / 2;
				near.start = Math.min(near.start, build.at);
				near.end = Math.max(near.end, end);
			} else result.castles.push({ x: castleX, start: build.at, end });
		}
		result.actors.push(actor);
	});
	aimSnowballs(result.actors);
	// A frisbee is chased by the first animal that runs (else the first person who does).
	if (shot.props.includes('frisbee')) {
		const runs = (a: ActorPerformance) =>
			a.performance?.clipAt.some((c) => c === 'gallop' || c === 'run');
		const chaser =
			result.actors.find((a) => a.body === 'quadruped' && runs(a)) ??
			result.actors.find((a) => a.body === 'person' && runs(a));
		if (chaser?.performance)
			chaser.gear.push(
				frisbeeGear(chaser.performance, chaser.body === 'quadruped' ? chaser.size * 0.75 : 0.3),
			);
	}
	if (tracking) {
		const subject = result.actors.find((a) => a.character === travellers[0].character)?.performance;
		if (subject) result.follow = followPath(subject, stage, fps);
	}
	return result;
}

/**
 * Where a tracking camera looks: a little ahead of the subject, smoothed over a second (a centred
 * average, so it does not lag behind a subject at speed) so strides and turns do not shake it.
 */
function followPath(subject: Performance, stage: Stage, fps: number): Float64Array {
	const lead = 0.12 * (stage.right - stage.left);
	const n = subject.frames;
	const target = Float64Array.from(
		{ length: n },
		(_, f) => subject.x[f] + subject.facing[f] * lead,
	);
	const half = Math.max(1, Math.round(0.5 * fps));
	const follow = new Float64Array(n);
	for (let f = 0; f < n; f++) {
		let sum = 0;
		let count = 0;
		for (let k = f - half; k <= f + half; k++) {
			// Past the ends, the path is extended in a straight line.
			const i = Math.max(0, Math.min(n - 1, k));
			const extra =
				k < 0
					? target[0] - target[Math.min(n - 1, -k)]
					: k >= n
						? target[n - 1] - target[Math.max(0, 2 * (n - 1) - k)]
						: 0;
			sum += target[i] + extra;
			count++;
		}
		follow[f] = sum / count;
	}
	return follow;
}

function windowEnd(actions: PlannedAction[], action: PlannedAction, end: number): number {
	const next = actions.find((a) => a.at > action.at);
	return next ? next.at : end;
}

/** The clip schedule of a person's actions: loops last their window, one-shots settle into idle. */
function personSchedule(
	actions: PlannedAction[],
	shot: PlannedShot,
	input: PerformInput,
	character: string,
): Segment[] {
	const C = PERSON_CLIPS;
	const total = shot.duration + TAIL_SECONDS;
	const schedule: Segment[] = [];
	const push = (clip: Clip, start: number, fade?: number) => {
		const last = schedule[schedule.length - 1];
		if (last && last.clip === clip && clip.loop) return;
		if (last && Math.abs(last.start - start) < 1e-6) schedule.pop();
		schedule.push({ clip, start, ...(fade !== undefined ? { fade } : {}) });
	};
	const windows = actions.length ? actions : [{ character, action: 'idle' as ActionId, at: 0 }];
	if (windows[0].at > 0) push(C.idle, 0);
	const outdoor = OUTDOOR_SEAT.has(shot.setting);
	windows.forEach((a, i) => {
		const start = a.at;
		const end = windows[i + 1]?.at ?? total;
		const span = end - start;
		switch (a.action) {
			case 'sit': {
				const [down, seated] = outdoor ? [C['sit-ground'], C['seated-ground']] : [C.sit, C.seated];
				push(down, start);
				push(seated, start + down.duration, 0.15);
				break;
			}
			case 'build':
				push(C.kneel, start);
				push(C.build, start + C.kneel.duration, 0.2);
				break;
			case 'jump':
			case 'shoot':
				repeatOneShot(push, C[a.action], C.idle, start, span, a.action === 'shoot' ? 0 : 0.35);
				break;
			case 'backflip':
			case 'handspring':
			case 'cartwheel':
				// Feats that travel: the performer turns round between them, so they stay in place.
				repeatOneShot(push, C[a.action], C.idle, start, span, 0.35, C.pivot);
				break;
			case 'skateboard':
				push(C.skate, start);
				break;
			case 'surf':
				push(C.surf, start);
				break;
			case 'volley':
				push(C.ready, start);
				break;
			case 'beam-routine':
				push(C['beam-walk'], start);
				break;
			case 'fly':
				push(C.idle, start);
				break;
			case 'swim':
				push(WATER.has(shot.setting) ? C.swim : C.idle, start);
				break;
			case 'kick': {
				// A short run-up of steps to the ball, one strike, then standing to watch it go in.
				const runUp = Math.min(0.9, span / 4);
				push(C.walk, start);
				push(C.kick, start + runUp, 0.15);
				push(C.idle, start + runUp + C.kick.duration, 0.2);
				break;
			}
			case 'throw-snowball': {
				// Players of one fight throw out of step: each starts at its own point of the cycle.
				const offset = (hashOf(character) % 8) / 8;
				push(C.idle, start);
				push(C['throw-snowball'], start + offset * 0.6 * C['throw-snowball'].duration, 0.2);
				break;
			}
			case 'plant-flag':
				push(C.idle, start);
				push(C['plant-flag'], start + 0.3, 0.2);
				push(C.idle, start + 0.3 + C['plant-flag'].duration, 0.25);
				break;
			case 'dive':
				if (!WATER.has(shot.setting) || shot.physics) {
					repeatOneShot(push, C.jump, C.idle, start, span, 0.35);
					break;
				}
				push(C.idle, start);
				push(C.dive, start + 0.4, 0.2);
				push(C.swim, start + 0.4 + C.dive.duration, 0.3);
				break;
			default: {
				const clip = C[a.action] ?? C.idle;
				push(clip, start);
			}
		}
	});
	// An idle speaker talks (speech is known to the pictures; it never moves the feet).
	for (const s of input.speaking ?? []) {
		if (s.character !== character) continue;
		applyTalk(schedule, s.start, s.end);
	}
	return schedule;
}

function repeatOneShot(
	push: (clip: Clip, start: number, fade?: number) => void,
	clip: Clip,
	idle: Clip,
	start: number,
	span: number,
	lead: number,
	turn?: Clip,
): void {
	let t = start;
	if (lead > 0) push(idle, t);
	t += lead;
	let first = true;
	const rest = turn ? turn.duration : 0.9;
	// One performance; more only when the window leaves room to rest between them.
	while (first || t + clip.duration + rest <= start + span) {
		push(clip, t, first && lead === 0 ? 0.12 : 0.2);
		t += clip.duration;
		if (turn && t + clip.duration + rest <= start + span) {
			push(turn, t, 0.2);
			t += turn.duration;
		} else {
			push(idle, t, 0.2);
			t += 0.9;
		}
		first = false;
	}
}

/** Replaces idle with talk over [start, end). */
function applyTalk(schedule: Segment[], start: number, end: number): void {
	const idle = PERSON_CLIPS.idle;
	const talk = PERSON_CLIPS.talk;
	for (let i = 0; i < schedule.length; i++) {
		const s = schedule[i];
		const sEnd = schedule[i + 1]?.start ?? Infinity;
		if (s.clip !== idle || sEnd <= start || s.start >= end) continue;
		const parts: Segment[] = [];
		if (s.start < start) parts.push({ ...s });
		parts.push({ clip: talk, start: Math.max(s.start, start), fade: 0.2 });
		if (end < sEnd) parts.push({ clip: idle, start: end, fade: 0.3 });
		schedule.splice(i, 1, ...parts);
		i += parts.length - 1;
	}
}

/**
 * A balance-beam routine that fits the beam and the time: walks with arms raised, a split leap,
 * an arabesque, a cartwheel, turns at the ends, and — when there is time — a back-flip dismount
 * off the end of the beam to a salute. Each decision is made from where the gymnast really is:
 * the schedule so far is solved, so no element takes her off the beam by accident.
 */
function beamRoutine(
	actions: PlannedAction[],
	total: number,
	rig: ReturnType<typeof personRig>,
	height: number,
	mass: number,
	fps: number,
	stage: Stage,
	startX: number,
): Segment[] {
	const C = PERSON_CLIPS;
	const start = actions.find((a) => a.action === 'beam-routine')?.at ?? 0;
	const solve = (segments: Segment[], seconds: number) =>
		solvePerformance({
			rig,
			size: height,
			mass,
			fps,
			frames: Math.max(2, Math.ceil(seconds * fps) + 1),
			startX,
			facing: 1,
			schedule: segments,
			supports: stage.supports,
		});
	const travel = (clip: Clip) => {
		const p = solve([{ clip, start: 0 }], clip.duration);
		return Math.abs(p.x[p.frames - 1] - p.x[0]);
	};
	const walkCycle = C['beam-walk'].duration;
	const walkSpeed = (0.85 * travel(C['beam-walk'])) / walkCycle;
	// Each element with the room it needs behind the standing foot (a leg swung back, a landing).
	const elements = (
		[
			[C['split-leap'], 0.3],
			[C.arabesque, 0.7],
			[C.cartwheel, 0.45],
		] as const
	).map(([clip, back]) => ({ clip, dx: travel(clip), back }));
	const dismountSeconds = C.dismount.duration + 0.7;
	const edge = BEAM.halfLength - 0.25;
	const end = start + total;
	// Time still needed to finish from here: flip off the end behind (turning round first if it is
	// not close), or walk to the end ahead, turn and flip off it.
	const finishBehind = (behind: number) =>
		behind <= 0.32
			? dismountSeconds
			: 2 * C.pivot.duration + Math.max(0, behind - 0.3) / walkSpeed + dismountSeconds;
	const finishAhead = (ahead: number) =>
		Math.max(0, ahead - 0.3) / walkSpeed + C.pivot.duration + dismountSeconds;

	const frames = Math.ceil((end + 1) * fps);
	/** One plan: elements while there is time, heading for an end `margin` seconds early. */
	const attempt = (
		margin: number,
	): { schedule: Segment[]; dismounted: boolean; elements: number } => {
		const schedule: Segment[] = start > 0 ? [{ clip: C.idle, start: 0 }] : [];
		let t = start;
		let next = 0;
		const add = (clip: Clip, duration = clip.duration, fade = 0.25) => {
			// A loop that simply goes on is not restarted.
			if (!(clip.loop && schedule[schedule.length - 1]?.clip === clip))
				schedule.push({ clip, start: t, fade });
			t += duration;
		};
		// Solved as the plan grows: appending a clip never changes the frames before it starts.
		const travel = new Travel({
			rig,
			size: height,
			mass,
			fps,
			frames,
			startX,
			facing: 1,
			schedule,
			supports: stage.supports,
		});
		const stateAt = (seconds: number) => {
			const f = Math.max(1, Math.ceil(seconds * fps));
			travel.advance(f);
			return { x: travel.xs[f - 1], facing: travel.facings[f - 1] };
		};
		// Whether an element played next keeps every foot and hand on the beam.
		const staysOn = (clip: Clip, at: number) => {
			const trial = travel.clone([...schedule, { clip, start: at, fade: 0.25 }]);
			trial.advance(Math.ceil((at + clip.duration) * fps));
			const from = Math.round(at * fps);
			return trial.contacts.every((c) => c.startFrame < from || c.supportId === 'beam');
		};
		const walk = (ahead: number) =>
			add(C['beam-walk'], Math.min(walkCycle, Math.max(0.5, (ahead - 0.3) / walkSpeed)));
		add(C.salute, 0.7, 0);
		for (let guard = 0; guard < 40 && t < end - 0.4; guard++) {
			const { x, facing } = stateAt(t);
			const ahead = facing > 0 ? edge - x : x + edge;
			const behind = facing > 0 ? x + edge : edge - x;
			const left = end - t;
			if (behind <= 0.32 && left >= dismountSeconds && left < dismountSeconds + margin) {
				add(C.dismount);
				add(C.salute, Math.max(0.7, end - t), 0.2);
				return { schedule, dismounted: true, elements: next };
			}
			if (left < dismountSeconds) break;
			const finish = Math.min(finishBehind(behind), finishAhead(ahead));
			if (left >= finish && left < finish + margin) {
				// Heading for an end: the cheaper one.
				if (finishBehind(behind) <= finishAhead(ahead)) {
					if (behind <= 0.32) {
						add(
							C.arabesque.duration <= left - dismountSeconds ? C.arabesque : C.salute,
							Math.min(C.arabesque.duration, left - dismountSeconds),
						);
						continue;
					}
					add(C.pivot);
				} else if (ahead <= 0.3) add(C.pivot);
				else walk(ahead);
				continue;
			}
			const el = elements[next % elements.length];
			if (
				el.dx <= ahead - 0.25 &&
				behind >= el.back &&
				el.clip.duration + 0.3 <= left &&
				staysOn(el.clip, t)
			) {
				add(el.clip);
				next++;
			} else if (ahead <= 0.3) add(C.pivot);
			else walk(ahead);
		}
		schedule.push({ clip: C.salute, start: t, fade: 0.3 });
		return { schedule, dismounted: false, elements: next };
	};
	// The richest plan wins: elements count, a dismount counts for more.
	let best: { schedule: Segment[]; score: number } | undefined;
	for (const margin of [0.6, 1.2, 2, 3, 4.5, 7]) {
		const plan = attempt(margin);
		const score = Math.min(plan.elements, 4) + (plan.dismounted && plan.elements > 0 ? 1.5 : 0);
		if (!best || score > best.score) best = { schedule: plan.schedule, score };
	}
	return best!.schedule;
}

/** A surfboard riding the face of a wave: carving up and down it, nose following the slope. */
export function surfWave(t: number): { crest: number; height: number; width: number } {
	return {
		crest: -0.6 + 0.15 * Math.sin(t * 0.7),
		height: 2.1 + 0.15 * Math.sin(t * 1.1),
		width: 1.6,
	};
}

/** The wave's surface height at x (metres) at time t: a swell whose front face is steep. */
export function waveSurface(x: number, t: number): number {
	const w = surfWave(t);
	const d = x - w.crest;
	const spread = d < 0 ? w.width * 1.7 : w.width;
	return w.height * Math.exp(-(d * d) / (spread * spread)) - 0.05;
}

function surfBoard(frames: number, fps: number): BoardTrack {
	const board: BoardTrack = {
		kind: 'surfboard',
		x: new Float64Array(frames),
		y: new Float64Array(frames),
		angle: new Float64Array(frames),
		direction: new Int8Array(frames).fill(1),
	};
	for (let f = 0; f < frames; f++) {
		const t = f / fps;
		const w = surfWave(t);
		const x = w.crest + 0.9 + 0.55 * Math.sin(t * 1.6);
		const y = waveSurface(x, t);
		const slope = (waveSurface(x + 0.05, t) - waveSurface(x - 0.05, t)) / 0.1;
		board.x[f] = x;
		board.y[f] = y + 0.05;
		board.angle[f] = Math.atan(slope);
	}
	return board;
}

function skateBoard(
	frames: number,
	fps: number,
	startX: number,
	facing: 1 | -1,
	stage: Stage | undefined,
	from: number,
): { board: BoardTrack; flips: number[] } {
	const board: BoardTrack = {
		kind: 'skateboard',
		x: new Float64Array(frames),
		y: new Float64Array(frames).fill(0.1),
		angle: new Float64Array(frames),
		direction: new Int8Array(frames),
	};
	const flips: number[] = [];
	let x = startX;
	let dir = facing;
	const speed = 1.1;
	for (let f = 0; f < frames; f++) {
		const t = f / fps;
		if (t >= from) {
			x += (dir * speed) / fps;
			if (stage && ((x > stage.bounds[1] && dir > 0) || (x < stage.bounds[0] && dir < 0))) {
				dir = dir > 0 ? -1 : 1;
				flips.push(t);
			}
		}
		board.x[f] = x;
		board.direction[f] = dir;
	}
	return { board, flips };
}

function boardSupport(board: BoardTrack, fps: number): Support {
	const at = (t: number) => Math.max(0, Math.min(board.x.length - 1, Math.round(t * fps)));
	return {
		id: board.kind,
		material: 'board',
		kind: 'board',
		top: (x, t) => {
			const f = at(t);
			return Math.abs(x - board.x[f]) < 1.2 ? board.y[f] : undefined;
		},
		pose: (t) => {
			const f = at(t);
			return { x: board.x[f], y: board.y[f], angle: board.angle[f] };
		},
	};
}

/** A ball bounced by the near hand through the dribble clip's cycle, hitting the floor mid-cycle. */
function dribbleBall(
	p: Performance,
	fps: number,
	from: number,
	to: number,
): { x: Float64Array; y: Float64Array; bounces: number[] } {
	const x = new Float64Array(p.frames);
	const y = new Float64Array(p.frames);
	const bounces: number[] = [];
	const radius = 0.12;
	const period = PERSON_CLIPS.dribble.duration;
	for (let f = 0; f < p.frames; f++) {
		const t = f / fps;
		const [hx, hy] = endOf(p, f, 'handNear');
		if (t < from || t >= to) {
			x[f] = Number.NaN;
			y[f] = Number.NaN;
			continue;
		}
		const u = ((((t - from) / period) % 1) + 1) % 1;
		const fall = u < 0.5 ? 2 * u : 2 - 2 * u;
		const top = hy - radius;
		x[f] = hx + p.facing[f] * 0.06;
		y[f] = radius + (top - radius) * (1 - fall * fall);
		const prevU = (((((f - 1) / fps - from) / period) % 1) + 1) % 1;
		if (f > 0 && (f - 1) / fps >= from && prevU < 0.5 && u >= 0.5) bounces.push(f);
	}
	return { x, y, bounces };
}

/**
 * The rally: players on each side of the net hit the ball in turn — a spike, then a bump, and so
 * on — with each hit on a whole frame, and the last spike driven into the sand.
 */
function volleyballShot(
	input: PerformInput,
	stage: Stage,
	frames: number,
	result: ShotPerformance,
	players: string[],
): void {
	const { shot, fps } = input;
	const random = seededRandom(input.seed ^ 0x5a17, shot.index + 31);
	const half = Math.ceil(players.length / 2);
	const sides = players.map((_, i) => (i < half ? -1 : 1));
	const slot = players.map((_, i) => (i < half ? i : i - half));
	const xOf = (i: number) => sides[i] * (1.55 + 0.9 * slot[i]);
	const profiles = new Map(input.characters.map((c) => [c.id, c]));
	const C = PERSON_CLIPS;
	const schedules: Segment[][] = players.map(() => [{ clip: C.ready, start: 0 }]);
	const planned: Array<{ player: number; time: number; kind: 'spike' | 'bump' }> = [];
	let t = 0.7;
	let side = -1;
	let kind: 'spike' | 'bump' = 'spike';
	const end = shot.duration;
	while (t + 1.0 < end) {
		const candidates = players.map((_, i) => i).filter((i) => sides[i] === side);
		const player = candidates[random.int(candidates.length)];
		const hitFrame = Math.round(t * fps);
		planned.push({ player, time: hitFrame / fps, kind });
		const flight = kind === 'spike' ? random.range(1.05, 1.2) : random.range(1.35, 1.55);
		t = hitFrame / fps + flight;
		side = -side;
		kind = kind === 'spike' ? 'bump' : 'spike';
	}
	// The last hit is a spike that lands in the sand.
	if (planned.length && planned[planned.length - 1].kind !== 'spike' && planned.length > 1)
		planned.pop();
	for (const hit of planned) {
		const clip = C[hit.kind];
		const begin = hit.time - clip.hit!.at * clip.duration;
		const s = schedules[hit.player];
		s.push({ clip, start: Math.max(0, begin), fade: 0.15 });
		s.push({ clip: C.ready, start: Math.max(0, begin) + clip.duration, fade: 0.2 });
	}
	const hits: VolleyHit[] = [];
	players.forEach((character, i) => {
		const profile = profiles.get(character)!;
		const height = PERSON_METRES * profile.look.height;
		const performance = solvePerformance({
			rig: personRig(height, profile.look.build),
			size: height,
			mass: 62 * profile.look.height ** 2,
			fps,
			frames,
			startX: xOf(i),
			facing: sides[i] < 0 ? 1 : -1,
			schedule: schedules[i],
			supports: stage.supports,
		});
		result.actors.push({ character, body: 'person', size: height, performance, gear: [] });
		for (const hit of planned.filter((h) => h.player === i)) {
			const frame = Math.round(hit.time * fps);
			const [hx, hy] = endOf(performance, frame, 'handNear');
			hits.push({
				frame,
				character,
				x: hx + performance.facing[frame] * 0.1,
				y: hy + 0.12,
				kind: hit.kind,
			});
		}
	});
	hits.sort((a, b) => a.frame - b.frame);
	if (!hits.length) return;
	const last = hits[hits.length - 1];
	const landingX = -Math.sign(last.x || 1) * (1.2 + random.range(0, 1.2));
	const landingFrame = Math.min(frames - 1, last.frame + Math.round(0.95 * fps));
	result.rally = { hits, landing: { frame: landingFrame, x: landingX } };
}

/** An animal's actions as gaits and poses. */
function animalPerformance(
	look: AnimalLook,
	character: string,
	actions: PlannedAction[],
	startX: number,
	facing: 1 | -1,
	stage: Stage,
	shot: PlannedShot,
	frames: number,
	fps: number,
	seed: number,
	tracking = false,
): ActorPerformance {
	if (look.species === 'bird' || look.species === 'fish')
		return pathAnimal(look, character, actions, startX, facing, stage, shot, frames, fps, seed);
	const species = look.species;
	const spine = ANIMAL_SPINE[species] * look.size;
	const clips = quadrupedClips(species, spine);
	const schedule: Segment[] = [];
	const windows = actions.length ? actions : [{ character, action: 'idle' as ActionId, at: 0 }];
	if (windows[0].at > 0) schedule.push({ clip: clips.idle, start: 0 });
	const total = shot.duration + TAIL_SECONDS;
	windows.forEach((a, i) => {
		const end = windows[i + 1]?.at ?? total;
		switch (a.action) {
			case 'run':
				schedule.push({ clip: clips.gallop, start: a.at, fade: 0.2 });
				break;
			case 'walk':
				schedule.push({ clip: clips.walk, start: a.at });
				break;
			case 'drink':
				schedule.push({ clip: clips.drink, start: a.at, fade: 0.5 });
				break;
			case 'sit':
				schedule.push({ clip: clips.sit, start: a.at });
				schedule.push({ clip: clips.seated, start: a.at + clips.sit.duration, fade: 0.1 });
				break;
			case 'jump':
			case 'backflip':
			case 'handspring':
				repeatOneShot(
					(clip, start, fade) => schedule.push({ clip, start, fade }),
					clips.jump,
					clips.idle,
					a.at,
					end - a.at,
					0.3,
				);
				break;
			default:
				schedule.push({ clip: clips.idle, start: a.at });
		}
	});
	const mass = { dog: 22, cat: 4.5, horse: 480, deer: 70 }[species] * look.size ** 3;
	const performance = solvePerformance({
		rig: quadrupedRig(species, spine),
		size: spine,
		mass,
		fps,
		frames,
		startX,
		facing,
		schedule,
		supports: stage.supports,
		bounds: tracking ? undefined : stage.bounds,
		travelling: TRAVELLING,
	});
	return { character, body: 'quadruped', species, size: spine, performance, gear: [] };
}

/** Settings with water a fish can swim in. */
export const WATER_SETTINGS: ReadonlySet<string> = new Set(['lake', 'pool', 'river', 'beach']);
/** A fishbowl on its stand, for a fish where there is no water: the water's centre height (m). */
export const FISHBOWL = { centre: 0.85, radius: 0.2 } as const;

/** Spine length (hip to shoulder) of a grown animal, metres. */
export const ANIMAL_SPINE: Record<Quadruped, number> = {
	dog: 0.5,
	cat: 0.3,
	horse: 1.05,
	deer: 0.7,
};

/** The spine-equivalent length of any species (birds and fish: half their length). */
export function animalSpine(species: string, size: number): number {
	// Birds are framed with the sky they fly in; fish with the water round them.
	if (species === 'bird') return 0.5 * size;
	if (species === 'fish') return 0.25 * size;
	return (ANIMAL_SPINE[species as Quadruped] ?? 0.5) * size;
}

/** Birds fly a wavy path (or hop on the ground); fish swim under the surface and may leap. */
function pathAnimal(
	look: AnimalLook,
	character: string,
	actions: PlannedAction[],
	startX: number,
	facing: 1 | -1,
	stage: Stage,
	shot: PlannedShot,
	frames: number,
	fps: number,
	seed: number,
): ActorPerformance {
	const random = seededRandom(seed, 71);
	const bird = look.species === 'bird';
	const size = (bird ? 0.32 : 0.34) * look.size;
	const path: PathPerformance = {
		x: new Float64Array(frames),
		y: new Float64Array(frames),
		facing: new Int8Array(frames),
		phase: new Float64Array(frames),
		mode: [],
	};
	const flying =
		!bird ||
		actions.some((a) => ['fly', 'run', 'walk', 'jump'].includes(a.action)) ||
		actions.length === 0;
	const leapAt = actions.find((a) => a.action === 'jump' || a.action === 'backflip')?.at;
	// Fish swim under open water, or round a bowl where there is none.
	const bowl = !bird && !WATER_SETTINGS.has(shot.setting);
	let x = startX;
	let dir = facing;
	const speed = bird ? (flying ? 2.6 : 0) : bowl ? 0.12 : 0.7;
	const lo = bowl ? startX - 0.1 : stage.bounds[0];
	const hi = bowl ? startX + 0.1 : stage.bounds[1];
	// Birds fly in the upper half of the picture, each at its own height; fish just under the surface.
	const altitude = bird
		? stage.top * random.range(0.45, 0.75)
		: bowl
			? FISHBOWL.centre
			: stage.bottom * random.range(0.25, 0.55);
	const wobble = random.range(0, Math.PI * 2);
	for (let f = 0; f < frames; f++) {
		const t = f / fps;
		x += (dir * speed) / fps;
		if ((x > hi && dir > 0) || (x < lo && dir < 0)) dir = dir > 0 ? -1 : 1;
		let y =
			altitude +
			(bird ? 0.06 * stage.top : bowl ? 0.03 : 0.04) * Math.sin(t * (bird ? 1.7 : 2.3) + wobble);
		let mode = bird ? (flying ? 'fly' : 'perch') : 'swim';
		if (bird && flying && Math.sin(t * 0.9 + wobble) > 0.55) mode = 'glide';
		if (!bird && !bowl && leapAt !== undefined && t >= leapAt && t < leapAt + 0.9) {
			const u = (t - leapAt) / 0.9;
			y = altitude + (0.7 - altitude) * Math.sin(Math.PI * u);
			mode = 'leap';
		}
		if (bird && !flying) y = 0;
		path.x[f] = x;
		path.y[f] = y;
		path.facing[f] = dir;
		path.phase[f] =
			t * (bird ? (mode === 'glide' ? 0 : (2 * Math.PI) / 0.28) : (2 * Math.PI) / 0.7);
		path.mode.push(bowl ? 'bowl' : mode);
	}
	return {
		character,
		body: bird ? 'bird' : 'fish',
		species: bird ? 'bird' : 'fish',
		size,
		path,
		gear: [],
	};
}

/** Settings with water at hand for a person to dive into and swim in. */
const WATER: ReadonlySet<string> = new Set(['lake', 'pool', 'river', 'beach']);

function hashOf(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}

/** What a person's actions have them use, worked out from their solved motion. */
function personGear(actions: PlannedAction[], performance: Performance, stage: Stage): Gear[] {
	const gear: Gear[] = [];
	const does = (id: ActionId) => actions.some((a) => a.action === id);
	if (does('kick')) gear.push(footballGear(performance, stage));
	if (does('throw-snowball')) gear.push(snowballGear(performance, undefined));
	if (does('flip-pancake')) gear.push(pancakeGear(performance));
	if (does('plant-flag')) gear.push(flagGear(performance));
	if (does('play-guitar')) gear.push({ kind: 'guitar', clip: 'play-guitar' });
	if (does('cycle')) gear.push({ kind: 'bicycle', clip: 'cycle' });
	if (stage.swimmers && (does('dive') || does('swim')))
		gear.push(
			waterGear(
				performance,
				stage.diveEdge !== undefined && does('dive')
					? { x: stage.diveEdge, top: DIVE_EDGE.top, side: 1 }
					: undefined,
			),
		);
	return gear;
}

/** Each snowball thrower aims at the nearest other person in front of them, at chest height. */
function aimSnowballs(actors: ActorPerformance[]): void {
	for (const actor of actors) {
		const gear = actor.gear.find((g): g is SnowballGear => g.kind === 'snowballs');
		const p = actor.performance;
		if (!gear || !p) continue;
		const others = actors.filter((a) => a !== actor && a.body === 'person' && a.performance);
		if (!others.length) continue;
		const aimed = snowballGear(p, (frame) => {
			const from = p.x[frame];
			const side = p.facing[frame];
			let best: [number, number] | undefined;
			for (const other of others) {
				const q = other.performance!;
				const f = Math.min(frame, q.frames - 1);
				const dx = (q.x[f] - from) * side;
				if (dx <= 0.3) continue;
				if (!best || dx < (best[0] - from) * side) best = [q.x[f], q.y[f] + other.size * 0.32];
			}
			return best;
		});
		actor.gear[actor.gear.indexOf(gear)] = aimed;
	}
}
