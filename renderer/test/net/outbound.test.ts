/**
 * The SSRF matrix against the outbound door, with real sockets on loopback only. Names under
 * `.test` resolve through an injected resolver (the system resolver does not know them), so a
 * request that reaches a server proves the socket used the address the door vetted.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AllowList, nonPublicRange } from '../../src/net/addresses';
import { OutboundError } from '../../src/net/errors';
import { Outbound, type ResolvedAddress, type Resolver } from '../../src/net/outbound';
import { rejection } from '../support/rejection';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(handler: Handler) {
	const seen: IncomingMessage[] = [];
	const server = http.createServer((req, res) => {
		seen.push(req);
		handler(req, res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return { server, port, seen, close: () => new Promise((r) => server.close(r)) };
}

function table(map: Record<string, string[]>): Resolver & { calls: string[] } {
	const calls: string[] = [];
	const resolve = async (host: string): Promise<ResolvedAddress[]> => {
		calls.push(host);
		const answers = map[host];
		if (!answers)
			throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
		return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
	};
	return Object.assign(resolve, { calls });
}

const refusal = (work: Promise<unknown>) => rejection(work, OutboundError);

describe('address classification (ipaddr.js)', () => {
	test.each([
		['127.0.0.1', 'loopback'],
		['127.255.255.254', 'loopback'],
		['10.1.2.3', 'private'],
		['172.16.0.1', 'private'],
		['192.168.1.1', 'private'],
		['169.254.169.254', 'linkLocal'],
		['100.64.0.1', 'carrierGradeNat'],
		['100.100.100.200', 'carrierGradeNat'],
		['0.0.0.0', 'unspecified'],
		['224.0.0.1', 'multicast'],
		['255.255.255.255', 'broadcast'],
		['240.0.0.1', 'reserved'],
		['192.0.0.192', 'reserved'],
		['198.18.0.1', 'reserved'],
		['168.63.129.16', 'metadata'],
		['::1', 'loopback'],
		['::', 'unspecified'],
		['fe80::1', 'linkLocal'],
		['fd00:ec2::254', 'uniqueLocal'],
		['ff02::1', 'multicast'],
		['::ffff:127.0.0.1', 'ipv4Mapped:loopback'],
		['::ffff:a9fe:a9fe', 'ipv4Mapped:linkLocal'],
		['64:ff9b::a9fe:a9fe', 'nat64:linkLocal'],
		['64:ff9b::10.0.0.1', 'nat64:private'],
		['64:ff9b:1::1', 'rfc6052'],
		['::7f00:1', 'reserved'],
		['2002:7f00:1::', '6to4'],
		['2001::1', 'teredo'],
		['2001:db8::1', 'reserved'],
	])('%s is refused (%s)', (address, range) => {
		expect(nonPublicRange(address)).toBe(range);
	});

	test.each([
		'93.184.216.34',
		'8.8.8.8',
		'2606:4700:4700::1111',
		'::ffff:8.8.8.8',
		'64:ff9b::808:808',
	])('%s is public', (address) => {
		expect(nonPublicRange(address)).toBeUndefined();
	});
});

describe('REELFORGE_FETCH_ALLOW', () => {
	const allow = AllowList.parse(
		'10.1.0.0/16, 127.0.0.1:5678 [::1]:9000 n8n.internal localhost:8080 fd00::/8',
	);
	test.each([
		['a.test', 80, '10.1.2.3', true],
		['a.test', 80, '10.2.0.1', false],
		['a.test', 5678, '127.0.0.1', true],
		['a.test', 5679, '127.0.0.1', false],
		['a.test', 5678, '::ffff:127.0.0.1', true],
		['a.test', 9000, '::1', true],
		['a.test', 9001, '::1', false],
		['N8N.internal.', 443, '10.9.9.9', true],
		['localhost', 8080, '127.0.0.1', true],
		['localhost', 6379, '127.0.0.1', false],
		['a.test', 80, 'fd12::1', true],
	])('%s:%d → %s allowed: %s', (host, port, address, allowed) => {
		expect(allow.permits(host, port, address)).toBe(allowed);
	});

	test('bad entries are refused at start, with the entry named', () => {
		expect(() => AllowList.parse('10.0.0.0/33')).toThrow('"10.0.0.0/33"');
		expect(() => AllowList.parse('http://x')).toThrow('"http://x"');
		expect(() => AllowList.parse('0x7f.1')).toThrow('"0x7f.1"');
		expect(() => AllowList.parse('host:99999')).toThrow('invalid port');
		expect(AllowList.parse(' ').size).toBe(0);
	});
});

describe('the outbound door', () => {
	let target: Awaited<ReturnType<typeof listen>>;
	beforeAll(async () => {
		target = await listen((_req, res) => res.end('internal secret'));
	});
	afterAll(() => target.close());
	afterEach(() => (target.seen.length = 0));

	const literalSpellings = () => {
		const p = target.port;
		return [
			`http://127.0.0.1:${p}/`,
			`http://2130706433:${p}/`,
			`http://0x7f000001:${p}/`,
			`http://0177.0.0.1:${p}/`,
			`http://0x7f.1:${p}/`,
			`http://127.1:${p}/`,
			`http://017700000001:${p}/`,
			`http://0:${p}/`,
			`http://0.0.0.0:${p}/`,
			`http://[::1]:${p}/`,
			`http://[::]:${p}/`,
			`http://[::ffff:127.0.0.1]:${p}/`,
			`http://[::ffff:7f00:1]:${p}/`,
			`http://[0:0:0:0:0:ffff:127.0.0.1]:${p}/`,
			`http://[::127.0.0.1]:${p}/`,
			'http://169.254.169.254/latest/meta-data/',
			'http://[::ffff:169.254.169.254]/latest/meta-data/',
			'http://[64:ff9b::169.254.169.254]/latest/meta-data/',
			'http://2852039166/latest/meta-data/',
			'http://0xa9fea9fe/',
			'http://0251.0376.0251.0376/',
			'http://[fd00:ec2::254]/latest/meta-data/',
			'http://100.100.100.200/latest/meta-data/',
			'http://168.63.129.16/machine',
			'http://10.0.0.1/',
			'http://172.16.5.4/',
			'http://192.168.0.1/',
			'http://100.64.1.1/',
			'http://[fe80::1]/',
			'http://224.0.0.251/',
			'http://[ff02::1]/',
			'http://255.255.255.255/',
			'http://240.0.0.1/',
			'http://[2002:7f00:1::1]/',
			'http://[2001::7f00:1]/',
		];
	};

	test('refuses every spelling of a non-public literal, before any connection, naming the field', async () => {
		const door = new Outbound({ resolve: table({}) });
		for (const url of literalSpellings()) {
			const error = await refusal(door.request({ url, pointer: '/source/url' }));
			expect({ url, code: error.code }).toEqual({ url, code: 'url_forbidden' });
			expect(error.statusCode).toBe(422);
			expect(error.details).toEqual([{ path: '/source/url', message: expect.any(String) }]);
			const shown = JSON.stringify(error.toJSON());
			for (const leaked of ['127.0.0.1', '169.254', 'a9fe', '::1', String(target.port)])
				expect(shown).not.toContain(leaked);
		}
		expect(target.seen).toHaveLength(0);
	});

	test('refuses a name that resolves to a forbidden address (any of its answers)', async () => {
		const resolve = table({
			'loop.test': ['127.0.0.1'],
			'meta.test': ['169.254.169.254'],
			'mapped.test': ['::ffff:a9fe:a9fe'],
			'nat64.test': ['64:ff9b::a9fe:a9fe'],
			'six.test': ['::1'],
			'ula.test': ['fd00::1'],
			'mixed.test': ['93.184.216.34', '10.0.0.7'],
		});
		const door = new Outbound({ resolve });
		const hosts = ['loop', 'meta', 'mapped', 'nat64', 'six', 'ula', 'mixed'].map(
			(h) => `${h}.test`,
		);
		for (const host of hosts) {
			const error = await refusal(
				door.request({ url: `http://${host}:${target.port}/`, pointer: '/webhook/url' }),
			);
			expect(error.code).toBe('url_forbidden');
			expect(error.details[0].path).toBe('/webhook/url');
			expect(JSON.stringify(error.toJSON())).not.toMatch(/127\.0\.0\.1|169\.254|a9fe|10\.0\.0\.7/);
		}
		expect(resolve.calls).toEqual(hosts);
		expect(target.seen).toHaveLength(0);
	});

	test('refuses schemes other than http(s), and a host that does not resolve fails cleanly', async () => {
		const door = new Outbound({ resolve: table({}) });
		for (const url of [
			'file:///etc/passwd',
			'gopher://127.0.0.1:6379/_INFO',
			'ftp://example.com/x',
		])
			expect((await refusal(door.request({ url }))).code).toBe('url_forbidden');
		expect((await refusal(door.request({ url: 'not a url' }))).code).toBe('url_invalid');
		const missing = await refusal(door.request({ url: 'http://nowhere.test/' }));
		expect(missing.code).toBe('fetch_failed');
		expect(missing.details[0].message).toBe('host not found');
	});

	test('re-checks every redirect hop: an allowed host cannot bounce the request inward', async () => {
		const locations = [
			`http://127.0.0.1:${target.port}/`,
			`http://[::ffff:7f00:1]:${target.port}/`,
			'http://169.254.169.254/latest/meta-data/iam/',
			`http://evil.test:${target.port}/`,
			'file:///etc/passwd',
		];
		let next = 0;
		const bouncer = await listen((_req, res) => {
			res.writeHead(302, { location: locations[next++] });
			res.end();
		});
		try {
			const door = new Outbound({
				resolve: table({ 'allowed.test': ['127.0.0.1'], 'evil.test': ['127.0.0.1'] }),
				allow: AllowList.parse(`allowed.test:${bouncer.port}`),
			});
			for (let i = 0; i < locations.length; i++) {
				const error = await refusal(
					door.request({
						url: `http://allowed.test:${bouncer.port}/video.mp4`,
						pointer: '/source/url',
					}),
				);
				expect(error.code).toBe('url_forbidden');
			}
			expect(bouncer.seen).toHaveLength(locations.length);
			expect(target.seen).toHaveLength(0);
		} finally {
			await bouncer.close();
		}
	});

	test('follows allowed redirects a bounded number of times', async () => {
		const hops = await listen((req, res) => {
			const n = Number(req.url!.slice(1));
			if (n < 3) {
				res.writeHead(301, { location: `/${n + 1}` });
				res.end();
			} else res.end(`arrived after ${n}`);
		});
		try {
			const door = new Outbound({ allow: AllowList.parse(`127.0.0.1:${hops.port}`) });
			const ok = await door.request({ url: `http://127.0.0.1:${hops.port}/0` });
			expect(ok.status).toBe(200);
			expect(await ok.text()).toBe('arrived after 3');
			expect(ok.url).toBe(`http://127.0.0.1:${hops.port}/3`);
			const bounded = await refusal(
				door.request({ url: `http://127.0.0.1:${hops.port}/0`, maxRedirects: 2 }),
			);
			expect(bounded.code).toBe('fetch_failed');
			expect(bounded.message).toMatch(/redirected more than 2 times/);
			const manual = await door.request({
				url: `http://127.0.0.1:${hops.port}/0`,
				maxRedirects: 0,
			});
			expect(manual.status).toBe(301);
			manual.discard();
		} finally {
			await hops.close();
		}
	});

	test('pins the connection to the vetted address: one lookup, Host stays the name', async () => {
		let answers = 0;
		const calls: string[] = [];
		// A rebinding resolver: the first answer is allowed, every later one is the metadata service.
		const resolve: Resolver = async (host) => {
			calls.push(host);
			return [{ address: answers++ === 0 ? '127.0.0.1' : '169.254.169.254', family: 4 }];
		};
		const door = new Outbound({ resolve, allow: AllowList.parse('127.0.0.1/32') });
		const response = await door.request({ url: `http://rebind.test:${target.port}/x?y=1` });
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('internal secret');
		expect(calls).toEqual(['rebind.test']);
		expect(target.seen).toHaveLength(1);
		expect(target.seen[0].headers.host).toBe(`rebind.test:${target.port}`);
		expect(target.seen[0].url).toBe('/x?y=1');
	});

	test('TLS is verified against the name (SNI = the name) while connecting to the pinned address', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'rf-tls-'));
		try {
			execFileSync(
				'openssl',
				[
					'req',
					'-x509',
					'-newkey',
					'rsa:2048',
					'-nodes',
					'-days',
					'1',
					'-subj',
					'/CN=other.example',
					'-keyout',
					join(dir, 'key.pem'),
					'-out',
					join(dir, 'cert.pem'),
				],
				{ stdio: 'ignore' },
			);
			const names: string[] = [];
			const server = https.createServer(
				{
					key: readFileSync(join(dir, 'key.pem')),
					cert: readFileSync(join(dir, 'cert.pem')),
					SNICallback: (name, cb) => (names.push(name), cb(null, undefined)),
				},
				(_req, res) => res.end('tls'),
			);
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			const port = (server.address() as AddressInfo).port;
			try {
				const door = new Outbound({
					resolve: table({ 'secure.test': ['127.0.0.1'] }),
					allow: AllowList.parse('secure.test'),
				});
				const error = await refusal(door.request({ url: `https://secure.test:${port}/` }));
				// The self-signed certificate is refused: the door never turns verification off.
				expect(error.code).toBe('fetch_failed');
				expect(names).toEqual(['secure.test']);
			} finally {
				await new Promise((r) => server.close(r));
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test('drops credentials from the URL and from cross-origin redirects', async () => {
		const other = await listen((_req, res) => res.end('elsewhere'));
		const first = await listen((_req, res) => {
			res.writeHead(307, { location: `http://127.0.0.1:${other.port}/` });
			res.end();
		});
		try {
			const door = new Outbound({
				resolve: table({ 'cred.test': ['127.0.0.1'] }),
				allow: AllowList.parse('127.0.0.1'),
			});
			const response = await door.request({
				url: `http://alice:secret@cred.test:${first.port}/`,
				headers: { authorization: 'Bearer configured' },
			});
			expect(await response.text()).toBe('elsewhere');
			expect(first.seen[0].headers.authorization).toBe('Bearer configured');
			expect(other.seen[0].headers.authorization).toBeUndefined();
			expect(response.url).toBe(`http://127.0.0.1:${other.port}/`);
		} finally {
			await first.close();
			await other.close();
		}
	});

	test('caps the body (declared or streamed) and the time, and streams downloads to a file', async () => {
		const big = Buffer.alloc(2 * 1024 * 1024, 7);
		const server = await listen((req, res) => {
			if (req.url === '/declared') res.end(big);
			else if (req.url === '/chunked') {
				res.writeHead(200, { 'transfer-encoding': 'chunked' });
				res.write(big.subarray(0, 1024 * 1024));
				res.end(big.subarray(1024 * 1024));
			} else if (req.url === '/silent') {
				// never answers
			} else if (req.url === '/trickle') {
				res.writeHead(200);
				const timer = setInterval(() => res.write('x'), 50);
				res.on('close', () => clearInterval(timer));
			} else if (req.url === '/missing') {
				res.writeHead(404);
				res.end('no');
			} else res.end(big.subarray(0, 1000));
		});
		const dir = mkdtempSync(join(tmpdir(), 'rf-download-'));
		try {
			const door = new Outbound({ allow: AllowList.parse(`127.0.0.1:${server.port}`) });
			const base = `http://127.0.0.1:${server.port}`;
			const declared = await refusal(
				door.request({ url: `${base}/declared`, maxBytes: 1024 * 1024, pointer: '/source/url' }),
			);
			expect(declared.code).toBe('fetch_too_large');
			expect(declared.statusCode).toBe(413);
			const file = join(dir, 'out');
			const streamed = await refusal(
				door.download({ url: `${base}/chunked`, maxBytes: 1024 * 1024, file }),
			);
			expect(streamed.code).toBe('fetch_too_large');
			expect(existsSync(file)).toBe(false);

			const started = Date.now();
			const silent = await refusal(door.request({ url: `${base}/silent`, timeoutMs: 300 }));
			expect(silent.code).toBe('fetch_failed');
			expect(silent.details[0].message).toBe('timed out');
			const trickle = await refusal(
				door.download({ url: `${base}/trickle`, timeoutMs: 400, file }),
			);
			expect(trickle.details[0].message).toBe('timed out');
			expect(Date.now() - started).toBeLessThan(5000);

			const missing = await refusal(door.download({ url: `${base}/missing`, file }));
			expect(missing.message).toMatch(/HTTP 404/);

			const ok = await door.download({ url: `${base}/small`, file });
			expect(ok.bytes).toBe(1000);
			expect(statSync(file).size).toBe(1000);
		} finally {
			await server.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test("the trusted policy (operator's endpoints) skips the address refusal, not the caps", async () => {
		const door = new Outbound({ resolve: table({}) });
		const response = await door.request({
			url: `http://127.0.0.1:${target.port}/`,
			policy: 'trusted',
		});
		expect(await response.text()).toBe('internal secret');
		const capped = await refusal(
			door
				.request({ url: `http://127.0.0.1:${target.port}/`, policy: 'trusted', maxBytes: 3 })
				.then((r) => r.text()),
		);
		expect(capped.code).toBe('fetch_too_large');
	});

	test('check() judges a URL without connecting; an unresolvable name passes unless it must resolve', async () => {
		const door = new Outbound({ resolve: table({ 'meta.test': ['169.254.169.254'] }) });
		expect((await refusal(door.check('http://meta.test/', { pointer: '/url' }))).code).toBe(
			'url_forbidden',
		);
		expect(await door.check('https://later.test/hook')).toEqual({
			url: 'https://later.test/hook',
			resolved: false,
		});
		expect((await refusal(door.check('https://later.test/', { mustResolve: true }))).code).toBe(
			'fetch_failed',
		);
		expect(target.seen).toHaveLength(0);
	});
});
