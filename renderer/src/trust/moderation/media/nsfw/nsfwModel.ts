/**
 * The NSFW model as an ONNX file: nsfwjs's bundled Keras MobileNetV2 (its topology and weights ship
 * inside the npm package as JavaScript), converted by kerasToOnnx.ts. `npm run build` writes it
 * beside this module in `dist` (nsfwModelBuild.ts); where that file is missing or was made from
 * other weights or by another converter version, it is converted on first use into the renderer's
 * cache folder. Both files are named by a key over the bundle's bytes and CONVERTER_VERSION, so a
 * stale file is never read.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defaultCacheDir } from '../../../../config';
import {
	CONVERTER_VERSION,
	convertKerasToOnnx,
	decodeWeights,
	type KerasTopology,
	type WeightSpec,
} from './kerasToOnnx';
import { encodeModel } from './onnxProto';

/** MobileNetV2's input side. */
export const NSFW_MODEL_SIZE = 224;

/** The classes in the order of the model's outputs (nsfwjs's NSFW_CLASSES). */
export const NSFW_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;

function bundleDir(): string {
	return join(dirname(require.resolve('nsfwjs')), '..', 'models', 'mobilenet_v2');
}

interface BundleFiles {
	modelFile: string;
	weightsFile: string;
}

function bundleFiles(): BundleFiles {
	const dir = bundleDir();
	return {
		modelFile: join(dir, 'model.min.js'),
		weightsFile: join(dir, 'group1-shard1of1.min.js'),
	};
}

/** Names the converted file: the bundle's two files and the converter's version. */
export function nsfwModelKey(files: BundleFiles = bundleFiles()): string {
	const hash = createHash('sha256');
	hash.update(`keras-to-onnx ${CONVERTER_VERSION}\n`);
	for (const file of [files.modelFile, files.weightsFile]) hash.update(readFileSync(file));
	return hash.digest('hex').slice(0, 16);
}

/** Converts the bundled model; the result is an ONNX file's bytes. */
export function convertBundledNsfwModel(files: BundleFiles = bundleFiles()): Uint8Array {
	// The bundle's files are CommonJS modules whose export is the model's JSON and the weights' base64.
	const loadBundled = createRequire(__filename);
	const modelJson = loadBundled(files.modelFile) as {
		modelTopology: KerasTopology;
		weightsManifest: Array<{ paths: string[]; weights: WeightSpec[] }>;
	};
	const [group] = modelJson.weightsManifest;
	if (modelJson.weightsManifest.length !== 1 || group.paths.length !== 1)
		throw new Error('nsfwjs MobileNetV2: expected one weight file');
	const bytes = Buffer.from(loadBundled(files.weightsFile) as string, 'base64');
	const weights = decodeWeights(group.weights, bytes);
	return encodeModel(
		convertKerasToOnnx(
			modelJson.modelTopology,
			weights,
			`nsfwjs mobilenet_v2 ${nsfwModelKey(files)}`,
		),
	);
}

/** The file name for a key. */
export function nsfwModelFileName(key: string): string {
	return `nsfw-mobilenet_v2.${key}.onnx`;
}

/** Where `npm run build` puts the converted model. */
export function builtNsfwModelFile(key: string = nsfwModelKey()): string {
	return join(__dirname, nsfwModelFileName(key));
}

/**
 * The converted model: the built file's path when it is there and current, else the cached copy's,
 * converting it first when needed. If the cache cannot be written the bytes themselves are returned.
 */
export function nsfwModelSource(cacheDir: string = defaultCacheDir()): string | Uint8Array {
	const key = nsfwModelKey();
	const built = builtNsfwModelFile(key);
	if (existsSync(built)) return built;
	const cached = join(cacheDir, 'models', nsfwModelFileName(key));
	if (existsSync(cached)) return cached;
	const bytes = convertBundledNsfwModel();
	try {
		mkdirSync(dirname(cached), { recursive: true });
		// Written aside then renamed, so another process never reads half a file.
		const partial = `${cached}.${process.pid}.${Date.now()}.partial`;
		writeFileSync(partial, bytes);
		renameSync(partial, cached);
		return cached;
	} catch (error) {
		console.warn(
			`nsfw classifier: could not cache the converted model (${(error as Error).message.split('\n')[0]}); using it from memory`,
		);
		return bytes;
	}
}
