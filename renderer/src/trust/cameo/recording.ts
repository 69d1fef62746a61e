/**
 * Checks a cameo registration recording and derives its assets: a face must be present in the
 * sampled frames (Haar cascade), the spoken words must match the reading script (pocketsphinx),
 * then the head cut-out (PNG with alpha) and the voice profile are made from it.
 */
import { join } from 'node:path';
import { extractSpeechWav, mediaFile, runFfmpeg } from '../../media/ffmpeg';
import type { VoiceProfile } from '../../pipeline/render';
import { sampleFrames, type SampledFrame } from '../moderation/media/frameSampler';
import { writeHeadCutout } from './cutout';
import { segmentPerson } from './selfieSegmentation';
import { detectFaces, loadCascade, type FaceBox } from './haarCascade';
import { scriptMatch } from './script';
import { transcribeScriptWords } from './speechCheck';
import { synthesizeWithFlite } from '../../engine/voice/fliteEngine';
import {
	analyseVoice,
	BASE_VOICE,
	readWavMono16,
	spectralBrightness,
	type VoiceAnalysis,
} from './voiceProfile';

export type RejectionCode = 'unreadable_recording' | 'no_face' | 'no_audio' | 'speech_mismatch';

export interface RecordingChecks {
	face: { found: boolean; framesChecked: number; framesWithFace: number; box?: FaceBox };
	speech?: { heard: string[]; matchFraction: number; threshold: number };
	voice?: Omit<VoiceAnalysis, 'profile'>;
	/** How the cut-out's matte was made. */
	cutout?: { matte: 'selfie-segmentation' | 'background-key'; reason?: string };
}

export type RecordingResult =
	| {
			accepted: true;
			checks: RecordingChecks;
			cutoutPath: string;
			voice: VoiceProfile;
			/** The owner's voice as recorded (44.1 kHz mono WAV), for cloning with their consent. */
			voiceSamplePath: string;
	  }
	| { accepted: false; checks: RecordingChecks; code: RejectionCode; reason: string };

function toGray(frame: SampledFrame) {
	const data = new Uint8Array(frame.width * frame.height);
	for (let i = 0; i < data.length; i++)
		data[i] = Math.round(
			0.299 * frame.data[i * 3] + 0.587 * frame.data[i * 3 + 1] + 0.114 * frame.data[i * 3 + 2],
		);
	return { width: frame.width, height: frame.height, data };
}

export async function checkRecording(input: {
	videoPath: string;
	scriptWords: string[];
	workDir: string;
	outputDir: string;
	matchThreshold: number;
	signal: AbortSignal;
}): Promise<RecordingResult> {
	const cascade = await loadCascade();
	const checks: RecordingChecks = { face: { found: false, framesChecked: 0, framesWithFace: 0 } };
	let best: { frame: SampledFrame; face: FaceBox } | undefined;
	try {
		// Two frames with a face are enough evidence; the cascade costs ~1-2 s per frame on a small CPU.
		for await (const frame of sampleFrames(input.videoPath, input.signal, {
			intervalSeconds: 1,
			maxSide: 360,
			maxFrames: 6,
		})) {
			if (checks.face.framesWithFace >= 2) continue;
			checks.face.framesChecked++;
			const [face] = detectFaces(cascade, toGray(frame));
			if (!face) continue;
			checks.face.framesWithFace++;
			if (!best || face.neighbours > best.face.neighbours) best = { frame, face };
		}
	} catch (error) {
		return {
			accepted: false,
			checks,
			code: 'unreadable_recording',
			reason: `The recording could not be read as video: ${(error as Error).message}`,
		};
	}
	checks.face.found = Boolean(best);
	if (best) checks.face.box = best.face;
	if (!best)
		return {
			accepted: false,
			checks,
			code: 'no_face',
			reason: `No face was found in the recording (${checks.face.framesChecked} frames checked). Face the camera in good light.`,
		};

	const wav = join(input.workDir, 'speech16k.wav');
	try {
		await extractSpeechWav(await mediaFile(input.videoPath), wav, input.signal);
	} catch {
		return {
			accepted: false,
			checks,
			code: 'no_audio',
			reason: 'The recording has no readable audio track; read the script aloud while recording.',
		};
	}
	const heard = await transcribeScriptWords(wav, input.workDir);
	const matchFraction = scriptMatch(input.scriptWords, heard);
	checks.speech = {
		heard,
		matchFraction: Math.round(matchFraction * 100) / 100,
		threshold: input.matchThreshold,
	};
	if (matchFraction < input.matchThreshold) {
		return {
			accepted: false,
			checks,
			code: 'speech_mismatch',
			reason: `The spoken words do not match the script: heard "${heard.join(' ')}" for "${input.scriptWords.join(' ')}" (${Math.round(matchFraction * 100)}% matched, ${Math.round(input.matchThreshold * 100)}% needed).`,
		};
	}

	const { samples, sampleRate } = await readWavMono16(wav);
	// The base voice reads the same script, so the timbre compares like with like.
	const base = synthesizeWithFlite({
		text: input.scriptWords.join(' '),
		voiceName: BASE_VOICE.id.split(':')[1],
		rate: 1,
	});
	const voice = analyseVoice(
		samples,
		sampleRate,
		input.scriptWords.length,
		spectralBrightness(base.samples, base.sampleRate),
	);
	const { profile, ...facts } = voice;
	checks.voice = facts;
	const cutoutPath = join(input.outputDir, 'cutout.png');
	// The person's outline comes from the segmentation model; should it fail to run, the cut-out
	// falls back to keying out the background colour, and says so in the checks.
	let personMask: Float32Array | undefined;
	try {
		personMask = await segmentPerson(best.frame);
		checks.cutout = { matte: 'selfie-segmentation' };
	} catch (err) {
		checks.cutout = { matte: 'background-key', reason: (err as Error).message };
	}
	await writeHeadCutout(best.frame, best.face, cutoutPath, personMask);
	// Kept beside the cut-out (and deleted with it): a voice-cloning provider needs the real voice,
	// at a better rate than the recogniser's 16 kHz.
	const voiceSamplePath = join(input.outputDir, 'voice.wav');
	await runFfmpeg({
		what: 'voice sample',
		global: ['-loglevel', 'error', '-y'],
		inputs: [await mediaFile(input.videoPath)],
		output: ['-vn', '-ac', '1', '-ar', '44100', '-c:a', 'pcm_s16le', '-f', 'wav', voiceSamplePath],
		signal: input.signal,
	});
	return { accepted: true, checks, cutoutPath, voice: profile, voiceSamplePath };
}
