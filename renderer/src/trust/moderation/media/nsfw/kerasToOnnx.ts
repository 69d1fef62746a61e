/**
 * Converts a Keras functional model, as TensorFlow.js stores it (the `modelTopology` of a layers
 * model plus its weights manifest and weight bytes), into an ONNX model for onnxruntime. Written for
 * the MobileNetV2 that nsfwjs bundles and kept to the layers a convolutional classifier of that
 * kind uses: InputLayer, ZeroPadding2D, Conv2D, DepthwiseConv2D, BatchNormalization, ReLU, Add,
 * AveragePooling2D, GlobalAveragePooling2D, Flatten, Dense, Dropout. Anything else, or a setting
 * outside what is handled, is refused with the layer's name rather than converted wrongly.
 *
 * Keras computes channels-last (NHWC); the ONNX graph is channels-first (NCHW), the layout
 * onnxruntime's convolution kernels take, and its input is fed NCHW by the caller. Kernels are
 * transposed here; a Flatten over more than one pixel flattens in Keras's (H, W, C) order.
 */
import type { OnnxModel, OnnxNode, OnnxTensor } from './onnxProto';

/** Bump when the graph this writes changes, so converted files cached on disk are redone. */
export const CONVERTER_VERSION = 1;

export interface KerasLayer {
	class_name: string;
	name?: string;
	config: Record<string, unknown> & { name: string };
	inbound_nodes: Array<Array<[string, number, number, unknown?]>>;
}

export interface KerasModelConfig {
	class_name: string;
	config: {
		layers: KerasLayer[];
		input_layers: Array<[string, number, number]>;
		output_layers: Array<[string, number, number]>;
	};
}

/** A Keras model file's topology (`model_config` inside), or the model config itself as TensorFlow.js saves it. */
export type KerasTopology = { model_config: KerasModelConfig } | KerasModelConfig;

export interface WeightSpec {
	name: string;
	shape: number[];
	dtype: string;
	quantization?: { dtype: string; min?: number; scale?: number };
}

export interface Weight {
	shape: number[];
	values: Float32Array;
}

/** The name of the converted model's input (NCHW float, values in [0, 1]) and output (class probabilities). */
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'probabilities';

/**
 * The weights of a manifest group read out of their bytes, dequantized the way TensorFlow.js does
 * (`value = q * scale + min`, rounded to float32), so both runtimes see the same numbers.
 */
export function decodeWeights(specs: WeightSpec[], bytes: Uint8Array): Map<string, Weight> {
	const weights = new Map<string, Weight>();
	let at = 0;
	for (const spec of specs) {
		if (spec.dtype !== 'float32')
			throw new Error(`weight ${spec.name}: dtype ${spec.dtype} is not handled`);
		const count = spec.shape.reduce((a, b) => a * b, 1);
		const values = new Float32Array(count);
		const q = spec.quantization;
		if (!q) {
			if (at + count * 4 > bytes.length)
				throw new Error(`weight ${spec.name}: the weight data ends early`);
			const view = new DataView(bytes.buffer, bytes.byteOffset + at, count * 4);
			for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * 4, true);
			at += count * 4;
		} else if (
			(q.dtype === 'uint8' || q.dtype === 'uint16') &&
			q.min !== undefined &&
			q.scale !== undefined
		) {
			const size = q.dtype === 'uint8' ? 1 : 2;
			if (at + count * size > bytes.length)
				throw new Error(`weight ${spec.name}: the weight data ends early`);
			const view = new DataView(bytes.buffer, bytes.byteOffset + at, count * size);
			for (let i = 0; i < count; i++) {
				const v = size === 1 ? view.getUint8(i) : view.getUint16(i * 2, true);
				values[i] = v * q.scale + q.min;
			}
			at += count * size;
		} else {
			throw new Error(`weight ${spec.name}: quantization ${q.dtype} is not handled`);
		}
		weights.set(spec.name, { shape: spec.shape, values });
	}
	if (at !== bytes.length)
		throw new Error(`the weight data has ${bytes.length - at} bytes more than the manifest`);
	return weights;
}

/** A tensor of the graph being built: its ONNX name and shape without the batch ([C, H, W] or [N]). */
interface Value {
	name: string;
	shape: number[];
	/** Zero padding (top, left, bottom, right) not yet applied: folded into the convolution that reads it. */
	pending?: [number, number, number, number];
}

export function convertKerasToOnnx(
	topology: KerasTopology,
	weights: Map<string, Weight>,
	producerVersion: string,
): OnnxModel {
	const model = 'model_config' in topology ? topology.model_config : topology;
	if (model.class_name !== 'Model' && model.class_name !== 'Functional')
		throw new Error(`only functional Keras models are handled, not ${model.class_name}`);
	const { layers, input_layers, output_layers } = model.config;
	if (input_layers.length !== 1 || output_layers.length !== 1)
		throw new Error('only a model with one input and one output is handled');

	const nodes: OnnxNode[] = [];
	const initializers: OnnxTensor[] = [];
	const values = new Map<string, Value>();
	const used = new Set<string>();
	let inputShape: number[] | undefined;

	const weight = (layer: string, param: string, shape?: number[]): Float32Array => {
		const w = weights.get(`${layer}/${param}`);
		if (!w) throw new Error(`layer ${layer}: weight ${param} is missing`);
		if (shape && w.shape.join() !== shape.join())
			throw new Error(
				`layer ${layer}: weight ${param} has shape [${w.shape}], expected [${shape}]`,
			);
		used.add(`${layer}/${param}`);
		return w.values;
	};
	const constant = (name: string, dims: number[], data: Float32Array | BigInt64Array): string => {
		initializers.push({ name, dims, data });
		return name;
	};
	const add = (
		opType: string,
		name: string,
		inputs: string[],
		attributes?: OnnxNode['attributes'],
	) => {
		nodes.push({ opType, name, inputs, outputs: [name], ...(attributes ? { attributes } : {}) });
		return name;
	};
	/** Applies padding still pending on `v` as a Pad node, for consumers that cannot fold it. */
	const materialise = (v: Value): Value => {
		if (!v.pending) return v;
		const [t, l, b, r] = v.pending;
		const pads = constant(
			`${v.name}_pads`,
			[8],
			BigInt64Array.from([0, 0, t, l, 0, 0, b, r].map(BigInt)),
		);
		const name = add('Pad', `${v.name}_padded`, [v.name, pads]);
		return { name, shape: [v.shape[0], v.shape[1] + t + b, v.shape[2] + l + r] };
	};

	for (const layer of layers) {
		const name = layer.config.name;
		const cfg = layer.config;
		const fail = (why: string): never => {
			throw new Error(`layer ${name} (${layer.class_name}): ${why}`);
		};
		if (layer.inbound_nodes.length > 1) fail('a layer called more than once is not handled');
		const inbound = (layer.inbound_nodes[0] ?? []).map(([from]) => {
			const v = values.get(from);
			if (!v) return fail(`its input ${from} is not produced before it`);
			return v;
		});
		const one = (): Value => {
			if (inbound.length !== 1) fail(`expected one input, got ${inbound.length}`);
			return inbound[0];
		};
		const spatial = (v: Value) => {
			if (v.shape.length !== 3) fail(`expected an image-shaped input, got [${v.shape}]`);
			if (cfg.data_format !== undefined && cfg.data_format !== 'channels_last')
				fail(`data_format ${String(cfg.data_format)} is not handled`);
			return v;
		};
		const activation = (v: Value): Value => {
			const kind = (cfg.activation as string | undefined) ?? 'linear';
			if (kind === 'linear') return v;
			if (kind === 'relu') return { name: add('Relu', `${name}_relu`, [v.name]), shape: v.shape };
			if (kind === 'softmax') {
				if (v.shape.length !== 1) fail('softmax is only handled on a flat output');
				return {
					name: add('Softmax', `${name}_softmax`, [v.name], [{ name: 'axis', int: -1 }]),
					shape: v.shape,
				};
			}
			return fail(`activation ${kind} is not handled`);
		};

		switch (layer.class_name) {
			case 'InputLayer': {
				const shape = cfg.batch_input_shape as Array<number | null>;
				if (shape.length !== 4 || shape.slice(1).some((d) => typeof d !== 'number'))
					fail(`input shape [${shape}] is not an image of fixed size`);
				const [h, w, c] = shape.slice(1) as number[];
				inputShape = [c, h, w];
				values.set(name, { name: ONNX_INPUT, shape: inputShape });
				break;
			}
			case 'ZeroPadding2D': {
				const v = spatial(one());
				const [[t, b], [l, r]] = cfg.padding as [[number, number], [number, number]];
				const [pt, pl, pb, pr] = v.pending ?? [0, 0, 0, 0];
				values.set(name, {
					name: v.name,
					shape: v.shape,
					pending: [pt + t, pl + l, pb + b, pr + r],
				});
				break;
			}
			case 'Conv2D':
			case 'DepthwiseConv2D': {
				const v = spatial(one());
				const [kh, kw] = cfg.kernel_size as [number, number];
				const [sh, sw] = cfg.strides as [number, number];
				const [dh, dw] = (cfg.dilation_rate as [number, number] | undefined) ?? [1, 1];
				const [cin, hin, win] = v.shape;
				const [pt, pl, pb, pr] = v.pending ?? [0, 0, 0, 0];
				const h = hin + pt + pb;
				const w = win + pl + pr;
				let same = [0, 0, 0, 0];
				if (cfg.padding === 'same') {
					// TensorFlow's 'same': the total padding puts the extra row or column after.
					const total = (size: number, k: number, s: number, d: number) =>
						Math.max((Math.ceil(size / s) - 1) * s + (k - 1) * d + 1 - size, 0);
					const th = total(h, kh, sh, dh);
					const tw = total(w, kw, sw, dw);
					same = [
						Math.floor(th / 2),
						Math.floor(tw / 2),
						th - Math.floor(th / 2),
						tw - Math.floor(tw / 2),
					];
				} else if (cfg.padding !== 'valid') fail(`padding ${String(cfg.padding)} is not handled`);
				const pads = [pt + same[0], pl + same[1], pb + same[2], pr + same[3]];
				const depthwise = layer.class_name === 'DepthwiseConv2D';
				const multiplier = depthwise ? ((cfg.depth_multiplier as number) ?? 1) : 1;
				const cout = depthwise ? cin * multiplier : (cfg.filters as number);
				const kernel = depthwise
					? weight(name, 'depthwise_kernel', [kh, kw, cin, multiplier])
					: weight(name, 'kernel', [kh, kw, cin, cout]);
				// Keras [kh, kw, in, out] → ONNX [out, in / group, kh, kw]; a depthwise output channel is in·m + m'.
				const onnxKernel = new Float32Array(kernel.length);
				const perGroup = depthwise ? 1 : cin;
				for (let y = 0; y < kh; y++)
					for (let x = 0; x < kw; x++)
						for (let i = 0; i < cin; i++)
							for (let o = 0; o < (depthwise ? multiplier : cout); o++) {
								const from = ((y * kw + x) * cin + i) * (depthwise ? multiplier : cout) + o;
								const to = depthwise
									? ((i * multiplier + o) * kh + y) * kw + x
									: ((o * perGroup + i) * kh + y) * kw + x;
								onnxKernel[to] = kernel[from];
							}
				const inputs = [v.name, constant(`${name}_W`, [cout, perGroup, kh, kw], onnxKernel)];
				if (cfg.use_bias) inputs.push(constant(`${name}_B`, [cout], weight(name, 'bias', [cout])));
				const out = (size: number, k: number, s: number, d: number, p: number) =>
					Math.floor((size + p - ((k - 1) * d + 1)) / s) + 1;
				const conv: Value = {
					name: add('Conv', name, inputs, [
						{ name: 'kernel_shape', ints: [kh, kw] },
						{ name: 'strides', ints: [sh, sw] },
						{ name: 'dilations', ints: [dh, dw] },
						{ name: 'pads', ints: pads },
						{ name: 'group', int: depthwise ? cin : 1 },
					]),
					shape: [
						cout,
						out(hin, kh, sh, dh, pads[0] + pads[2]),
						out(win, kw, sw, dw, pads[1] + pads[3]),
					],
				};
				values.set(name, activation(conv));
				break;
			}
			case 'BatchNormalization': {
				const v = materialise(one());
				if (
					cfg.axis !== -1 &&
					!(Array.isArray(cfg.axis) ? cfg.axis[0] === v.shape.length : cfg.axis === v.shape.length)
				)
					fail(`axis ${JSON.stringify(cfg.axis)} is not the channels axis`);
				const c = v.shape[0];
				const gamma =
					cfg.scale === false ? new Float32Array(c).fill(1) : weight(name, 'gamma', [c]);
				const beta = cfg.center === false ? new Float32Array(c) : weight(name, 'beta', [c]);
				// Kept as the operator: onnxruntime folds it into the convolution before it when it loads the model.
				values.set(name, {
					name: add(
						'BatchNormalization',
						name,
						[
							v.name,
							constant(`${name}_scale`, [c], gamma),
							constant(`${name}_bias`, [c], beta),
							constant(`${name}_mean`, [c], weight(name, 'moving_mean', [c])),
							constant(`${name}_var`, [c], weight(name, 'moving_variance', [c])),
						],
						[{ name: 'epsilon', float: cfg.epsilon as number }],
					),
					shape: v.shape,
				});
				break;
			}
			case 'ReLU': {
				const v = materialise(one());
				if ((cfg.negative_slope ?? 0) !== 0 || (cfg.threshold ?? 0) !== 0)
					fail('a leaky or thresholded ReLU is not handled');
				const max = cfg.max_value as number | null | undefined;
				const node =
					max === null || max === undefined
						? add('Relu', name, [v.name])
						: add('Clip', name, [
								v.name,
								constant(`${name}_min`, [], Float32Array.of(0)),
								constant(`${name}_max`, [], Float32Array.of(max)),
							]);
				values.set(name, { name: node, shape: v.shape });
				break;
			}
			case 'Add': {
				const vs = inbound.map(materialise);
				if (vs.length < 2) fail('Add needs two inputs or more');
				if (vs.some((x) => x.shape.join() !== vs[0].shape.join()))
					fail('Add inputs differ in shape');
				values.set(name, {
					name: add(
						vs.length === 2 ? 'Add' : 'Sum',
						name,
						vs.map((x) => x.name),
					),
					shape: vs[0].shape,
				});
				break;
			}
			case 'AveragePooling2D': {
				const v = materialise(spatial(one()));
				const [kh, kw] = cfg.pool_size as [number, number];
				const [sh, sw] = (cfg.strides as [number, number] | null) ?? [kh, kw];
				const [c, h, w] = v.shape;
				if (cfg.padding !== 'valid') fail(`padding ${String(cfg.padding)} is not handled`);
				values.set(name, {
					name: add(
						'AveragePool',
						name,
						[v.name],
						[
							{ name: 'kernel_shape', ints: [kh, kw] },
							{ name: 'strides', ints: [sh, sw] },
						],
					),
					shape: [c, Math.floor((h - kh) / sh) + 1, Math.floor((w - kw) / sw) + 1],
				});
				break;
			}
			case 'GlobalAveragePooling2D': {
				const v = materialise(spatial(one()));
				const pooled = add('GlobalAveragePool', `${name}_pool`, [v.name]);
				values.set(name, { name: add('Flatten', name, [pooled]), shape: [v.shape[0]] });
				break;
			}
			case 'Flatten': {
				const v = materialise(one());
				const size = v.shape.reduce((a, b) => a * b, 1);
				// Keras flattens (H, W, C); one pixel needs no reordering.
				const ordered =
					v.shape.length === 3 && v.shape[1] * v.shape[2] > 1
						? add('Transpose', `${name}_nhwc`, [v.name], [{ name: 'perm', ints: [0, 2, 3, 1] }])
						: v.name;
				values.set(name, { name: add('Flatten', name, [ordered]), shape: [size] });
				break;
			}
			case 'Dense': {
				const v = materialise(one());
				if (v.shape.length !== 1) fail(`a Dense layer on shape [${v.shape}] is not handled`);
				const units = cfg.units as number;
				const inputs = [
					v.name,
					constant(`${name}_W`, [v.shape[0], units], weight(name, 'kernel', [v.shape[0], units])),
				];
				if (cfg.use_bias)
					inputs.push(constant(`${name}_B`, [units], weight(name, 'bias', [units])));
				values.set(name, activation({ name: add('Gemm', name, inputs), shape: [units] }));
				break;
			}
			case 'Dropout':
				// Inference only: dropout passes its input through.
				values.set(name, one());
				break;
			default:
				fail('this layer type is not handled');
		}
	}

	const unused = [...weights.keys()].filter((k) => !used.has(k));
	if (unused.length)
		throw new Error(`weights not used by any layer: ${unused.slice(0, 5).join(', ')}`);
	const last = values.get(output_layers[0][0]);
	if (!last || !inputShape) throw new Error('the model has no input or no output');
	const output = materialise(last);
	nodes.push({
		opType: 'Identity',
		name: ONNX_OUTPUT,
		inputs: [output.name],
		outputs: [ONNX_OUTPUT],
	});
	return {
		producerName: 'reelforge-keras-to-onnx',
		producerVersion,
		opset: 13,
		graph: {
			name: 'keras',
			nodes,
			initializers,
			inputs: [{ name: ONNX_INPUT, shape: ['batch', ...inputShape] }],
			outputs: [{ name: ONNX_OUTPUT, shape: ['batch', ...output.shape] }],
		},
	};
}
