/**
 * Builds the ONNX filter graphs of a style. The full graph is the definition of the look:
 *   frame[1,3,H,W] (0..1) → grade (pointwise) → blur → outline (Sobel of luma) → × vignette
 *   → + grain → clip.
 * The grade-only graph is the same pointwise subgraph on a [1,3,1,N] strip, used to bake the
 * grade into a 3D LUT for the fast path.
 */
import { encodeModel, FLOAT, INT64, type Graph, type Node, type Tensor } from './onnxProto';
import { colourMatrix, LUMA, type StyleParams } from './styles';

class GraphBuilder {
	readonly nodes: Node[] = [];
	readonly initializers: Tensor[] = [];
	private count = 0;

	constant(
		dims: number[],
		values: readonly number[],
		type: typeof FLOAT | typeof INT64 = FLOAT,
	): string {
		const name = `c${this.initializers.length}`;
		this.initializers.push({ name, dims, type, values });
		return name;
	}

	op(op: string, inputs: string[], attributes?: Node['attributes']): string {
		const out = `t${this.count++}`;
		this.nodes.push({ op, inputs, outputs: [out], attributes });
		return out;
	}
}

function grade(b: GraphBuilder, x: string, p: StyleParams): string {
	const { matrix, offset } = colourMatrix(p);
	let y = b.op('Conv', [x, b.constant([3, 3, 1, 1], matrix.flat()), b.constant([3], offset)]);
	const zero = b.constant([], [0]);
	const one = b.constant([], [1]);
	y = b.op('Clip', [y, zero, one]);
	// Split-tone: add a colour in proportion to how far luma is from mid-grey.
	const luma = b.op('Conv', [y, b.constant([1, 3, 1, 1], LUMA), b.constant([1], [-0.5])]);
	y = b.op('Add', [y, b.op('Mul', [luma, b.constant([1, 3, 1, 1], p.splitTone)])]);
	y = b.op('Clip', [y, zero, one]);
	// S-curve: blend towards smoothstep(y) = y²(3 − 2y).
	if (p.sCurve) {
		const smooth = b.op('Mul', [
			b.op('Mul', [y, y]),
			b.op('Sub', [b.constant([], [3]), b.op('Mul', [y, b.constant([], [2])])]),
		]);
		y = b.op('Add', [y, b.op('Mul', [b.op('Sub', [smooth, y]), b.constant([], [p.sCurve])])]);
	}
	y = b.op('Pow', [y, b.constant([1, 3, 1, 1], p.gamma)]);
	return b.op('Clip', [y, zero, one]);
}

const reflectPad = (b: GraphBuilder, x: string, n: number) =>
	b.op('Pad', [x, b.constant([8], [0, 0, n, n, 0, 0, n, n], INT64)], { mode: { s: 'reflect' } });

const depthwise = (b: GraphBuilder, x: string, k: number, kernel: number[]) =>
	b.op('Conv', [x, b.constant([3, 1, k, k], [...kernel, ...kernel, ...kernel])], {
		group: { i: 3 },
	});

/** The 5×5 binomial kernel (outer product of 1 4 6 4 1), in integer weights over 256. */
export const BLUR_KERNEL = [1, 4, 6, 4, 1].flatMap((a) => [1, 4, 6, 4, 1].map((b) => a * b));
export const SOBEL_X = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
export const SOBEL_Y = [-1, -2, -1, 0, 0, 0, 1, 2, 1];
/** BT.601 luma weights: the Y the encoder's RGB→YUV conversion computes. */
export const OUTLINE_LUMA = [0.299, 0.587, 0.114];

export function buildStyleGraph(p: StyleParams, width: number, height: number): Uint8Array {
	const b = new GraphBuilder();
	let y = grade(b, 'frame', p);
	if (p.blur)
		y = depthwise(
			b,
			reflectPad(b, y, 2),
			5,
			BLUR_KERNEL.map((v) => v / 256),
		);
	if (p.outline) {
		// Edges of the luma (BT.601, as the encoder's Y), darkening all three channels alike.
		const luma = b.op('Conv', [y, b.constant([1, 3, 1, 1], OUTLINE_LUMA)]);
		const padded = reflectPad(b, luma, 1);
		const gx = b.op('Conv', [padded, b.constant([1, 1, 3, 3], SOBEL_X)]);
		const gy = b.op('Conv', [padded, b.constant([1, 1, 3, 3], SOBEL_Y)]);
		const edges = b.op('Sqrt', [b.op('Add', [b.op('Mul', [gx, gx]), b.op('Mul', [gy, gy])])]);
		y = b.op('Sub', [y, b.op('Mul', [edges, b.constant([], [p.outline])])]);
		y = b.op('Clip', [y, b.constant([], [0]), b.constant([], [1])]);
	}
	y = b.op('Mul', [y, 'vignette']);
	y = b.op('Add', [y, 'grain']);
	const out = b.op('Clip', [y, b.constant([], [0]), b.constant([], [1])]);
	b.nodes[b.nodes.length - 1].outputs = ['styled'];
	void out;
	const graph: Graph = {
		name: 'reelforge_style',
		nodes: b.nodes,
		initializers: b.initializers,
		inputs: [
			{ name: 'frame', shape: [1, 3, height, width] },
			{ name: 'vignette', shape: [1, 1, height, width] },
			{ name: 'grain', shape: [1, 3, height, width] },
		],
		outputs: [{ name: 'styled', shape: [1, 3, height, width] }],
	};
	return encodeModel(graph);
}

export function buildGradeGraph(p: StyleParams): Uint8Array {
	const b = new GraphBuilder();
	grade(b, 'frame', p);
	b.nodes[b.nodes.length - 1].outputs = ['graded'];
	return encodeModel({
		name: 'reelforge_grade',
		nodes: b.nodes,
		initializers: b.initializers,
		inputs: [{ name: 'frame', shape: [1, 3, 1, 'n'] }],
		outputs: [{ name: 'graded', shape: [1, 3, 1, 'n'] }],
	});
}
