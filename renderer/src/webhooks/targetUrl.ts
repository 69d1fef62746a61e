import { ApiError } from '../spec/errors';
import { forbiddenHostReason } from './addressPolicy';

/**
 * Webhook targets must be absolute http(s) URLs: anything else (file:, data:, ftp:) would make the
 * service read or write where a client should never point it.
 */
export function checkTargetUrl(raw: unknown, path: string): string {
	if (typeof raw !== 'string' || raw.length === 0)
		throw ApiError.invalid('A webhook URL is required.', [
			{ path, message: 'must be an http(s) URL' },
		]);
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw ApiError.invalid('The webhook URL is not a valid URL.', [
			{ path, message: 'must be an absolute http(s) URL' },
		]);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw ApiError.invalid('Webhooks are only sent to http(s) URLs.', [
			{
				path,
				message: `scheme "${url.protocol.replace(/:$/, '')}" is not allowed; use http or https`,
			},
		]);
	}
	if (url.username || url.password)
		throw ApiError.invalid('The webhook URL must not carry credentials.', [
			{ path, message: 'remove the user:password@ part' },
		]);
	const forbidden = forbiddenHostReason(url);
	if (forbidden)
		throw ApiError.invalid('Webhooks are not sent to this host.', [{ path, message: forbidden }]);
	return url.toString();
}

export function isHttpUrl(raw: string): boolean {
	try {
		const { protocol } = new URL(raw);
		return protocol === 'http:' || protocol === 'https:';
	} catch {
		return false;
	}
}
