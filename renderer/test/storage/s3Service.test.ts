import {
	api,
	startRenderer,
	testCard,
	waitForStatus,
	type RunningRenderer,
} from '../support/renderer';
import { S3Emulator } from '../support/s3Emulator';

/** The whole service with REELFORGE_STORAGE=s3: a real render is stored in the bucket and served back with Range. */
describe('renderer with the S3 storage driver', () => {
	const s3 = new S3Emulator();
	let r: RunningRenderer;

	beforeAll(async () => {
		await s3.start();
		s3.createBucket('outputs');
		r = await startRenderer({
			overrides: { moderator: null },
			env: {
				REELFORGE_STORAGE: 's3',
				S3_ENDPOINT: s3.endpoint,
				S3_BUCKET: 'outputs',
				S3_ACCESS_KEY_ID: s3.accessKeyId,
				S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
				S3_PREFIX: 'rf/',
			},
		});
	});

	afterAll(async () => {
		await r.close();
		await s3.stop();
	});

	test('ready checks the bucket', async () => {
		const ready = await api({ url: r.url, apiKey: '' }, 'GET', '/ready');
		expect(ready.status).toBe(200);
		expect(ready.json.checks.storage).toBe(true);
	});

	test('outputs land in the bucket and content is served from it with Range', async () => {
		const created = await api(r, 'POST', '/v1/renders', testCard());
		expect(created.status).toBe(201);
		await waitForStatus(r, created.json.id, ['completed']);
		const object = s3.object('outputs', `rf/renders/${created.json.id}/video.mp4`);
		expect(object?.contentType).toBe('video/mp4');
		const stored = await object!.read();

		const res = await fetch(`${r.url}/v1/renders/${created.json.id}/content`, {
			headers: { authorization: `Bearer ${r.apiKey}`, range: 'bytes=100-299' },
		});
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe(`bytes 100-299/${stored.length}`);
		expect(Buffer.from(await res.arrayBuffer()).equals(stored.subarray(100, 300))).toBe(true);
		expect(
			s3.requests.some(
				(q) => q.method === 'GET' && q.path === `/outputs/rf/renders/${created.json.id}/video.mp4`,
			),
		).toBe(true);

		expect((await api(r, 'DELETE', `/v1/renders/${created.json.id}`)).status).toBe(204);
		expect(s3.object('outputs', `rf/renders/${created.json.id}/video.mp4`)).toBeUndefined();
	});
});
