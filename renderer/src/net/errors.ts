import { ApiError } from '../spec/errors';

export type OutboundErrorCode =
	| 'url_invalid'
	| 'url_forbidden'
	| 'fetch_failed'
	| 'fetch_too_large';

const STATUS: Record<OutboundErrorCode, number> = {
	url_invalid: 400,
	url_forbidden: 422,
	fetch_failed: 422,
	fetch_too_large: 413,
};

/**
 * A refused or failed outbound request. The message and the field detail are safe to show the
 * caller: they never name the address a host resolved to, nor anything of this server. `reason`
 * has the operator's version (which range, which network error) for logs only.
 */
export class OutboundError extends ApiError {
	constructor(
		code: OutboundErrorCode,
		message: string,
		pointer: string,
		detail: string,
		readonly reason: string = detail,
	) {
		super(STATUS[code], code, message, [{ path: pointer, message: detail }]);
		this.name = 'OutboundError';
	}

	declare readonly code: OutboundErrorCode;
}

export function isOutboundError(error: unknown): error is OutboundError {
	return error instanceof OutboundError;
}
