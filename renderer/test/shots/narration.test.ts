/**
 * The narrated short out of one spec: pictures and a clip, a TTS voice-over whose lines set the
 * shots' lengths (`duration: "auto"`), word captions (WebVTT and burned in) and music — in the real
 * service, with real speech, real ffmpeg. Plus the spec-level rules: how audio.voiceover.text is
 * split over auto shots, and the clear 400 when an auto shot has nothing to say.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeClip } from '../providers/emulators/media';
import { mediaFacts, scratchDir } from '../providers/support';
import { countPixels, downloadOutput, frameAt, uploadAsset } from '../support/frames';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';
import { writePicture } from '../support/clips';
import { narrationPlan, splitIntoParts, splitSentences } from '../../src/spec/narration';
import { validateRenderSpec } from '../../src/spec/validate';
import { ApiError } from '../../src/spec/errors';

const output = { width: 360, height: 640, fps: 24, quality: 'draft' };

describe('narration over shots (spec rules)', () => {
	it('splits text at sentences, evenly in words, and between words when sentences run short', () => {
		expect(splitSentences('One two. Three four five! Six?')).toEqual([
			'One two.',
			'Three four five!',
			'Six?',
		]);
		expect(splitIntoParts('Alpha beta gamma. Delta. Epsilon zeta eta theta. Iota.', 2)).toEqual([
			'Alpha beta gamma. Delta.',
			'Epsilon zeta eta theta. Iota.',
		]);
		expect(splitIntoParts('no sentence end here at all', 3)).toEqual([
			'no sentence',
			'end here',
			'at all',
		]);
	});

	it('gives the voice-over text to the auto shots only; shot narration wins when present', () => {
		const audio = { voiceover: { text: 'First part here. Second part there.' }, loudnessLufs: -14 };
		const plan = narrationPlan({
			audio,
			shots: [
				{ duration: 'auto', media: { url: 'https://example.com/a.png' } },
				{ duration: 2, prompt: 'a park' },
				{ duration: 'auto', media: { url: 'https://example.com/b.png' } },
			],
		} as never);
		expect(plan.perShot).toEqual(['First part here.', undefined, 'Second part there.']);
		const own = narrationPlan({
			audio,
			shots: [{ duration: 'auto', narration: 'Mine.', prompt: 'x' }],
		} as never);
		expect(own.perShot).toEqual(['Mine.']);
		expect(narrationPlan({ audio, shots: [{ duration: 3, prompt: 'x' }] } as never)).toEqual({
			perShot: [undefined],
			whole: 'First part here. Second part there.',
		});
	});

	it('refuses an auto shot with nothing to say, naming its duration', () => {
		const refused = (spec: Record<string, unknown>) => {
			try {
				validateRenderSpec(spec);
			} catch (error) {
				expect(error).toBeInstanceOf(ApiError);
				return (error as ApiError).details;
			}
			throw new Error('accepted');
		};
		expect(
			refused({
				shots: [
					{ prompt: 'a park', duration: 2, narration: 'Hello there.' },
					{ prompt: 'a beach', duration: 'auto' },
				],
			}),
		).toEqual([expect.objectContaining({ path: '/shots/1/duration' })]);
		// One error per field, naming both choices.
		expect(refused({ shots: [{ prompt: 'a park', duration: 'later' }] })).toEqual([
			{ path: '/shots/0/duration', message: 'must be number, or be "auto"' },
		]);
		expect(refused({ shots: [{ prompt: 'a park', duration: -1 }] })).toEqual([
			{ path: '/shots/0/duration', message: 'must be > 0, or be "auto"' },
		]);
		expect(
			refused({ shots: [{ prompt: 'a park', duration: 3 }], audio: { voiceover: {} } }),
		).toEqual([expect.objectContaining({ path: '/audio/voiceover/text' })]);
	});
});

/** Mean level (dBFS) of the mono mix over [from, to) seconds of a file's audio. */
function levelDb(file: string, from: number, to: number): number {
	const raw = execFileSync('ffmpeg', [
		'-hide_banner',
		'-loglevel',
		'error',
		'-ss',
		String(from),
		'-t',
		String(to - from),
		'-i',
		file,
		'-vn',
		'-ac',
		'1',
		'-ar',
		'16000',
		'-f',
		'f32le',
		'pipe:1',
	]);
	const samples = new Float32Array(raw.buffer, raw.byteOffset, Math.floor(raw.length / 4));
	let sum = 0;
	for (const s of samples) sum += s * s;
	return 10 * Math.log10(sum / Math.max(1, samples.length) + 1e-12);
}

/** Pixels of one frame near the captions' highlight colour (#ffe234). */
function highlightPixels(file: string, at: number): number {
	return countPixels(frameAt(file, at), output, (r, g, b) => r > 200 && g > 180 && b < 120);
}

describe('the narrated short in the service', () => {
	let r: RunningRenderer;

	beforeAll(async () => {
		r = await startRenderer({ overrides: { moderator: null } });
	});
	afterAll(async () => {
		await r.close();
	});

	const upload = (file: string, type: string) => uploadAsset(r, file, type);
	const download = (id: string, variant = 'video') => downloadOutput(r, id, scratchDir(), variant);

	it('fits picture and clip shots to their spoken lines, with the voice, captions and music laid once', async () => {
		// A plain blue picture: the captions' yellow can only come from the burn-in.
		const png = path.join(scratchDir(), 'blue.png');
		writePicture(png, '0x203060', '800x600');
		const picture = await upload(png, 'image/png');
		const clip = await upload(
			await makeClip({ width: 640, height: 360, seconds: 6, fps: 30 }),
			'video/mp4',
		);
		const res = await api(r, 'POST', '/v1/renders', {
			output,
			watermark: { enabled: false },
			captions: { burnIn: true },
			audio: {
				voiceover: { voice: { rate: 1.1 } },
				music: { enabled: true, mood: 'calm' },
			},
			shots: [
				{
					media: { asset: picture, fit: 'blur' },
					duration: 'auto',
					narration: 'Every morning the harbour wakes before the town does.',
				},
				{
					media: { asset: clip, audio: 'duck' },
					duration: 'auto',
					narration: 'Boats go out.',
					transition: 'crossfade',
				},
				{ media: { asset: picture }, duration: 1.5 },
			],
		});
		expect(res.status).toBe(201);
		const done = await waitForStatus(r, res.json.id, ['completed', 'failed'], 240_000);
		expect(done.error).toBeUndefined();
		const shots = done.details.shots as Array<{
			seconds: number;
			narration?: { spokenSeconds: number; autoDuration?: boolean };
		}>;
		// Each auto shot lasts its line plus the breath either side; the fixed one keeps its 1.5 s.
		expect(shots[0]!.narration).toMatchObject({ autoDuration: true });
		expect(shots[1]!.narration).toMatchObject({ autoDuration: true });
		expect(shots[2]!.narration).toBeUndefined();
		for (const shot of shots.slice(0, 2))
			expect(shot.seconds).toBeCloseTo(shot.narration!.spokenSeconds + 0.6, 2);
		// The long line takes clearly longer than the short one: lengths come from the speech.
		expect(shots[0]!.seconds).toBeGreaterThan(shots[1]!.seconds + 1);
		expect(shots[2]!.seconds).toBe(1.5);
		const total = shots.reduce((sum, s) => sum + s.seconds, 0);

		const file = await download(res.json.id);
		const facts = await mediaFacts(file);
		expect(facts).toMatchObject({ width: 360, height: 640, audio: true });
		expect(facts.seconds).toBeCloseTo(total, 0);

		// Captions of every spoken word, on the story's clock.
		const vtt = fs.readFileSync(await download(res.json.id, 'captions'), 'utf8');
		expect(vtt).toMatch(/^WEBVTT/);
		expect(vtt).toContain('harbour');
		expect(vtt).toContain('Boats');
		const boats = /(\d{2}):(\d{2}):(\d{2}\.\d{3}) -->[^\n]*\n<v voiceover>Boats/.exec(vtt);
		expect(boats).not.toBeNull();
		const boatsAt = Number(boats![1]) * 3600 + Number(boats![2]) * 60 + Number(boats![3]);
		expect(boatsAt).toBeGreaterThanOrEqual(shots[0]!.seconds);
		expect(boatsAt).toBeLessThan(shots[0]!.seconds + 1);

		// The voice is heard over the first shot; burned-in captions highlight a word while it is said.
		const speaking = levelDb(file, 0.5, shots[0]!.seconds - 0.4);
		const tail = levelDb(file, total - 1.2, total - 0.2);
		expect(speaking).toBeGreaterThan(tail + 6);
		const firstWord = /\n(\d{2}):(\d{2}):(\d{2}\.\d{3}) -->/.exec(vtt)!;
		const wordAt = Number(firstWord[3]) + 0.1;
		expect(highlightPixels(file, wordAt)).toBeGreaterThan(50);
		expect(highlightPixels(file, total - 0.5)).toBe(0);
	});
});
