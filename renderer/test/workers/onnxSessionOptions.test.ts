/**
 * Every onnxruntime session of the renderer is created with its thread pools sleeping between runs
 * (no spin-waiting on the cores that draw and encode), and that setting changes no result.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { buildGradeGraph } from '../../src/engine/style/graph';
import { STYLE_PARAMS } from '../../src/engine/style/styles';
import { NO_SPINNING, onnxSessionOptions } from '../../src/workers/onnxSessionOptions';

const SRC = path.join(__dirname, '../../src');

function sources(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

describe('onnxruntime session options', () => {
	it('are accepted by the native binding and give the same numbers as the defaults', async () => {
		const model = buildGradeGraph(STYLE_PARAMS.cinematic);
		const count = 4096;
		const lattice = new Float32Array(3 * count).map((_, i) => ((i * 7919) % 1000) / 999);
		const grade = async (options: ort.InferenceSession.SessionOptions) => {
			const session = await ort.InferenceSession.create(model, options);
			try {
				const { graded } = await session.run({
					frame: new ort.Tensor('float32', lattice, [1, 3, 1, count]),
				});
				return Array.from(graded.data as Float32Array);
			} finally {
				await session.release();
			}
		};
		const options = onnxSessionOptions('cpu', { graphOptimizationLevel: 'all' });
		expect(options).toEqual({
			executionProviders: ['cpu'],
			graphOptimizationLevel: 'all',
			extra: {
				session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } },
			},
		});
		const without = await grade({ executionProviders: ['cpu'], graphOptimizationLevel: 'all' });
		const withOptions = await grade(options);
		expect(withOptions).toHaveLength(3 * count);
		expect(withOptions).toEqual(without);
		// A key the binding does not know is refused, so an accepted NO_SPINNING was really read.
		await expect(
			ort.InferenceSession.create(model, {
				executionProviders: ['cpu'],
				extra: { session: { intra_op: { allow_spinning: 0 as unknown as string } } },
			}),
		).rejects.toThrow(/must be a string/);
		expect(NO_SPINNING.session.intra_op.allow_spinning).toBe('0');
	});

	it('every session the renderer creates uses them', () => {
		const calls = sources(SRC).flatMap((file) => {
			const text = fs.readFileSync(file, 'utf8');
			return [...text.matchAll(/InferenceSession\.create\(([^;]*?)\)\s*[,;)]/g)].map((m) => ({
				file: path.relative(SRC, file),
				call: m[1],
			}));
		});
		// Style graphs (probe + session) and the shared factory of OCR, the NSFW model and piper voices
		// (a path or bytes): every other session is made through that factory.
		expect(calls.length).toBeGreaterThanOrEqual(4);
		for (const call of calls)
			expect({ file: call.file, usesOptions: /onnxSessionOptions\(/.test(call.call) }).toEqual({
				file: call.file,
				usesOptions: true,
			});
	});
});
