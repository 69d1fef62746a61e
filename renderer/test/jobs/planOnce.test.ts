/**
 * One planning per render: the storyboard admission plans (for the warnings and the coverage
 * report) is stored with the render and is the one the local engine renders, for a spec with
 * cameos too (admission plans with the cameos as they read then; a cameo changed before the render
 * is planned again). The planner is watched through its real export (it still plans), across a
 * real render with the real queue, file store (a JSON round trip), cameo registry and ffmpeg.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import * as planner from '../../src/engine/plan';
import { admittedPlan, planOnce } from '../../src/engine/plan/once';
import { validateRenderSpec } from '../../src/spec/validate';
import { planInputsDigest } from '../../src/jobs/planInputs';
import type { CameoRecord } from '../../src/trust/cameo/cameoRecord';
import type { CameoAsset } from '../../src/pipeline/render';
import type { Storyboard } from '../../src/engine/storyboard';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';
import { ffprobe } from '../support/ffprobe';
import { registerCameo } from '../support/cameos';

const spec = {
	provider: 'local',
	prompt: 'A fox runs across a snowy field at dawn. The fox stops by a frozen pond and looks up.',
	durationSeconds: 2,
	output: { width: 192, height: 108, fps: 12, quality: 'draft' },
	audio: { music: { enabled: false } },
	provenance: { c2pa: false },
};

async function videoSeconds(r: RunningRenderer, url: string): Promise<number> {
	const content = await fetch(url, { headers: { authorization: `Bearer ${r.apiKey}` } });
	const file = path.join(r.dataDir, `${path.basename(new URL(url).pathname)}.mp4`);
	await fs.writeFile(file, Buffer.from(await content.arrayBuffer()));
	return Number((await ffprobe(file)).format.duration);
}

describe('planning a render', () => {
	let r: RunningRenderer;
	let planned: jest.SpyInstance;

	beforeEach(async () => {
		// The worker starts when the test says, so that a test may look at the admitted render first.
		r = await startRenderer({ worker: false, overrides: { moderator: null, signer: null } });
		planned = jest.spyOn(planner, 'plan');
	});
	afterEach(async () => {
		planned.mockRestore();
		await r.close();
	});

	it('plans once: admission plans, and the render renders that plan', async () => {
		const created = await api(r, 'POST', '/v1/renders', spec);
		expect(created.status).toBe(201);
		expect(created.json.warnings).toEqual(expect.any(Array));
		expect(planned).toHaveBeenCalledTimes(1);
		const admissionPlan = planned.mock.results[0].value as Storyboard;
		// Kept beside the render (internal: clients never see it), not in the record its progress rewrites.
		const stored = await r.services.renders.records.plan(created.json.id);
		expect(stored?.plan).toEqual(JSON.parse(JSON.stringify(admissionPlan)));
		expect(await r.services.renders.records.get(created.json.id)).not.toHaveProperty('plan');
		expect(created.json).not.toHaveProperty('plan');

		r.services.startWorker();
		const done = await waitForStatus(r, created.json.id, ['completed', 'failed']);
		expect(done.error).toBeUndefined();
		expect(done.status).toBe('completed');
		expect(done).not.toHaveProperty('plan');
		expect(planned).toHaveBeenCalledTimes(1);
		expect(await videoSeconds(r, done.outputs.video.url)).toBeCloseTo(
			admissionPlan.durationSeconds,
			1,
		);
		// Deleting the render forgets its plan too.
		expect((await api(r, 'DELETE', `/v1/renders/${created.json.id}`)).status).toBe(204);
		expect(await r.services.renders.records.plan(created.json.id)).toBeUndefined();
	});

	it('plans at render time a render stored without a plan (admitted by an older version)', async () => {
		const created = await api(r, 'POST', '/v1/renders', { ...spec, seed: 7 });
		expect(created.status).toBe(201);
		await r.services.store.collection('render-plans').delete(created.json.id);
		expect(await r.services.renders.records.plan(created.json.id)).toBeUndefined();
		planned.mockClear();

		r.services.startWorker();
		const done = await waitForStatus(r, created.json.id, ['completed', 'failed']);
		expect(done.status).toBe('completed');
		expect(planned).toHaveBeenCalledTimes(1);
	});
});

const cameoSpec = (cameoId: string) => ({
	provider: 'local',
	characters: [{ id: 'bea', cameoId }],
	shots: [
		{
			prompt: 'Bea waves on a beach',
			duration: 2,
			dialogue: [{ character: 'bea', text: 'Hello there, this is my cameo.' }],
		},
	],
	output: { width: 192, height: 108, fps: 12, quality: 'draft' },
	audio: { music: { enabled: false } },
	provenance: { c2pa: false },
});

describe('planning a render with a cameo', () => {
	let r: RunningRenderer;
	let planned: jest.SpyInstance;
	let cameoId: string;

	beforeEach(async () => {
		r = await startRenderer({ worker: false, overrides: { moderator: null, signer: null } });
		cameoId = await registerCameo(r);
		planned = jest.spyOn(planner, 'plan');
	});
	afterEach(async () => {
		planned.mockRestore();
		await r.close();
	});

	const cameosOf = (call: number) =>
		(planned.mock.calls[call][1] as planner.PlanOptions).cameos as ReadonlyMap<string, CameoAsset>;

	it('plans once: admission plans with the cameo, and the render renders that plan', async () => {
		const created = await api(r, 'POST', '/v1/renders', cameoSpec(cameoId));
		expect(created.status).toBe(201);
		expect(planned).toHaveBeenCalledTimes(1);
		// Planned with the cameo's look and voice, not without it.
		const asset = cameosOf(0).get(cameoId);
		expect(asset?.id).toBe(cameoId);
		const admissionPlan = planned.mock.results[0].value as Storyboard;
		const bea = admissionPlan.characters.find((c) => c.id === 'bea');
		expect(bea?.cameo).toEqual({ id: cameoId, cutoutPath: asset?.cutoutPath });
		expect(bea?.voice).toMatchObject({ voice: asset?.voice.voice, rate: asset?.voice.rate });
		expect(created.json.warnings.map((w: { path: string }) => w.path)).not.toContain(
			'/characters/0/cameoId',
		);
		const stored = await r.services.renders.records.plan(created.json.id);
		expect(stored?.plan).toEqual(JSON.parse(JSON.stringify(admissionPlan)));
		expect(stored?.inputsDigest).toBe(planInputsDigest(cameosOf(0)));
		expect(created.json).not.toHaveProperty('plan');
		expect(created.json).not.toHaveProperty('planInputsDigest');

		r.services.startWorker();
		const done = await waitForStatus(r, created.json.id, ['completed', 'failed']);
		expect(done.error).toBeUndefined();
		expect(done.status).toBe('completed');
		expect(planned).toHaveBeenCalledTimes(1);
		// The render still resolved the cameo (consent checked again, the use logged).
		const audit = await api(r, 'GET', `/v1/cameos/${cameoId}/audit`);
		expect(JSON.stringify(audit.json)).toContain(created.json.id);
		expect(await videoSeconds(r, done.outputs.video.url)).toBeCloseTo(
			admissionPlan.durationSeconds,
			1,
		);
	});

	it('plans again when the cameo changed between admission and the render', async () => {
		const created = await api(r, 'POST', '/v1/renders', cameoSpec(cameoId));
		expect(created.status).toBe(201);
		expect(planned).toHaveBeenCalledTimes(1);
		const admitted = cameosOf(0).get(cameoId)!;
		// As a new recording would: another cut-out and a slower measured voice.
		const slower = Math.round(admitted.voice.rate * 0.8 * 100) / 100;
		const cutoutPath = admitted.cutoutPath.replace(/\.png$/, '-again.png');
		await fs.copyFile(admitted.cutoutPath, cutoutPath);
		await r.services.store.collection<CameoRecord>('cameos').update(cameoId, (cameo) => ({
			...cameo,
			assets: { ...cameo.assets!, cutoutPath, voice: { ...cameo.assets!.voice, rate: slower } },
		}));

		r.services.startWorker();
		const done = await waitForStatus(r, created.json.id, ['completed', 'failed']);
		expect(done.error).toBeUndefined();
		expect(done.status).toBe('completed');
		expect(planned).toHaveBeenCalledTimes(2);
		expect(cameosOf(1).get(cameoId)?.voice.rate).toBe(slower);
		const renderPlan = planned.mock.results[1].value as Storyboard;
		const bea = renderPlan.characters.find((c) => c.id === 'bea');
		expect(bea?.voice.rate).toBe(slower);
		expect(bea?.cameo).toEqual({ id: cameoId, cutoutPath });
		expect(await videoSeconds(r, done.outputs.video.url)).toBeCloseTo(
			renderPlan.durationSeconds,
			1,
		);
	});

	it('still fails the render when the cameo was revoked after admission', async () => {
		const created = await api(r, 'POST', '/v1/renders', cameoSpec(cameoId));
		expect(created.status).toBe(201);
		expect((await api(r, 'DELETE', `/v1/cameos/${cameoId}`)).json.status).toBe('revoked');

		r.services.startWorker();
		const failed = await waitForStatus(r, created.json.id, ['completed', 'failed', 'canceled']);
		expect(failed.status).toBe('failed');
		expect(failed.error.code).toBe('cameo_revoked');
		// Only admission planned: the stored plan was never used.
		expect(planned).toHaveBeenCalledTimes(1);
	});
});

describe("admission's plan at render time", () => {
	const complete = (extra: Record<string, unknown> = {}) =>
		validateRenderSpec({ ...spec, ...extra });

	it('is the render plan after a JSON round trip, for its own spec only', () => {
		const own = complete();
		const stored: unknown = JSON.parse(JSON.stringify(planOnce(own)));
		expect(admittedPlan(own, stored)).toEqual(stored);
		// Another frame or seed, or something that is no plan at all: planned again.
		expect(admittedPlan(complete({ seed: 3 }), stored)).toBeUndefined();
		expect(
			admittedPlan(complete({ output: { ...spec.output, width: 320, height: 180 } }), stored),
		).toBeUndefined();
		expect(admittedPlan(own, { shots: 'nope' })).toBeUndefined();
		expect(admittedPlan(own, undefined)).toBeUndefined();
	});

	const bea: CameoAsset = {
		id: 'cam_x',
		cutoutPath: 'cameos/cam_x/cutout.png',
		voice: { voice: 'flite:slt', pitch: 1, rate: 0.9 },
	};
	const withCameo = () =>
		complete({
			prompt: undefined,
			characters: [{ id: 'bea', cameoId: 'cam_x' }],
			shots: [{ prompt: 'Bea waves', duration: 1, dialogue: [{ character: 'bea', text: 'Hi.' }] }],
		});

	it('is not used for a cameo it was not planned with: the cameo changes looks, voices and timing', () => {
		const spec = withCameo();
		const without: unknown = JSON.parse(JSON.stringify(planOnce(spec)));
		expect(admittedPlan(spec, without, new Map([['cam_x', bea]]))).toBeUndefined();
		const other = { ...bea, cutoutPath: 'cameos/cam_x/again.png' };
		const planned: unknown = JSON.parse(
			JSON.stringify(planOnce(spec, undefined, new Map([['cam_x', other]]))),
		);
		expect(admittedPlan(spec, planned, new Map([['cam_x', bea]]))).toBeUndefined();
		// A plan made with a cameo is not drawn without it either.
		expect(admittedPlan(spec, planned)).toBeUndefined();
	});

	it('is the render plan when made with the cameos the render resolved', () => {
		const spec = withCameo();
		const cameos = new Map([['cam_x', bea]]);
		const stored: unknown = JSON.parse(JSON.stringify(planOnce(spec, undefined, cameos)));
		expect(admittedPlan(spec, stored, new Map([['cam_x', { ...bea }]]))).toEqual(stored);
	});
});

describe('the digest of the cameos a plan was made with', () => {
	const bea: CameoAsset = {
		id: 'cam_b',
		cutoutPath: 'cameos/cam_b/cutout.png',
		voice: { voice: 'flite:slt', pitch: 1, rate: 0.9 },
	};
	const cy: CameoAsset = {
		id: 'cam_c',
		cutoutPath: 'cameos/cam_c/cutout.png',
		voice: { voice: 'flite:kal', pitch: -2, rate: 1.05, timbre: 3 },
		clonedVoice: 'elevenlabs:abc',
	};

	it('is absent without cameos, and the same for the same cameos in any order after a JSON round trip', () => {
		expect(planInputsDigest(new Map())).toBeUndefined();
		const digest = planInputsDigest(
			new Map([
				['cam_b', bea],
				['cam_c', cy],
			]),
		);
		expect(digest).toMatch(/^[0-9a-f]{64}$/);
		const reordered = JSON.parse(
			JSON.stringify({
				clonedVoice: cy.clonedVoice,
				voice: { ...cy.voice },
				cutoutPath: cy.cutoutPath,
				id: cy.id,
			}),
		) as CameoAsset;
		expect(
			planInputsDigest(
				new Map([
					['cam_c', reordered],
					['cam_b', JSON.parse(JSON.stringify(bea)) as CameoAsset],
				]),
			),
		).toBe(digest);
	});

	it('changes with anything the planner takes of a cameo', () => {
		const of = (asset: CameoAsset) => planInputsDigest(new Map([['cam_b', asset]]));
		const base = of(bea);
		const changed = [
			{ ...bea, cutoutPath: 'cameos/cam_b/again.png' },
			{ ...bea, voice: { ...bea.voice, rate: 0.8 } },
			{ ...bea, voice: { ...bea.voice, pitch: 2 } },
			{ ...bea, voice: { ...bea.voice, voice: 'flite:awb' } },
			{ ...bea, voice: { ...bea.voice, timbre: 2 } },
			{ ...bea, clonedVoice: 'elevenlabs:xyz' },
		].map(of);
		for (const digest of changed) expect(digest).not.toBe(base);
		expect(new Set(changed).size).toBe(changed.length);
	});
});
