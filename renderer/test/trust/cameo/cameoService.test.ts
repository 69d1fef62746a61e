import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../../src/store/fileStore';
import { createCameoService, type CameoService } from '../../../src/trust/cameo/cameoService';
import type { CameoRecord, Privacy } from '../../../src/trust/cameo/cameoRecord';
import { SCRIPT_VOCABULARY } from '../../../src/trust/cameo/script';
import { createModerator } from '../../../src/trust/moderation/moderator';
import { validateRenderSpec } from '../../../src/spec/validate';
import { drawFace, makeRecording } from '../support/cameoRecording';
import { run } from '../support/media';

const OWNER = { keyId: 'key_owner' };
const ALLOWED = { keyId: 'key_allowed' };
const STRANGER = { keyId: 'key_stranger' };

let dir: string;
let service: CameoService;
let active: CameoRecord;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'trust-cameo-'));
	service = createCameoService({
		store: new FileStore(join(dir, 'store')),
		dataDir: join(dir, 'data'),
	});
	await drawFace(join(dir, 'face.png'));
	const registration = await service.register(OWNER, { name: 'Ada Example' });
	const recording = await makeRecording(dir, 'good', registration.script.text, 'face');
	active = await service.submitRecording(registration.id, OWNER, recording);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test('registration returns a randomised reading script of nonce words', async () => {
	const a = await service.register(OWNER, { name: 'Ada Example' });
	const b = await service.register(OWNER, { name: 'Ada Example' });
	expect(a.script.words).toHaveLength(6);
	expect(new Set(a.script.words).size).toBe(6);
	expect(a.script.words.every((w) => (SCRIPT_VOCABULARY as readonly string[]).includes(w))).toBe(
		true,
	);
	expect(a.script.text).not.toBe(b.script.text);
	expect(a).toMatchObject({
		status: 'awaiting_recording',
		privacy: 'private',
		id: expect.stringMatching(/^cam_[0-9a-z]+$/),
	});
	await expect(service.register(OWNER, { name: ' ' })).rejects.toMatchObject({
		code: 'invalid_request',
		details: [{ path: '/name', message: 'is required' }],
	});
	// A recording proves presence, not identity: a protected real person's name is refused.
	await expect(service.register(OWNER, { name: 'Taylor Swift' })).rejects.toMatchObject({
		statusCode: 403,
		code: 'cameo_name_protected',
	});
});

test('a recording with a face reading the script is accepted: cut-out with alpha and a voice profile', async () => {
	expect(active.status).toBe('active');
	expect(active.checks!.face.found).toBe(true);
	expect(active.checks!.speech!.matchFraction).toBeGreaterThanOrEqual(0.8);
	const { stdout } = await run('ffprobe', [
		'-v',
		'error',
		'-show_entries',
		'stream=pix_fmt,width,height',
		'-of',
		'json',
		active.assets!.cutoutPath,
	]);
	const png = JSON.parse(stdout).streams[0];
	expect(png.pix_fmt).toBe('rgba');
	expect(png.width).toBeGreaterThan(100);
	// festival's slt voice speaks around 150-200 Hz; the profile maps that near the base voice.
	expect(active.checks!.voice!.medianF0Hz).toBeGreaterThan(120);
	expect(active.checks!.voice!.medianF0Hz).toBeLessThan(260);
	expect(Math.abs(active.assets!.voice.pitch)).toBeLessThan(6);
	expect(active.assets!.voice.rate).toBeGreaterThan(0.5);
	expect(active.assets!.voice.voice).toBe('flite:slt');
});

test('a recording with the wrong spoken words is rejected with the reason', async () => {
	const registration = await service.register(OWNER, { name: 'Ada Example' });
	const others = SCRIPT_VOCABULARY.filter((w) => !registration.script.words.includes(w))
		.slice(0, 6)
		.join(' ');
	const rejected = await service.submitRecording(
		registration.id,
		OWNER,
		await makeRecording(dir, 'wrong', others, 'face'),
	);
	expect(rejected.status).toBe('awaiting_recording');
	expect(rejected.rejection).toMatchObject({
		code: 'speech_mismatch',
		reason: expect.stringContaining('do not match the script'),
	});
	expect(rejected.checks!.speech!.matchFraction).toBeLessThan(0.5);
	expect(rejected.assets).toBeUndefined();
});

test('a recording without a face is rejected with the reason', async () => {
	const registration = await service.register(OWNER, { name: 'Ada Example' });
	const rejected = await service.submitRecording(
		registration.id,
		OWNER,
		await makeRecording(dir, 'noface', registration.script.text, 'no-face'),
	);
	expect(rejected.rejection).toMatchObject({
		code: 'no_face',
		reason: expect.stringContaining('No face'),
	});
	expect(rejected.checks!.face.framesChecked).toBeGreaterThan(0);
});

describe('privacy matrix', () => {
	const cases: Array<[Privacy, { keyId: string }, string, 'ok' | number]> = [
		['private', OWNER, 'owner', 'ok'],
		['private', ALLOWED, 'allowed', 404],
		['private', STRANGER, 'stranger', 404],
		['restricted', OWNER, 'owner', 'ok'],
		['restricted', ALLOWED, 'allowed', 'ok'],
		['restricted', STRANGER, 'stranger', 403],
		['public', OWNER, 'owner', 'ok'],
		['public', ALLOWED, 'allowed', 'ok'],
		['public', STRANGER, 'stranger', 'ok'],
	];
	test.each(cases)('%s cameo, %s caller (%s) → %s', async (privacy, caller, _who, expected) => {
		await service.setPrivacy(active.id, OWNER, { privacy, allowedKeyIds: [ALLOWED.keyId] });
		const attempt = service.resolveForRender(active.id, caller, 'rnd_matrix');
		if (expected === 'ok')
			await expect(attempt).resolves.toMatchObject({
				id: active.id,
				cutoutPath: active.assets!.cutoutPath,
				voice: active.assets!.voice,
			});
		else await expect(attempt).rejects.toMatchObject({ statusCode: expected });
		// The moderator's consent check agrees with the resolver.
		const consented = await service.consentedPeople([active.id], caller);
		expect(consented).toEqual(expected === 'ok' ? ['Ada Example'] : []);
	});

	test('only the owner can read or change the cameo', async () => {
		await expect(service.get(active.id, STRANGER)).rejects.toMatchObject({ statusCode: 404 });
		await expect(
			service.setPrivacy(active.id, ALLOWED, { privacy: 'public' }),
		).rejects.toMatchObject({ statusCode: 404 });
		await expect(service.audit(active.id, STRANGER)).rejects.toMatchObject({ statusCode: 404 });
		await expect(
			service.setPrivacy(active.id, OWNER, { privacy: 'secret' as Privacy }),
		).rejects.toMatchObject({ code: 'invalid_request' });
	});
});

test('the audit log keeps the order of events that happen within the same millisecond', async () => {
	const cameo = await service.register(OWNER, { name: 'Ada Example' });
	const levels: Privacy[] = [
		'public',
		'restricted',
		'private',
		'public',
		'private',
		'restricted',
		'public',
		'private',
	];
	for (const privacy of levels)
		await service.setPrivacy(cameo.id, OWNER, { privacy, allowedKeyIds: [] });
	const log = await service.audit(cameo.id, OWNER);
	const expected: string[] = levels
		.map((l) => (l === 'restricted' ? 'restricted ()' : l))
		.reverse();
	expect(log.map((e) => e.detail)).toEqual([...expected, 'privacy private']);
});

test('a spec naming the person passes moderation only for callers who may use their cameo', async () => {
	await service.setPrivacy(active.id, OWNER, {
		privacy: 'restricted',
		allowedKeyIds: [ALLOWED.keyId],
	});
	const moderator = createModerator({
		openai: false,
		realPeople: ['Ada Example'],
		cameos: service,
	});
	const spec = validateRenderSpec({
		prompt: 'Ada Example shoots hoops in the gym',
		characters: [{ id: 'ada', cameoId: active.id }],
	});
	expect((await moderator.moderateSpec(spec, ALLOWED)).flagged).toBe(false);
	const refused = await moderator.moderateSpec(spec, STRANGER);
	expect(refused.action).toBe('block');
	expect(refused.reasons[0]).toMatchObject({
		category: 'real-person',
		detail: '/prompt: Ada Example',
	});
});

test('revocation: listeners hear it, the likeness is deleted, further use fails with 410, all of it audited', async () => {
	const registration = await service.register(OWNER, { name: 'Ada Example', privacy: 'public' });
	const cameo = await service.submitRecording(
		registration.id,
		OWNER,
		await makeRecording(dir, 'revoke', registration.script.text, 'face'),
	);
	expect(cameo.status).toBe('active');
	await service.resolveForRender(cameo.id, STRANGER, 'rnd_before');

	const heard: string[] = [];
	const stop = service.onRevoke((revoked) => void heard.push(revoked.id));
	const revoked = await service.revoke(cameo.id, OWNER);
	stop();
	expect(revoked.status).toBe('revoked');
	expect(heard).toEqual([cameo.id]);
	await expect(stat(cameo.assets!.cutoutPath)).rejects.toMatchObject({ code: 'ENOENT' });
	await expect(service.resolveForRender(cameo.id, STRANGER, 'rnd_after')).rejects.toMatchObject({
		statusCode: 410,
		code: 'cameo_revoked',
	});
	await expect(service.resolveForRender(cameo.id, OWNER, 'rnd_after2')).rejects.toMatchObject({
		statusCode: 410,
	});
	expect(await service.consentedPeople([cameo.id], OWNER)).toEqual([]);

	const log = await service.audit(cameo.id, OWNER);
	expect(log.map((e) => e.event)).toEqual([
		'denied',
		'denied',
		'revoked',
		'used',
		'recording.accepted',
		'registered',
	]);
	expect(log.find((e) => e.event === 'used')).toMatchObject({
		keyId: STRANGER.keyId,
		renderId: 'rnd_before',
	});
	expect(log[0]).toMatchObject({ renderId: 'rnd_after2', detail: 'cameo_revoked' });
});
