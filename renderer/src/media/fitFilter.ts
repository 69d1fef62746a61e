/**
 * The one way a picture of any shape is made to fill a frame, as a filter-graph fragment
 * (`[input]` → `[output]`, square pixels): media shots, remote clips, remix sources and the stitch
 * all fit their pictures through it.
 * - `cover`: scaled to fill, the overflow cropped (a picture of the frame's shape is only scaled);
 * - `contain`: the whole picture, bars of `background` around it;
 * - `blur`: the whole picture over a blurred, enlarged copy of itself.
 */
export type Fit = 'cover' | 'contain' | 'blur';

export interface FitOptions {
	fit: Fit;
	width: number;
	height: number;
	input: string;
	output: string;
	/** #rrggbb of the bars of `contain` (default black). */
	background?: string;
}

export function fitFilter(options: FitOptions): string {
	const { width, height, input, output } = options;
	const size = `${width}:${height}`;
	switch (options.fit) {
		case 'contain': {
			const bg = (options.background ?? '#000000').replace('#', '0x');
			return `[${input}]scale=${size}:force_original_aspect_ratio=decrease:flags=lanczos,pad=${size}:(ow-iw)/2:(oh-ih)/2:color=${bg},setsar=1[${output}]`;
		}
		case 'blur':
			return (
				`[${input}]split=2[${output}_bg][${output}_fg];` +
				`[${output}_bg]scale=${size}:force_original_aspect_ratio=increase,crop=${size},boxblur=24:2[${output}_blur];` +
				`[${output}_fg]scale=${size}:force_original_aspect_ratio=decrease:flags=lanczos[${output}_front];` +
				`[${output}_blur][${output}_front]overlay=(W-w)/2:(H-h)/2,setsar=1[${output}]`
			);
		case 'cover':
			return `[${input}]scale=${size}:force_original_aspect_ratio=increase:flags=lanczos,crop=${size},setsar=1[${output}]`;
	}
}
