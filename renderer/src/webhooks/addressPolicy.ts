import { lookup } from 'node:dns/promises';
import net from 'node:net';

/**
 * Addresses no webhook may reach: link-local (where cloud metadata services answer, e.g.
 * 169.254.169.254) and the unspecified address. Loopback and private networks stay allowed:
 * a self-hosted n8n next to the renderer is the common receiver.
 */
export function isForbiddenAddress(address: string): boolean {
	const family = net.isIP(address);
	if (family === 4) {
		const [a, b] = address.split('.').map(Number);
		return (a === 169 && b === 254) || a === 0;
	}
	if (family === 6) {
		const lower = address.toLowerCase();
		const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
		if (mapped) return isForbiddenAddress(mapped[1]);
		return lower === '::' || /^fe[89ab][0-9a-f]:/.test(lower);
	}
	return false;
}

const METADATA_HOSTS = new Set([
	'metadata.google.internal',
	'metadata',
	'instance-data',
	'instance-data.ec2.internal',
]);

/** Why a URL's host may not be sent to, judged from the URL alone (no DNS), or undefined. */
export function forbiddenHostReason(url: URL): string | undefined {
	const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (METADATA_HOSTS.has(host)) return `"${host}" is a cloud metadata host`;
	if (isForbiddenAddress(host)) return `${host} is a link-local or unspecified address`;
	return undefined;
}

/** Resolves the host and refuses it when any of its addresses is forbidden. */
export async function checkResolvedHost(url: URL): Promise<string | undefined> {
	const literal = forbiddenHostReason(url);
	if (literal) return literal;
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (net.isIP(host)) return undefined;
	try {
		const addresses = await lookup(host, { all: true });
		const bad = addresses.find((a) => isForbiddenAddress(a.address));
		return bad
			? `${host} resolves to ${bad.address}, a link-local or unspecified address`
			: undefined;
	} catch {
		return undefined; // an unresolvable host fails in fetch and is retried like any network error
	}
}
