/**
 * The audio mix done in the mix thread (so it runs beside the frame loop) is the mix done here:
 * the same WAV byte for byte and the same figures, with speech, contacts and the score. Its
 * errors keep their API shape (an unreadable music track is still music_unreadable at its field),
 * an aborted render ends it, and a storyboard the thread cannot be given is mixed here instead.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mixAudio } from '../../../src/engine/audio';
import { mixInThread } from '../../../src/engine/compose/threadedMix';
import { initPhysics, simulatePhysics } from '../../../src/engine/physics';
import type { Storyboard, Synthesis } from '../../../src/engine/storyboard';
import { MAYA, plannedAndSpoken, portraitSpec } from '../../support/engineFrames';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'rf-threaded-mix-'));
	await initPhysics();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const spec = portraitSpec({
	seed: 9,
	fps: 12,
	characters: [MAYA],
	shots: [
		{
			id: 'gym',
			prompt: 'Maya shoots a basketball and misses',
			duration: 2.5,
			setting: 'gym',
			characters: ['maya'],
			dialogue: [{ character: 'maya', text: 'So close, again!', at: 0.3 }],
		},
	],
});

async function prepared(): Promise<{ storyboard: Storyboard; synthesis: Synthesis }> {
	const { storyboard, speech } = await plannedAndSpoken(spec, dir);
	return { storyboard, synthesis: { speech, physics: simulatePhysics(storyboard) } };
}

const sha = async (path: string) =>
	createHash('sha256')
		.update(await readFile(path))
		.digest('hex');

describe('the mix in its thread', () => {
	it('is the mix done here: the same WAV and the same figures', async () => {
		const { storyboard, synthesis } = await prepared();
		expect(synthesis.speech.clips.length).toBeGreaterThan(0);
		const here = await mixAudio(storyboard, synthesis, join(dir, 'here.wav'));
		const logged: string[] = [];
		const threaded = await mixInThread(storyboard, synthesis, join(dir, 'thread.wav'), {
			log: (m) => logged.push(m),
		});
		expect(logged).not.toContain('audio mixed in the main thread: the mix thread could not start');
		expect(threaded).toEqual({ ...here, path: join(dir, 'thread.wav') });
		expect(threaded.integratedLufs).toBeGreaterThan(-40);
		expect(await sha(threaded.path)).toBe(await sha(here.path));
	});

	it('keeps an API error its status, code and field', async () => {
		const { storyboard, synthesis } = await prepared();
		const bogus = join(dir, 'bogus.mp3');
		await writeFile(bogus, 'this is not audio');
		const withTrack: Storyboard = {
			...storyboard,
			music: {
				...storyboard.music,
				enabled: true,
				volume: 0.5,
				track: {
					source: { uploadId: 'upl_test' },
					start: 0,
					loop: true,
					fadeInSeconds: 0,
					fadeOutSeconds: 0,
				},
			},
		};
		await expect(
			mixInThread(withTrack, synthesis, join(dir, 'bogus.wav'), { musicTrackPath: bogus }),
		).rejects.toMatchObject({
			statusCode: 422,
			code: 'music_unreadable',
			details: [{ path: '/audio/music/source' }],
		});
	});

	it('ends when the render is aborted', async () => {
		const { storyboard, synthesis } = await prepared();
		const abort = new AbortController();
		const mixing = mixInThread(storyboard, synthesis, join(dir, 'aborted.wav'), {
			signal: abort.signal,
		});
		abort.abort();
		await expect(mixing).rejects.toMatchObject({ name: 'AbortError' });
	});

	it('is done here when the storyboard cannot be handed to the thread, and says so', async () => {
		const { storyboard, synthesis } = await prepared();
		// A function cannot be cloned into another thread.
		const odd = { ...storyboard, notCloneable: () => undefined } as Storyboard;
		const logged: string[] = [];
		const mix = await mixInThread(odd, synthesis, join(dir, 'odd.wav'), {
			log: (m) => logged.push(m),
		});
		expect(logged).toEqual(['audio mixed in the main thread: the mix thread could not start']);
		expect(await sha(mix.path)).toBe(
			await sha((await mixAudio(storyboard, synthesis, join(dir, 'odd-here.wav'))).path),
		);
	});
});
