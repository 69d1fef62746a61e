import * as ort from 'onnxruntime-node';
import { encodeModel, FLOAT, INT64 } from '../../../src/engine/style/onnxProto';

describe('encodeModel', () => {
	it('writes a model onnxruntime loads and runs: y = pad(x) * 2 + bias', async () => {
		const model = encodeModel({
			name: 'tiny',
			nodes: [
				{
					op: 'Pad',
					inputs: ['x', 'pads'],
					outputs: ['p'],
					attributes: { mode: { s: 'reflect' } },
				},
				{ op: 'Mul', inputs: ['p', 'two'], outputs: ['m'] },
				{ op: 'Add', inputs: ['m', 'bias'], outputs: ['y'] },
			],
			initializers: [
				{ name: 'pads', dims: [4], type: INT64, values: [0, 1, 0, 1] },
				{ name: 'two', dims: [], type: FLOAT, values: [2] },
				{ name: 'bias', dims: [1], type: FLOAT, values: [-0.5] },
			],
			inputs: [{ name: 'x', shape: [1, 'n'] }],
			outputs: [{ name: 'y', shape: [1, 'm'] }],
		});
		const session = await ort.InferenceSession.create(model, { executionProviders: ['cpu'] });
		const { y } = await session.run({
			x: new ort.Tensor('float32', Float32Array.from([1, 2, 3]), [1, 3]),
		});
		expect(y.dims).toEqual([1, 5]);
		// Reflect padding: [2, 1, 2, 3, 2].
		expect(Array.from(y.data as Float32Array)).toEqual([3.5, 1.5, 3.5, 5.5, 3.5]);
		await session.release();
	});
});
