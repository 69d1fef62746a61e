import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
	DeleteObjectCommand,
	GetObjectCommand,
	HeadBucketCommand,
	HeadObjectCommand,
	PutObjectCommand,
	S3Client,
	S3ServiceException,
} from '@aws-sdk/client-s3';
import type { S3Config } from '../config';
import type { Outbound } from '../net/outbound';
import type { ByteRange, ObjectStorage, StoredObject } from './storage';

/**
 * Outputs in any S3-compatible bucket (AWS, MinIO, R2, ...). Uploads stream from disk with a known
 * length; reads stream the body back, with a Range when asked. Checksums are only sent where the
 * S3 API requires them, because several S3-compatible servers reject the SDK's newer defaults.
 */
export class S3Storage implements ObjectStorage {
	readonly kind = 's3' as const;
	readonly client: S3Client;

	/**
	 * `requestHandler`: the outbound door's settings for SDKs (`Outbound.sdkHandlerOptions`), so the
	 * endpoint is resolved and timed out like every other outbound call.
	 */
	constructor(
		private readonly config: S3Config,
		requestHandler?: ReturnType<Outbound['sdkHandlerOptions']>,
	) {
		this.client = new S3Client({
			...(requestHandler ? { requestHandler } : {}),
			region: config.region,
			endpoint: config.endpoint,
			forcePathStyle: config.forcePathStyle,
			credentials:
				config.accessKeyId && config.secretAccessKey
					? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
					: undefined,
			requestChecksumCalculation: 'WHEN_REQUIRED',
			responseChecksumValidation: 'WHEN_REQUIRED',
		});
	}

	get bucket(): string {
		return this.config.bucket;
	}

	/** The object's name in the bucket: the configured prefix plus the storage key. */
	objectKey(key: string): string {
		if (!key || key.startsWith('/') || key.split('/').includes('..'))
			throw new Error(`invalid object key "${key}"`);
		return `${this.config.prefix}${key}`;
	}

	/** Uploads a file; `metadata` becomes `x-amz-meta-*` headers on the object. */
	async putFile(
		key: string,
		filePath: string,
		contentType: string,
		metadata: Record<string, string> = {},
	): Promise<StoredObject> {
		const { size } = await fsp.stat(filePath);
		await this.client.send(
			new PutObjectCommand({
				Bucket: this.config.bucket,
				Key: this.objectKey(key),
				Body: fs.createReadStream(filePath),
				ContentLength: size,
				ContentType: contentType,
				Metadata: metadata,
			}),
		);
		return { size, contentType };
	}

	async stat(key: string): Promise<StoredObject | undefined> {
		try {
			const head = await this.client.send(
				new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }),
			);
			return {
				size: head.ContentLength ?? 0,
				contentType: head.ContentType ?? 'application/octet-stream',
			};
		} catch (err) {
			if (isNotFound(err)) return undefined;
			throw err;
		}
	}

	/** The user metadata of an object (`x-amz-meta-*`, names without the prefix), or undefined. */
	async metadata(key: string): Promise<Record<string, string> | undefined> {
		try {
			const head = await this.client.send(
				new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }),
			);
			return head.Metadata ?? {};
		} catch (err) {
			if (isNotFound(err)) return undefined;
			throw err;
		}
	}

	async read(key: string, range?: ByteRange): Promise<Readable> {
		const result = await this.client.send(
			new GetObjectCommand({
				Bucket: this.config.bucket,
				Key: this.objectKey(key),
				Range: range ? `bytes=${range.start}-${range.end}` : undefined,
			}),
		);
		// In Node the SDK's body is the HTTP response stream itself.
		return result.Body as Readable;
	}

	async download(key: string, filePath: string): Promise<void> {
		await pipeline(await this.read(key), fs.createWriteStream(filePath));
	}

	async delete(key: string): Promise<void> {
		await this.client.send(
			new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }),
		);
	}

	async ready(): Promise<boolean> {
		try {
			await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }));
			return true;
		} catch {
			return false;
		}
	}

	/**
	 * Where the object can be fetched without credentials, if the bucket is public: the configured
	 * public base URL, else the endpoint's own URL for it (path-style or AWS virtual-hosted style).
	 */
	publicUrl(key: string): string {
		const objectPath = this.objectKey(key).split('/').map(encodeURIComponent).join('/');
		if (this.config.publicBaseUrl)
			return `${this.config.publicBaseUrl.replace(/\/+$/, '')}/${objectPath}`;
		if (this.config.endpoint) {
			const endpoint = new URL(this.config.endpoint);
			const base = endpoint.toString().replace(/\/+$/, '');
			if (this.config.forcePathStyle)
				return `${base}/${encodeURIComponent(this.config.bucket)}/${objectPath}`;
			return `${endpoint.protocol}//${this.config.bucket}.${endpoint.host}/${objectPath}`;
		}
		return `https://${this.config.bucket}.s3.${this.config.region}.amazonaws.com/${objectPath}`;
	}

	destroy(): void {
		this.client.destroy();
	}
}

function isNotFound(err: unknown): boolean {
	if (err instanceof S3ServiceException) return err.$metadata.httpStatusCode === 404;
	return (
		(err as { name?: string }).name === 'NotFound' ||
		(err as { name?: string }).name === 'NoSuchKey'
	);
}
