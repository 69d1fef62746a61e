/**
 * Shot boundaries of a video the engine did not make, found by ffmpeg's scene-change score on a
 * small copy of the frames, so a re-cut can name shots by index as it does for local renders.
 */
import { spawn } from 'node:child_process';
import { abortError } from '../encode/abort';

/** Scene-change score above which a frame starts a new shot (0..1; hard cuts score ~0.5–1). */
const CUT_THRESHOLD = 0.3;
/** Cuts closer than this to the previous one are flashes, not shots. */
const MIN_SHOT_SECONDS = 0.4;

export async function detectShotStarts(path: string, signal?: AbortSignal): Promise<number[]> {
	const args = [
		'-hide_banner',
		'-nostdin',
		'-i',
		path,
		'-an',
		'-vf',
		`scale=160:-2,select='gt(scene,${CUT_THRESHOLD})',showinfo`,
		'-f',
		'null',
		'-',
	];
	const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
	const onAbort = () => child.kill('SIGKILL');
	signal?.addEventListener('abort', onAbort, { once: true });
	let text = '';
	child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
	const code = await new Promise<number | null>((resolve, reject) =>
		child.on('error', reject).on('exit', resolve),
	);
	signal?.removeEventListener('abort', onAbort);
	if (signal?.aborted) throw abortError(signal);
	if (code !== 0) throw new Error(`shot detection failed: ${text.slice(-500)}`);
	const starts = [0];
	for (const m of text.matchAll(/pts_time:\s*([0-9.]+)/g)) {
		const t = Number(m[1]);
		if (t - starts[starts.length - 1] >= MIN_SHOT_SECONDS) starts.push(t);
	}
	return starts;
}
