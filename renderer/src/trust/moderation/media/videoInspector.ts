/** The default VideoInspector: sampled frames → NSFW model scores + OCR text per frame. */
import type { VideoInspector } from './inspector';
import { sampleFrames, type SampleOptions } from './frameSampler';
import { classifyNsfw } from './nsfwClassifier';
import { readText } from './ocr/ocr';

export interface VideoInspectorOptions extends SampleOptions {
	/** Skip the NSFW model (e.g. where its 7 s first load is not wanted). */
	nsfw?: boolean;
	ocr?: boolean;
}

export function createVideoInspector(options: VideoInspectorOptions = {}): VideoInspector {
	return {
		async inspect(videoPath, signal) {
			const results = [];
			// 640 px keeps burned-in captions legible for OCR at about half the cost of 960 px.
			for await (const frame of sampleFrames(videoPath, signal, { maxSide: 640, ...options })) {
				const nsfw = options.nsfw === false ? undefined : await classifyNsfw(frame);
				const lines = options.ocr === false ? [] : await readText(frame);
				const labels = nsfw
					? Object.entries(nsfw.classes)
							.map(([k, v]) => `${k} ${v.toFixed(3)}`)
							.join(', ')
					: '';
				results.push({
					time: frame.time,
					scores: nsfw?.scores ?? {},
					labels: `nsfw model: ${labels}`,
					text: lines.map((l) => l.text).join(' '),
				});
			}
			return results;
		},
	};
}
