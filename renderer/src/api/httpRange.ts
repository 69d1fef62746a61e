import type { ByteRange } from '../storage/storage';

/**
 * Parses a single-range `Range: bytes=...` header (RFC 9110 §14). Multiple ranges are answered
 * with the whole body, as the RFC allows; an unsatisfiable range is reported so the caller can 416.
 */
export function parseRange(
	header: string | undefined,
	size: number,
): ByteRange | 'unsatisfiable' | undefined {
	if (!header) return undefined;
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!match || (match[1] === '' && match[2] === '')) return undefined;
	let start: number;
	let end: number;
	if (match[1] === '') {
		const suffix = Number(match[2]);
		if (suffix === 0) return 'unsatisfiable';
		start = Math.max(0, size - suffix);
		end = size - 1;
	} else {
		start = Number(match[1]);
		end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
	}
	if (start >= size || start > end) return 'unsatisfiable';
	return { start, end };
}
