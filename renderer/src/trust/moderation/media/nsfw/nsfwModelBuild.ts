/**
 * Writes the converted NSFW model for the built renderer: `node dist/trust/moderation/media/nsfw/nsfwModelBuild.js`
 * (part of `npm run build`) converts nsfwjs's bundled MobileNetV2 into
 * `dist/trust/moderation/media/nsfw/nsfw-mobilenet_v2.<key>.onnx`. Never committed: it is built output.
 */
import { writeFileSync } from 'node:fs';
import { builtNsfwModelFile, convertBundledNsfwModel } from './nsfwModel';

if (require.main === module) {
	const file = builtNsfwModelFile();
	const bytes = convertBundledNsfwModel();
	writeFileSync(file, bytes);
	process.stdout.write(`nsfw model: ${bytes.length} bytes of ONNX → ${file}\n`);
}
