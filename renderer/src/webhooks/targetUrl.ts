import type { Outbound } from '../net/outbound';
import { ApiError } from '../spec/errors';

/**
 * Checks a webhook target a client gives (a subscription, a spec's `webhook.url`, a publish
 * target): an absolute http(s) URL without credentials, whose host the outbound door may reach
 * now. The door checks it again at every send, so a name that later resolves inward is refused then.
 */
export async function checkTargetUrl(
	raw: unknown,
	path: string,
	outbound: Pick<Outbound, 'check'>,
): Promise<string> {
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
	await outbound.check(url.toString(), { pointer: path });
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
