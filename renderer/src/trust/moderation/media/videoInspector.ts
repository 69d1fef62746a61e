/**
 * The default VideoInspector: sampled frames → NSFW model scores + OCR text per frame, computed in
 * the inspection thread. A finished file is sampled by decoding it (`inspect`); frames a renderer
 * samples as it encodes (engine/encode's sampling output) come in one at a time (`inspectFrame`).
 * Both sample with the same chain and inspect with the same code.
 */
import type { VideoInspector } from './inspector';
import type { InspectOptions } from './frameInspection';
import { sampleFrames, type SampleOptions } from './frameSampler';
import { inspectFrame, preloadInspection } from './inspectionClient';

export type VideoInspectorOptions = SampleOptions & InspectOptions;

export function createVideoInspector(options: VideoInspectorOptions = {}): VideoInspector {
	// 640 px keeps burned-in captions legible for OCR at about half the cost of 960 px.
	const sampling: SampleOptions = {
		maxSide: 640,
		intervalSeconds: options.intervalSeconds,
		sceneThreshold: options.sceneThreshold,
		maxFrames: options.maxFrames,
	};
	const inspection: InspectOptions = { nsfw: options.nsfw, ocr: options.ocr };
	return {
		sampling,
		async inspect(videoPath, signal) {
			const results = [];
			for await (const frame of sampleFrames(videoPath, signal, sampling)) {
				const { time, ...image } = frame;
				results.push({ time, ...(await inspectFrame(image, inspection)) });
			}
			return results;
		},
		async inspectFrame(frame) {
			const { time, ...image } = frame;
			return { time, ...(await inspectFrame(image, inspection)) };
		},
		preload: () => preloadInspection(inspection),
	};
}
