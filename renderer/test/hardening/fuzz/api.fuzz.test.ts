/**
 * Fuzzing the real Fastify app in-process (inject), with fast-check: generated specs, specs
 * mutated from valid seeds, raw bodies, and requests to every route of the OpenAPI document with
 * hostile ids, queries and headers. The properties hold for every input: no crash, no 5xx, every
 * answer is the API's JSON error shape, every 400/422 names the failing field with a JSON pointer
 * that points into what was sent, and no answer names a server path.
 *
 * corpus.json holds every input that once failed (replayed first, every run); a new failure is
 * appended to it by a local run so it stays covered once fixed.
 */
import fc from 'fast-check';
import http from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { figure, level } from '../support/level';
import { startRenderer, type RunningRenderer } from '../../support/renderer';

interface FuzzRequest {
	method: string;
	url: string;
	headers?: Record<string, string>;
	/** A JSON value (sent as JSON) or, with `raw`, the body's exact text. */
	body?: unknown;
	raw?: boolean;
}

/**
 * One request over loopback to the in-process app, the path sent byte for byte (fetch would
 * normalise `..` segments away; light-my-request's inject cannot load under jest's CommonJS).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
function send(
	base: string,
	method: string,
	url: string,
	headers: Record<string, string>,
	payload?: string,
): Promise<{ statusCode: number; body: string }> {
	const { hostname, port } = new URL(base);
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ host: hostname, port, method, path: url, headers, agent, timeout: 30_000 },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						statusCode: res.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timed out: ${method} ${url}`)));
		req.on('error', reject);
		req.end(payload);
	});
}

const CORPUS = path.join(__dirname, 'corpus.json');

const seeds: Record<string, unknown>[] = [
	{ prompt: 'two friends talk on a neon city street at night', durationSeconds: 8, seed: 3 },
	{
		provider: 'testpattern',
		prompt: 'a test card',
		durationSeconds: 2,
		output: { width: 160, height: 96, fps: 10, quality: 'draft', format: 'mp4' },
	},
	{
		title: 'A rich spec',
		style: 'anime',
		characters: [
			{ id: 'ada', name: 'Ada', look: { hair: '#aa3300' }, voice: { pitch: 2 } },
			{ id: 'bo', name: 'Bo' },
		],
		shots: [
			{
				prompt: 'a basketball player misses a shot in the gym',
				duration: 3,
				characters: ['ada', 'bo'],
				camera: { move: 'dolly-in', easing: 'ease-in-out', intensity: 0.5 },
				dialogue: [{ character: 'ada', text: 'So close!', at: 0.5 }],
				sfx: [{ cue: 'whoosh', duration: 1, volume: 1 }],
				physics: { scene: 'ball-bounce', objects: 3 },
				transition: 'crossfade',
			},
			{ prompt: 'they laugh on the bench', duration: 2, timeOfDay: 'dusk', weather: 'rain' },
		],
		audio: { music: { enabled: true, volume: 0.4 }, ducking: { enabled: true, amountDb: 12 } },
		captions: { burnIn: true },
		output: { width: 360, height: 640, fps: 24, quality: 'draft' },
		webhook: { url: 'https://hooks.example.com/reelforge', events: ['render.completed'] },
	},
];

/** Values that break naive code: wrong types, extremes, hostile strings, prototype keys. */
const nasty = fc.oneof(
	fc.constantFrom(
		null,
		true,
		0,
		-1,
		-0,
		1e308,
		-1e308,
		Number.MAX_SAFE_INTEGER + 2,
		0.1,
		'',
		' ',
		'\u0000',
		'../../../../etc/passwd',
		'%2e%2e%2f',
		'${7*7}',
		'{{7*7}}',
		'<script>alert(1)</script>',
		"' OR 1=1 --",
		'\ud800',
		'🎬'.repeat(3000),
		'a'.repeat(70_000),
		'http://169.254.169.254/latest/meta-data/',
		'http://[::ffff:a9fe:a9fe]/',
		'file:///etc/passwd',
		'concat:/etc/passwd|/etc/hosts',
		[],
		{},
		{ __proto__: { polluted: true } },
		JSON.parse('{"__proto__":{"polluted":true}}'),
		{ constructor: { prototype: { polluted: true } } },
		Array.from({ length: 500 }, () => ({})),
	),
	fc.anything({ maxDepth: 3, maxKeys: 5 }),
	fc.string({ maxLength: 40 }),
	fc.double(),
	fc.integer(),
);

type Json = unknown;

function clone<T>(v: T): T {
	return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

/** Every (pointer, parent, key) in a JSON value, so mutations can reach any depth. */
function slots(value: Json, at: string[] = []): string[][] {
	const out: string[][] = [];
	if (value && typeof value === 'object') {
		for (const key of Object.keys(value)) {
			out.push([...at, key]);
			out.push(...slots((value as Record<string, Json>)[key], [...at, key]));
		}
	}
	return out;
}

function mutate(seed: Json, ops: Array<{ pick: number; kind: number; value: Json; key: string }>) {
	const spec = clone(seed);
	for (const op of ops) {
		const all = slots(spec);
		if (all.length === 0) break;
		const target = all[op.pick % all.length];
		let parent = spec as Record<string, Json>;
		for (const k of target.slice(0, -1)) parent = parent[k] as Record<string, Json>;
		const last = target[target.length - 1];
		// A copy each time: fast-check hands out the same constant object to several operations, and
		// putting one object inside itself made a cycle (found by the long run: the test's own stack
		// overflowed walking it; a request body cannot be cyclic).
		const value = structuredClone(op.value);
		switch (op.kind % 5) {
			case 0:
				parent[last] = value;
				break;
			case 1:
				if (Array.isArray(parent)) parent.splice(Number(last), 1);
				else delete parent[last];
				break;
			case 2:
				if (parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last]))
					(parent[last] as Record<string, Json>)[op.key] = value;
				else parent[last] = value;
				break;
			case 3:
				if (Array.isArray(parent[last]))
					(parent[last] as Json[]).push(...Array.from({ length: 40 }, () => clone(op.value)));
				else parent[last] = [parent[last]];
				break;
			default:
				parent[last] = typeof parent[last] === 'number' ? -(parent[last] as number) * 1e6 : '';
		}
	}
	return spec;
}

const mutatedSpec = fc
	.tuple(
		fc.constantFrom(...seeds),
		fc.array(
			fc.record({
				pick: fc.nat(),
				kind: fc.nat(),
				value: nasty,
				key: fc.constantFrom('extra', '__proto__', 'constructor', 'url', 'x'),
			}),
			{ minLength: 1, maxLength: 4 },
		),
	)
	.map(([seed, ops]) => mutate(seed, ops));

const ID_LIKE = fc.oneof(
	fc.constantFrom(
		'rnd_0000000000zzzzzzzzzzzz',
		'..',
		'..%2f..%2fetc%2fpasswd',
		'%2e%2e',
		'cam_..',
		'%00',
		'a'.repeat(600),
		'%E0%A4%A',
		'%',
		'rnd_%2F..%2F..',
	),
	fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
);

function requestsFrom(paths: Record<string, Record<string, unknown>>) {
	const routes = Object.entries(paths).flatMap(([route, methods]) =>
		Object.keys(methods).map((m) => ({ method: m.toUpperCase(), route })),
	);
	return fc
		.tuple(
			fc.constantFrom(...routes),
			fc.array(ID_LIKE, { minLength: 3, maxLength: 3 }),
			fc.option(
				fc.dictionary(
					fc.constantFrom('limit', 'cursor', 'status', 'expand', 'variant', 'since', 'rating', 'x'),
					fc.oneof(ID_LIKE, fc.constantFrom('-1', '1e9', 'true', '[]')),
				),
				{ nil: undefined },
			),
			fc.option(fc.oneof(mutatedSpec, nasty), { nil: undefined }),
			fc.constantFrom<Record<string, string>>(
				{},
				{ range: 'bytes=-1' },
				{ range: 'bytes=99999999999-' },
				{ range: 'bytes=5-2,0-' },
				{ 'if-none-match': '*' },
				{ 'last-event-id': '-1' },
				{ 'idempotency-key': 'x'.repeat(300) },
			),
		)
		.map(([{ method, route }, ids, query, body, headers]): FuzzRequest => {
			let i = 0;
			let url = route.replace(/\{[^}]+\}/g, () => ids[i++ % ids.length]);
			if (query) url += `?${new URLSearchParams(query as Record<string, string>).toString()}`;
			return {
				method,
				url,
				headers,
				body: method === 'GET' || method === 'DELETE' ? undefined : body,
			};
		});
}

const rawBodies = fc
	.tuple(
		fc.constantFrom(
			'/v1/renders',
			'/v1/specs/validate',
			'/v1/remixes',
			'/v1/webhooks',
			'/v1/cameos',
			'/v1/moderations',
		),
		fc.oneof(
			fc.string({ maxLength: 200 }),
			fc.constantFrom(
				'{"prompt":',
				'[]',
				'null',
				'"x"',
				'{"a":1}{"b":2}',
				'{"prompt":"x","prompt":1}',
				'\uFEFF{}',
				`{${'"a":{'.repeat(2000)}`,
			),
			mutatedSpec.map((s) => JSON.stringify(s).slice(0, -1)),
		),
		fc.constantFrom(
			'application/json',
			'application/json; charset=utf-16',
			'text/plain',
			'application/x-www-form-urlencoded',
			'video/mp4',
			'',
		),
	)
	.map(
		([url, body, type]): FuzzRequest => ({
			method: 'POST',
			url,
			body,
			raw: true,
			headers: type ? { 'content-type': type } : {},
		}),
	);

/** The pointer resolves in the request up to its parent (a missing required field has none). */
function pointsInto(body: unknown, pointer: string): boolean {
	if (pointer === '' || pointer === '/') return true;
	if (!pointer.startsWith('/')) return false;
	const parts = pointer
		.slice(1)
		.split('/')
		.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
	let at: unknown = body;
	for (const part of parts.slice(0, -1)) {
		if (!at || typeof at !== 'object' || !(part in (at as object))) return false;
		at = (at as Record<string, unknown>)[part];
	}
	return true;
}

describe(`API fuzzing (${level.name}: ${level.fuzzRuns} generated requests per property)`, () => {
	let r: RunningRenderer;
	let paths: Record<string, Record<string, unknown>>;
	const counts = { requests: 0, accepted: 0, refused: 0 };
	const failures: FuzzRequest[] = [];

	beforeAll(async () => {
		r = await startRenderer({ worker: false, env: { REELFORGE_ADMIN_KEY: 'admin-fuzz-key' } });
		const doc = await send(r.url, 'GET', '/openapi.json', {});
		paths = JSON.parse(doc.body).paths;
	});
	afterAll(async () => {
		figure('fuzz', 'requests', counts.requests);
		figure('fuzz', 'accepted_2xx', counts.accepted);
		figure('fuzz', 'refused_4xx', counts.refused);
		await r.close();
		if (failures.length && !process.env.CI) {
			const known = JSON.parse(readFileSync(CORPUS, 'utf8')) as FuzzRequest[];
			const seen = new Set(known.map((k) => JSON.stringify(k)));
			const fresh = failures.filter(
				(f) => !seen.has(JSON.stringify(f)) && seen.add(JSON.stringify(f)),
			);
			writeFileSync(CORPUS, `${JSON.stringify([...known, ...fresh], null, '\t')}\n`);
		}
	});

	/** Sends one request and checks every property of the answer; throws with what was wrong. */
	async function check(req: FuzzRequest, auth: 'key' | 'admin' = 'key'): Promise<void> {
		counts.requests++;
		const headers: Record<string, string> = {
			authorization: `Bearer ${auth === 'admin' ? 'admin-fuzz-key' : r.apiKey}`,
			...req.headers,
		};
		let payload: string | undefined;
		if (req.body !== undefined) {
			payload = req.raw ? String(req.body) : JSON.stringify(req.body);
			if (!req.raw) headers['content-type'] ??= 'application/json';
		}
		const res = await send(r.url, req.method, req.url, headers, payload);
		const problem = (what: string) =>
			new Error(`${what}: ${req.method} ${req.url} → ${res.statusCode} ${res.body.slice(0, 400)}`);
		if (res.statusCode >= 500) throw problem('5xx');
		if (
			res.body.includes(r.dataDir) ||
			res.body.includes(tmpdir() + '/') ||
			/\/(?:home|root|usr|work)\//.test(res.body)
		)
			throw problem('names a server path');
		if (res.statusCode < 400) {
			counts.accepted++;
			return;
		}
		counts.refused++;
		let json: { error?: { code?: unknown; message?: unknown; details?: unknown } };
		try {
			json = JSON.parse(res.body);
		} catch {
			throw problem('4xx without a JSON body');
		}
		const error = json.error;
		if (
			!error ||
			typeof error.code !== 'string' ||
			typeof error.message !== 'string' ||
			!Array.isArray(error.details)
		)
			throw problem('4xx not in the error shape');
		if (res.statusCode === 400 || res.statusCode === 422) {
			const details = error.details as Array<{ path?: unknown; message?: unknown }>;
			if (details.length === 0) throw problem('400/422 without details');
			for (const d of details) {
				if (typeof d.path !== 'string' || typeof d.message !== 'string')
					throw problem('detail without path/message');
				const inBody = !/^\/(querystring|params|headers)(\/|$)/.test(d.path);
				let sent: unknown;
				try {
					sent = req.raw ? JSON.parse(String(req.body)) : req.body;
				} catch {
					sent = undefined;
				}
				if (inBody && sent !== undefined && !pointsInto(sent, d.path))
					throw problem(`detail path ${d.path} does not point into the request`);
			}
		}
	}

	/** Runs a property; its shrunk counterexample goes to the corpus (see afterAll). */
	async function holds<T>(
		arbitrary: fc.Arbitrary<T>,
		toRequest: (value: T) => FuzzRequest & { admin?: boolean },
		numRuns: number,
	): Promise<void> {
		const out = await fc.check(
			fc.asyncProperty(arbitrary, async (value) => {
				const req = toRequest(value);
				await check(req, req.admin ? 'admin' : 'key');
			}),
			{ numRuns },
		);
		if (out.failed) {
			const { admin: _admin, ...req } = toRequest(out.counterexample![0]);
			failures.push(req);
			throw new Error(fc.defaultReportMessage(out));
		}
	}

	it('replays every input that once failed (corpus.json)', async () => {
		expect(existsSync(CORPUS)).toBe(true);
		const corpus = JSON.parse(readFileSync(CORPUS, 'utf8')) as FuzzRequest[];
		expect(corpus.length).toBeGreaterThan(0);
		for (const req of corpus) await check(req);
	});

	it('specs: generated and mutated specs on validate and submit', async () => {
		await holds(
			fc.tuple(mutatedSpec, fc.boolean()),
			([spec, submit]) => ({
				method: 'POST',
				url: submit ? '/v1/renders' : '/v1/specs/validate',
				body: spec,
			}),
			level.fuzzRuns,
		);
	});

	it('raw bodies: malformed JSON, wrong content types, deep nesting', async () => {
		await holds(rawBodies, (req) => req, Math.ceil(level.fuzzRuns / 4));
	});

	it('every route of the OpenAPI document with hostile ids, queries, headers and bodies', async () => {
		await holds(
			fc.tuple(requestsFrom(paths), fc.boolean()),
			([req, admin]) => ({ ...req, admin: admin && req.url.startsWith('/v1/admin') }),
			level.fuzzRuns,
		);
	});
});
