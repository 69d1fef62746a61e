/** Where the stage's world (metres) lands in the frame (pixels), shared by everything drawn on it. */
export interface StageMap {
	/** Pixels per metre. */
	ppm: number;
	/** Pixel x of world x = 0. */
	originX: number;
	/** Pixel y of world y = 0. */
	originY: number;
}
