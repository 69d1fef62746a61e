/**
 * Captions for dialogue a remote generator speaks itself: the emulated Veo clip's sound is real
 * speech (flite's kal16 voice, whose word times are known exactly), placed well after the clip's
 * start, and the shot's line is aligned to it. The captions' words must land near where they are
 * spoken, on the story's clock (after a first shot). A clip with no sound gets its words spread over
 * the shot, with a warning on the render: never dropped; so does one whose sound is a steady tone
 * (aligning words to it would make times up). Burned-in captions draw the aligned words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeMonoWav } from '../../src/engine/audio/wavFile';
import { synthesizeWithFlite } from '../../src/engine/voice/fliteEngine';
import { GeminiEmulator } from '../providers/emulators/gemini';
import { FAST_POLLING, scratchDir } from '../providers/support';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';
import { frameAt } from '../support/frames';

const output = { width: 360, height: 640, fps: 24, quality: 'draft' };
const LINE = 'The harbour lights are out tonight, so we sail at dawn.';
/** Where the speech starts in the clip. */
const LEAD_SECONDS = 1.5;
const FIRST_SHOT_SECONDS = 4;

const seconds = (stamp: string) => {
	const [h, m, s] = stamp.split(':');
	return Number(h) * 3600 + Number(m) * 60 + Number(s);
};

/** Every word of a WebVTT file with the time it starts (cue start, or its inner timestamp). */
function captionWords(vtt: string): Array<{ text: string; start: number }> {
	const words: Array<{ text: string; start: number }> = [];
	for (const cue of vtt.split(/\n{2,}/)) {
		const head = /(\d{2}:\d{2}:\d{2}\.\d{3}) -->/.exec(cue);
		if (!head) continue;
		const body = cue.slice(cue.indexOf('\n', head.index) + 1).replace(/<v [^>]*>/, '');
		let at = seconds(head[1]!);
		for (const part of body.split(/\s+/).filter(Boolean)) {
			const inner = /^<(\d{2}:\d{2}:\d{2}\.\d{3})>(.*)$/.exec(part);
			if (inner) at = seconds(inner[1]!);
			words.push({ text: inner ? inner[2]! : part, start: at });
		}
	}
	return words;
}

/** Pixels whose colour differs clearly between two frames of the same size. */
function differingPixels(a: Buffer, b: Buffer): number {
	expect(a.length).toBe(b.length);
	let count = 0;
	for (let i = 0; i + 2 < a.length; i += 3)
		if (
			Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) >
			90
		)
			count++;
	return count;
}

describe('captions of dialogue a remote generator speaks', () => {
	const gemini = new GeminiEmulator();
	let r: RunningRenderer;
	const spoken = synthesizeWithFlite({ text: LINE, voiceName: 'kal16', rate: 1 });

	beforeAll(async () => {
		await gemini.start();
		gemini.jobMs = 200;
		// The line as the generator would voice it, after a pause, in a voice the aligner does not use.
		const lead = new Float32Array(Math.round(LEAD_SECONDS * spoken.sampleRate));
		const sound = new Float32Array(lead.length + spoken.samples.length);
		sound.set(spoken.samples, lead.length);
		const file = path.join(scratchDir(), 'spoken-line.wav');
		writeMonoWav(file, spoken.sampleRate, sound);
		gemini.clipSound = file;
		r = await startRenderer({
			env: {
				GEMINI_API_KEY: gemini.apiKey,
				GEMINI_BASE_URL: `${gemini.url}/v1beta`,
				REELFORGE_JOB_ATTEMPTS: '1',
			},
			overrides: { remotePolling: FAST_POLLING, moderator: null },
		});
	});
	afterAll(async () => {
		await r.close();
		await gemini.stop();
	});

	async function content(id: string, variant: 'captions' | 'video'): Promise<Buffer> {
		const res = await fetch(`${r.url}/v1/renders/${id}/content?variant=${variant}`, {
			headers: { authorization: `Bearer ${r.apiKey}` },
		});
		expect(res.status).toBe(200);
		return Buffer.from(await res.arrayBuffer());
	}
	const captions = async (id: string) => (await content(id, 'captions')).toString('utf8');
	let plain: { id: string; words: Array<{ text: string; start: number }> } | undefined;

	/** `where`: a different place makes a different clip (a finished one is re-used by content). */
	function story(where = 'on the deck', burnIn = false) {
		return {
			output,
			captions: { burnIn },
			provider: 'veo',
			characters: [{ id: 'ana', name: 'Ana' }],
			shots: [
				{ prompt: 'a harbour at dusk, boats at anchor', duration: FIRST_SHOT_SECONDS },
				{
					prompt: `ana talks to the crew ${where}`,
					characters: ['ana'],
					dialogue: [{ character: 'ana', text: LINE }],
					duration: 6,
				},
			],
		};
	}

	it("times the shot's line from the clip's own speech, on the story's clock", async () => {
		const res = await api(r, 'POST', '/v1/renders', story());
		expect(res.status).toBe(201);
		const done = await waitForStatus(r, res.json.id, ['completed', 'failed'], 180_000);
		expect(done.error).toBeUndefined();
		expect(done.warnings ?? []).not.toEqual(
			expect.arrayContaining([expect.objectContaining({ path: '/shots/1/dialogue' })]),
		);
		const vtt = await captions(res.json.id);
		expect(vtt).toMatch(/^WEBVTT/);
		expect(vtt).toContain('<v ana>');
		const words = captionWords(vtt);
		const expected = spoken.words.map((w) => ({
			text: w.text,
			start: FIRST_SHOT_SECONDS + LEAD_SECONDS + w.start,
		}));
		expect(words.map((w) => w.text.replace(/[^A-Za-z]/g, '').toLowerCase())).toEqual(
			expected.map((w) => w.text.replace(/[^A-Za-z]/g, '').toLowerCase()),
		);
		// Each word starts within a quarter second of where it is spoken (not spread: the lead-in
		// alone puts a spread first word 1.2 s early).
		const errors = words.map((w, k) => Math.abs(w.start - expected[k]!.start));
		expect(Math.max(...errors)).toBeLessThan(0.25);
		expect(words[0]!.start).toBeGreaterThan(FIRST_SHOT_SECONDS + LEAD_SECONDS - 0.25);
		plain = { id: res.json.id, words };
	});

	it('burns the aligned words into the picture while they are said', async () => {
		expect(plain).toBeDefined();
		const res = await api(r, 'POST', '/v1/renders', story('on the deck', true));
		expect(res.status).toBe(201);
		expect(res.json.warnings ?? []).not.toEqual(
			expect.arrayContaining([expect.objectContaining({ path: '/captions/burnIn' })]),
		);
		const done = await waitForStatus(r, res.json.id, ['completed', 'failed'], 180_000);
		expect(done.error).toBeUndefined();
		const dir = scratchDir();
		const [without, burned] = await Promise.all(
			[plain!.id, res.json.id].map(async (id) => {
				const file = path.join(dir, `${id}.mp4`);
				fs.writeFileSync(file, await content(id, 'video'));
				return file;
			}),
		);
		// The same clips either way: the pictures differ only where captions are drawn.
		const changed = (at: number) => differingPixels(frameAt(without, at), frameAt(burned, at));
		const word = plain!.words[3]!;
		expect(changed(word.start + 0.1)).toBeGreaterThan(300);
		expect(changed(FIRST_SHOT_SECONDS + 0.6)).toBeLessThan(changed(word.start + 0.1) / 10);
	});

	it.each([
		['has no sound', false, 'on the quay', 'no sound'],
		['has only a steady tone', undefined, 'by the mast', 'no speech was found'],
	] as const)(
		'spreads the words over the shot, with a warning, when the clip %s',
		async (_what, sound, where, reason) => {
			gemini.clipSound = sound;
			try {
				const res = await api(r, 'POST', '/v1/renders', story(where));
				expect(res.status).toBe(201);
				const done = await waitForStatus(r, res.json.id, ['completed', 'failed'], 180_000);
				expect(done.error).toBeUndefined();
				expect(done.warnings).toEqual(
					expect.arrayContaining([
						expect.objectContaining({
							path: '/shots/1/dialogue',
							term: 'captions',
							message: expect.stringMatching(new RegExp(`${reason}.*spread over the shot`)),
						}),
					]),
				);
				const words = captionWords(await captions(res.json.id));
				expect(words.map((w) => w.text)).toEqual(LINE.split(' '));
				// Inside the second shot, in order, across most of it.
				expect(words[0]!.start).toBeGreaterThanOrEqual(FIRST_SHOT_SECONDS);
				expect(words.at(-1)!.start).toBeLessThan(FIRST_SHOT_SECONDS + 6);
				expect(words.at(-1)!.start - words[0]!.start).toBeGreaterThan(3);
				for (let k = 1; k < words.length; k++)
					expect(words[k]!.start).toBeGreaterThan(words[k - 1]!.start);
			} finally {
				gemini.clipSound = undefined;
			}
		},
	);
});
