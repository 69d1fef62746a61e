import type { ModerationFrameTap } from '../pipeline/render';

/**
 * The job's moderation tap as one attempt of a fallback chain sees it. Frames pass at once (they are
 * inspected while the attempt encodes); the attempt's `end` is held back until its video is the one
 * delivered (`deliver`), so that the verdict is never built from the frames of an attempt that
 * failed: the job's moderation then finds its tap unended and decodes the delivered file.
 */
export function attemptTap(tap: ModerationFrameTap) {
	let used = false;
	let ended = false;
	let open = true;
	return {
		tap: {
			sampling: tap.sampling,
			frame(frame) {
				used = true;
				if (open) tap.frame(frame);
			},
			transcript(text) {
				used = true;
				if (open) tap.transcript(text);
			},
			end() {
				ended = true;
			},
		} satisfies ModerationFrameTap,
		deliver() {
			if (open && ended) tap.end();
			open = false;
		},
		/** The attempt failed: nothing more passes; true when it had handed anything over. */
		abandon(): boolean {
			open = false;
			return used;
		},
	};
}
