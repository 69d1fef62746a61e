/** Sample-by-sample filters used by the synthesised instruments and effects (RBJ cookbook biquads). */
export class Biquad {
	private b0 = 1;
	private b1 = 0;
	private b2 = 0;
	private a1 = 0;
	private a2 = 0;
	private x1 = 0;
	private x2 = 0;
	private y1 = 0;
	private y2 = 0;

	constructor(private readonly sampleRate: number) {}

	private set(b0: number, b1: number, b2: number, a0: number, a1: number, a2: number): this {
		this.b0 = b0 / a0;
		this.b1 = b1 / a0;
		this.b2 = b2 / a0;
		this.a1 = a1 / a0;
		this.a2 = a2 / a0;
		return this;
	}

	lowpass(freq: number, q = 0.707): this {
		const w = (2 * Math.PI * Math.min(freq, this.sampleRate * 0.45)) / this.sampleRate;
		const alpha = Math.sin(w) / (2 * q);
		const c = Math.cos(w);
		return this.set((1 - c) / 2, 1 - c, (1 - c) / 2, 1 + alpha, -2 * c, 1 - alpha);
	}

	highpass(freq: number, q = 0.707): this {
		const w = (2 * Math.PI * Math.min(freq, this.sampleRate * 0.45)) / this.sampleRate;
		const alpha = Math.sin(w) / (2 * q);
		const c = Math.cos(w);
		return this.set((1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + alpha, -2 * c, 1 - alpha);
	}

	bandpass(freq: number, q = 1): this {
		const w = (2 * Math.PI * Math.min(freq, this.sampleRate * 0.45)) / this.sampleRate;
		const alpha = Math.sin(w) / (2 * q);
		const c = Math.cos(w);
		return this.set(alpha, 0, -alpha, 1 + alpha, -2 * c, 1 - alpha);
	}

	/** Bell (peaking) EQ: `gainDb` at `freq`, width set by `q`. */
	peaking(freq: number, gainDb: number, q = 1): this {
		const w = (2 * Math.PI * Math.min(freq, this.sampleRate * 0.45)) / this.sampleRate;
		const a = Math.pow(10, gainDb / 40);
		const alpha = Math.sin(w) / (2 * q);
		const c = Math.cos(w);
		return this.set(1 + alpha * a, -2 * c, 1 - alpha * a, 1 + alpha / a, -2 * c, 1 - alpha / a);
	}

	process(x: number): number {
		const y =
			this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
		this.x2 = this.x1;
		this.x1 = x;
		this.y2 = this.y1;
		this.y1 = y;
		return y;
	}
}

/** Equal-power pan: position -1 (left) .. 1 (right) → [left gain, right gain]. */
export function panGains(position: number): [number, number] {
	const p = (Math.max(-1, Math.min(1, position)) + 1) * (Math.PI / 4);
	return [Math.cos(p), Math.sin(p)];
}
