import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../../support/renderer';
import { drawFace, makeRecording } from '../support/cameoRecording';
import { ffmpeg } from '../support/media';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
let r: RunningRenderer;
let stranger: { url: string; apiKey: string; keyId: string };

beforeAll(async () => {
	r = await startRenderer();
	const created = await r.services.keys.create('pro', 'stranger');
	stranger = { url: r.url, apiKey: created.key, keyId: created.record.id };
	await drawFace(join(r.dataDir, 'face.png'));
});
afterAll(() => r.close());

async function upload(
	who: { url: string; apiKey: string },
	method: string,
	route: string,
	file: string,
	contentType = 'video/mp4',
) {
	const res = await fetch(`${who.url}${route}`, {
		method,
		headers: { authorization: `Bearer ${who.apiKey}`, 'content-type': contentType },
		body: await readFile(file),
	});
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response shapes
	const json: any = await res.json();
	return { status: res.status, json };
}

describe('POST /v1/moderations', () => {
	test('text: the verdict with categories, reasons and policy', async () => {
		const res = await api(r, 'POST', '/v1/moderations', {
			text: 'a tutorial on how to make a pipe bomb',
		});
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			flagged: true,
			action: 'block',
			policy: 'reelforge-default-v1',
		});
		// Weapon and explosive instructions are their own category (they used to be "illegal").
		expect(res.json.categories.weapons).toBeGreaterThanOrEqual(0.9);
		expect(res.json.reasons[0]).toMatchObject({
			category: 'weapons',
			source: 'text',
			checker: 'rules',
		});
		// Which checker decided, and each checker's own scores.
		expect(res.json.decidedBy).toEqual(['rules']);
		expect(res.json.checkers).toEqual([
			{ checker: 'rules', categories: res.json.categories, action: 'block' },
		]);
		const clean = await api(r, 'POST', '/v1/moderations', {
			text: 'a dog chases a ball on the beach',
		});
		expect(clean.json).toMatchObject({
			flagged: false,
			action: 'allow',
			reasons: [],
			decidedBy: [],
		});
	});

	test('an invalid request names the failing field', async () => {
		const res = await api(r, 'POST', '/v1/moderations', { text: '' });
		expect(res.status).toBe(400);
		expect(res.json.error.code).toBe('invalid_request');
		expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain('/text');
	});

	test('an uploaded video with a banned phrase burned in is flagged', async () => {
		const file = join(r.dataDir, 'upload.mp4');
		await ffmpeg([
			'-f',
			'lavfi',
			'-i',
			`color=c=0x202020:size=480x270:rate=10:duration=1,drawtext=fontfile=${FONT}:text='HEIL HITLER':fontcolor=white:fontsize=40:x=60:y=110`,
			'-c:v',
			'libx264',
			'-pix_fmt',
			'yuv420p',
			file,
		]);
		const res = await upload(r, 'POST', '/v1/moderations', file);
		expect(res.status).toBe(200);
		expect(res.json.flagged).toBe(true);
		expect(res.json.reasons).toEqual(
			expect.arrayContaining([expect.objectContaining({ category: 'hate', source: 'ocr' })]),
		);
	});
});

describe('provenance of a render', () => {
	test('GET /v1/renders/:id/provenance returns the manifest, and ?verify=true re-validates the stored file', async () => {
		const created = await api(r, 'POST', '/v1/renders', {
			provider: 'testpattern',
			shots: [{ prompt: 'a calm beach at dawn', duration: 1 }],
			output: { width: 160, height: 120, fps: 10, quality: 'draft' },
		});
		expect(created.status).toBe(201);
		const done = await waitForStatus(r, created.json.id, ['completed', 'failed'], 120000);
		expect(done.status).toBe('completed');
		const res = await api(r, 'GET', `/v1/renders/${created.json.id}/provenance?verify=true`);
		expect(res.status).toBe(200);
		expect(res.json.manifest.claim_generator_info[0].name).toBe('Reelforge');
		expect(res.json.verification).toEqual({ valid: true, errors: [], validationState: 'Trusted' });
		// Another key cannot read it.
		expect((await api(stranger, 'GET', `/v1/renders/${created.json.id}/provenance`)).status).toBe(
			404,
		);
		// The same render moderated on demand: frames, OCR and transcript of the stored video.
		const moderated = await api(r, 'POST', '/v1/moderations', { renderId: created.json.id });
		expect(moderated.status).toBe(200);
		expect(moderated.json).toMatchObject({ flagged: false, action: 'allow' });
		expect(
			(await api(stranger, 'POST', '/v1/moderations', { renderId: created.json.id })).status,
		).toBe(404);
	});
});

describe('cameos over HTTP', () => {
	test('register, record, share, audit and revoke', async () => {
		const started = await api(r, 'POST', '/v1/cameos', { name: 'Ada Example' });
		expect(started.status).toBe(201);
		expect(started.json).toMatchObject({
			status: 'awaiting_recording',
			privacy: 'private',
			script: { words: expect.any(Array) },
		});
		const id = started.json.id;

		const wrong = await upload(
			r,
			'PUT',
			`/v1/cameos/${id}/recording`,
			await makeRecording(r.dataDir, 'wrong', 'zebra zebra doctor doctor engine engine', 'face'),
		);
		expect(wrong.status).toBe(422);
		expect(wrong.json.error.code).toBe('cameo_speech_mismatch');

		const good = await upload(
			r,
			'PUT',
			`/v1/cameos/${id}/recording`,
			await makeRecording(r.dataDir, 'good', started.json.script.text, 'face'),
		);
		expect(good.status).toBe(200);
		expect(good.json).toMatchObject({
			status: 'active',
			hasCutout: true,
			voice: { voice: 'flite:slt' },
		});
		expect(JSON.stringify(good.json)).not.toContain(r.dataDir);

		expect((await api(stranger, 'GET', `/v1/cameos/${id}`)).status).toBe(404);
		const shared = await api(r, 'PATCH', `/v1/cameos/${id}`, {
			privacy: 'restricted',
			allowedKeyIds: [stranger.keyId],
		});
		expect(shared.json).toMatchObject({ privacy: 'restricted', allowedKeyIds: [stranger.keyId] });
		expect((await api(r, 'PATCH', `/v1/cameos/${id}`, { privacy: 'secret' })).status).toBe(400);

		// The allowed key renders with it; the use lands in the owner's audit log.
		const render = await api(stranger, 'POST', '/v1/renders', {
			provider: 'testpattern',
			characters: [{ id: 'ada', cameoId: id }],
			shots: [{ prompt: 'a beach', duration: 1, characters: ['ada'] }],
			output: { width: 160, height: 120, fps: 10, quality: 'draft' },
		});
		expect(render.status).toBe(201);
		await waitForStatus(stranger, render.json.id, ['completed', 'failed'], 120000);
		const audit = await api(r, 'GET', `/v1/cameos/${id}/audit`);
		expect(audit.json.data.map((e: { event: string }) => e.event)).toEqual(
			expect.arrayContaining([
				'used',
				'privacy.changed',
				'recording.accepted',
				'recording.rejected',
				'registered',
			]),
		);
		expect(audit.json.data.find((e: { event: string }) => e.event === 'used')).toMatchObject({
			keyId: stranger.keyId,
			renderId: render.json.id,
		});
		expect((await api(stranger, 'GET', `/v1/cameos/${id}/audit`)).status).toBe(404);

		const published = await api(stranger, 'POST', `/v1/renders/${render.json.id}/publish`, {
			target: 'feed',
		});
		expect(published.status).toBe(201);

		const revoked = await api(r, 'DELETE', `/v1/cameos/${id}`);
		expect(revoked.json).toMatchObject({ status: 'revoked', hasCutout: false });
		// Revocation unpublished the render that used the cameo.
		const afterRevoke = await r.services.renders.records.get(render.json.id);
		expect(afterRevoke!.publications).toEqual([
			expect.objectContaining({ id: published.json.id, unpublishedAt: expect.any(String) }),
		]);
		const after = await api(stranger, 'POST', '/v1/renders', {
			provider: 'testpattern',
			characters: [{ id: 'ada', cameoId: id }],
			shots: [{ prompt: 'a beach', duration: 1, characters: ['ada'] }],
			output: { width: 160, height: 120, fps: 10, quality: 'draft' },
		});
		const failed =
			after.status === 201
				? await waitForStatus(stranger, after.json.id, ['completed', 'failed'], 120000)
				: after.json;
		expect(JSON.stringify(failed)).toContain('cameo_revoked');
	});
});
