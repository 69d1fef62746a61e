/** Colour arithmetic on #rrggbb strings, for shading the flat-coloured drawings. */
export type Rgb = [number, number, number];

export function parseHex(hex: string): Rgb {
	const n = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
	if (!n) return [128, 128, 128];
	const v = parseInt(n[1], 16);
	return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export function toHex([r, g, b]: Rgb): string {
	const c = (x: number) =>
		Math.max(0, Math.min(255, Math.round(x)))
			.toString(16)
			.padStart(2, '0');
	return `#${c(r)}${c(g)}${c(b)}`;
}

/** Mixes `a` towards `b` by `t` (0 = a, 1 = b). */
export function mix(a: string, b: string, t: number): string {
	const x = parseHex(a);
	const y = parseHex(b);
	return toHex([x[0] + (y[0] - x[0]) * t, x[1] + (y[1] - x[1]) * t, x[2] + (y[2] - x[2]) * t]);
}

/** Darker (amount < 0) or lighter (amount > 0) version of a colour. */
export const shade = (hex: string, amount: number): string =>
	mix(hex, amount < 0 ? '#000000' : '#ffffff', Math.abs(amount));

export function rgba(hex: string, alpha: number): string {
	const [r, g, b] = parseHex(hex);
	return `rgba(${r},${g},${b},${alpha})`;
}

/** A CSS colour in one of the forms the engine writes: #rrggbb, rgb() or rgba(). */
export interface CssColour {
	rgb: Rgb;
	/** 0..1; present for rgba(). */
	alpha?: number;
}

const CSS_HEX = /^#([0-9a-f]{6})$/i;
const CSS_RGB = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i;

/** Parses #rrggbb, rgb() or rgba(); undefined for any other form (named colours, hsl()). */
export function parseCssColour(colour: string): (CssColour & { form: 'hex' | 'rgb' }) | undefined {
	const hex = CSS_HEX.exec(colour);
	if (hex) return { rgb: parseHex(colour), form: 'hex' };
	const m = CSS_RGB.exec(colour);
	if (!m) return undefined;
	return {
		rgb: [Number(m[1]), Number(m[2]), Number(m[3])],
		alpha: m[4] === undefined ? undefined : Number(m[4]),
		form: 'rgb',
	};
}
