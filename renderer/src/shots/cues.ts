/** WebVTT cues of the story's pieces, moved onto the story's clock and put in order. */

/** WebVTT cue blocks in time order (their first line starts with the start time). */
export function sortCues(cues: string[]): string[] {
	const start = (cue: string) => /(\d{2}:\d{2}:\d{2}\.\d{3}) -->/.exec(cue)?.[1] ?? '';
	return [...cues].sort((a, b) => (start(a) < start(b) ? -1 : start(a) > start(b) ? 1 : 0));
}

/** Shifts a WebVTT file's cue and word times by `offset` seconds (a local run inside the story). */
export function shiftVtt(vtt: string, offset: number): string[] {
	const stamp = (t: string) => {
		const [h, m, s] = t.split(':');
		const total = Number(h) * 3600 + Number(m) * 60 + Number(s) + offset;
		const hh = Math.floor(total / 3600);
		const mm = Math.floor((total % 3600) / 60);
		const ss = (total % 60).toFixed(3).padStart(6, '0');
		return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${ss}`;
	};
	return (
		vtt
			.replace(/^WEBVTT[^\n]*\n+/, '')
			.split(/\n{2,}/)
			.filter((cue) => cue.includes('-->'))
			// The cue's times and the word timestamps inside it (`<00:00:01.200>`) move together; a time
			// written in the spoken text stays as it was.
			.map((cue) =>
				cue
					.replace(
						/(\d{2}:\d{2}:\d{2}\.\d{3}) --> (\d{2}:\d{2}:\d{2}\.\d{3})/,
						(_m, a: string, b: string) => `${stamp(a)} --> ${stamp(b)}`,
					)
					.replace(/<(\d{2}:\d{2}:\d{2}\.\d{3})>/g, (_m, t: string) => `<${stamp(t)}>`),
			)
	);
}
