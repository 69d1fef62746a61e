/**
 * The cameo privacy matrix: private / restricted / public × owner / allowed / other / revoked key,
 * plus a cameo its owner revoked, over HTTP on the real API. Each cell is checked for what the
 * caller may see (GET, list), use (cast in a render at submit, in a remix) and manage (PATCH,
 * DELETE, audit, recording). Active cameos are written straight into the real store, because
 * making one through the API needs a verified recording of a real person reading the script;
 * everything else goes through the routes.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newId } from '../../../src/ids';
import type { CameoRecord } from '../../../src/trust/cameo/cameoRecord';
import { randomScript } from '../../../src/trust/cameo/script';
import { api, startRenderer, type RunningRenderer } from '../../support/renderer';
import { figure } from '../support/level';
import { writeTinyClip } from '../../support/clips';

type Privacy = 'private' | 'restricted' | 'public';
type Who = 'owner' | 'allowed' | 'other' | 'revokedKey';

describe('cameo privacy matrix', () => {
	let r: RunningRenderer;
	let scratch: string;
	let clip: string;
	const callers = {} as Record<Who, { url: string; apiKey: string; keyId: string }>;

	beforeAll(async () => {
		r = await startRenderer({ worker: false, overrides: { signer: null } });
		callers.owner = { url: r.url, apiKey: r.apiKey, keyId: r.keyId };
		for (const who of ['allowed', 'other', 'revokedKey'] as const) {
			const created = await r.services.keys.create('pro', who);
			callers[who] = { url: r.url, apiKey: created.key, keyId: created.record.id };
		}
		scratch = mkdtempSync(path.join(tmpdir(), 'rf-cameo-matrix-'));
		clip = path.join(scratch, 'clip.mp4');
		writeTinyClip(clip);
	});
	afterAll(async () => {
		await r.close();
		rmSync(scratch, { recursive: true, force: true });
	});

	async function cameo(
		privacy: Privacy,
		status: CameoRecord['status'] = 'active',
	): Promise<string> {
		const now = new Date().toISOString();
		const record: CameoRecord = {
			id: newId('cam'),
			object: 'cameo',
			ownerKeyId: callers.owner.keyId,
			name: `Ada ${privacy}`,
			status,
			privacy,
			allowedKeyIds: privacy === 'restricted' ? [callers.allowed.keyId] : [],
			script: randomScript(),
			attempts: 1,
			createdAt: now,
			updatedAt: now,
			assets:
				status === 'active'
					? { cutoutPath: '/nonexistent.png', voice: { pitchSemitones: 0 } as never }
					: undefined,
		};
		await r.services.store.collection<CameoRecord>('cameos').put(record.id, record);
		return record.id;
	}

	const renderWith = (cameoId: string) => ({
		provider: 'testpattern',
		characters: [{ id: 'guest', cameoId }],
		shots: [{ prompt: 'a beach', duration: 1, characters: ['guest'] }],
		output: { width: 160, height: 96, fps: 10, quality: 'draft' },
	});

	/** May this caller cast a cameo of this privacy? (The rule the docs state.) */
	const mayUse = (privacy: Privacy, who: Who) =>
		who === 'owner' || privacy === 'public' || (privacy === 'restricted' && who === 'allowed');

	it('each cell: see, use and manage exactly as the privacy allows', async () => {
		const ids: Record<Privacy, string> = {
			private: await cameo('private'),
			restricted: await cameo('restricted'),
			public: await cameo('public'),
		};
		// The revoked key is revoked now, after its cameo permissions were granted.
		await r.services.keys.revoke(callers.revokedKey.keyId);
		let cells = 0;
		for (const privacy of ['private', 'restricted', 'public'] as const) {
			for (const who of ['owner', 'allowed', 'other', 'revokedKey'] as const) {
				const c = callers[who];
				const id = ids[privacy];
				const cell = `${privacy} × ${who}`;
				cells++;
				if (who === 'revokedKey') {
					for (const [method, route] of [
						['GET', `/v1/cameos/${id}`],
						['GET', '/v1/cameos'],
						['POST', '/v1/renders'],
					]) {
						const res = await api(c, method, route, method === 'POST' ? renderWith(id) : undefined);
						expect({ cell, route, status: res.status }).toEqual({ cell, route, status: 401 });
					}
					continue;
				}
				// Use at submit: allowed cells are accepted; the others refused with the pointer.
				const use = await api(c, 'POST', '/v1/renders', renderWith(id));
				if (mayUse(privacy, who)) {
					expect({ cell, use: use.status }).toEqual({ cell, use: 201 });
				} else {
					expect({ cell, use: use.status, path: use.json.error?.details?.[0]?.path }).toEqual({
						cell,
						use: privacy === 'private' ? 422 : 403,
						path: '/characters/0/cameoId',
					});
				}
				const remix = await api(c, 'POST', '/v1/remixes', {
					source: { renderId: 'rnd_0000000000zzzzzzzzzzzz' },
					operations: { cameo: { cameoId: id, name: 'Me' } },
				});
				if (!mayUse(privacy, who))
					expect({ cell, remix: remix.json.error?.details?.[0]?.path }).toEqual({
						cell,
						remix: '/operations/cameo/cameoId',
					});

				// See: the owner sees everything; a caller who may use it sees who it is, no more;
				// a private cameo is invisible to others (same answer as a missing id).
				const seen = await api(c, 'GET', `/v1/cameos/${id}`);
				const listed = (await api(c, 'GET', '/v1/cameos')).text.includes(id);
				if (who === 'owner') {
					expect({
						cell,
						status: seen.status,
						script: Boolean(
							seen.json.script || seen.json.checks !== undefined || seen.json.allowedKeyIds,
						),
					}).toEqual({ cell, status: 200, script: true });
					expect(listed).toBe(true);
				} else {
					if (seen.status === 200) {
						expect({ cell, visible: mayUse(privacy, who) }).toEqual({ cell, visible: true });
						for (const secret of [
							'script',
							'checks',
							'allowedKeyIds',
							'attempts',
							'voice',
							'rejection',
						])
							expect({ cell, secret, value: seen.json[secret] }).toEqual({
								cell,
								secret,
								value: undefined,
							});
					} else {
						expect({ cell, status: seen.status }).toEqual({ cell, status: expect.any(Number) });
						expect([403, 404]).toContain(seen.status);
						if (privacy === 'private') expect(seen.status).toBe(404);
					}
					if (!mayUse(privacy, who)) expect({ cell, listed }).toEqual({ cell, listed: false });
				}

				// Manage: only the owner.
				if (who !== 'owner') {
					const manage = [
						await api(c, 'PATCH', `/v1/cameos/${id}`, { privacy: 'public' }),
						await api(c, 'GET', `/v1/cameos/${id}/audit`),
						await api(c, 'DELETE', `/v1/cameos/${id}`),
						await (async () => {
							const res = await fetch(`${r.url}/v1/cameos/${id}/recording`, {
								method: 'PUT',
								headers: { authorization: `Bearer ${c.apiKey}`, 'content-type': 'video/mp4' },
								body: readFileSync(clip),
							});
							return { status: res.status };
						})(),
					];
					for (const res of manage)
						expect({ cell, status: res.status >= 400 && res.status < 500 }).toEqual({
							cell,
							status: true,
						});
				}
			}
		}
		// Nothing a non-owner did changed the cameos.
		for (const privacy of ['private', 'restricted', 'public'] as const) {
			const own = await api(callers.owner, 'GET', `/v1/cameos/${ids[privacy]}`);
			expect({ privacy: own.json.privacy, status: own.json.status }).toEqual({
				privacy,
				status: 'active',
			});
		}
		// The owner's audit log recorded the refusals.
		const audit = await api(callers.owner, 'GET', `/v1/cameos/${ids.restricted}/audit`);
		expect(
			audit.json.data.some(
				(e: { event: string; keyId: string }) =>
					e.event === 'denied' && e.keyId === callers.other.keyId,
			),
		).toBe(true);
		figure('security', 'cameo privacy cells', cells);
	});

	it('a cameo its owner revoked can be cast by no one, the owner included', async () => {
		for (const privacy of ['private', 'restricted', 'public'] as const) {
			const id = await cameo(privacy);
			const revoke = await api(callers.owner, 'DELETE', `/v1/cameos/${id}`);
			expect(revoke.status).toBeLessThan(300);
			for (const who of ['owner', 'allowed', 'other'] as const) {
				const res = await api(callers[who], 'POST', '/v1/renders', renderWith(id));
				expect({ privacy, who, status: res.status >= 400 && res.status < 500 }).toEqual({
					privacy,
					who,
					status: true,
				});
				expect(res.json.error.details[0].path).toBe('/characters/0/cameoId');
			}
		}
	});
});
