/**
 * Shot boundaries of a video the engine did not make, found by ffmpeg's scene-change score on a
 * small copy of the frames, so a re-cut can name shots by index as it does for local renders.
 */
import { mediaFile, runFfmpeg, type MediaInput } from '../../media/ffmpeg';

/** Scene-change score above which a frame starts a new shot (0..1; hard cuts score ~0.5–1). */
const CUT_THRESHOLD = 0.3;
/** Cuts closer than this to the previous one are flashes, not shots. */
const MIN_SHOT_SECONDS = 0.4;

/** `source`: a path (its container is sniffed) or an input whose format is already known. */
export async function detectShotStarts(
	source: string | Extract<MediaInput, { file: string }>,
	signal?: AbortSignal,
): Promise<number[]> {
	const input = typeof source === 'string' ? await mediaFile(source) : source;
	const times: number[] = [];
	await runFfmpeg({
		what: 'shot detection',
		inputs: [input],
		output: [
			'-an',
			'-vf',
			`scale=160:-2,select='gt(scene,${CUT_THRESHOLD})',showinfo`,
			'-f',
			'null',
			'-',
		],
		signal,
		onStderrLine: (line) => {
			const m = /pts_time:\s*([0-9.]+)/.exec(line);
			if (m) times.push(Number(m[1]));
		},
	});
	const starts = [0];
	for (const t of times) {
		if (t - starts[starts.length - 1] >= MIN_SHOT_SECONDS) starts.push(t);
	}
	return starts;
}
