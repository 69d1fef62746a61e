/** One failing field: `path` is the JSON pointer of the field inside the request. */
export interface FieldError {
	path: string;
	message: string;
}

/**
 * An error a client can act on. `code` is stable and searchable; the HTTP layer renders it as
 * `{error:{code,message,details:[{path,message}]}}`.
 */
export class ApiError extends Error {
	constructor(
		readonly statusCode: number,
		readonly code: string,
		message: string,
		readonly details: FieldError[] = [],
		readonly headers: Record<string, string> = {},
	) {
		super(message);
		this.name = 'ApiError';
	}

	static invalid(message: string, details: FieldError[]): ApiError {
		return new ApiError(400, 'invalid_request', message, details);
	}

	static notFound(what: string): ApiError {
		return new ApiError(404, 'not_found', `${what} was not found.`);
	}

	static conflict(code: string, message: string): ApiError {
		return new ApiError(409, code, message);
	}

	toJSON() {
		return { error: { code: this.code, message: this.message, details: this.details } };
	}
}

/**
 * A dependency (Redis: the store or the queue) cannot be reached right now. Answered as 503 with
 * Retry-After; nothing was accepted, so the client may simply try again. Transient for the runner.
 */
export class ServiceUnavailableError extends ApiError {
	readonly transient = true;
	constructor(what: string, retryAfterSeconds = 5) {
		super(
			503,
			'service_unavailable',
			`The ${what} is unreachable right now; nothing was changed. Try again shortly.`,
			[],
			{ 'Retry-After': String(retryAfterSeconds) },
		);
		this.name = 'ServiceUnavailableError';
	}
}

/**
 * Runs a look-up of an id the request carried (a render, feed item or upload named in the body)
 * and, when it is refused without naming a field, names the field: every 4xx points at the input.
 */
export async function pointAt<T>(pointer: string, lookUp: Promise<T>): Promise<T> {
	try {
		return await lookUp;
	} catch (error) {
		if (error instanceof ApiError && error.details.length === 0)
			throw new ApiError(
				error.statusCode,
				error.code,
				error.message,
				[{ path: pointer, message: error.message }],
				error.headers,
			);
		throw error;
	}
}
