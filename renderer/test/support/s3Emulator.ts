/**
 * A local S3 endpoint written from the public Amazon S3 REST API reference, enough for what
 * Reelforge does with a bucket: path-style `PUT/GET/HEAD/DELETE /{bucket}/{key}` (Range → 206 with
 * Content-Range, 416 InvalidRange), `HEAD/PUT /{bucket}` (HeadBucket, CreateBucket), user metadata
 * (`x-amz-meta-*`), ETag = quoted MD5, XML error bodies `<Error><Code>…</Code><Message>…</Message>
 * <Resource>…</Resource><RequestId>…</RequestId></Error>` (HEAD answers carry no body), and
 * Signature Version 4: every request must carry `Authorization: AWS4-HMAC-SHA256 Credential=…,
 * SignedHeaders=…, Signature=…`; the access key id must be known and the signature is recomputed
 * from the canonical request (403 InvalidAccessKeyId / SignatureDoesNotMatch / AccessDenied).
 * Bodies sent with `Content-Encoding: aws-chunked` (the SDK's streaming checksums) are de-chunked.
 * Objects are written to a temp folder, never held whole in memory.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

interface StoredObjectMeta {
	file: string;
	size: number;
	etag: string;
	contentType: string;
	metadata: Record<string, string>;
	lastModified: Date;
}

export interface EmulatorRequest {
	method: string;
	path: string;
	authorization?: string;
	contentSha256?: string;
}

/** The S3 errors the emulator answers by code, with the status and message S3 answers them with. */
const S3_ERRORS = {
	NoSuchBucket: [404, 'The specified bucket does not exist.'],
	NoSuchKey: [404, 'The specified key does not exist.'],
	MethodNotAllowed: [405, 'The specified method is not allowed against this resource.'],
	IncompleteBody: [
		400,
		'You did not provide the number of bytes specified by the Content-Length HTTP header.',
	],
	XAmzContentSHA256Mismatch: [
		400,
		'The provided x-amz-content-sha256 header does not match what was computed.',
	],
	InvalidRange: [416, 'The requested range is not satisfiable'],
} as const satisfies Record<string, readonly [number, string]>;

export class S3Emulator {
	readonly accessKeyId = 'AKIAEMULATOR0000TEST';
	readonly secretAccessKey = 'emulator-secret-key/0123456789abcdefghij';
	readonly region = 'us-east-1';
	readonly requests: EmulatorRequest[] = [];
	private readonly buckets = new Map<string, Map<string, StoredObjectMeta>>();
	private server?: Server;
	private dir = '';
	endpoint = '';

	createBucket(name: string): void {
		if (!this.buckets.has(name)) this.buckets.set(name, new Map());
	}

	/** What the bucket holds under `key` (for assertions), or undefined. */
	object(
		bucket: string,
		key: string,
	): (StoredObjectMeta & { read: () => Promise<Buffer> }) | undefined {
		const meta = this.buckets.get(bucket)?.get(key);
		return meta && { ...meta, read: () => fsp.readFile(meta.file) };
	}

	async start(): Promise<string> {
		this.dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'rf-s3-emulator-'));
		this.server = createServer((req, res) => {
			this.handle(req, res).catch((err: Error) => {
				if (!res.headersSent)
					this.error(req, res, 500, 'InternalError', err.message, req.url ?? '/');
				else res.destroy(err);
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.endpoint = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
		return this.endpoint;
	}

	async stop(): Promise<void> {
		if (this.server) {
			this.server.closeAllConnections();
			await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		}
		if (this.dir) await fsp.rm(this.dir, { recursive: true, force: true });
	}

	private async handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://emulator');
		const method = req.method ?? 'GET';
		this.requests.push({
			method,
			path: url.pathname,
			authorization: req.headers.authorization,
			contentSha256: req.headers['x-amz-content-sha256'] as string | undefined,
		});

		const auth = this.checkSignature(req, url);
		if (auth) {
			req.resume();
			return this.error(req, res, 403, auth.code, auth.message, url.pathname);
		}

		const [, bucketName, ...keyParts] = url.pathname.split('/');
		const key = keyParts.map(decodeURIComponent).join('/');
		if (!bucketName)
			return this.error(req, res, 405, 'MethodNotAllowed', 'ListBuckets is not emulated.', '/');

		if (!key) {
			if (method === 'PUT') {
				req.resume();
				this.createBucket(bucketName);
				res.writeHead(200, { location: `/${bucketName}` }).end();
				return;
			}
			if (method === 'HEAD') {
				if (!this.buckets.has(bucketName))
					return this.answerError(req, res, 'NoSuchBucket', `/${bucketName}`);
				res.writeHead(200, { 'x-amz-bucket-region': this.region }).end();
				return;
			}
			return this.answerError(req, res, 'MethodNotAllowed', `/${bucketName}`);
		}

		const bucket = this.buckets.get(bucketName);
		if (!bucket) {
			req.resume();
			return this.answerError(req, res, 'NoSuchBucket', `/${bucketName}`);
		}
		const resource = `/${bucketName}/${key}`;

		switch (method) {
			case 'PUT':
				return this.putObject(req, res, bucket, key);
			case 'GET':
			case 'HEAD': {
				const meta = bucket.get(key);
				if (!meta) return this.answerError(req, res, 'NoSuchKey', resource);
				return this.getObject(req, res, meta, method === 'HEAD', resource);
			}
			case 'DELETE': {
				const meta = bucket.get(key);
				if (meta) {
					bucket.delete(key);
					await fsp.rm(meta.file, { force: true });
				}
				res.writeHead(204).end(); // DeleteObject answers 204 whether or not the key existed
				return;
			}
			default:
				return this.answerError(req, res, 'MethodNotAllowed', resource);
		}
	}

	private async putObject(
		req: IncomingMessage,
		res: ServerResponse,
		bucket: Map<string, StoredObjectMeta>,
		key: string,
	) {
		const file = path.join(this.dir, randomBytes(12).toString('hex'));
		const md5 = createHash('md5');
		const sha = createHash('sha256');
		let size = 0;
		const chunked =
			String(req.headers['content-encoding'] ?? '')
				.split(',')
				.map((s) => s.trim())
				.includes('aws-chunked') ||
			String(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
		const count = new Transform({
			transform(chunk: Buffer, _enc, done) {
				md5.update(chunk);
				sha.update(chunk);
				size += chunk.length;
				done(null, chunk);
			},
		});
		if (chunked) await pipeline(req, new AwsChunkedDecoder(), count, fs.createWriteStream(file));
		else await pipeline(req, count, fs.createWriteStream(file));

		const declared = req.headers['x-amz-decoded-content-length'];
		if (declared !== undefined && Number(declared) !== size) {
			await fsp.rm(file, { force: true });
			return this.answerError(req, res, 'IncompleteBody', `/${key}`);
		}
		const claimedSha = req.headers['x-amz-content-sha256'];
		if (
			typeof claimedSha === 'string' &&
			/^[0-9a-f]{64}$/.test(claimedSha) &&
			claimedSha !== sha.digest('hex')
		) {
			await fsp.rm(file, { force: true });
			return this.answerError(req, res, 'XAmzContentSHA256Mismatch', `/${key}`);
		}
		const metadata: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers)) {
			if (name.startsWith('x-amz-meta-') && typeof value === 'string')
				metadata[name.slice('x-amz-meta-'.length)] = value;
		}
		const previous = bucket.get(key);
		if (previous) await fsp.rm(previous.file, { force: true });
		const etag = `"${md5.digest('hex')}"`;
		bucket.set(key, {
			file,
			size,
			etag,
			contentType: String(req.headers['content-type'] ?? 'binary/octet-stream'),
			metadata,
			lastModified: new Date(),
		});
		res.writeHead(200, { etag }).end();
	}

	private getObject(
		req: IncomingMessage,
		res: ServerResponse,
		meta: StoredObjectMeta,
		headOnly: boolean,
		resource: string,
	) {
		const headers: Record<string, string> = {
			'content-type': meta.contentType,
			etag: meta.etag,
			'last-modified': meta.lastModified.toUTCString(),
			'accept-ranges': 'bytes',
		};
		for (const [name, value] of Object.entries(meta.metadata))
			headers[`x-amz-meta-${name}`] = value;

		const rangeHeader = req.headers.range;
		let start = 0;
		let end = meta.size - 1;
		let partial = false;
		if (rangeHeader) {
			const m = /^bytes=(\d*)-(\d*)$/.exec(rangeHeader.trim());
			// Several ranges or a malformed header: S3 ignores the header and sends the whole object.
			if (m && (m[1] !== '' || m[2] !== '')) {
				if (m[1] === '') {
					start = Math.max(0, meta.size - Number(m[2]));
				} else {
					start = Number(m[1]);
					if (m[2] !== '') end = Math.min(end, Number(m[2]));
				}
				if (
					start >= meta.size ||
					(m[1] !== '' && m[2] !== '' && Number(m[2]) < start) ||
					(m[1] === '' && Number(m[2]) === 0)
				) {
					return this.answerError(req, res, 'InvalidRange', resource, {
						'content-range': `bytes */${meta.size}`,
					});
				}
				partial = true;
			}
		}
		headers['content-length'] = String(end - start + 1);
		if (partial) headers['content-range'] = `bytes ${start}-${end}/${meta.size}`;
		res.writeHead(partial ? 206 : 200, headers);
		if (headOnly || meta.size === 0) {
			res.end();
			return;
		}
		fs.createReadStream(meta.file, { start, end }).pipe(res);
	}

	/** Recomputes the SigV4 signature; answers why not when it does not match. */
	private checkSignature(
		req: IncomingMessage,
		url: URL,
	): { code: string; message: string } | undefined {
		const header = req.headers.authorization;
		if (!header) return { code: 'AccessDenied', message: 'Access Denied' };
		const m =
			/^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
				header,
			);
		if (!m)
			return {
				code: 'AuthorizationHeaderMalformed',
				message: 'The authorization header is malformed.',
			};
		const [, accessKeyId, date, region, signedHeaders, signature] = m;
		if (accessKeyId !== this.accessKeyId)
			return {
				code: 'InvalidAccessKeyId',
				message: 'The AWS Access Key Id you provided does not exist in our records.',
			};
		const amzDate = req.headers['x-amz-date'];
		if (typeof amzDate !== 'string' || !amzDate.startsWith(date))
			return {
				code: 'AccessDenied',
				message: 'x-amz-date is missing or does not match the credential scope.',
			};
		const payloadHash = req.headers['x-amz-content-sha256'];
		if (typeof payloadHash !== 'string')
			return {
				code: 'InvalidRequest',
				message: 'Missing required header for this request: x-amz-content-sha256',
			};

		const canonicalHeaders = signedHeaders
			.split(';')
			.map((name) => `${name}:${headerValue(req, name)}\n`)
			.join('');
		const canonicalQuery = [...url.searchParams.entries()]
			.map(([k, v]) => [rfc3986(k), rfc3986(v)])
			.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
			.map(([k, v]) => `${k}=${v}`)
			.join('&');
		const canonicalPath = (req.url ?? '/').split('?')[0];
		const canonicalRequest = [
			req.method,
			canonicalPath,
			canonicalQuery,
			canonicalHeaders,
			signedHeaders,
			payloadHash,
		].join('\n');
		const scope = `${date}/${region}/s3/aws4_request`;
		const stringToSign = [
			'AWS4-HMAC-SHA256',
			amzDate,
			scope,
			createHash('sha256').update(canonicalRequest).digest('hex'),
		].join('\n');
		let signingKey: Buffer = createHmac('sha256', `AWS4${this.secretAccessKey}`)
			.update(date)
			.digest();
		for (const part of [region, 's3', 'aws4_request'])
			signingKey = createHmac('sha256', signingKey).update(part).digest();
		const expected = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
		if (expected !== signature)
			return {
				code: 'SignatureDoesNotMatch',
				message: 'The request signature we calculated does not match the signature you provided.',
			};
		return undefined;
	}

	/** Answers one of the documented errors of `S3_ERRORS`. */
	private answerError(
		req: IncomingMessage,
		res: ServerResponse,
		code: keyof typeof S3_ERRORS,
		resource: string,
		extra: Record<string, string> = {},
	) {
		const [status, message] = S3_ERRORS[code];
		this.error(req, res, status, code, message, resource, extra);
	}

	private error(
		req: IncomingMessage,
		res: ServerResponse,
		status: number,
		code: string,
		message: string,
		resource: string,
		extra: Record<string, string> = {},
	) {
		const requestId = randomBytes(8).toString('hex').toUpperCase();
		if (req.method === 'HEAD') {
			res.writeHead(status, { 'x-amz-request-id': requestId, ...extra }).end();
			return;
		}
		const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><Resource>${escapeXml(resource)}</Resource><RequestId>${requestId}</RequestId></Error>`;
		res
			.writeHead(status, {
				'content-type': 'application/xml',
				'x-amz-request-id': requestId,
				'content-length': Buffer.byteLength(body),
				...extra,
			})
			.end(body);
	}
}

function headerValue(req: IncomingMessage, name: string): string {
	const value = req.headers[name];
	const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
	return joined.trim().replace(/\s+/g, ' ');
}

function rfc3986(text: string): string {
	return encodeURIComponent(text).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `aws-chunked` content encoding: `<hex size>[;chunk-signature=…]\r\n<data>\r\n` repeated, a
 * zero-size chunk, then optional trailing headers (checksums) and an empty line.
 */
class AwsChunkedDecoder extends Transform {
	private buffer: Buffer = Buffer.alloc(0);
	private remaining = 0;
	private state: 'size' | 'data' | 'crlf' | 'trailer' = 'size';

	override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
		this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
		try {
			this.drain();
			done();
		} catch (err) {
			done(err as Error);
		}
	}

	private drain() {
		for (;;) {
			if (this.state === 'size') {
				const eol = this.buffer.indexOf('\r\n');
				if (eol < 0) return;
				const line = this.buffer.subarray(0, eol).toString('latin1');
				this.buffer = this.buffer.subarray(eol + 2);
				const size = parseInt(line.split(';')[0], 16);
				if (!Number.isFinite(size)) throw new Error(`bad aws-chunked size line "${line}"`);
				this.remaining = size;
				this.state = size === 0 ? 'trailer' : 'data';
			} else if (this.state === 'data') {
				if (!this.buffer.length) return;
				const take = Math.min(this.remaining, this.buffer.length);
				this.push(this.buffer.subarray(0, take));
				this.buffer = this.buffer.subarray(take);
				this.remaining -= take;
				if (this.remaining === 0) this.state = 'crlf';
			} else if (this.state === 'crlf') {
				if (this.buffer.length < 2) return;
				this.buffer = this.buffer.subarray(2);
				this.state = 'size';
			} else {
				this.buffer = Buffer.alloc(0); // trailing checksum headers: not needed here
				return;
			}
		}
	}
}
