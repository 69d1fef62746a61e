/**
 * A cameo the caller may not use is refused when the render (or remix) is submitted, with the
 * field's JSON pointer, before anything is queued or charged. The registry's records are written
 * straight into the real store (their recordings are not what is under test here).
 */
import { newId } from '../../../src/ids';
import type { RenderRecord } from '../../../src/jobs/renderRecord';
import type { CameoRecord } from '../../../src/trust/cameo/cameoRecord';
import { randomScript } from '../../../src/trust/cameo/script';
import { api, startRenderer, type RunningRenderer } from '../../support/renderer';

describe('cameo permission at submit', () => {
	let r: RunningRenderer;
	let stranger: { url: string; apiKey: string; keyId: string };

	beforeAll(async () => {
		r = await startRenderer({ worker: false, overrides: { signer: null } });
		const created = await r.services.keys.create('pro', 'stranger');
		stranger = { url: r.url, apiKey: created.key, keyId: created.record.id };
	});
	afterAll(() => r.close());

	async function cameo(changes: Partial<CameoRecord>): Promise<string> {
		const now = new Date().toISOString();
		const record: CameoRecord = {
			id: newId('cam'),
			object: 'cameo',
			ownerKeyId: r.keyId,
			name: 'Ada Example',
			status: 'active',
			privacy: 'private',
			allowedKeyIds: [],
			script: randomScript(),
			attempts: 1,
			createdAt: now,
			updatedAt: now,
			assets: { cutoutPath: '/nonexistent.png', voice: { pitchSemitones: 0 } as never },
			...changes,
		};
		await r.services.store.collection<CameoRecord>('cameos').put(record.id, record);
		return record.id;
	}

	const renderWith = (cameoId: string) => ({
		provider: 'testpattern',
		characters: [
			{ id: 'host', name: 'Host' },
			{ id: 'guest', cameoId },
		],
		shots: [{ prompt: 'a beach', duration: 1, characters: ['guest'] }],
		output: { width: 160, height: 96, fps: 10, quality: 'draft' },
	});

	it('refuses each kind of unusable cameo with its pointer, charging nothing', async () => {
		const usage = (await api(stranger, 'GET', '/v1/usage')).json;
		const cases: Array<[string, number, string]> = [
			[await cameo({ privacy: 'private' }), 422, 'cameo_not_found'],
			['cam_doesnotexist', 422, 'cameo_not_found'],
			[
				await cameo({ privacy: 'restricted', allowedKeyIds: ['key_someoneelse'] }),
				403,
				'cameo_forbidden',
			],
			[
				await cameo({ privacy: 'public', status: 'revoked', assets: undefined }),
				422,
				'cameo_revoked',
			],
			[
				await cameo({ privacy: 'public', status: 'awaiting_recording', assets: undefined }),
				422,
				'cameo_not_ready',
			],
		];
		for (const [id, status, code] of cases) {
			const res = await api(stranger, 'POST', '/v1/renders', renderWith(id));
			expect({ id, status: res.status, code: res.json.error?.code }).toEqual({ id, status, code });
			expect(res.json.error.details).toEqual([
				{ path: '/characters/1/cameoId', message: expect.any(String) },
			]);
		}
		// A private cameo and a missing one read the same: ids cannot be probed.
		const [hidden, missing] = await Promise.all(
			[cases[0][0], cases[1][0]].map((id) => api(stranger, 'POST', '/v1/renders', renderWith(id))),
		);
		expect(hidden.json.error.details).toEqual(missing.json.error.details);
		expect(hidden.json.error.message.replace(cases[0][0], 'X')).toBe(
			missing.json.error.message.replace(cases[1][0], 'X'),
		);

		expect((await api(stranger, 'GET', '/v1/usage')).json).toEqual(usage);
		expect((await api(stranger, 'GET', '/v1/renders')).json.data).toEqual([]);
	});

	it('refuses a remix casting a forbidden cameo at /operations/cameo/cameoId', async () => {
		const restricted = await cameo({ privacy: 'restricted', allowedKeyIds: [] });
		const res = await api(stranger, 'POST', '/v1/remixes', {
			source: { renderId: 'rnd_0000000000zzzzzzzzzzzz' },
			operations: { cameo: { cameoId: restricted, name: 'Me' } },
		});
		expect(res.status).toBe(403);
		expect(res.json.error).toMatchObject({
			code: 'cameo_forbidden',
			details: [{ path: '/operations/cameo/cameoId' }],
		});
	});

	it('checks a remix’s cameo once, at /operations/cameo/cameoId, and casts it', async () => {
		const usable = await cameo({ privacy: 'public' });
		// A finished render of the local engine's, remixed from its spec (the video is not read).
		const made = await api(stranger, 'POST', '/v1/renders', {
			...renderWith(usable),
			provider: 'local',
			characters: [{ id: 'host', name: 'Host' }],
			shots: [{ prompt: 'a beach', duration: 1, characters: ['host'] }],
		});
		expect(made.status).toBe(201);
		await r.services.store
			.collection<RenderRecord>('renders')
			.update(made.json.id, (record) => ({ ...record, status: 'completed' }));
		const checks = jest.spyOn(r.services.cameos!, 'checkUsable');
		try {
			const res = await api(stranger, 'POST', '/v1/remixes', {
				source: { renderId: made.json.id },
				operations: { cameo: { cameoId: usable, character: 'host', name: 'Me' } },
			});
			expect(res.status).toBe(201);
			expect(res.json.spec.characters).toEqual([
				expect.objectContaining({ id: 'host', cameoId: usable }),
			]);
			expect(checks.mock.calls).toEqual([
				[usable, { keyId: stranger.keyId }, '/operations/cameo/cameoId'],
			]);
		} finally {
			checks.mockRestore();
		}
	});

	it('writes each refusal to the owner’s audit log, and lets allowed callers through', async () => {
		const restricted = await cameo({ privacy: 'restricted', allowedKeyIds: [] });
		await api(stranger, 'POST', '/v1/renders', renderWith(restricted));
		const audit = await api(r, 'GET', `/v1/cameos/${restricted}/audit`);
		expect(audit.json.data).toEqual([
			expect.objectContaining({
				event: 'denied',
				keyId: stranger.keyId,
				detail: 'at submit: cameo_forbidden',
			}),
		]);

		const shared = await cameo({ privacy: 'restricted', allowedKeyIds: [stranger.keyId] });
		expect((await api(stranger, 'POST', '/v1/renders', renderWith(shared))).status).toBe(201);
		const mine = await cameo({ privacy: 'private' });
		expect((await api(r, 'POST', '/v1/renders', renderWith(mine))).status).toBe(201);
	});
});
