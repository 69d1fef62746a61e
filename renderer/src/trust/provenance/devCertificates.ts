/**
 * The development signing chain, generated on first start when no certificate is configured:
 * a P-256 root CA → intermediate CA → end-entity with `digitalSignature` and the
 * `emailProtection` extended key usage, which is what C2PA validators accept for a signer
 * (a self-signed end-entity, no EKU, `serverAuth` or `anyExtendedKeyUsage` are refused).
 * Generated with the `openssl` CLI; kept under `<dataDir>/keys` and reused afterwards.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SigningMaterial {
	/** End-entity certificate then intermediate, PEM. */
	chainPem: string;
	/** PKCS#8 private key of the end-entity, PEM. */
	keyPem: string;
	/** The root, for readers to trust; absent for a configured certificate without a known root. */
	rootPem?: string;
	/** Where it came from, for logs and docs. */
	origin: 'configured' | 'development';
}

const EXTENSIONS = `
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[intermediate]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[signer]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

async function exists(path: string): Promise<boolean> {
	return stat(path).then(
		() => true,
		() => false,
	);
}

/** Loads the configured certificate, or the development chain (creating it on first use). */
export async function loadSigningMaterial(options: {
	dataDir: string;
	certPath?: string;
	keyPath?: string;
	rootPath?: string;
}): Promise<SigningMaterial> {
	if (options.certPath || options.keyPath) {
		if (!options.certPath || !options.keyPath)
			throw new Error(
				'Provenance signing needs both certPath and keyPath (or neither, for a development certificate).',
			);
		const [chainPem, keyPem] = await Promise.all([
			readFile(options.certPath, 'utf8'),
			readFile(options.keyPath, 'utf8'),
		]);
		const rootPem = options.rootPath ? await readFile(options.rootPath, 'utf8') : undefined;
		return { chainPem, keyPem, rootPem, origin: 'configured' };
	}
	const dir = join(options.dataDir, 'keys');
	const files = {
		chain: join(dir, 'c2pa-chain.pem'),
		key: join(dir, 'c2pa-signer.key'),
		root: join(dir, 'c2pa-root.pem'),
	};
	if (!(await exists(files.chain)) || !(await exists(files.key)) || !(await exists(files.root)))
		await generateDevelopmentChain(dir, files);
	const [chainPem, keyPem, rootPem] = await Promise.all([
		readFile(files.chain, 'utf8'),
		readFile(files.key, 'utf8'),
		readFile(files.root, 'utf8'),
	]);
	return { chainPem, keyPem, rootPem, origin: 'development' };
}

async function generateDevelopmentChain(
	dir: string,
	files: { chain: string; key: string; root: string },
): Promise<void> {
	await mkdir(dir, { recursive: true, mode: 0o700 });
	const work = await mkdtemp(join(tmpdir(), 'reelforge-c2pa-'));
	try {
		const p = (name: string) => join(work, name);
		await writeFile(p('ext.cnf'), EXTENSIONS);
		const key = (name: string) =>
			run('openssl', [
				'genpkey',
				'-algorithm',
				'EC',
				'-pkeyopt',
				'ec_paramgen_curve:P-256',
				'-out',
				p(name),
			]);
		await Promise.all([key('root.key'), key('intermediate.key'), key('signer.key')]);
		await run('openssl', [
			'req',
			'-new',
			'-x509',
			'-key',
			p('root.key'),
			'-sha256',
			'-days',
			'3650',
			'-subj',
			'/CN=Reelforge Development Root CA/O=Reelforge (development)',
			'-config',
			p('ext.cnf'),
			'-extensions',
			'root',
			'-out',
			p('root.pem'),
		]);
		const issue = async (
			name: string,
			subject: string,
			issuer: string,
			extensions: string,
			days: string,
		) => {
			await run('openssl', [
				'req',
				'-new',
				'-key',
				p(`${name}.key`),
				'-subj',
				subject,
				'-out',
				p(`${name}.csr`),
			]);
			await run('openssl', [
				'x509',
				'-req',
				'-in',
				p(`${name}.csr`),
				'-CA',
				p(`${issuer}.pem`),
				'-CAkey',
				p(`${issuer}.key`),
				'-CAcreateserial',
				'-sha256',
				'-days',
				days,
				'-extfile',
				p('ext.cnf'),
				'-extensions',
				extensions,
				'-out',
				p(`${name}.pem`),
			]);
		};
		await issue(
			'intermediate',
			'/CN=Reelforge Development Intermediate CA/O=Reelforge (development)',
			'root',
			'intermediate',
			'1825',
		);
		await issue(
			'signer',
			'/CN=Reelforge Development Signer/O=Reelforge (development)',
			'intermediate',
			'signer',
			'730',
		);
		const [signer, intermediate, root, signerKey] = await Promise.all(
			['signer.pem', 'intermediate.pem', 'root.pem', 'signer.key'].map((f) =>
				readFile(p(f), 'utf8'),
			),
		);
		// Written next to the target and renamed, so a crash never leaves half a chain behind.
		for (const [target, content, mode] of [
			[files.key, signerKey, 0o600],
			[files.root, root, 0o644],
			[files.chain, signer + intermediate, 0o644],
		] as const) {
			await writeFile(`${target}.tmp`, content, { mode });
			await rename(`${target}.tmp`, target);
		}
	} finally {
		await rm(work, { recursive: true, force: true });
	}
}
