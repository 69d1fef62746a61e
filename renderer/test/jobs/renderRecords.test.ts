import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RenderRecord } from '../../src/jobs/renderRecord';
import { KEY_REVOKED, RenderRecords } from '../../src/jobs/renderRecords';
import { FileStore } from '../../src/store/fileStore';
import { completedRender } from '../webhooks/support/fixtures';

/** The render record's one owner: each named transition persists, announces, and refuses what no longer applies. */
describe('render records', () => {
	let dir: string;
	let store: FileStore;
	let records: RenderRecords;
	const heard: Array<[string, string, string]> = [];

	const queued = (id: string): RenderRecord => ({
		...completedRender('key_a', { id }),
		status: 'queued',
		stage: 'queued',
		progress: 0,
		outputs: {},
		completedAt: undefined,
		publications: [],
		warnings: [{ path: '/prompt', term: 'giraffe', message: 'drawn as an animal' }],
		details: { requestModeration: 'kept' },
	});

	beforeAll(async () => {
		dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-records-'));
		store = new FileStore(path.join(dir, 'store'));
		records = new RenderRecords(store);
		records.events.on('update', (record: RenderRecord, name: string) =>
			heard.push([name, record.id, record.status]),
		);
	});
	afterAll(() => fs.rm(dir, { recursive: true, force: true }));
	beforeEach(() => (heard.length = 0));

	it('runs a render from admission to completion, persisting and announcing each step', async () => {
		const completed: string[] = [];
		const onCompleted = (r: RenderRecord) => completed.push(r.id);
		records.events.on('completed', onCompleted);
		await records.admit(queued('rnd_life'));
		expect((await records.get('rnd_life'))!.status).toBe('queued');
		records.announceAdmitted((await records.get('rnd_life'))!);

		const started = await records.start('rnd_life', 2);
		expect(started).toMatchObject({ status: 'rendering', attempts: 2, progress: 0 });
		expect(started!.startedAt).toEqual(expect.any(String));

		await records.progress('rnd_life', { stage: 'encode', percent: 50, timings: [] });
		// Progress never goes back.
		const later = await records.progress('rnd_life', { stage: 'encode', percent: 40, timings: [] });
		expect(later!.progress).toBe(50);

		const timings = [{ stage: 'encode' as const, startedAt: new Date().toISOString(), ms: 12 }];
		const done = await records.complete('rnd_life', {
			outputs: { video: { key: 'renders/rnd_life/video.mp4', size: 10, contentType: 'video/mp4' } },
			timings,
			warnings: [
				{ path: '/prompt', term: 'giraffe', message: 'drawn as an animal' },
				{ path: '/prompt', term: 'zebra', message: 'drawn as an animal' },
			],
			provenance: { signed: false },
			details: { durationSeconds: 1 },
		});
		expect(done).toMatchObject({ status: 'completed', progress: 100, stage: 'store', timings });
		// Admission's warnings stay, the generator's join them once; admission's details stay too.
		expect(done!.warnings.map((w) => w.term)).toEqual(['giraffe', 'zebra']);
		expect(done!.details).toEqual({ requestModeration: 'kept', durationSeconds: 1 });
		expect(await records.get('rnd_life')).toEqual(done);

		expect(heard).toEqual([
			['admitted', 'rnd_life', 'queued'],
			['started', 'rnd_life', 'rendering'],
			['progressed', 'rnd_life', 'rendering'],
			['progressed', 'rnd_life', 'rendering'],
			['completed', 'rnd_life', 'completed'],
		]);
		expect(completed).toEqual(['rnd_life']);
		records.events.off('completed', onCompleted);
	});

	it('refuses a transition that no longer applies: nothing written, nothing announced', async () => {
		await records.admit(queued('rnd_race'));
		const canceled = await records.cancel('rnd_race', {
			code: 'canceled',
			message: 'by the client',
		});
		expect(canceled).toMatchObject({
			status: 'canceled',
			error: { code: 'canceled', message: 'by the client', retryable: false },
		});
		const before = await records.get('rnd_race');
		expect(await records.start('rnd_race', 1)).toBeUndefined();
		expect(await records.progress('rnd_race', { stage: 'plan', percent: 1, timings: [] })).toBe(
			undefined,
		);
		expect(await records.fail('rnd_race', { code: 'render_failed', message: 'x' })).toBeUndefined();
		expect(await records.requeue('rnd_race')).toBeUndefined();
		expect(await records.cancel('rnd_race', KEY_REVOKED)).toBeUndefined();
		expect(await records.get('rnd_race')).toEqual(before);
		expect(heard).toEqual([['canceled', 'rnd_race', 'canceled']]);
		// A render that does not exist is no transition either.
		expect(await records.start('rnd_missing', 1)).toBeUndefined();
	});

	it('requeues a retry with its reason and a shutdown from zero', async () => {
		await records.admit(queued('rnd_retry'));
		await records.start('rnd_retry', 1);
		await records.progress('rnd_retry', { stage: 'compose', percent: 25, timings: [] });
		const retried = await records.requeue('rnd_retry', {
			error: { code: 'transient_failure', message: 'socket hang up', retryable: true },
			timings: [],
		});
		expect(retried).toMatchObject({
			status: 'queued',
			stage: 'queued',
			progress: 25,
			error: { code: 'transient_failure', retryable: true },
		});
		// Only a running render goes back to the queue.
		expect(await records.requeue('rnd_retry')).toBeUndefined();
		const restarted = await records.start('rnd_retry', 2);
		expect(restarted!.error).toBeUndefined();
		const shutdown = await records.requeue('rnd_retry');
		expect(shutdown).toMatchObject({ status: 'queued', stage: 'queued', progress: 0 });
	});

	it('fails with field details and timings, and keeps publications in step', async () => {
		await records.admit(queued('rnd_fail'));
		await records.start('rnd_fail', 1);
		const timings = [{ stage: 'plan' as const, startedAt: new Date().toISOString(), ms: 3 }];
		const failed = await records.fail(
			'rnd_fail',
			{
				code: 'provider_refused',
				message: 'blocked',
				details: [{ path: '/prompt', message: 'refused' }],
			},
			timings,
		);
		expect(failed).toMatchObject({
			status: 'failed',
			timings,
			error: { code: 'provider_refused', retryable: false, details: [{ path: '/prompt' }] },
		});
		expect(failed!.completedAt).toEqual(expect.any(String));

		const publication = {
			id: 'pub_1',
			target: 'feed' as const,
			url: 'http://x/v1/feed/pub_1',
			publishedAt: new Date().toISOString(),
		};
		expect((await records.publish('rnd_fail', publication))!.publications).toEqual([publication]);
		const at = new Date().toISOString();
		await records.unpublish('rnd_fail', 'pub_1', at);
		// The first withdrawal's time stands.
		const again = await records.unpublish('rnd_fail', 'pub_1', new Date(0).toISOString());
		expect(again!.publications).toEqual([{ ...publication, unpublishedAt: at }]);
		expect(heard.map(([name]) => name)).toEqual([
			'started',
			'failed',
			'published',
			'unpublished',
			'unpublished',
		]);
	});

	it('relays a record another process wrote, and forgets a removed one', async () => {
		const record = queued('rnd_elsewhere');
		records.relay(record);
		expect(heard).toEqual([['relayed', 'rnd_elsewhere', 'queued']]);
		await records.admit(record);
		await records.remove('rnd_elsewhere');
		expect(await records.get('rnd_elsewhere')).toBeUndefined();
	});
});
