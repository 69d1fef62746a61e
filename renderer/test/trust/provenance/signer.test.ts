import { mkdtemp, readFile, rm, writeFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { c2paNodeModules } from '../../../src/trust/provenance/c2paWorker';
import {
	createProvenanceSigner,
	type ReelforgeProvenanceSigner,
} from '../../../src/trust/provenance/signer';
import { TRAINED_ALGORITHMIC_MEDIA } from '../../../src/trust/provenance/manifest';
import { aiDisclosure } from '../../../src/trust/provenance/aiDisclosure';
import { validateRenderSpec } from '../../../src/spec/validate';
import { makeTestVideo, run } from '../support/media';
import { readWithC2paWasm } from '../support/c2paWasmReader';

let dir: string;
let signer: ReelforgeProvenanceSigner;
const spec = validateRenderSpec({
	prompt: 'a calm beach at dawn',
	seed: 7,
	metadata: { title: 'Beach test' },
});

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'trust-c2pa-'));
	signer = createProvenanceSigner({ dataDir: join(dir, 'data') });
	await makeTestVideo(join(dir, 'in.mp4'));
});
afterAll(async () => {
	await signer.close();
	await rm(dir, { recursive: true, force: true });
});

/** Offset of the first top-level box of a type in an MP4. */
async function boxOffset(path: string, type: string): Promise<{ offset: number; size: number }> {
	const bytes = await readFile(path);
	for (let at = 0; at + 8 <= bytes.length; ) {
		let size = bytes.readUInt32BE(at);
		if (size === 1) size = Number(bytes.readBigUInt64BE(at + 8));
		if (bytes.toString('latin1', at + 4, at + 8) === type) return { offset: at, size };
		if (size < 8) break;
		at += size;
	}
	throw new Error(`no ${type} box`);
}

/** The test video signed into `outputPath` as render `renderId`, with no ingredients. */
const signTestVideo = (outputPath: string, renderId: string) =>
	signer.sign({ inputPath: join(dir, 'in.mp4'), outputPath, renderId, spec, ingredients: [] });

test('a development chain is generated on first start: root → intermediate → end-entity with emailProtection', async () => {
	const material = await signer.material();
	expect(material.origin).toBe('development');
	await writeFile(join(dir, 'chain.pem'), material.chainPem);
	const { stdout } = await run('openssl', [
		'x509',
		'-in',
		join(dir, 'chain.pem'),
		'-noout',
		'-text',
	]);
	expect(stdout).toContain('E-mail Protection');
	expect(stdout).toContain('CA:FALSE');
	expect(stdout).toContain('prime256v1');
	expect(material.chainPem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
	// Reused, not regenerated, on the next start.
	const again = await createProvenanceSigner({ dataDir: join(dir, 'data') }).material();
	expect(again.keyPem).toBe(material.keyPem);
});

test('the signed output verifies with c2pa-wasm in a separate process and carries the Reelforge claim', async () => {
	const out = join(dir, 'signed.mp4');
	const manifest = await signTestVideo(out, 'rnd_1');
	expect(manifest.title).toBe('Beach test');

	const material = await signer.material();
	const store = await readWithC2paWasm(out, material.rootPem);
	expect(store.validation_state).toBe('Trusted');
	const active = store.manifests![store.active_manifest!];
	expect(active.claim_generator_info[0].name).toBe('Reelforge');
	const actions = active.assertions.find((a: { label: string }) =>
		a.label.startsWith('c2pa.actions'),
	);
	expect(actions.data.actions[0]).toMatchObject({
		action: 'c2pa.created',
		digitalSourceType: TRAINED_ALGORITHMIC_MEDIA,
	});
	const render = active.assertions.find(
		(a: { label: string }) => a.label === 'com.reelforge.render',
	);
	expect(render.data).toMatchObject({ renderId: 'rnd_1', seed: 7, aiGenerated: true });
	expect(store.validation_results.activeManifest.failure).toEqual([]);

	// Without the development root as anchor the same file is valid but not trusted.
	expect((await readWithC2paWasm(out)).validation_state).toBe('Valid');
	// The signer's own read agrees.
	await expect(signer.read(out)).resolves.toMatchObject({ valid: true, errors: [] });
});

test('a one-byte change in the media data fails verification', async () => {
	const out = join(dir, 'signed2.mp4');
	await signTestVideo(out, 'rnd_2');
	const mdat = await boxOffset(out, 'mdat');
	const handle = await open(out, 'r+');
	const at = mdat.offset + 64;
	const byte = Buffer.alloc(1);
	await handle.read(byte, 0, 1, at);
	byte[0] ^= 0xff;
	await handle.write(byte, 0, 1, at);
	await handle.close();

	const store = await readWithC2paWasm(out, (await signer.material()).rootPem);
	expect(store.validation_state).toBe('Invalid');
	expect(JSON.stringify(store.validation_results.activeManifest.failure)).toContain(
		'assertion.bmffHash.mismatch',
	);
	const read = await signer.read(out);
	expect(read.valid).toBe(false);
	expect(read.errors.join(' ')).toContain('bmffHash.mismatch');
	// A file that was never signed has no manifest.
	expect(await signer.read(join(dir, 'in.mp4'))).toMatchObject({ valid: false, manifest: null });
});

test('a remix lists its source as an ingredient, with the source manifest carried along', async () => {
	const source = join(dir, 'source.mp4');
	await signTestVideo(source, 'rnd_src');
	const remix = join(dir, 'remix.mp4');
	await makeTestVideo(join(dir, 'remix-in.mp4'), 1);
	const manifest = await signer.sign({
		inputPath: join(dir, 'remix-in.mp4'),
		outputPath: remix,
		renderId: 'rnd_remix',
		spec,
		ingredients: [
			{ renderId: 'rnd_src', title: 'Original beach', path: source },
			{ renderId: 'rnd_gone', title: 'A source without its file' },
		],
	});
	const store = await readWithC2paWasm(remix, (await signer.material()).rootPem);
	expect(store.validation_state).toBe('Trusted');
	const ingredients = store.manifests![store.active_manifest!].ingredients;
	expect(ingredients.map((i: { title: string }) => i.title)).toEqual([
		'Original beach',
		'A source without its file',
	]);
	expect(ingredients[0].active_manifest).toBeDefined();
	expect(Object.keys(store.manifests!)).toHaveLength(2);
	expect((manifest.ingredients as unknown[]).length).toBe(2);
});

test('a configured certificate is used instead of the development one', async () => {
	const material = await signer.material();
	await writeFile(join(dir, 'key.pem'), material.keyPem);
	await writeFile(join(dir, 'root.pem'), material.rootPem!);
	const configured = createProvenanceSigner({
		dataDir: join(dir, 'other'),
		certPath: join(dir, 'chain.pem'),
		keyPath: join(dir, 'key.pem'),
		trustAnchorsPath: join(dir, 'root.pem'),
	});
	try {
		expect((await configured.material()).origin).toBe('configured');
		const out = join(dir, 'configured.mp4');
		await configured.sign({
			inputPath: join(dir, 'in.mp4'),
			outputPath: out,
			renderId: 'rnd_3',
			spec,
			ingredients: [],
		});
		expect((await readWithC2paWasm(out, material.rootPem)).validation_state).toBe('Trusted');
		await expect(
			createProvenanceSigner({ dataDir: dir, certPath: join(dir, 'chain.pem') }).material(),
		).rejects.toThrow(/both certPath and keyPath/);
	} finally {
		await configured.close();
	}
});

test('AI disclosure for publishing names the standard and a real person when a cameo plays', () => {
	const plain = aiDisclosure({ id: 'rnd_1', spec }, { baseUrl: 'https://reel.example/' });
	expect(plain).toMatchObject({
		standard: 'EU AI Act Art. 50',
		aiGenerated: true,
		depictsRealPerson: false,
		digitalSourceType: TRAINED_ALGORITHMIC_MEDIA,
	});
	expect(plain.provenance.manifestUrl).toBe('https://reel.example/v1/renders/rnd_1/provenance');
	const cameo = aiDisclosure({ id: 'rnd_2', spec: { characters: [{ cameoId: 'cam_abc' }] } });
	expect(cameo.depictsRealPerson).toBe(true);
	expect(cameo.label).toContain('real person');
});

describe('the C2PA thread', () => {
	it('loads c2pa-node’s builder and signer on their own, not the package index', () => {
		const modules = c2paNodeModules();
		const index = require.resolve('@contentauth/c2pa-node');
		expect(modules).toEqual({
			builder: join(dirname(index), 'Builder.js'),
			signer: join(dirname(index), 'Signer.js'),
		});
		for (const file of Object.values(modules)) expect(existsSync(file)).toBe(true);
	});
});
