/**
 * A minimal writer for the ONNX protobuf messages the style graphs need (ModelProto, GraphProto,
 * NodeProto, AttributeProto, TensorProto, ValueInfoProto), so the graphs are built from
 * TypeScript at run time and no model binary is committed. Field numbers follow onnx.proto3.
 */

class ProtoWriter {
	private readonly bytes: number[] = [];

	private varint(value: number): void {
		let v = value;
		while (v > 0x7f) {
			this.bytes.push((v & 0x7f) | 0x80);
			v = Math.floor(v / 128);
		}
		this.bytes.push(v);
	}

	private key(field: number, wire: number): void {
		this.varint(field * 8 + wire);
	}

	int(field: number, value: number): this {
		if (value < 0) throw new Error('negative varints are not needed by the style graphs');
		this.key(field, 0);
		this.varint(value);
		return this;
	}

	float(field: number, value: number): this {
		this.key(field, 5);
		const b = Buffer.alloc(4);
		b.writeFloatLE(value);
		this.bytes.push(...b);
		return this;
	}

	bytesField(field: number, data: Uint8Array): this {
		this.key(field, 2);
		this.varint(data.length);
		for (const x of data) this.bytes.push(x);
		return this;
	}

	string(field: number, text: string): this {
		return this.bytesField(field, Buffer.from(text, 'utf8'));
	}

	message(field: number, inner: ProtoWriter): this {
		return this.bytesField(field, inner.finish());
	}

	/** A packed repeated int64 field (signed values as two's complement varints). */
	packedInts(field: number, values: readonly number[]): this {
		const inner = new ProtoWriter();
		for (const v of values) {
			if (v >= 0) inner.varint(v);
			else {
				// int64 negative: 10-byte two's complement varint.
				let big = BigInt.asUintN(64, BigInt(v));
				for (let i = 0; i < 10; i++) {
					const byte = Number(big & 0x7fn);
					big >>= 7n;
					inner.bytes.push(big > 0n ? byte | 0x80 : byte);
					if (big === 0n) break;
				}
			}
		}
		return this.bytesField(field, inner.finish());
	}

	finish(): Uint8Array {
		return Uint8Array.from(this.bytes);
	}
}

export const FLOAT = 1;
export const INT64 = 7;

export interface Tensor {
	name: string;
	dims: number[];
	type: typeof FLOAT | typeof INT64;
	values: readonly number[] | Float32Array;
}

export type AttributeValue =
	| { f: number }
	| { i: number }
	| { s: string }
	| { ints: number[] }
	| { floats: number[] };

export interface Node {
	op: string;
	inputs: string[];
	outputs: string[];
	attributes?: Record<string, AttributeValue>;
}

export interface ValueInfo {
	name: string;
	/** A dimension is a size or a symbolic name. */
	shape: (number | string)[];
}

export interface Graph {
	name: string;
	nodes: Node[];
	initializers: Tensor[];
	inputs: ValueInfo[];
	outputs: ValueInfo[];
}

function tensor(t: Tensor): ProtoWriter {
	const w = new ProtoWriter().packedInts(1, t.dims).int(2, t.type).string(8, t.name);
	const raw =
		t.type === FLOAT
			? Buffer.from(Float32Array.from(t.values).buffer)
			: Buffer.from(BigInt64Array.from(Array.from(t.values, (v) => BigInt(v))).buffer);
	return w.bytesField(9, raw);
}

function attribute(name: string, value: AttributeValue): ProtoWriter {
	const w = new ProtoWriter().string(1, name);
	if ('f' in value) return w.float(2, value.f).int(20, 1);
	if ('i' in value) return w.int(3, value.i).int(20, 2);
	if ('s' in value) return w.string(4, value.s).int(20, 3);
	if ('floats' in value) {
		for (const f of value.floats) w.float(7, f);
		return w.int(20, 6);
	}
	return w.packedInts(8, value.ints).int(20, 7);
}

function valueInfo(v: ValueInfo): ProtoWriter {
	const shape = new ProtoWriter();
	for (const d of v.shape)
		shape.message(
			1,
			typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d),
		);
	const tensorType = new ProtoWriter().int(1, FLOAT).message(2, shape);
	return new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensorType));
}

/** Serialises a graph as an ONNX model (IR version 8, default opset 13). */
export function encodeModel(graph: Graph): Uint8Array {
	const g = new ProtoWriter();
	graph.nodes.forEach((n, i) => {
		const node = new ProtoWriter();
		for (const input of n.inputs) node.string(1, input);
		for (const output of n.outputs) node.string(2, output);
		node.string(3, `${n.op.toLowerCase()}_${i}`).string(4, n.op);
		for (const [name, value] of Object.entries(n.attributes ?? {}))
			node.message(5, attribute(name, value));
		g.message(1, node);
	});
	g.string(2, graph.name);
	for (const t of graph.initializers) g.message(5, tensor(t));
	for (const v of graph.inputs) g.message(11, valueInfo(v));
	for (const v of graph.outputs) g.message(12, valueInfo(v));
	return new ProtoWriter()
		.int(1, 8)
		.string(2, 'reelforge')
		.message(7, g)
		.message(8, new ProtoWriter().string(1, '').int(2, 13))
		.finish();
}
