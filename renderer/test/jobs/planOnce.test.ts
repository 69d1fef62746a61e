/**
 * One planning per render: the storyboard admission plans (for the warnings and the coverage
 * report) is stored with the render and is the one the local engine renders. The planner is
 * watched through its real export (it still plans), across a real render with the real queue,
 * file store (a JSON round trip) and ffmpeg.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import * as planner from '../../src/engine/plan';
import { admittedPlan, planOnce } from '../../src/engine/plan/once';
import { validateRenderSpec } from '../../src/spec/validate';
import type { RenderRecord } from '../../src/jobs/renderRecord';
import type { Storyboard } from '../../src/engine/storyboard';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';
import { ffprobe } from '../support/ffprobe';

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
		// Kept with the render (internal: clients never see it).
		const stored = await r.services.renders.records.get(created.json.id);
		expect(stored?.plan).toEqual(JSON.parse(JSON.stringify(admissionPlan)));
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
	});

	it('plans at render time a render stored without a plan (admitted by an older version)', async () => {
		const created = await api(r, 'POST', '/v1/renders', { ...spec, seed: 7 });
		expect(created.status).toBe(201);
		await r.services.store
			.collection<RenderRecord>('renders')
			.update(created.json.id, ({ plan: _plan, ...rest }) => rest);
		planned.mockClear();

		r.services.startWorker();
		const done = await waitForStatus(r, created.json.id, ['completed', 'failed']);
		expect(done.status).toBe('completed');
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

	it('is not used when a character names a cameo: the cameo changes looks, voices and timing', () => {
		const withCameo = complete({
			prompt: undefined,
			characters: [{ id: 'bea', cameoId: 'cam_x' }],
			shots: [{ prompt: 'Bea waves', duration: 1, dialogue: [{ character: 'bea', text: 'Hi.' }] }],
		});
		const stored: unknown = JSON.parse(JSON.stringify(planOnce(withCameo)));
		expect(admittedPlan(withCameo, stored)).toBeUndefined();
	});
});
