/**
 * Styles for videos the local engine did not make: an ffmpeg filter chain per style that
 * approximates the engine's own looks (colour grade, grain, vignette, flattening) on decoded frames.
 */
import type { StyleId } from '../storyboard';

export const STYLE_FILTER_CHAINS: Record<StyleId, string> = {
	// Teal shadows, warm highlights, a little contrast, grain and a vignette.
	cinematic:
		'eq=contrast=1.08:saturation=1.05,colorbalance=rs=-0.05:bs=0.05:rh=0.06:bh=-0.05,vignette=angle=PI/5,noise=alls=6:allf=t',
	// Flat, saturated colour bands: smooth, then quantise each channel.
	anime:
		"bilateral=sigmaS=6:sigmaR=0.15,eq=saturation=1.35:contrast=1.1,lutrgb=r='floor(val/40)*40+20':g='floor(val/40)*40+20':b='floor(val/40)*40+20'",
	// Close to neutral: slightly muted, light grain.
	documentary: 'eq=saturation=0.9:contrast=1.03,noise=alls=4:allf=t',
	// Magenta/cyan push with strong saturation.
	neon: 'eq=saturation=1.5:contrast=1.12:brightness=-0.02,colorbalance=rs=0.08:bs=0.12:rm=0.06:bm=0.1:rh=0.08:bh=0.1,vignette=angle=PI/4',
	// Edge-preserving smoothing into soft strokes, warmer and a touch brighter.
	painted:
		'bilateral=sigmaS=8:sigmaR=0.2,gblur=sigma=1.2,eq=saturation=1.15:brightness=0.02,colorbalance=rm=0.03:bm=-0.03',
};
