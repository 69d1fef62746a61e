/**
 * Which H.264 encoder this machine uses, decided once per process: `h264_nvenc` when a tiny probe
 * encode succeeds (a GPU and driver are really there, not just an ffmpeg built with NVENC), else
 * libx264; on a machine without a GPU device node the probe is not run at all. Presets follow
 * the spec's quality; the libx264 choices were picked by measurement (docs/BENCHMARKS.md).
 */
import { readdirSync } from 'node:fs';
import { runFfmpeg } from '../../media/ffmpeg';
import { engineSettings } from '../../config';
import type { Quality } from '../../spec/renderSpec';

export type EncoderName = 'h264_nvenc' | 'libx264';

export interface EncoderSettings {
	encoder: EncoderName;
	/** ffmpeg output options for the video stream. */
	videoOptions: string[];
}

const X264: Record<Quality, { preset: string; crf: number }> = {
	draft: { preset: 'ultrafast', crf: 28 },
	standard: { preset: 'veryfast', crf: 23 },
	high: { preset: 'medium', crf: 18 },
};

const NVENC: Record<Quality, { preset: string; cq: number }> = {
	draft: { preset: 'p1', cq: 28 },
	standard: { preset: 'p4', cq: 23 },
	high: { preset: 'p6', cq: 19 },
};

/**
 * libx264 settings for the local engine's drawn frames, at the same preset: flat, synthetic,
 * low-motion pictures (flat fills, cached layers, slow camera moves) lose almost nothing to x264's
 * cheapest sub-pixel refinement, which is a quarter of veryfast's CPU on them. Measured on the
 * reference storyboard's own frames (docs/BENCHMARKS.md): `subme=1` at CRF 22.7 against
 * veryfast's `subme=2` at CRF 23 gives a slightly higher SSIM and PSNR against the drawn frames
 * (0.99407 and 46.68 dB against 0.99395 and 46.58 dB), a file 6 % larger and 28 % less x264 CPU.
 * Camera footage (remixes, uploads) and the benchmark's bare encode keep the plain settings;
 * draft (ultrafast, subme 0 already) and high (medium, where quality is the point) are left alone.
 */
const DRAWN_X264: Partial<Record<Quality, X264Tuning>> = {
	standard: { crf: 22.7, x264Params: ['subme=1'] },
};

/** What a caller may change in libx264's settings: the CRF and extra `-x264-params` entries. */
export interface X264Tuning {
	crf?: number;
	x264Params?: string[];
}

/**
 * The encoder's settings for frames the local engine drew; `extraX264Params` (e.g. the memory
 * bounds of 4K frames) join the tuned ones in the one `-x264-params` option ffmpeg reads.
 */
export function drawnFrameEncoderSettings(
	encoder: EncoderName,
	quality: Quality,
	fps: number,
	extraX264Params: string[] = [],
): EncoderSettings {
	const tuned = DRAWN_X264[quality];
	return encoderSettings(encoder, quality, fps, {
		crf: tuned?.crf,
		x264Params: [...(tuned?.x264Params ?? []), ...extraX264Params],
	});
}

/** `tuning` applies to libx264 only; NVENC has its own rate control. */
export function encoderSettings(
	encoder: EncoderName,
	quality: Quality,
	fps: number,
	tuning: X264Tuning = {},
): EncoderSettings {
	// A keyframe every 2 s keeps seeking in players and trimming in remixes cheap.
	const gop = ['-g', String(Math.max(1, Math.round(fps * 2)))];
	if (encoder === 'h264_nvenc') {
		const { preset, cq } = NVENC[quality];
		return {
			encoder,
			videoOptions: [
				'-c:v',
				'h264_nvenc',
				'-preset',
				preset,
				'-rc',
				'vbr',
				'-cq',
				String(cq),
				'-b:v',
				'0',
				...gop,
			],
		};
	}
	const { preset, crf } = X264[quality];
	const params = tuning.x264Params ?? [];
	return {
		encoder,
		videoOptions: [
			'-c:v',
			'libx264',
			'-preset',
			preset,
			'-crf',
			String(tuning.crf ?? crf),
			...gop,
			...(params.length ? ['-x264-params', params.join(':')] : []),
		],
	};
}

/** Runs a 0.2 s NVENC encode to nowhere; resolves whether it worked. */
async function probeNvenc(): Promise<boolean> {
	try {
		await runFfmpeg({
			what: 'NVENC probe',
			global: ['-loglevel', 'error'],
			inputs: [{ lavfi: 'testsrc2=size=256x256:rate=30:duration=0.2' }],
			output: ['-c:v', 'h264_nvenc', '-f', 'null', '-'],
			signal: AbortSignal.timeout(15000),
		});
		return true;
	} catch {
		return false;
	}
}

/**
 * The device nodes through which NVENC reaches a GPU: the NVIDIA driver's control node and one
 * node per GPU (`/dev/nvidia0`, or only `/dev/nvidia2` in a container given that GPU), and WSL2's
 * GPU node (`/dev/dxg`, which its CUDA and NVENC libraries use instead).
 */
const GPU_DEVICE_NODE = /^(?:nvidiactl|nvidia\d+|dxg)$/;

/** Whether `devDir` (`/dev`) holds a node NVENC could open a GPU through. */
export function gpuDeviceNodePresent(devDir = '/dev'): boolean {
	try {
		return readdirSync(devDir).some((name) => GPU_DEVICE_NODE.test(name));
	} catch {
		// An unreadable /dev says nothing either way: let the probe decide.
		return true;
	}
}

/** What the choice depends on, injectable for tests. */
export interface EncoderFacts {
	/** REELFORGE_ENCODER, when set. */
	forced?: EncoderName;
	/** Whether a GPU device node exists; without one the probe encode can only fail. */
	gpuDeviceNodePresent: () => boolean;
	/** The probe encode; resolves whether NVENC really encoded. */
	probeNvenc: () => Promise<boolean>;
}

type Log = (message: string, fields?: Record<string, unknown>) => void;

/**
 * The encoder, decided from `facts`: forced, else libx264 without a probe where no GPU device node
 * exists (the probe is an ffmpeg process of its own, ~0.1 s of CPU on every start), else what the
 * probe encode shows. Logs the choice and its reason once.
 */
export async function decideEncoder(facts: EncoderFacts, log: Log): Promise<EncoderName> {
	if (facts.forced) {
		log('video encoder forced by REELFORGE_ENCODER', { encoder: facts.forced });
		return facts.forced;
	}
	if (!facts.gpuDeviceNodePresent()) {
		log('no GPU device node (/dev/nvidiactl, /dev/nvidia<N>, /dev/dxg); using libx264 on the CPU', {
			encoder: 'libx264',
		});
		return 'libx264';
	}
	const nvenc = await facts.probeNvenc();
	const encoder: EncoderName = nvenc ? 'h264_nvenc' : 'libx264';
	log(
		nvenc
			? 'NVENC probe encode succeeded; using h264_nvenc'
			: 'NVENC probe encode failed; using libx264 on the CPU',
		{ encoder },
	);
	return encoder;
}

let chosen: Promise<EncoderName> | undefined;

/**
 * The encoder for this process (a `reelforge serve` render process decides once, for all its
 * renders). `REELFORGE_ENCODER=libx264|h264_nvenc` skips the probe (to compare both in benchmarks,
 * or to keep a shared GPU free).
 */
export function chooseEncoder(log: Log = () => undefined): Promise<EncoderName> {
	chosen ??= decideEncoder(
		{
			forced: engineSettings().encoder,
			gpuDeviceNodePresent: () => gpuDeviceNodePresent(),
			probeNvenc,
		},
		log,
	);
	return chosen;
}
