/**
 * The ProvenanceSigner the job runner calls last: writes a signed copy of the output with a C2PA
 * manifest (c2pa-node, CallbackSigner + signAsync in a worker thread), and reads manifests back
 * with the independent c2pa-wasm reader to validate them.
 */
import type { ProvenanceSigner } from '../../pipeline/contracts';
import { C2paWorker } from './c2paWorker';
import { loadSigningMaterial, type SigningMaterial } from './devCertificates';
import { buildManifest, ingredientDefinition } from './manifest';

export interface ProvenanceSignerConfig {
	dataDir: string;
	/** PEM: end-entity certificate then its intermediates. Both or neither with keyPath. */
	certPath?: string;
	keyPath?: string;
	/** PEM root(s) readers trust; the development root is trusted automatically. */
	trustAnchorsPath?: string;
}

export interface ManifestStore {
	active_manifest?: string;
	manifests?: Record<string, Record<string, unknown>>;
	validation_state?: string;
	validation_results?: {
		activeManifest?: { failure?: Array<{ code: string; explanation?: string }> };
	};
	validation_status?: Array<{ code: string; explanation?: string }>;
}

export interface ReelforgeProvenanceSigner extends ProvenanceSigner {
	/** The origin of the signing certificate (configured or development). */
	material(): Promise<SigningMaterial>;
	/** The whole manifest store of a file as the reader sees it (null when it carries none). */
	readStore(path: string): Promise<ManifestStore | null>;
	close(): Promise<void>;
}

export function createProvenanceSigner(config: ProvenanceSignerConfig): ReelforgeProvenanceSigner {
	const worker = new C2paWorker();
	let material: Promise<SigningMaterial> | undefined;
	const loadMaterial = () => {
		material ??= loadSigningMaterial({
			dataDir: config.dataDir,
			certPath: config.certPath,
			keyPath: config.keyPath,
			rootPath: config.trustAnchorsPath,
		});
		// A failed load is retried on the next call rather than remembered.
		material.catch(() => (material = undefined));
		return material;
	};

	async function readStore(
		path: string,
	): Promise<{ store: ManifestStore | null; error: string | null }> {
		const { rootPem } = await loadMaterial();
		return worker.call({ op: 'read', path, mimeType: 'video/mp4', trustAnchorsPem: rootPem });
	}

	const signer: ReelforgeProvenanceSigner = {
		material: loadMaterial,

		prepare() {
			loadMaterial().catch(() => undefined); // retried, and reported, by sign()
			worker.warm();
		},

		async sign({ inputPath, outputPath, renderId, spec, ingredients }) {
			const { chainPem, keyPem } = await loadMaterial();
			const manifest = buildManifest({ renderId, spec });
			await worker.call({
				op: 'sign',
				manifest,
				ingredients: ingredients.map(ingredientDefinition),
				chainPem,
				keyPem,
				inputPath,
				outputPath,
				mimeType: 'video/mp4',
			});
			const read = await signer.read(outputPath);
			if (!read.valid || !read.manifest)
				throw new Error(`The signed file does not verify: ${read.errors.join('; ')}`);
			return read.manifest;
		},

		async read(path) {
			const { store, error } = await readStore(path);
			if (!store)
				return { valid: false, manifest: null, errors: [error ?? 'no C2PA manifest found'] };
			const active = store.active_manifest
				? (store.manifests?.[store.active_manifest] ?? null)
				: null;
			const failures =
				store.validation_results?.activeManifest?.failure ?? store.validation_status ?? [];
			const errors = failures.map((f) => `${f.code}${f.explanation ? `: ${f.explanation}` : ''}`);
			if (!active) errors.push('no active manifest');
			const valid = Boolean(active) && errors.length === 0 && store.validation_state !== 'Invalid';
			return {
				valid,
				manifest: active ? { ...active, validation_state: store.validation_state } : null,
				errors,
			};
		},

		async readStore(path) {
			return (await readStore(path)).store;
		},

		close: () => worker.close(),
	};
	return signer;
}
