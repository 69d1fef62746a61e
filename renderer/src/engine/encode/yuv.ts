/**
 * RGBA → yuv420p (I420) for the encoder's pipe, done where the frame is drawn: ffmpeg's swscale
 * spent ~6–7 ms of CPU a 1080×1920 frame on it, and the pipe then carried 8.3 MB a frame instead
 * of 3.1 MB. This is a WebAssembly SIMD kernel (~1.7 ms a frame, its copies in and out included),
 * with the same integer arithmetic as the scalar code beside it (used for the columns past the last
 * 16 and where WebAssembly SIMD is missing), so both give identical bytes.
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
const i32 = (n: number) => [0x41, ...sleb(n | 0)];
const simd = (code: number, ...immediates: number[]) => [0xfd, ...uleb(code), ...immediates];
const OP = {
	i32Add: [0x6a],
	i32Sub: [0x6b],
	i32Shl: [0x74],
	load: (base: number, offset: number) => [...get(base), ...simd(0x00, 4, ...uleb(offset))],
	store: simd(0x0b, 4, 0),
	splat32: simd(0x11),
	and: simd(0x4e),
	narrow16to8U: simd(0x66),
	narrow32to16U: simd(0x86),
	i16Add: simd(0x8e),
	i16ShrU: simd(0x8d),
	i32x4Add: simd(0xae),
	i32x4ShrU: simd(0xad),
	i64x2ShrU: simd(0xcd),
	dot: simd(0xba), // i32x4.dot_i16x8_s: lane k = a[2k]·b[2k] + a[2k+1]·b[2k+1]
	lane64: simd(0x1d, 0),
};

/*
 * The kernel works on 4 pixels a vector, as they lie in memory (R, G, B, A bytes): masked with
 * 0x00ff00ff a pixel's 32 bits are R and B as two 16-bit lanes; shifted right by 8 per 16-bit lane,
 * G and A. A dot product of 16-bit pairs then gives each pixel's weighted sum in its own 32-bit
 * lane (66 R + 25 B, plus 129 G + 0 A), with no shuffles: V8 builds a two-input shuffle's masks
 * afresh on every pass, which cost more than the arithmetic in the first version of this kernel.
 * For chroma the two rows are added, then each pixel pair (the 64-bit halves shifted by 32 and
 * added), so each 2×2 block's sums land in the even 32-bit lanes; the odd lanes carry what is left
 * of the pair and are dropped when the results are narrowed.
 */

// Parameters 0–5: a (row A's RGBA), ya (row A's luma), u, v, width, blocks (16-pixel steps).
const [A, YA, U, V, WIDTH, BLOCKS] = [0, 1, 2, 3, 4, 5];
// Locals: row B's RGBA and luma pointers; scratch vectors P and T; per group of 4 columns, the two
// rows' R|B and G|A sums (then their 2×2 means); and the constant vectors, set before the loop.
const [B, YB, P, T] = [6, 7, 8, 9];
const RB = [10, 11, 12, 13];
const GA = [14, 15, 16, 17];
const pair = (low: number, high: number) => (low & 0xffff) | (high << 16);
const CONSTANTS = {
	lowBytes: [18, 0x00ff00ff], // R|B of a pixel, and the low byte of each 16-bit lane
	lumaRB: [19, pair(Y_R, Y_B)],
	lumaGA: [20, pair(Y_G, 0)],
	lumaBias: [21, Y_BIAS],
	two: [22, pair(2, 2)],
	uRB: [23, pair(-U_K[2], U_K[0])],
	uGA: [24, pair(-U_K[1], 0)],
	vRB: [25, pair(V_K[0], -V_K[2])],
	vGA: [26, pair(-V_K[1], 0)],
	chromaBias: [27, C_BIAS],
} as const;
const constant = (name: keyof typeof CONSTANTS) => get(CONSTANTS[name][0]);

/**
 * Luma of the 4 pixels at `base + offset` (i32 lanes); their R|B and G|A go to the group's sums
 * (set by row A, added to by row B).
 */
function luma(base: number, offset: number, group: number, first: boolean): number[] {
	const keep = (sum: number) =>
		first ? tee(sum) : [...tee(T), ...get(sum), ...OP.i16Add, ...set(sum), ...get(T)];
	return [
		...OP.load(base, offset),
		...tee(P),
		...constant('lowBytes'),
		...OP.and,
		...keep(RB[group]),
		...constant('lumaRB'),
		...OP.dot,
		...get(P),
		...i32(8),
		...OP.i16ShrU,
		...keep(GA[group]),
		...constant('lumaGA'),
		...OP.dot,
		...OP.i32x4Add,
		...constant('lumaBias'),
		...OP.i32x4Add,
		...i32(8),
		...OP.i32x4ShrU,
	];
}

/** A row's 16 luma bytes stored at the pointer in local `yBase`. */
function row(base: number, yBase: number, first: boolean): number[] {
	return [
		...get(yBase),
		...luma(base, 0, 0, first),
		...luma(base, 16, 1, first),
		...OP.narrow32to16U,
		...luma(base, 32, 2, first),
		...luma(base, 48, 3, first),
		...OP.narrow32to16U,
		...OP.narrow16to8U,
		...OP.store,
	];
}

/** A group's two-row sums turned into the rounded means of its two 2×2 blocks (even i32 lanes). */
function mean(sum: number): number[] {
	return [
		...get(sum),
		...get(sum),
		...i32(32),
		...OP.i64x2ShrU,
		...OP.i16Add,
		...constant('two'),
		...OP.i16Add,
		...i32(2),
		...OP.i16ShrU,
		...set(sum),
	];
}

/** (k·means + C_BIAS) >> 8 for a group's two blocks, in its even i32 lanes. */
function chroma(group: number, rb: 'uRB' | 'vRB', ga: 'uGA' | 'vGA'): number[] {
	return [
		...get(RB[group]),
		...constant(rb),
		...OP.dot,
		...get(GA[group]),
		...constant(ga),
		...OP.dot,
		...OP.i32x4Add,
		...constant('chromaBias'),
		...OP.i32x4Add,
		...i32(8),
		...OP.i32x4ShrU,
	];
}

/** The 8 chroma bytes of the 16 columns stored at the pointer in local `at`. */
function storeChroma(at: number, rb: 'uRB' | 'vRB', ga: 'uGA' | 'vGA'): number[] {
	return [
		...get(at),
		...chroma(0, rb, ga),
		...chroma(1, rb, ga),
		...OP.narrow32to16U,
		...chroma(2, rb, ga),
		...chroma(3, rb, ga),
		...OP.narrow32to16U,
		// bytes: block, dropped, block, dropped, …: keep each 16-bit lane's low byte, then narrow
		...OP.narrow16to8U,
		...constant('lowBytes'),
		...OP.and,
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
		...Object.values(CONSTANTS).flatMap(([local, value]) => [
			...i32(value),
			...OP.splat32,
			...set(local),
		]),
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
		...row(A, YA, true),
		...row(B, YB, false),
		...[0, 1, 2, 3].flatMap((g) => [...mean(RB[g]), ...mean(GA[g])]),
		...storeChroma(U, 'uRB', 'uGA'),
		...storeChroma(V, 'vRB', 'vGA'),
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
