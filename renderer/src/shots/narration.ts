/**
 * The voice-over of a story of shots: spoken once by Reelforge over the whole video, whatever makes
 * each shot (media, the local engine, a remote generator). Each shot's line is synthesised first;
 * a shot of duration `auto` then lasts as long as its line (with a breath either side), so the
 * narrated short — footage or images, a TTS voice-over, word captions, music — comes out of one
 * spec. Returns the spec with every duration in seconds and the voice-over taken out of it (the
 * sources must not speak it again), the voice track as a WAV on the story's clock, and its words
 * for captions.
 */
import { join } from 'node:path';
import { MIX_SAMPLE_RATE } from '../engine/audio';
import { writeStereoWav } from '../engine/audio/wavFile';
import { voiceoverVoice } from '../engine/plan';
import type { SpeechTrack } from '../engine/storyboard';
import type { Warning } from '../pipeline/render';
import { synthesizeLines, type SpeechLine } from '../engine/voice';
import {
	autoShotSeconds,
	NARRATION_LEAD_SECONDS,
	narrationPlan,
	isAutoDuration,
} from '../spec/narration';
import type { RenderSpec } from '../spec/renderSpec';
import type { RenderContext } from '../providers/provider';

/** The whole-video voice-over (no shot narration) starts just after the video does, as in the engine. */
const WHOLE_VOICEOVER_START_SECONDS = 0.3;

export interface Narration {
	/** The spec with every shot's duration in seconds and no voice-over left in it. */
	spec: RenderSpec;
	/** A 48 kHz stereo WAV of the voice-over, as long as the video. */
	voicePath: string;
	/** The voice-over's clips and words on the story's clock. */
	speech: SpeechTrack;
	transcript: string;
	warnings: Warning[];
	/** Per shot: the seconds its line takes (absent: none). */
	spokenSeconds: Array<number | undefined>;
}

/** The spec without its voice-over: what each source is asked to make. */
export function withoutVoiceover(spec: RenderSpec, durations?: number[]): RenderSpec {
	const { voiceover: _v, ...audio } = spec.audio;
	return {
		...spec,
		audio: audio as RenderSpec['audio'],
		shots: spec.shots.map((shot, i) => {
			const { narration: _n, ...rest } = shot;
			return durations ? { ...rest, duration: durations[i]! } : rest;
		}),
	};
}

export async function narrate(
	spec: RenderSpec,
	ctx: Pick<RenderContext, 'cacheDir' | 'modelsDir' | 'signal' | 'log' | 'workDir'>,
): Promise<Narration | undefined> {
	const plan = narrationPlan(spec);
	const perShot = plan.perShot;
	if (!perShot.some(Boolean) && !plan.whole) return undefined;
	const voice = voiceoverVoice(spec);
	const speakOpts = {
		cacheDir: join(ctx.cacheDir, 'speech'),
		modelsDir: ctx.modelsDir,
		signal: ctx.signal,
		log: ctx.log,
	};
	// Every line on a lane of its own at 0 first: their lengths decide the auto shots'.
	const lines: SpeechLine[] = [];
	const lineShot: number[] = [];
	perShot.forEach((text, i) => {
		if (!text) return;
		lines.push({ speaker: 'voiceover', text, voice, desiredStart: 0, lane: `shot-${i}` });
		lineShot.push(i);
	});
	if (plan.whole)
		lines.push({ speaker: 'voiceover', text: plan.whole, voice, desiredStart: 0, lane: 'whole' });
	const spoken = await synthesizeLines(lines, speakOpts);
	// synthesizeLines sorts by start (all 0 here, stable): clips keep the order of `lines`.
	const clips = spoken.clips;
	const spokenSeconds: Array<number | undefined> = spec.shots.map(() => undefined);
	lineShot.forEach((shot, k) => (spokenSeconds[shot] = clips[k]!.end - clips[k]!.start));

	const durations = spec.shots.map((shot, i) =>
		typeof shot.duration === 'number'
			? shot.duration
			: Math.round(autoShotSeconds(spokenSeconds[i] ?? 0) * 1000) / 1000,
	);
	const starts: number[] = [];
	durations.reduce((at, d, i) => ((starts[i] = at), at + d), 0);
	const total = durations.reduce((a, b) => a + b, 0);

	// Then each line where it belongs: its shot's start, or after the previous line if that ran over.
	const warnings: Warning[] = [];
	let laneEnd = 0;
	const placed = clips.map((clip, k) => {
		const shot = lineShot[k];
		const desired =
			shot === undefined ? WHOLE_VOICEOVER_START_SECONDS : starts[shot]! + NARRATION_LEAD_SECONDS;
		const start = Math.max(desired, laneEnd);
		const length = clip.end - clip.start;
		laneEnd = start + length;
		if (shot !== undefined && start + length > starts[shot]! + durations[shot]! + 0.05)
			warnings.push({
				path: `/shots/${shot}/narration`,
				term: String(spec.shots[shot]!.duration),
				message: `the narration takes ${length.toFixed(2)} s and runs past the end of this ${durations[shot]!.toFixed(2)} s shot (duration auto fits a shot to its narration)`,
			});
		if (shot === undefined && start + length > total + 0.05)
			warnings.push({
				path: '/audio/voiceover/text',
				term: 'voiceover',
				message: `the voice-over takes ${length.toFixed(2)} s, longer than the ${total.toFixed(2)} s video; it is cut off (give the shots duration auto to fit them to it)`,
			});
		const shift = start - clip.start;
		return {
			...clip,
			start,
			end: clip.end + shift,
			words: clip.words
				.map((w) => ({ ...w, start: w.start + shift, end: w.end + shift }))
				.filter((w) => w.start < total),
			visemes: [],
		};
	});

	const frames = Math.ceil(total * MIX_SAMPLE_RATE);
	const left = new Float32Array(frames);
	for (const clip of placed) {
		const ratio = clip.sampleRate / MIX_SAMPLE_RATE;
		const first = Math.round(clip.start * MIX_SAMPLE_RATE);
		for (let i = 0; first + i < frames; i++) {
			const source = Math.floor(i * ratio);
			if (source >= clip.samples.length) break;
			left[first + i]! += clip.samples[source]!;
		}
	}
	const voicePath = join(ctx.workDir, 'voiceover.wav');
	writeStereoWav(voicePath, MIX_SAMPLE_RATE, left, left);
	const resolved = withoutVoiceover(spec, durations);
	ctx.log('voice-over laid', {
		lines: placed.length,
		autoShots: spec.shots.filter(isAutoDuration).length,
		seconds: Number(total.toFixed(3)),
	});
	return {
		spec: resolved,
		voicePath,
		speech: { clips: placed },
		transcript: placed.map((c) => c.text).join(' '),
		warnings,
		spokenSeconds,
	};
}
