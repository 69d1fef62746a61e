/**
 * Speech for a storyboard: one clip per dialogue line (and the voiceover), each with word and
 * viseme timings on the video's clock. Lines are synthesised by festival (one batch process), flite
 * (in-process WASI) or a Piper ONNX voice, pitch-shifted and resampled to 48 kHz, and cached.
 */
import type { SpeechClip, SpeechTrack, Storyboard, VoiceProfile } from '../storyboard';
import { phonemesToVisemes } from '../lipsync';
import { synthesizeWithFestival } from './festivalEngine';
import { synthesizeWithFlite } from './fliteEngine';
import { synthesizeWithPiper, type Logger } from './piperEngine';
import { MIX_SAMPLE_RATE } from '../audio';
import { shiftAndResampleLines } from './pitchShift';
import { readCachedSpeech, speechCacheKey, writeCachedSpeech } from './speechCache';
import { DEFAULT_VOICE_ROTATION, resolveVoice, type ResolvedVoice } from './voiceCatalog';
import { isSpeakable } from './speechText';
import type { Utterance } from './utterance';
import { utteranceFromRemote, type RemoteVoiceSource } from './remoteVoice';

export { listVoices, DEFAULT_VOICE_ROTATION } from './voiceCatalog';
export { SPEECH_ENGINE_VERSION } from './speechCache';
export type { RemoteVoiceSource, RemoteSpeechResult, RemoteTimings } from './remoteVoice';

export interface SynthesizeOptions {
	cacheDir: string;
	modelsDir: string;
	signal?: AbortSignal;
	log?: Logger;
	/** Remote speech providers the service configured (none: only local voices). */
	remote?: RemoteVoiceSource[];
}

/** Remote lines in flight at once: providers rate-limit, and the lines are few. */
const REMOTE_CONCURRENCY = 2;
/** Speech post-processes (ffmpeg, one per sample rate) at once: the renderer targets 2 cores. */
const POST_PROCESS_CONCURRENCY = 2;

async function mapLimited<T, R>(
	items: T[],
	limit: number,
	work: (item: T) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const k = next++;
			results[k] = await work(items[k]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

/** Silence kept before the first phone of a line: the engines start with ~150–250 ms of pause. */
const LEAD_IN_SECONDS = 0.05;
/** Minimum gap between two lines of the same shot when the second had to be pushed later. */
const LINE_GAP_SECONDS = 0.1;
/** The voiceover starts just after the video does. */
const VOICEOVER_START_SECONDS = 0.3;

export interface SpeechLine {
	speaker: string;
	text: string;
	voice: VoiceProfile;
	desiredStart: number;
	/** Dialogue lines never overlap each other (within or across shots); the voiceover has its own lane. */
	lane: string;
}

function collectLines(storyboard: Storyboard, log: Logger): SpeechLine[] {
	const voices = new Map(storyboard.characters.map((c) => [c.id, c.voice]));
	const jobs: SpeechLine[] = [];
	for (const shot of storyboard.shots) {
		const lines = [...shot.dialogue].sort((a, b) => a.at - b.at);
		for (const line of lines) {
			if (!isSpeakable(line.text)) {
				// "..." or "—" as a line: nothing to pronounce, so no clip (and no mouth movement).
				if (line.text.trim())
					log('dialogue line has nothing to pronounce; skipped', {
						shot: shot.index,
						text: line.text,
					});
				continue;
			}
			jobs.push({
				speaker: line.character,
				text: line.text,
				voice: voices.get(line.character) ?? DEFAULT_VOICE_ROTATION[0],
				desiredStart: shot.startSeconds + Math.max(0, line.at),
				lane: 'dialogue',
			});
		}
	}
	if (storyboard.voiceover && isSpeakable(storyboard.voiceover.text)) {
		jobs.push({
			speaker: 'voiceover',
			text: storyboard.voiceover.text,
			voice: storyboard.voiceover.voice,
			desiredStart: VOICEOVER_START_SECONDS,
			lane: 'voiceover',
		});
	}
	return jobs;
}

/** 1 ms windows quieter than this (relative to the line's peak, −40 dB) count as silence. */
const AUDIBLE_RELATIVE_LEVEL = 0.01;

/**
 * Moves the start of the first phone (and first word) to where the line becomes audible. A line
 * that opens with a weak sound ("the": a 50 ms voiced "dh" 45 dB under the vowel) would otherwise
 * open the mouth and highlight the caption before anything can be heard. Only the line's first
 * onset is adjusted: it is the one silence→speech edge the engines time loosely.
 */
function snapFirstPhoneToOnset(u: Utterance): Utterance {
	const index = u.phones.findIndex((p) => p.phone !== 'pau');
	if (index < 0) return u;
	let peak = 0;
	for (const s of u.samples) peak = Math.max(peak, Math.abs(s));
	const window = Math.max(1, Math.round(u.sampleRate / 1000));
	const threshold = peak * AUDIBLE_RELATIVE_LEVEL;
	let onset = -1;
	for (let start = 0; start + window <= u.samples.length && onset < 0; start += window) {
		let energy = 0;
		for (let i = start; i < start + window; i++) energy += u.samples[i] * u.samples[i];
		if (Math.sqrt(energy / window) > threshold) onset = start / u.sampleRate;
	}
	const first = u.phones[index];
	// Only later, and never past the middle of the first phone or into the next one.
	if (
		onset <= first.start + 0.01 ||
		onset >= (first.start + first.end) / 2 + 0.04 ||
		onset >= first.end
	)
		return u;
	const phones = u.phones.map((p, i) =>
		i === index ? { ...p, start: onset } : i === index - 1 ? { ...p, end: onset } : p,
	);
	const words = u.words.map((w, i) =>
		i === 0 && Math.abs(w.start - first.start) < 1e-6 ? { ...w, start: onset } : w,
	);
	return { ...u, phones, words };
}

/** Drops the engine's leading pause (keeping a short lead-in) and moves the timings with it. */
function trimLeadingSilence(u: Utterance): Utterance {
	const firstSpoken = u.phones.find((p) => p.phone !== 'pau');
	if (!firstSpoken) return u;
	const cut = Math.max(0, firstSpoken.start - LEAD_IN_SECONDS);
	const cutSamples = Math.floor(cut * u.sampleRate);
	if (cutSamples <= 0) return u;
	const shift = cutSamples / u.sampleRate;
	return {
		sampleRate: u.sampleRate,
		samples: u.samples.slice(cutSamples),
		words: u.words.map((w) => ({ ...w, start: Math.max(0, w.start - shift), end: w.end - shift })),
		phones: u.phones
			.filter((p) => p.end > shift)
			.map((p) => ({ ...p, start: Math.max(0, p.start - shift), end: p.end - shift })),
	};
}

/**
 * The post-process of every line spoken in this render (pitch, high-pass, timbre, resampling to the
 * mix rate): one ffmpeg run per sample rate, all its lines in it, instead of one process per line
 * (each spawn forks this big process, and each ffmpeg pays its start-up). Lines are cached as they
 * come back.
 */
async function finishAll(
	spoken: Array<{ key: string; voice: VoiceProfile; raw: Utterance }>,
	opts: SynthesizeOptions,
): Promise<Map<string, Utterance>> {
	const trimmed = spoken.map((s) => ({
		...s,
		u: trimLeadingSilence(snapFirstPhoneToOnset(s.raw)),
	}));
	const byRate = new Map<number, typeof trimmed>();
	for (const t of trimmed) byRate.set(t.u.sampleRate, [...(byRate.get(t.u.sampleRate) ?? []), t]);
	const done = new Map<string, Utterance>();
	await mapLimited([...byRate], POST_PROCESS_CONCURRENCY, async ([sampleRate, lines]) => {
		const shaped = await shiftAndResampleLines(
			lines.map((l) => ({
				samples: l.u.samples,
				semitones: l.voice.pitch ?? 0,
				timbreDb: l.voice.timbre ?? 0,
			})),
			sampleRate,
			opts.signal,
		);
		lines.forEach((l, k) => {
			const utterance: Utterance = { ...l.u, samples: shaped[k], sampleRate: MIX_SAMPLE_RATE };
			writeCachedSpeech(opts.cacheDir, l.key, utterance);
			done.set(l.key, utterance);
		});
	});
	return done;
}

async function synthesizeMissing(
	jobs: Array<{ job: SpeechLine; key: string; resolved: ResolvedVoice }>,
	opts: SynthesizeOptions,
	log: Logger,
): Promise<Map<string, Utterance>> {
	const unique = [...new Map(jobs.map((j) => [j.key, j])).values()];
	// Every engine speaks first; the post-process then takes all the lines at once (finishAll).
	const spoken: Array<{ key: string; voice: VoiceProfile; raw: Utterance }> = [];
	const heard = (j: (typeof unique)[number], raw: Utterance) =>
		spoken.push({ key: j.key, voice: j.job.voice, raw });
	// Remote lines wait on the network: start them first, and synthesise the local ones meanwhile.
	const remote = unique.filter((j) => j.resolved.engine === 'remote');
	const remoteDone = mapLimited(remote, REMOTE_CONCURRENCY, async (j) => {
		const rate = j.job.voice.rate || 1;
		const result = await j.resolved.source!.synthesize({
			text: j.job.text,
			voice: j.resolved.name,
			rate,
			signal: opts.signal,
		});
		opts.signal?.throwIfAborted();
		heard(j, utteranceFromRemote(j.job.text, result, rate, log, j.resolved.source!.id));
	});
	remoteDone.catch(() => undefined); // awaited below
	const festival = unique.filter((j) => j.resolved.engine === 'festival');
	// Festival runs in its own process: start it, and synthesise the flite/Piper lines meanwhile.
	const festivalDone = synthesizeWithFestival(
		festival.map((j) => ({
			text: j.job.text,
			voiceName: j.resolved.name,
			rate: j.job.voice.rate || 1,
		})),
		opts.signal,
	).then((said) => festival.forEach((j, i) => heard(j, said[i])));
	festivalDone.catch(() => undefined); // awaited below; avoid an unhandled rejection while flite runs
	for (const j of unique) {
		opts.signal?.throwIfAborted();
		const request = { text: j.job.text, voiceName: j.resolved.name, rate: j.job.voice.rate || 1 };
		if (j.resolved.engine === 'flite') heard(j, synthesizeWithFlite(request));
		else if (j.resolved.engine === 'piper')
			heard(j, await synthesizeWithPiper(opts.modelsDir, request, log));
		else continue;
		// Flite speaks synchronously on this thread: a turn of the event loop between lines lets an
		// abort, festival's output and the frame thread's messages through.
		await new Promise((resolve) => setImmediate(resolve));
	}
	await festivalDone;
	await remoteDone;
	return finishAll(spoken, opts);
}

export async function synthesizeSpeech(
	storyboard: Storyboard,
	opts: SynthesizeOptions,
): Promise<SpeechTrack> {
	return synthesizeLines(collectLines(storyboard, opts.log ?? (() => undefined)), opts);
}

/**
 * Speaks lines wherever they come from (a storyboard's dialogue, a story's narration): each starts
 * at `desiredStart`, or just after the previous line of its lane ends.
 */
export async function synthesizeLines(
	lines: SpeechLine[],
	opts: SynthesizeOptions,
): Promise<SpeechTrack> {
	const log: Logger = opts.log ?? (() => undefined);
	const remote = opts.remote ?? [];
	const jobs = lines.map((line) => {
		let voice = line.voice;
		let { voice: resolved, fellBack } = resolveVoice(
			voice.voice,
			opts.modelsDir,
			remote,
			Boolean(voice.clonedFor),
		);
		if (fellBack && voice.fallback) {
			// A cameo's cloned voice whose provider is gone: the cameo's measured profile instead.
			log('voice not available, using the profile measured from the recording', {
				requested: voice.voice,
			});
			voice = voice.fallback;
			({ voice: resolved, fellBack } = resolveVoice(voice.voice, opts.modelsDir, remote));
		}
		if (fellBack)
			log('voice not available, using a built-in voice', {
				requested: voice.voice,
				using: resolved.id,
			});
		// The key uses the resolved id so a fallback is never cached under the requested voice.
		const key = speechCacheKey(
			line.text,
			{ ...voice, voice: resolved.id },
			resolved.source?.cacheIdentity,
		);
		return { job: { ...line, voice }, key, resolved };
	});
	const utterances = new Map<string, Utterance>();
	const missing = jobs.filter((j) => {
		const hit = utterances.get(j.key) ?? readCachedSpeech(opts.cacheDir, j.key);
		if (hit) utterances.set(j.key, hit);
		return !hit;
	});
	log('speech synthesis', { lines: jobs.length, cached: jobs.length - missing.length });
	if (missing.length)
		for (const [key, u] of await synthesizeMissing(missing, opts, log)) utterances.set(key, u);

	const laneEnd = new Map<string, number>();
	const clips: SpeechClip[] = jobs.map(({ job, key }) => {
		const u = utterances.get(key)!;
		const previousEnd = laneEnd.get(job.lane);
		const start =
			previousEnd !== undefined && job.desiredStart < previousEnd + LINE_GAP_SECONDS
				? previousEnd + LINE_GAP_SECONDS
				: job.desiredStart;
		const duration = u.samples.length / u.sampleRate;
		laneEnd.set(job.lane, start + duration);
		if (start > job.desiredStart)
			log('dialogue line pushed later to avoid overlapping the previous line', {
				speaker: job.speaker,
				from: job.desiredStart,
				to: start,
			});
		return {
			speaker: job.speaker,
			text: job.text,
			start,
			end: start + duration,
			sampleRate: u.sampleRate,
			samples: u.samples,
			words: u.words.map((w) => ({ text: w.text, start: start + w.start, end: start + w.end })),
			visemes: phonemesToVisemes(u.phones).map((v) => ({
				viseme: v.viseme,
				start: start + v.start,
				end: start + v.end,
			})),
		};
	});
	clips.sort((a, b) => a.start - b.start);
	return { clips };
}
