import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Config } from '../../src/config';
import { S3Storage } from '../../src/storage/s3Storage';
import { S3Emulator } from '../support/s3Emulator';

async function collect(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

describe('S3Storage against the local S3 emulator', () => {
	const emulator = new S3Emulator();
	let dir: string;
	let config: S3Config;
	let storage: S3Storage;
	let source: string;
	const bytes = randomBytes(200_000);

	beforeAll(async () => {
		await emulator.start();
		emulator.createBucket('outputs');
		dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-s3-'));
		source = path.join(dir, 'video.mp4');
		await fs.writeFile(source, bytes);
		config = {
			endpoint: emulator.endpoint,
			region: emulator.region,
			bucket: 'outputs',
			accessKeyId: emulator.accessKeyId,
			secretAccessKey: emulator.secretAccessKey,
			forcePathStyle: true,
			prefix: 'reelforge/',
		};
		storage = new S3Storage(config);
	});

	afterAll(async () => {
		storage.destroy();
		await emulator.stop();
		await fs.rm(dir, { recursive: true, force: true });
	});

	test('putFile streams the file into the bucket under the prefix, with content type and metadata', async () => {
		const stored = await storage.putFile('renders/rnd_1/video.mp4', source, 'video/mp4', {
			'ai-generated': 'true',
		});
		expect(stored).toEqual({ size: bytes.length, contentType: 'video/mp4' });
		const object = emulator.object('outputs', 'reelforge/renders/rnd_1/video.mp4');
		expect(object?.contentType).toBe('video/mp4');
		expect(object?.metadata).toEqual({ 'ai-generated': 'true' });
		expect((await object!.read()).equals(bytes)).toBe(true);
		const put = emulator.requests.find((r) => r.method === 'PUT');
		expect(put?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEMULATOR0000TEST\//);
	});

	test('stat, metadata, full and ranged reads, download', async () => {
		expect(await storage.stat('renders/rnd_1/video.mp4')).toEqual({
			size: bytes.length,
			contentType: 'video/mp4',
		});
		expect(await storage.metadata('renders/rnd_1/video.mp4')).toEqual({ 'ai-generated': 'true' });
		expect((await collect(await storage.read('renders/rnd_1/video.mp4'))).equals(bytes)).toBe(true);
		const part = await collect(
			await storage.read('renders/rnd_1/video.mp4', { start: 1000, end: 1999 }),
		);
		expect(part.equals(bytes.subarray(1000, 2000))).toBe(true);
		const copy = path.join(dir, 'copy.mp4');
		await storage.download('renders/rnd_1/video.mp4', copy);
		expect((await fs.readFile(copy)).equals(bytes)).toBe(true);
	});

	test('a missing object: stat is undefined, read fails with NoSuchKey', async () => {
		expect(await storage.stat('renders/none/video.mp4')).toBeUndefined();
		await expect(storage.read('renders/none/video.mp4')).rejects.toMatchObject({
			name: 'NoSuchKey',
			$metadata: { httpStatusCode: 404 },
		});
	});

	test('delete removes the object; deleting again is fine', async () => {
		await storage.putFile('renders/rnd_2/poster.jpg', source, 'image/jpeg');
		await storage.delete('renders/rnd_2/poster.jpg');
		expect(emulator.object('outputs', 'reelforge/renders/rnd_2/poster.jpg')).toBeUndefined();
		await expect(storage.delete('renders/rnd_2/poster.jpg')).resolves.toBeUndefined();
	});

	test('ready follows HeadBucket', async () => {
		expect(await storage.ready()).toBe(true);
		const missing = new S3Storage({ ...config, bucket: 'no-such-bucket' });
		expect(await missing.ready()).toBe(false);
		missing.destroy();
	});

	test('wrong credentials are refused by the emulator', async () => {
		const wrongKey = new S3Storage({ ...config, accessKeyId: 'AKIAWRONG' });
		await expect(wrongKey.stat('renders/rnd_1/video.mp4')).rejects.toMatchObject({
			$metadata: { httpStatusCode: 403 },
		});
		await expect(wrongKey.read('renders/rnd_1/video.mp4')).rejects.toMatchObject({
			name: 'InvalidAccessKeyId',
		});
		wrongKey.destroy();
		const wrongSecret = new S3Storage({ ...config, secretAccessKey: 'not-the-secret' });
		await expect(wrongSecret.read('renders/rnd_1/video.mp4')).rejects.toMatchObject({
			name: 'SignatureDoesNotMatch',
		});
		wrongSecret.destroy();
	});

	/** An SDK client of its own, straight to the emulator (not through S3Storage). */
	const emulatorClient = () =>
		new S3Client({
			region: emulator.region,
			endpoint: emulator.endpoint,
			forcePathStyle: true,
			credentials: { accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey },
		});

	test('the emulator answers ranges like S3: 206 with Content-Range, 416 when unsatisfiable', async () => {
		const client = emulatorClient();
		const tail = await client.send(
			new GetObjectCommand({
				Bucket: 'outputs',
				Key: 'reelforge/renders/rnd_1/video.mp4',
				Range: 'bytes=-100',
			}),
		);
		expect(tail.$metadata.httpStatusCode).toBe(206);
		expect(tail.ContentRange).toBe(
			`bytes ${bytes.length - 100}-${bytes.length - 1}/${bytes.length}`,
		);
		expect((await collect(tail.Body as Readable)).equals(bytes.subarray(bytes.length - 100))).toBe(
			true,
		);
		await expect(
			client.send(
				new GetObjectCommand({
					Bucket: 'outputs',
					Key: 'reelforge/renders/rnd_1/video.mp4',
					Range: `bytes=${bytes.length}-`,
				}),
			),
		).rejects.toMatchObject({
			name: 'InvalidRange',
			$metadata: { httpStatusCode: 416 },
		});
		client.destroy();
	});

	test('the SDK default streaming checksums (aws-chunked bodies) are understood too', async () => {
		const client = emulatorClient();
		const { PutObjectCommand } = await import('@aws-sdk/client-s3');
		const { createReadStream } = await import('node:fs');
		await client.send(
			new PutObjectCommand({
				Bucket: 'outputs',
				Key: 'chunked.bin',
				Body: createReadStream(source),
				ContentLength: bytes.length,
			}),
		);
		expect(
			emulator.requests.filter((r) => r.path === '/outputs/chunked.bin').pop()?.contentSha256,
		).toMatch(/^STREAMING-/);
		expect((await emulator.object('outputs', 'chunked.bin')!.read()).equals(bytes)).toBe(true);
		client.destroy();
	});

	test('public URLs: base URL when configured, else the endpoint path-style URL', () => {
		expect(storage.publicUrl('renders/a b/video.mp4')).toBe(
			`${emulator.endpoint}/outputs/reelforge/renders/a%20b/video.mp4`,
		);
		const cdn = new S3Storage({ ...config, publicBaseUrl: 'https://cdn.example.test/media/' });
		expect(cdn.publicUrl('x/video.mp4')).toBe(
			'https://cdn.example.test/media/reelforge/x/video.mp4',
		);
		cdn.destroy();
		const aws = new S3Storage({
			...config,
			endpoint: undefined,
			forcePathStyle: false,
			region: 'eu-west-1',
			prefix: '',
		});
		expect(aws.publicUrl('x/video.mp4')).toBe(
			'https://outputs.s3.eu-west-1.amazonaws.com/x/video.mp4',
		);
		aws.destroy();
	});
});
