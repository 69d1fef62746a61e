/**
 * Remixing someone else's clip never lends their likeness: a cameo in the source that the remixer
 * may not cast is left out of the remix (the character is drawn without it), until its owner
 * lets them. Real service, real cameo registration (face and speech checks), real renders.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';
import { registerCameo } from '../support/cameos';

describe('remix of a clip with a cameo', () => {
	let r: RunningRenderer;
	let dir: string;
	let viewer: { url: string; apiKey: string };
	let cameoId: string;
	let itemId: string;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'reelforge-remix-cameo-'));
		r = await startRenderer({ overrides: { moderator: null } });
		viewer = { url: r.url, apiKey: (await r.services.keys.create('free', 'viewer')).key };

		cameoId = await registerCameo(r, 'Dana Owner', dir);

		const render = await api(r, 'POST', '/v1/renders', {
			version: '1',
			provider: 'local',
			output: { width: 180, height: 320, fps: 12, quality: 'draft' },
			characters: [{ id: 'dana', name: 'Dana', cameoId }],
			shots: [{ id: 'a', prompt: 'Dana waves on a beach', duration: 1.5, characters: ['dana'] }],
		});
		expect(render.status).toBe(201);
		await waitForStatus(r, render.json.id, ['completed'], 120_000);
		const published = await api(r, 'POST', `/v1/renders/${render.json.id}/publish`, {
			target: 'feed',
			title: 'Dana waves',
			override: { reason: 'test clip' },
		});
		itemId = published.json.id;
	}, 240_000);

	afterAll(async () => {
		await r.close();
		await rm(dir, { recursive: true, force: true });
	});

	test('the badge names the consented cameo; a stranger’s remix leaves it out until the owner makes it public', async () => {
		const badge = await api({ url: r.url, apiKey: '' }, 'GET', `/v1/feed/${itemId}/provenance`);
		expect(badge.json.cameos).toEqual([
			{
				cameoId,
				character: 'dana',
				name: 'Dana Owner',
				consent: 'active',
				consentedAt: expect.any(String),
			},
		]);
		expect(badge.json.aiDisclosure.depictsRealPerson).toBe(true);

		const remix = await api(viewer, 'POST', '/v1/remixes', {
			source: { feedItemId: itemId },
			operations: { style: 'anime' },
			output: { quality: 'draft' },
		});
		expect(remix.status).toBe(201);
		expect(remix.json.spec.characters).toEqual([expect.objectContaining({ id: 'dana' })]);
		expect(remix.json.spec.characters[0].cameoId).toBeUndefined();
		const done = await waitForStatus(viewer, remix.json.id, ['completed', 'failed'], 120_000);
		expect(done.status).toBe('completed');
		const audit = await api(r, 'GET', `/v1/cameos/${cameoId}/audit`);
		expect(audit.json.data.map((e: { event: string }) => e.event)).not.toContain('denied');

		expect((await api(r, 'PATCH', `/v1/cameos/${cameoId}`, { privacy: 'public' })).status).toBe(
			200,
		);
		const allowed = await api(viewer, 'POST', '/v1/remixes', {
			source: { feedItemId: itemId },
			operations: { style: 'anime' },
			output: { quality: 'draft' },
		});
		expect(allowed.json.spec.characters[0].cameoId).toBe(cameoId);
		await waitForStatus(viewer, allowed.json.id, ['completed'], 120_000);
		const uses = await api(r, 'GET', `/v1/cameos/${cameoId}/audit`);
		expect(
			uses.json.data.filter((e: { event: string; renderId?: string }) => e.event === 'used'),
		).toEqual(expect.arrayContaining([expect.objectContaining({ renderId: allowed.json.id })]));
	}, 240_000);
});
