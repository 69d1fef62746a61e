/**
 * `reelforge voices pull`: a local server laid out like rhasspy/piper-voices (a `voices.json` index
 * with md5 digests, files under `<family>/<locale>/<name>/<quality>/`) serves a tiny Piper-shaped
 * voice the test builds; the CLI downloads it with a progress bar, verifies it, installs it, the
 * service lists it, and the engine speaks with it after the server is gone.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVoices } from '../../src/cli/voices';
import { synthesizeSpeech } from '../../src/engine/voice';
import { createLocalProvider } from '../../src/providers/local';
import { character, shot, storyboard } from '../engine/voice/fixtures/storyboard';

const work = mkdtempSync(join(tmpdir(), 'rf-piper-pull-'));
const modelsDir = join(work, 'models');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const KEY = 'en_US-tiny-x_low';
const DIR = 'en/en_US/tiny/x_low';

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

/** The collection: files by path, and an index the test may tamper with. */
const files = new Map<string, Buffer>();
let index: Record<string, unknown> = {};
const served: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
	const modelPath = join(work, 'tiny.onnx');
	execFileSync('/usr/bin/python3', [
		join(__dirname, '..', 'engine', 'voice', 'fixtures', 'make_tiny_piper.py'),
		modelPath,
	]);
	const symbols = [
		'_',
		'^',
		'$',
		' ',
		'h',
		'ə',
		'l',
		'o',
		'ʊ',
		'w',
		'ɜ',
		'ɹ',
		'd',
		'ɛ',
		'ð',
		'e',
		'ɪ',
	];
	const config = Buffer.from(
		JSON.stringify({
			audio: { sample_rate: 22050, quality: 'x_low' },
			inference: { noise_scale: 0.667, length_scale: 1, noise_w: 0.8 },
			phoneme_id_map: Object.fromEntries(symbols.map((s, i) => [s, [i]])),
			num_speakers: 1,
		}),
	);
	files.set(`${DIR}/${KEY}.onnx`, readFileSync(modelPath));
	files.set(`${DIR}/${KEY}.onnx.json`, config);
	files.set(`${DIR}/MODEL_CARD`, Buffer.from('tiny test voice'));
	const entry = (path: string) => ({
		size_bytes: files.get(path)!.length,
		md5_digest: md5(files.get(path)!),
	});
	index = {
		[KEY]: {
			key: KEY,
			name: 'tiny',
			language: { code: 'en_US', family: 'en', region: 'US', name_english: 'English' },
			quality: 'x_low',
			num_speakers: 1,
			speaker_id_map: {},
			files: Object.fromEntries([...files.keys()].map((p) => [p, entry(p)])),
			aliases: ['en-us-tiny-x-low'],
		},
		'en_US-broken-low': {
			key: 'en_US-broken-low',
			files: {
				'en/en_US/broken/low/en_US-broken-low.onnx': {
					size_bytes: files.get(`${DIR}/${KEY}.onnx`)!.length,
					md5_digest: '0'.repeat(32),
				},
				'en/en_US/broken/low/en_US-broken-low.onnx.json': entry(`${DIR}/${KEY}.onnx.json`),
			},
		},
		'en_US-escape-low': {
			key: 'en_US-escape-low',
			files: {
				'../../etc/x.onnx': entry(`${DIR}/${KEY}.onnx`),
				'a/x.onnx.json': entry(`${DIR}/${KEY}.onnx.json`),
			},
		},
	};
	files.set('en/en_US/broken/low/en_US-broken-low.onnx', files.get(`${DIR}/${KEY}.onnx`)!);
	files.set('en/en_US/broken/low/en_US-broken-low.onnx.json', config);
	server = createServer((req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(
			/^\/resolve\/v1\.0\.0\//,
			'',
		);
		served.push(path);
		const body = path === 'voices.json' ? Buffer.from(JSON.stringify(index)) : files.get(path);
		if (!body) {
			res.writeHead(404).end('Entry not found');
			return;
		}
		// Sent in pieces, as a large download arrives.
		res.writeHead(200, {
			'content-length': body.length,
			'content-type': 'application/octet-stream',
		});
		let at = 0;
		const next = () => {
			if (at >= body.length) return void res.end();
			res.write(body.subarray(at, (at += 1024)), next);
		};
		next();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/resolve/v1.0.0`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function cli(args: string[]) {
	const saved = { ...process.env };
	process.env.REELFORGE_MODELS_DIR = modelsDir;
	process.env.REELFORGE_DATA_DIR = work;
	process.env.REELFORGE_PIPER_VOICES_URL = base;
	let out = '';
	let err = '';
	const stdout = jest
		.spyOn(process.stdout, 'write')
		.mockImplementation((c: string | Uint8Array) => ((out += c.toString()), true));
	const stderr = jest
		.spyOn(process.stderr, 'write')
		.mockImplementation((c: string | Uint8Array) => ((err += c.toString()), true));
	try {
		return { code: await runVoices(args), out, err };
	} finally {
		stdout.mockRestore();
		stderr.mockRestore();
		process.env = saved;
	}
}

describe('reelforge voices pull', () => {
	it('downloads the model and its config with a progress bar, checks their md5 and installs them', async () => {
		const result = await cli(['pull', KEY]);
		expect(result.err).not.toMatch(/voices pull:/);
		expect(result.code).toBe(0);
		expect(result.out).toContain(`piper:${KEY}`);
		expect(result.err).toMatch(new RegExp(`${KEY}\\.onnx 100% `));
		expect(result.err).toMatch(new RegExp(`${KEY}\\.onnx\\.json 100% `));
		expect(served).toEqual(['voices.json', `${DIR}/${KEY}.onnx`, `${DIR}/${KEY}.onnx.json`]);
		const installed = join(modelsDir, 'piper');
		expect(readdirSync(installed).sort()).toEqual([`${KEY}.onnx`, `${KEY}.onnx.json`]);
		expect(md5(readFileSync(join(installed, `${KEY}.onnx`)))).toBe(
			md5(files.get(`${DIR}/${KEY}.onnx`)!),
		);
	});

	it('lists the voice in the capabilities the service serves', async () => {
		const caps = createLocalProvider({ modelsDir, log: () => undefined }).capabilities();
		expect(caps.voices.map((v) => v.id)).toContain(`piper:${KEY}`);
		const listed = await cli(['list']);
		expect(listed.out).toContain(`piper:${KEY}\t`);
	});

	it('does not download again what is installed and verified; finds a voice by alias', async () => {
		served.length = 0;
		const again = await cli(['pull', 'en-us-tiny-x-low']);
		expect(again.code).toBe(0);
		expect(again.err).toContain(`${KEY}.onnx already installed and verified`);
		expect(served).toEqual(['voices.json']);
	});

	it('refuses a file whose md5 does not match the index, and leaves nothing behind', async () => {
		const result = await cli(['pull', 'en_US-broken-low']);
		expect(result.code).toBe(1);
		expect(result.err).toMatch(
			/en_US-broken-low\.onnx: md5 [0-9a-f]{32} does not match the index \(0{32}\)/,
		);
		expect(readdirSync(join(modelsDir, 'piper')).filter((f) => f.includes('broken'))).toEqual([]);
	});

	it('refuses unknown voices (with suggestions) and index paths that leave the collection', async () => {
		const unknown = await cli(['pull', 'en_US-tiny-high']);
		expect(unknown.code).toBe(1);
		expect(unknown.err).toContain(`no voice "en_US-tiny-high" in the index; did you mean`);
		const escape = await cli(['pull', 'en_US-escape-low']);
		expect(escape.code).toBe(1);
		expect(escape.err).toContain('unsafe path');
		expect(existsSync(join(work, 'etc'))).toBe(false);
	});

	it('lists the collection with --remote', async () => {
		const remote = await cli(['list', '--remote', '--language', 'en_US']);
		expect(remote.out.split('\n')[0]).toMatch(/^en_US-broken-low\t/);
		expect(remote.out).toMatch(new RegExp(`${KEY}\\tx_low\\t1 speaker\\(s\\)\\t`));
	});

	it('speaks with the pulled voice offline', async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
		const track = await synthesizeSpeech(
			storyboard({
				characters: [character('bot', { voice: `piper:${KEY}`, pitch: 0, rate: 1 })],
				shots: [
					shot(0, 0, 3, 30, { dialogue: [{ character: 'bot', text: 'Hello world', at: 0.2 }] }),
				],
			}),
			{ cacheDir: join(work, 'cache'), modelsDir, log: () => undefined },
		);
		expect(track.clips[0].words.map((w) => w.text)).toEqual(['Hello', 'world']);
		expect(track.clips[0].samples.length).toBeGreaterThan(0.05 * 48000);
		server.listen(0); // afterAll closes it again
	});
});
