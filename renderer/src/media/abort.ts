/** The error a canceled render ends with: the signal's own reason when it is an Error, else an AbortError. */
export function abortError(signal: AbortSignal): Error {
	const reason: unknown = signal.reason;
	if (reason instanceof Error) return reason;
	const error = new Error('The render was canceled.');
	error.name = 'AbortError';
	return error;
}
