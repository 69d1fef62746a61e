/**
 * RGBA → yuv420p (I420) for the encoder's pipe, done where the frame is drawn: ffmpeg's swscale
 * spent ~6–7 ms of CPU a 1080×1920 frame on it, and the pipe then carried 8.3 MB a frame instead
 * of 3.1 MB. This is a WebAssembly SIMD kernel (~3.5 ms a frame), with the same integer arithmetic
 * as the scalar code beside it (used for the columns past the last 16 and where WebAssembly SIMD
 * is missing), so both give identical bytes.
 *
 * The colour maths is swscale's default for these frames: BT.601, limited range;
 * Y = (66 R + 129 G + 25 B + 4224) >> 8, and U, V from the rounded mean of each 2×2 block (the
 * same as libyuv's ABGRToI420). Against swscale's filtered chroma it differs by a level or two at
 * sharp colour edges (at most 4, 0.1 on average); luma by at most one level of rounding.
 *
 * The module is written out here as bytes (no toolchain, no binary file): `kernel()` is one
 * function, `rows(a, y, u, v, width, blocks)`, converting two rows, 16 pixels a step.
 */

const Y_R = 66;
const Y_G = 129;
const Y_B = 25;
const Y_BIAS = 0x1080; // 16.5 << 8: the +16 offset and rounding
const C_BIAS = 0x8080; // 128.5 << 8
// U = (112 B − 74 G − 38 R + C_BIAS) >> 8; V = (112 R − 94 G − 18 B + C_BIAS) >> 8
const U_K = [112, 74, 38] as const;
const V_K = [112, 94, 18] as const;

/** The scalar conversion of the 2×2 block at (x, y); also the reference the kernel must match. */
function convertBlock(
	src: Uint8Array,
	srcOffset: number,
	width: number,
	x: number,
	y: number,
	out: Uint8Array,
	yOffset: number,
	uOffset: number,
	vOffset: number,
): void {
	let r = 0;
	let g = 0;
	let b = 0;
	for (let dy = 0; dy < 2; dy++)
		for (let dx = 0; dx < 2; dx++) {
			const p = srcOffset + ((y + dy) * width + x + dx) * 4;
			const pr = src[p];
			const pg = src[p + 1];
			const pb = src[p + 2];
			out[yOffset + (y + dy) * width + x + dx] = (Y_R * pr + Y_G * pg + Y_B * pb + Y_BIAS) >> 8;
			r += pr;
			g += pg;
			b += pb;
		}
	r = (r + 2) >> 2;
	g = (g + 2) >> 2;
	b = (b + 2) >> 2;
	const c = (y >> 1) * (width >> 1) + (x >> 1);
	out[uOffset + c] = (U_K[0] * b - U_K[1] * g - U_K[2] * r + C_BIAS) >> 8;
	out[vOffset + c] = (V_K[0] * r - V_K[1] * g - V_K[2] * b + C_BIAS) >> 8;
}

/** Plain-JavaScript conversion of columns [fromX, width) of the frame; width and height even. */
export function rgbaToI420Scalar(
	src: Uint8Array,
	width: number,
	height: number,
	out: Uint8Array = new Uint8Array((width * height * 3) / 2),
	fromX = 0,
	srcOffset = 0,
	outOffset = 0,
): Uint8Array {
	const u = outOffset + width * height;
	const v = u + (width * height) / 4;
	for (let y = 0; y < height; y += 2)
		for (let x = fromX; x < width; x += 2)
			convertBlock(src, srcOffset, width, x, y, out, outOffset, u, v);
	return out;
}

// ---- the WebAssembly module, as bytes ------------------------------------------------------

const uleb = (n: number): number[] => {
	const out = [];
	do {
		let byte = n & 0x7f;
		n >>>= 7;
		if (n) byte |= 0x80;
		out.push(byte);
	} while (n);
	return out;
};
const sleb = (n: number): number[] => {
	const out = [];
	for (;;) {
		const byte = n & 0x7f;
		n >>= 7;
		if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) return [...out, byte];
		out.push(byte | 0x80);
	}
};
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];

const I32 = 0x7f;
const V128 = 0x7b;
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const tee = (i: number) => [0x22, i];
const i32 = (n: number) => [0x41, ...sleb(n)];
const simd = (code: number, ...immediates: number[]) => [0xfd, ...uleb(code), ...immediates];
const splat16 = (n: number) =>
	simd(0x0c, ...Array.from({ length: 8 }, () => [n & 0xff, n >> 8]).flat());
const splat32 = (n: number) =>
	simd(0x0c, ...Array.from({ length: 4 }, () => [n & 0xff, (n >> 8) & 0xff, 0, 0]).flat());
const load = (base: number, offset: number) => [...get(base), ...simd(0x00, 4, ...uleb(offset))];
const OP = {
	i32Add: [0x6a],
	i32Sub: [0x6b],
	i32Shl: [0x74],
	shuffle: (lanes: number[]) => simd(0x0d, ...lanes),
	extendLowU: simd(0x89),
	extendHighU: simd(0x8a),
	narrow16to8U: simd(0x66),
	narrow32to16U: simd(0x86),
	i16Add: simd(0x8e),
	i16Mul: simd(0x95),
	i16ShrU: simd(0x8d),
	pairwiseU: simd(0x7f),
	i32x4Add: simd(0xae),
	i32x4Sub: simd(0xb1),
	i32x4Mul: simd(0xb5),
	i32x4ShrU: simd(0xad),
	lane64: simd(0x1d, 0),
};

// Parameters 0–5: a (row A's RGBA), ya (row A's luma), u, v, width, blocks (16-pixel steps).
const [A, YA, U, V, WIDTH, BLOCKS] = [0, 1, 2, 3, 4, 5];
// Locals: row B's RGBA and luma, two scratch vectors, R/G/B of both rows (low and high 8 pixels),
// and the 2×2 means (low and high 4 blocks).
const [B, YB, T] = [6, 7, 8]; // local 9 is spare scratch
const ROW = {
	A: { r: [10, 13], g: [11, 14], b: [12, 15] },
	B: { r: [16, 19], g: [17, 20], b: [18, 21] },
};
const MEAN = { r: [22, 25], g: [23, 26], b: [24, 27] };
const RG_LANES = [0, 4, 8, 12, 16, 20, 24, 28, 1, 5, 9, 13, 17, 21, 25, 29];
const B_LANES = [2, 6, 10, 14, 18, 22, 26, 30, 2, 6, 10, 14, 18, 22, 26, 30];

/** R, G, B of 8 pixels (32 bytes at `base + offset`) as u16 lanes, into the given locals. */
function unpack(base: number, offset: number, r: number, g: number, b: number): number[] {
	return [
		...load(base, offset),
		...load(base, offset + 16),
		...OP.shuffle(RG_LANES),
		...tee(T),
		...OP.extendLowU,
		...set(r),
		...get(T),
		...OP.extendHighU,
		...set(g),
		...load(base, offset),
		...load(base, offset + 16),
		...OP.shuffle(B_LANES),
		...OP.extendLowU,
		...set(b),
	];
}

/** Luma of 8 pixels (u16 lanes) from their R, G, B locals. */
function luma(r: number, g: number, b: number): number[] {
	return [
		...get(r),
		...splat16(Y_R),
		...OP.i16Mul,
		...get(g),
		...splat16(Y_G),
		...OP.i16Mul,
		...OP.i16Add,
		...get(b),
		...splat16(Y_B),
		...OP.i16Mul,
		...splat16(Y_BIAS),
		...OP.i16Add,
		...OP.i16Add,
		...i32(8),
		...OP.i16ShrU,
	];
}

/** Both halves of one row: 16 pixels unpacked, their luma stored at `yBase`. */
function row(base: number, yBase: number, locals: typeof ROW.A): number[] {
	return [
		...unpack(base, 0, locals.r[0], locals.g[0], locals.b[0]),
		...unpack(base, 32, locals.r[1], locals.g[1], locals.b[1]),
		...get(yBase),
		...luma(locals.r[0], locals.g[0], locals.b[0]),
		...luma(locals.r[1], locals.g[1], locals.b[1]),
		...OP.narrow16to8U,
		...simd(0x0b, 4, 0), // v128.store
	];
}

/** The rounded 2×2 means (i32 lanes) of one channel, for the low or high half. */
function mean(channel: 'r' | 'g' | 'b', half: 0 | 1): number[] {
	return [
		...get(ROW.A[channel][half]),
		...get(ROW.B[channel][half]),
		...OP.i16Add,
		...OP.pairwiseU,
		...splat32(2),
		...OP.i32x4Add,
		...i32(2),
		...OP.i32x4ShrU,
		...set(MEAN[channel][half]),
	];
}

/** (k0 p − k1 q − k2 s + C_BIAS) >> 8 for one half, as i32 lanes. */
function chroma(half: 0 | 1, [p, q, s]: Array<'r' | 'g' | 'b'>, k: readonly number[]): number[] {
	const times = (channel: 'r' | 'g' | 'b', factor: number) => [
		...get(MEAN[channel][half]),
		...i32(factor),
		...simd(0x11), // i32x4.splat
		...OP.i32x4Mul,
	];
	return [
		...times(p, k[0]),
		...splat32(C_BIAS),
		...OP.i32x4Add,
		...times(q, k[1]),
		...times(s, k[2]),
		...OP.i32x4Add,
		...OP.i32x4Sub,
		...i32(8),
		...OP.i32x4ShrU,
	];
}

/** 8 chroma samples (both halves) stored at the pointer in local `at`, then the pointer moved on. */
function storeChroma(at: number, order: Array<'r' | 'g' | 'b'>, k: readonly number[]): number[] {
	return [
		...get(at),
		...chroma(0, order, k),
		...chroma(1, order, k),
		...OP.narrow32to16U,
		...tee(T),
		...get(T),
		...OP.narrow16to8U,
		...OP.lane64,
		0x37, // i64.store
		3,
		0,
	];
}

const advance = (local: number, by: number) => [
	...get(local),
	...i32(by),
	...OP.i32Add,
	...set(local),
];

function kernel(): Uint8Array {
	const body = [
		// row B starts one RGBA row (width × 4) after row A; its luma one luma row after A's
		...get(A),
		...get(WIDTH),
		...i32(2),
		...OP.i32Shl,
		...OP.i32Add,
		...set(B),
		...get(YA),
		...get(WIDTH),
		...OP.i32Add,
		...set(YB),
		0x03, // loop
		0x40,
		...row(A, YA, ROW.A),
		...row(B, YB, ROW.B),
		...(['r', 'g', 'b'] as const).flatMap((c) => [...mean(c, 0), ...mean(c, 1)]),
		...storeChroma(U, ['b', 'g', 'r'], U_K),
		...storeChroma(V, ['r', 'g', 'b'], V_K),
		...advance(A, 64),
		...advance(B, 64),
		...advance(YA, 16),
		...advance(YB, 16),
		...advance(U, 8),
		...advance(V, 8),
		...get(BLOCKS),
		...i32(1),
		...OP.i32Sub,
		...tee(BLOCKS),
		0x0d, // br_if 0: back to the loop while blocks remain
		0,
		0x0b, // end loop
		0x0b, // end function
	];
	const locals = vector([
		[2, I32],
		[20, V128],
	]);
	const code = [...locals, ...body];
	return Uint8Array.from([
		0x00,
		0x61,
		0x73,
		0x6d,
		0x01,
		0x00,
		0x00,
		0x00,
		...section(1, vector([[0x60, ...vector([[I32], [I32], [I32], [I32], [I32], [I32]]), 0]])),
		...section(3, vector([[0]])),
		...section(5, vector([[0x00, 1]])),
		...section(
			7,
			vector([
				[...vector(Array.from('memory', (c) => [c.charCodeAt(0)])), 0x02, 0],
				[...vector(Array.from('rows', (c) => [c.charCodeAt(0)])), 0x00, 0],
			]),
		),
		...section(10, vector([[...uleb(code.length), ...code]])),
	]);
}

// ---- the converter ------------------------------------------------------------------------

// The renderer compiles without the DOM lib, which is where TypeScript declares WebAssembly.
interface WasmRuntime {
	validate(bytes: Uint8Array): boolean;
	Module: new (bytes: Uint8Array) => object;
	Instance: new (module: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly;

interface Kernel {
	memory: { buffer: ArrayBuffer; grow(pages: number): number };
	rows: (a: number, ya: number, u: number, v: number, width: number, blocks: number) => void;
}

let compiled: Kernel | null | undefined;

function instance(): Kernel | null {
	if (compiled !== undefined) return compiled;
	try {
		const bytes = kernel();
		compiled = wasm.validate(bytes)
			? (new wasm.Instance(new wasm.Module(bytes)).exports as Kernel)
			: null;
	} catch {
		compiled = null;
	}
	return compiled;
}

/** Whether the SIMD kernel runs here (else the scalar code does all the work). */
export function simdConversion(): boolean {
	return instance() !== null;
}

/**
 * Rows converted per pass: the strip's RGBA (~280 KB at 1080 wide) and its I420 stay in the core's
 * cache between the copy into the kernel's memory, the kernel and the copy out. Copying the whole
 * frame in first wrote 8 MB to memory and read it back (~0.7 ms a 1080×1920 frame).
 */
const STRIP_ROWS = 64;

/**
 * Converts an RGBA frame (width and height even) into a new I420 buffer: the Y plane, then U, then
 * V. The frame goes through the kernel's memory a strip of rows at a time (the memory grows to one
 * strip of the widest frame converted).
 */
export function rgbaToI420(
	rgba: Uint8Array,
	width: number,
	height: number,
	/** Where to write the frame (width*height*3/2 bytes) instead of a new buffer. */
	into?: Uint8Array,
): Buffer {
	if (width % 2 || height % 2) throw new Error(`I420 needs an even size, not ${width}x${height}`);
	const size = (width * height * 3) / 2;
	if (into && into.length < size) throw new Error(`I420 needs ${size} bytes, not ${into.length}`);
	const out = into
		? Buffer.from(into.buffer, into.byteOffset, size)
		: Buffer.allocUnsafe((width * height * 3) / 2);
	const k = instance();
	if (!k) return rgbaToI420Scalar(rgba, width, height, out) as Buffer;
	const strip = Math.min(STRIP_ROWS, height);
	const need = (width * strip * 11) / 2;
	const have = k.memory.buffer.byteLength;
	if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
	const heap = new Uint8Array(k.memory.buffer);
	const blocks = width >> 4;
	const outU = width * height;
	const outV = outU + (width * height) / 4;
	for (let top = 0; top < height; top += strip) {
		// A strip is laid out in the kernel's memory as a frame of its own: RGBA, then Y, U, V.
		const rows = Math.min(strip, height - top);
		heap.set(rgba.subarray(top * width * 4, (top + rows) * width * 4), 0);
		const y0 = width * rows * 4;
		const u0 = y0 + width * rows;
		const v0 = u0 + (width * rows) / 4;
		if (blocks)
			for (let y = 0; y < rows; y += 2) {
				const c = (y >> 1) * (width >> 1);
				k.rows(y * width * 4, y0 + y * width, u0 + c, v0 + c, width, blocks);
			}
		if (blocks * 16 < width) rgbaToI420Scalar(heap, width, rows, heap, blocks * 16, 0, y0);
		const chroma = (width * rows) / 4;
		const at = (top * width) / 4;
		out.set(heap.subarray(y0, u0), top * width);
		out.set(heap.subarray(u0, v0), outU + at);
		out.set(heap.subarray(v0, v0 + chroma), outV + at);
	}
	return out;
}
