/**
 * Cameo voices: the owner's recorded voice is cloned at ElevenLabs (an emulator written from its
 * API reference) only with their consent for that use — given at registration or later, audited —
 * used for the cameo's lines only through the cameo, and deleted at the provider when the consent
 * is withdrawn or the cameo revoked (retried when the provider is down).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plan } from '../../../src/engine/plan';
import { synthesizeSpeech } from '../../../src/engine/voice';
import { validateRenderSpec } from '../../../src/spec/validate';
import { FileStore } from '../../../src/store/fileStore';
import { createCameoService, type CameoService } from '../../../src/trust/cameo/cameoService';
import { createElevenLabsCloner, createElevenLabsSpeech } from '../../../src/voices/elevenLabs';
import { Outbound } from '../../../src/net/outbound';
import { doorFetch } from '../../../src/voices/http';
import { ElevenLabsEmulator } from '../../voices/emulators/speechEmulators';
import { drawFace, makeRecording } from '../support/cameoRecording';

// The providers' calls go out through the renderer's outbound door, as in the service.
const httpFetch = doorFetch(new Outbound());

const OWNER = { keyId: 'key_owner' };
const emulator = new ElevenLabsEmulator();
let dir: string;
let store: FileStore;
let service: CameoService;
let config: { baseUrl: string; apiKey: string; model: string; voices: [] };

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'cameo-voice-'));
	const base = await emulator.start();
	config = { baseUrl: base, apiKey: emulator.apiKey, model: 'eleven_multilingual_v2', voices: [] };
	store = new FileStore(join(dir, 'store'));
	service = createCameoService({
		store,
		dataDir: join(dir, 'data'),
		voiceCloner: createElevenLabsCloner(config, httpFetch, { sleep: async () => undefined }),
	});
	await drawFace(join(dir, 'face.png'));
});
afterAll(async () => {
	await emulator.stop();
	await rm(dir, { recursive: true, force: true });
});

async function activeCameo(name: string, consents?: { voiceCloning?: boolean }) {
	const registration = await service.register(OWNER, { name, consents });
	const recording = await makeRecording(dir, registration.id, registration.script.text, 'face');
	return service.submitRecording(registration.id, OWNER, recording);
}

const events = async (id: string) => (await service.audit(id, OWNER)).map((e) => e.event).reverse();

test('consent at registration: the recorded voice is cloned, used for the cameo only through the cameo, deleted on revocation', async () => {
	const cameo = await activeCameo('Ada Example', { voiceCloning: true });
	expect(cameo.status).toBe('active');
	expect(cameo.consents?.voiceCloning).toMatchObject({ granted: true, keyId: OWNER.keyId });
	expect(cameo.voiceClone).toMatchObject({ status: 'ready', provider: 'elevenlabs' });
	const add = emulator.requests.find((r) => r.path === '/v1/voices/add')!;
	expect(add.headers['xi-api-key']).toBe(emulator.apiKey);
	// The provider gets the cameo id, not the person's name, and the recording as a WAV file.
	expect(add.body.toString('latin1')).toContain(`reelforge-${cameo.id}`);
	expect(add.body.toString('latin1')).not.toContain('Ada Example');
	const voiceId = cameo.voiceClone!.voice!.split(':')[1];
	expect(emulator.voices.get(voiceId)).toMatchObject({ cloned: true, files: 1 });
	expect(await events(cameo.id)).toEqual([
		'registered',
		'consent.granted',
		'recording.accepted',
		'voice.cloned',
	]);

	// A render casting the cameo speaks with the clone (the measured profile kept as the fallback).
	const asset = await service.resolveForRender(cameo.id, OWNER, 'rnd_clone1');
	expect(asset.clonedVoice).toBe(`elevenlabs:${voiceId}`);
	const spec = validateRenderSpec({
		characters: [{ id: 'ada', cameoId: cameo.id }],
		shots: [
			{
				prompt: 'Ada waves.',
				duration: 3,
				dialogue: [{ character: 'ada', text: 'Hello there.', at: 0.2 }],
			},
		],
	});
	const board = plan(spec, { cameos: new Map([[cameo.id, asset]]) });
	expect(board.characters[0].voice).toMatchObject({
		voice: `elevenlabs:${voiceId}`,
		clonedFor: cameo.id,
		fallback: asset.voice,
	});
	const speech = createElevenLabsSpeech(config, httpFetch);
	const track = await synthesizeSpeech(board, {
		cacheDir: join(dir, 'cache'),
		modelsDir: join(dir, 'models'),
		remote: [speech],
	});
	expect(track.clips).toHaveLength(1);
	expect(emulator.requests.some((r) => r.path.startsWith(`/v1/text-to-speech/${voiceId}/`))).toBe(
		true,
	);

	// Naming the clone's id in a spec does not reach it: only configured voices are offered.
	const logs: string[] = [];
	const before = emulator.requests.length;
	await synthesizeSpeech(
		plan(
			validateRenderSpec({
				characters: [{ id: 'eve', voice: { voice: `elevenlabs:${voiceId}` } }],
				shots: [
					{
						prompt: 'Eve talks.',
						duration: 3,
						dialogue: [{ character: 'eve', text: 'Borrowed voice.', at: 0.2 }],
					},
				],
			}),
			{ cameos: new Map() },
		),
		{
			cacheDir: join(dir, 'cache'),
			modelsDir: join(dir, 'models'),
			remote: [speech],
			log: (m) => void logs.push(m),
		},
	);
	expect(emulator.requests.length).toBe(before);
	expect(logs).toContain('voice not available, using a built-in voice');

	// Where the provider is not configured, the cameo speaks with the voice measured from its recording.
	const offline = await synthesizeSpeech(board, {
		cacheDir: join(dir, 'cache'),
		modelsDir: join(dir, 'models'),
		log: (m) => void logs.push(m),
	});
	expect(offline.clips).toHaveLength(1);
	expect(logs).toContain('voice not available, using the profile measured from the recording');

	const revoked = await service.revoke(cameo.id, OWNER);
	expect(revoked.voiceClone).toMatchObject({ status: 'deleted', provider: 'elevenlabs' });
	expect(revoked.voiceClone?.providerVoiceId).toBeUndefined();
	expect(emulator.voices.has(voiceId)).toBe(false);
	expect(
		emulator.requests.some((r) => r.method === 'DELETE' && r.path === `/v1/voices/${voiceId}`),
	).toBe(true);
	expect(existsSync(join(dir, 'data', 'cameos', cameo.id))).toBe(false);
	expect((await events(cameo.id)).slice(-2)).toEqual(['revoked', 'voice.clone_deleted']);
});

test('no consent, no clone; a later consent clones, withdrawing deletes; a failed deletion is retried until it succeeds', async () => {
	const adds = () => emulator.requests.filter((r) => r.path === '/v1/voices/add').length;
	const before = adds();
	let cameo = await activeCameo('Bo Example');
	expect(adds()).toBe(before);
	expect(cameo.voiceClone).toBeUndefined();
	expect((await service.resolveForRender(cameo.id, OWNER, 'rnd_b1')).clonedVoice).toBeUndefined();

	cameo = await service.setConsent(cameo.id, OWNER, { voiceCloning: true });
	expect(cameo.voiceClone?.status).toBe('ready');
	const first = cameo.voiceClone!.providerVoiceId!;
	expect((await service.resolveForRender(cameo.id, OWNER, 'rnd_b2')).clonedVoice).toBe(
		`elevenlabs:${first}`,
	);

	cameo = await service.setConsent(cameo.id, OWNER, { voiceCloning: false });
	expect(cameo.voiceClone?.status).toBe('deleted');
	expect(emulator.voices.has(first)).toBe(false);
	expect((await service.resolveForRender(cameo.id, OWNER, 'rnd_b3')).clonedVoice).toBeUndefined();

	// Cloned again, then revoked while the provider fails: the deletion waits for the sweep.
	cameo = await service.setConsent(cameo.id, OWNER, { voiceCloning: true });
	const second = cameo.voiceClone!.providerVoiceId!;
	for (let i = 0; i < 4; i++) emulator.script.push({ kind: 'status', status: 500 });
	cameo = await service.revoke(cameo.id, OWNER);
	expect(cameo.voiceClone).toMatchObject({ status: 'delete_pending', providerVoiceId: second });
	expect(emulator.voices.has(second)).toBe(true);
	expect(await service.sweepVoiceDeletions()).toBe(1);
	expect(emulator.voices.has(second)).toBe(false);
	expect(
		(await store.collection<{ voiceClone?: { status: string } }>('cameos').get(cameo.id))
			?.voiceClone?.status,
	).toBe('deleted');
	// (renders resolving the cameo in between are audited as `used`)
	expect((await events(cameo.id)).filter((e) => e !== 'used')).toEqual([
		'registered',
		'recording.accepted',
		'consent.granted',
		'voice.cloned',
		'consent.withdrawn',
		'voice.clone_deleted',
		'consent.granted',
		'voice.cloned',
		'revoked',
		'voice.clone_delete_failed',
		'voice.clone_deleted',
	]);
	await expect(service.setConsent(cameo.id, OWNER, { voiceCloning: true })).rejects.toMatchObject({
		code: 'cameo_revoked',
	});
});

test('without a cloning provider the consent is recorded and the clone reported unavailable', async () => {
	const cameo = await activeCameo('Cy Example');
	const plain = createCameoService({ store, dataDir: join(dir, 'data') });
	const consented = await plain.setConsent(cameo.id, OWNER, { voiceCloning: true });
	expect(consented.consents?.voiceCloning?.granted).toBe(true);
	expect(consented.voiceClone).toMatchObject({
		status: 'unavailable',
		reason: 'no voice-cloning provider is configured on this renderer',
	});
	await expect(plain.setConsent('cam_nope', OWNER, { voiceCloning: true })).rejects.toMatchObject({
		statusCode: 404,
	});
	await expect(
		plain.setConsent(cameo.id, { keyId: 'key_other' }, { voiceCloning: true }),
	).rejects.toMatchObject({
		statusCode: 404,
	});
});
