/**
 * The few ONNX messages a converted model needs (ModelProto, GraphProto, NodeProto, AttributeProto,
 * TensorProto, ValueInfoProto), written as protobuf by hand: varints and length-delimited fields,
 * field numbers from the public onnx.proto. Only what the converter emits is encoded; there is no
 * reader (onnxruntime reads the result).
 */

/** TensorProto.DataType values used here. */
export const TensorType = { FLOAT: 1, INT64: 7 } as const;

export interface OnnxTensor {
	name: string;
	dims: number[];
	/** FLOAT data (stored as raw little-endian bytes) or INT64 data. */
	data: Float32Array | BigInt64Array;
}

export type OnnxAttribute =
	| { name: string; int: number }
	| { name: string; ints: number[] }
	| { name: string; float: number }
	| { name: string; string: string };

export interface OnnxNode {
	opType: string;
	name: string;
	inputs: string[];
	outputs: string[];
	attributes?: OnnxAttribute[];
}

export interface OnnxValueInfo {
	name: string;
	/** A dimension is a size, or a symbolic name (e.g. the batch). */
	shape: Array<number | string>;
}

export interface OnnxModel {
	producerName: string;
	producerVersion: string;
	/** The default domain's opset version. */
	opset: number;
	graph: {
		name: string;
		nodes: OnnxNode[];
		initializers: OnnxTensor[];
		inputs: OnnxValueInfo[];
		outputs: OnnxValueInfo[];
	};
}

/** IR version 8 (ONNX 1.10+): what opset 13 models declare; onnxruntime 1.x reads it. */
const IR_VERSION = 8;

/** Protobuf wire types. */
const VARINT = 0;
const FIXED32 = 5;
const LENGTH_DELIMITED = 2;

/** Collects one message's bytes. */
class Writer {
	private chunks: Uint8Array[] = [];
	private size = 0;

	private push(bytes: Uint8Array): void {
		this.chunks.push(bytes);
		this.size += bytes.length;
	}

	private varint(value: bigint): void {
		// Negative int64 values are written as their two's-complement 64-bit form (ten bytes).
		let v = BigInt.asUintN(64, value);
		const out: number[] = [];
		do {
			const low = Number(v & 0x7fn);
			v >>= 7n;
			out.push(v === 0n ? low : low | 0x80);
		} while (v !== 0n);
		this.push(Uint8Array.from(out));
	}

	private tag(field: number, wire: number): void {
		this.varint(BigInt((field << 3) | wire));
	}

	int(field: number, value: number | bigint): this {
		this.tag(field, VARINT);
		this.varint(BigInt(value));
		return this;
	}

	float(field: number, value: number): this {
		this.tag(field, FIXED32);
		const bytes = new Uint8Array(4);
		new DataView(bytes.buffer).setFloat32(0, value, true);
		this.push(bytes);
		return this;
	}

	bytes(field: number, value: Uint8Array): this {
		this.tag(field, LENGTH_DELIMITED);
		this.varint(BigInt(value.length));
		this.push(value);
		return this;
	}

	string(field: number, value: string): this {
		return this.bytes(field, new TextEncoder().encode(value));
	}

	message(field: number, inner: Writer): this {
		return this.bytes(field, inner.finish());
	}

	/** A packed repeated varint field. */
	packedInts(field: number, values: Array<number | bigint>): this {
		const inner = new Writer();
		for (const v of values) inner.varint(BigInt(v));
		return this.bytes(field, inner.finish());
	}

	finish(): Uint8Array {
		const out = new Uint8Array(this.size);
		let at = 0;
		for (const chunk of this.chunks) {
			out.set(chunk, at);
			at += chunk.length;
		}
		return out;
	}
}

function tensor(t: OnnxTensor): Writer {
	const w = new Writer();
	w.packedInts(1, t.dims); // dims
	if (t.data instanceof Float32Array) {
		w.int(2, TensorType.FLOAT);
		w.string(8, t.name);
		// raw_data is little-endian; copy so the view's byte offset and this machine's order do not matter.
		const raw = new Uint8Array(t.data.length * 4);
		const view = new DataView(raw.buffer);
		t.data.forEach((v, i) => view.setFloat32(i * 4, v, true));
		w.bytes(9, raw);
	} else {
		w.int(2, TensorType.INT64);
		w.packedInts(7, Array.from(t.data)); // int64_data
		w.string(8, t.name);
	}
	return w;
}

/** AttributeProto.AttributeType values. */
const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, INTS: 7 } as const;

function attribute(a: OnnxAttribute): Writer {
	const w = new Writer().string(1, a.name);
	if ('int' in a) w.int(3, a.int).int(20, AttributeType.INT);
	else if ('ints' in a) w.packedInts(8, a.ints).int(20, AttributeType.INTS);
	else if ('float' in a) w.float(2, a.float).int(20, AttributeType.FLOAT);
	else w.string(4, a.string).int(20, AttributeType.STRING);
	return w;
}

function node(n: OnnxNode): Writer {
	const w = new Writer();
	for (const input of n.inputs) w.string(1, input);
	for (const output of n.outputs) w.string(2, output);
	w.string(3, n.name).string(4, n.opType);
	for (const a of n.attributes ?? []) w.message(5, attribute(a));
	return w;
}

function valueInfo(v: OnnxValueInfo): Writer {
	const shape = new Writer();
	for (const d of v.shape)
		shape.message(1, typeof d === 'number' ? new Writer().int(1, d) : new Writer().string(2, d));
	const tensorType = new Writer().int(1, TensorType.FLOAT).message(2, shape);
	return new Writer().string(1, v.name).message(2, new Writer().message(1, tensorType));
}

/** The model as an ONNX file's bytes. */
export function encodeModel(model: OnnxModel): Uint8Array {
	const graph = new Writer();
	for (const n of model.graph.nodes) graph.message(1, node(n));
	graph.string(2, model.graph.name);
	for (const t of model.graph.initializers) graph.message(5, tensor(t));
	for (const v of model.graph.inputs) graph.message(11, valueInfo(v));
	for (const v of model.graph.outputs) graph.message(12, valueInfo(v));
	return new Writer()
		.int(1, IR_VERSION)
		.string(2, model.producerName)
		.string(3, model.producerVersion)
		.message(7, graph)
		.message(8, new Writer().string(1, '').int(2, model.opset))
		.finish();
}
