/**
 * `reelforge voices pull <voice>`: installs a Piper voice from a voice collection laid out like
 * rhasspy/piper-voices on Hugging Face: `voices.json` at the base URL indexes every voice by key
 * (`en_US-lessac-medium`) with its aliases and its files — paths relative to the base
 * (`en/en_US/lessac/medium/en_US-lessac-medium.onnx`, `….onnx.json`) with `size_bytes` and
 * `md5_digest` (a `sha256_digest`, when an index publishes one, is checked too).
 *
 * Each file streams to a temporary name beside its destination while its digest is computed, is
 * checked against the index (size and digests) and only then renamed into
 * `<modelsDir>/piper/<key>.onnx(.json)`, the model first: the config's arrival is what makes the
 * voice visible to the catalog, so a half-installed voice is never offered. After that the engine
 * needs no network: `piper:<key>` runs from the models folder.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { piperModelsDir } from '../engine/voice/voiceCatalog';
import type { HttpFetch } from './http';

export const DEFAULT_PIPER_VOICES_URL =
	'https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0';

export interface PiperIndexFile {
	size_bytes: number;
	md5_digest: string;
	sha256_digest?: string;
}

export interface PiperIndexEntry {
	key: string;
	name?: string;
	language?: { code?: string; name_english?: string };
	quality?: string;
	num_speakers?: number;
	aliases?: string[];
	files: Record<string, PiperIndexFile>;
}

export type PiperIndex = Record<string, PiperIndexEntry>;

export interface PullProgress {
	file: string;
	receivedBytes: number;
	totalBytes: number;
}

export interface PullOptions {
	baseUrl: string;
	modelsDir: string;
	fetch: HttpFetch;
	signal?: AbortSignal;
	onProgress?: (progress: PullProgress) => void;
	/** Download again even when the installed files already match the index. */
	force?: boolean;
}

export interface PullResult {
	voice: string;
	key: string;
	/** Files written (or found already matching), with their size. */
	files: Array<{ name: string; bytes: number; downloaded: boolean }>;
}

export class VoicePullError extends Error {}

/** A voice key is a file name here: letters, digits and `_ - .`, nothing that could leave the folder. */
const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const MAX_INDEX_BYTES = 16 * 1024 * 1024;
const MAX_MODEL_BYTES = 512 * 1024 * 1024;

function joinUrl(base: string, path: string): string {
	return `${base.replace(/\/+$/, '')}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

export async function fetchPiperIndex(
	baseUrl: string,
	fetch: HttpFetch,
	signal?: AbortSignal,
): Promise<PiperIndex> {
	const url = joinUrl(baseUrl, 'voices.json');
	const response = await fetch({
		url,
		policy: 'trusted',
		maxBytes: MAX_INDEX_BYTES,
		timeoutMs: 60_000,
		signal,
	});
	if (response.status !== 200) {
		response.discard();
		throw new VoicePullError(`the voice index answered HTTP ${response.status} (${url})`);
	}
	let index: unknown;
	try {
		index = await response.json();
	} catch {
		throw new VoicePullError(`the voice index at ${url} is not JSON`);
	}
	if (!index || typeof index !== 'object' || Array.isArray(index))
		throw new VoicePullError(`the voice index at ${url} is not an object of voices`);
	return index as PiperIndex;
}

/** Finds a voice by key or alias, case-insensitively; suggests close keys when there is none. */
export function findPiperVoice(index: PiperIndex, name: string): PiperIndexEntry {
	const wanted = name
		.replace(/^piper:/, '')
		.trim()
		.toLowerCase();
	for (const [key, entry] of Object.entries(index)) {
		if (key.toLowerCase() === wanted || entry.aliases?.some((a) => a.toLowerCase() === wanted))
			return { ...entry, key: entry.key ?? key };
	}
	const close = Object.keys(index)
		.filter((k) => k.toLowerCase().includes(wanted.split('-')[0]))
		.slice(0, 8);
	throw new VoicePullError(
		`no voice "${name}" in the index${close.length ? `; did you mean ${close.join(', ')}?` : ''}`,
	);
}

/** The model and its config in an index entry. */
function voiceFiles(entry: PiperIndexEntry): { model: string; config: string } {
	const paths = Object.keys(entry.files ?? {});
	const model = paths.find((p) => p.endsWith('.onnx'));
	const config = paths.find((p) => p.endsWith('.onnx.json'));
	if (!model || !config)
		throw new VoicePullError(`the index lists no .onnx and .onnx.json for "${entry.key}"`);
	for (const p of [model, config])
		if (p.startsWith('/') || p.split('/').includes('..') || /[\\?#]/.test(p))
			throw new VoicePullError(`the index gives an unsafe path for "${entry.key}": ${p}`);
	return { model, config };
}

function checkDigest(entry: PiperIndexFile, field: 'md5_digest' | 'sha256_digest'): string | null {
	const value = entry[field];
	if (value === undefined) return null;
	const length = field === 'md5_digest' ? 32 : 64;
	if (typeof value !== 'string' || !new RegExp(`^[0-9a-fA-F]{${length}}$`).test(value))
		throw new VoicePullError(`the index's ${field} is not a hex digest`);
	return value.toLowerCase();
}

async function fileDigests(path: string): Promise<{ md5: string; sha256: string; bytes: number }> {
	const bytes = await readFile(path);
	return {
		md5: createHash('md5').update(bytes).digest('hex'),
		sha256: createHash('sha256').update(bytes).digest('hex'),
		bytes: bytes.length,
	};
}

async function matches(path: string, expected: PiperIndexFile): Promise<boolean> {
	try {
		if ((await stat(path)).size !== expected.size_bytes) return false;
		const have = await fileDigests(path);
		return (
			have.md5 === checkDigest(expected, 'md5_digest') &&
			(checkDigest(expected, 'sha256_digest') ?? have.sha256) === have.sha256
		);
	} catch {
		return false;
	}
}

async function download(
	url: string,
	destination: string,
	expected: PiperIndexFile,
	options: PullOptions,
	label: string,
): Promise<void> {
	const md5 = checkDigest(expected, 'md5_digest');
	if (!md5) throw new VoicePullError(`the index gives no md5_digest for ${label}`);
	const sha256 = checkDigest(expected, 'sha256_digest');
	const response = await options.fetch({
		url,
		policy: 'trusted',
		maxBytes: Math.min(MAX_MODEL_BYTES, expected.size_bytes + 1),
		timeoutMs: 30 * 60_000,
		signal: options.signal,
	});
	if (response.status !== 200) {
		response.discard();
		throw new VoicePullError(`${label}: HTTP ${response.status} from ${url}`);
	}
	const partial = `${destination}.${process.pid}.${Date.now()}.part`;
	const hashes = { md5: createHash('md5'), sha256: createHash('sha256') };
	let received = 0;
	let lastReport = 0;
	const meter = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			received += chunk.length;
			hashes.md5.update(chunk);
			hashes.sha256.update(chunk);
			const now = Date.now();
			if (now - lastReport > 100 || received === expected.size_bytes) {
				lastReport = now;
				options.onProgress?.({
					file: label,
					receivedBytes: received,
					totalBytes: expected.size_bytes,
				});
			}
			done(null, chunk);
		},
	});
	try {
		await pipeline(response.body, meter, createWriteStream(partial));
		options.onProgress?.({ file: label, receivedBytes: received, totalBytes: expected.size_bytes });
		if (received !== expected.size_bytes)
			throw new VoicePullError(
				`${label}: received ${received} bytes, the index says ${expected.size_bytes}`,
			);
		const gotMd5 = hashes.md5.digest('hex');
		if (gotMd5 !== md5)
			throw new VoicePullError(`${label}: md5 ${gotMd5} does not match the index (${md5})`);
		const gotSha = hashes.sha256.digest('hex');
		if (sha256 && gotSha !== sha256)
			throw new VoicePullError(`${label}: sha256 ${gotSha} does not match the index (${sha256})`);
		await rename(partial, destination);
	} catch (error) {
		await rm(partial, { force: true });
		if (error instanceof VoicePullError) throw error;
		throw new VoicePullError(`${label}: download failed: ${(error as Error).message}`);
	}
}

/** Downloads, verifies and installs one Piper voice. */
export async function pullPiperVoice(name: string, options: PullOptions): Promise<PullResult> {
	const index = await fetchPiperIndex(options.baseUrl, options.fetch, options.signal);
	const entry = findPiperVoice(index, name);
	if (!SAFE_KEY.test(entry.key))
		throw new VoicePullError(`the index gives an unusable voice key "${entry.key}"`);
	const { model, config } = voiceFiles(entry);
	const dir = piperModelsDir(options.modelsDir);
	await mkdir(dir, { recursive: true });
	const targets = [
		{ path: model, name: `${entry.key}.onnx` },
		{ path: config, name: `${entry.key}.onnx.json` },
	];
	const files: PullResult['files'] = [];
	for (const target of targets) {
		const expected = entry.files[target.path];
		const destination = join(dir, target.name);
		if (!options.force && (await matches(destination, expected))) {
			files.push({ name: target.name, bytes: expected.size_bytes, downloaded: false });
			continue;
		}
		if (target === targets[1]) {
			// The model is in place; the config must describe a voice the engine can run before it lands.
			await download(
				joinUrl(options.baseUrl, target.path),
				`${destination}.new`,
				expected,
				options,
				target.name,
			);
			try {
				const parsed = JSON.parse(await readFile(`${destination}.new`, 'utf8')) as {
					phoneme_id_map?: unknown;
					audio?: { sample_rate?: unknown };
				};
				if (!parsed.phoneme_id_map || typeof parsed.audio?.sample_rate !== 'number')
					throw new VoicePullError(
						`${target.name} lacks phoneme_id_map or audio.sample_rate: not a Piper voice config`,
					);
				await rename(`${destination}.new`, destination);
			} catch (error) {
				await rm(`${destination}.new`, { force: true });
				if (error instanceof VoicePullError) throw error;
				throw new VoicePullError(`${target.name} is not JSON`);
			}
		} else {
			// A re-download replaces the model; hide the voice meanwhile (its config goes first).
			await rm(join(dir, targets[1].name), { force: true });
			await download(
				joinUrl(options.baseUrl, target.path),
				destination,
				expected,
				options,
				target.name,
			);
		}
		files.push({ name: target.name, bytes: expected.size_bytes, downloaded: true });
	}
	return { voice: `piper:${entry.key}`, key: entry.key, files };
}
