/** An RGB frame as the moderation stages take it. */
export interface RgbFrame {
	width: number;
	height: number;
	data: Uint8Array;
}
export function lavfiFrame(
	source: string,
	width: number,
	height: number,
	filter?: string,
): Promise<RgbFrame>;
