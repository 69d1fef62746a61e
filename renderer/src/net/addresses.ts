/**
 * Which network addresses the renderer may connect to on a caller's behalf. Classification is
 * ipaddr.js's (a maintained table of special ranges), applied to addresses as the resolver returns
 * them, so every spelling of a host (decimal, octal, hex, short IPv4; IPv4-mapped, -compatible and
 * NAT64 IPv6; a DNS name) is judged by the one address it really reaches.
 */
import ipaddr from 'ipaddr.js';

/** Why an address is refused, as a range name; undefined when it is a public unicast address. */
export function nonPublicRange(address: string): string | undefined {
	let parsed: ipaddr.IPv4 | ipaddr.IPv6;
	try {
		parsed = ipaddr.parse(address);
	} catch {
		return 'unparsable';
	}
	if (parsed.kind() === 'ipv6') return nonPublicV6(parsed as ipaddr.IPv6);
	return nonPublicV4(parsed as ipaddr.IPv4);
}

/**
 * Public addresses that are nevertheless metadata or host-agent endpoints of cloud platforms (the
 * link-local and private ones are refused by their ranges already). Azure's WireServer answers on
 * a public address inside every VM.
 */
const METADATA_V4: Array<[ipaddr.IPv4, number]> = [[ipaddr.IPv4.parse('168.63.129.16'), 32]];

function nonPublicV4(address: ipaddr.IPv4): string | undefined {
	const range = address.range();
	if (range !== 'unicast') return range;
	if (METADATA_V4.some(([net, bits]) => address.match(net, bits))) return 'metadata';
	return undefined;
}

/** NAT64 well-known prefix (RFC 6052): the embedded IPv4 address is what the gateway reaches. */
const NAT64 = ipaddr.IPv6.parse('64:ff9b::');
/** Global unicast (RFC 4291): everything else is loopback, local, multicast, mapped or reserved. */
const GLOBAL_UNICAST = ipaddr.IPv6.parse('2000::');

function nonPublicV6(address: ipaddr.IPv6): string | undefined {
	if (address.isIPv4MappedAddress()) {
		const inner = nonPublicV4(address.toIPv4Address());
		return inner ? `ipv4Mapped:${inner}` : undefined;
	}
	if (address.match(NAT64, 96)) {
		const bytes = address.toByteArray().slice(12);
		const inner = nonPublicV4(new ipaddr.IPv4(bytes));
		return inner ? `nat64:${inner}` : undefined;
	}
	// IPv4-compatible (::a.b.c.d), site-local, ULA, link-local, multicast, loopback: all outside 2000::/3.
	if (!address.match(GLOBAL_UNICAST, 3)) {
		const range = address.range();
		return range === 'unicast' ? 'reserved' : range;
	}
	const range = address.range();
	// Inside 2000::/3 ipaddr.js names 6to4, Teredo, documentation, benchmarking, ORCHID and the like.
	return range === 'unicast' ? undefined : range;
}

/** The families an address string belongs to, for net.connect. */
export function familyOf(address: string): 4 | 6 {
	return ipaddr.parse(address).kind() === 'ipv6' ? 6 : 4;
}

interface CidrEntry {
	kind: 'cidr';
	network: ipaddr.IPv4 | ipaddr.IPv6;
	bits: number;
	port?: number;
}

interface HostEntry {
	kind: 'host';
	host: string;
	port?: number;
}

/**
 * `REELFORGE_FETCH_ALLOW`: addresses the operator opens on purpose (an n8n next to the renderer, a
 * media server on the private network). Entries are separated by commas or spaces:
 * - a CIDR (`10.0.0.0/8`, `fd00::/8`) or one address (`127.0.0.1`, `::1`), optionally with a port
 *   (`127.0.0.1:5678`, `[::1]:5678`): any host name resolving there is allowed;
 * - a host name (`n8n.internal`), optionally with a port (`localhost:5678`): that name is allowed
 *   wherever it resolves. The connection is still pinned to the address resolved once.
 */
export class AllowList {
	private constructor(private readonly entries: Array<CidrEntry | HostEntry>) {}

	static parse(raw: string | undefined): AllowList {
		const entries: Array<CidrEntry | HostEntry> = [];
		for (const item of (raw ?? '').split(/[\s,]+/).filter(Boolean)) entries.push(parseEntry(item));
		return new AllowList(entries);
	}

	static readonly none = new AllowList([]);

	get size(): number {
		return this.entries.length;
	}

	/** Whether the operator allowed this (host, port) to reach `address`. */
	permits(host: string, port: number, address: string): boolean {
		const name = normaliseHost(host);
		let parsed: ipaddr.IPv4 | ipaddr.IPv6 | undefined;
		try {
			parsed = ipaddr.parse(address);
		} catch {
			parsed = undefined;
		}
		const forms = parsed ? sameAddressForms(parsed) : [];
		return this.entries.some((entry) => {
			if (entry.port !== undefined && entry.port !== port) return false;
			if (entry.kind === 'host') return entry.host === name;
			return forms.some(
				(f) => f.kind() === entry.network.kind() && f.match(entry.network, entry.bits),
			);
		});
	}
}

/** An IPv4-mapped IPv6 address also matches IPv4 entries, and the reverse. */
function sameAddressForms(address: ipaddr.IPv4 | ipaddr.IPv6): Array<ipaddr.IPv4 | ipaddr.IPv6> {
	if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress())
		return [address, (address as ipaddr.IPv6).toIPv4Address()];
	if (address.kind() === 'ipv4') return [address, (address as ipaddr.IPv4).toIPv4MappedAddress()];
	return [address];
}

function parseEntry(item: string): CidrEntry | HostEntry {
	const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(item);
	if (bracketed) return cidrEntry(bracketed[1], item, bracketed[2]);
	if (item.includes('/')) return cidrEntry(item, item);
	if (ipaddr.isValid(item) && item.includes(':')) return cidrEntry(item, item); // bare IPv6
	const withPort = /^(.+):(\d+)$/.exec(item);
	const host = withPort ? withPort[1] : item;
	const port = withPort ? withPort[2] : undefined;
	if (ipaddr.IPv4.isValidFourPartDecimal(host)) return cidrEntry(host, item, port);
	if (
		!/^[A-Za-z0-9.-]+$/.test(host) ||
		host.startsWith('.') ||
		host.includes('..') ||
		// 0x7f.1, 2130706433: a URL reads these as addresses, so as names they would never match.
		ipaddr.isValid(new URL(`http://${host}/`).hostname)
	)
		throw new Error(
			`REELFORGE_FETCH_ALLOW: "${item}" is not a CIDR, a dotted address or a host name`,
		);
	return { kind: 'host', host: normaliseHost(host), port: portOf(port, item) };
}

function cidrEntry(text: string, item: string, port?: string): CidrEntry {
	try {
		const [network, bits] = text.includes('/')
			? ipaddr.parseCIDR(text)
			: [ipaddr.parse(text), ipaddr.parse(text).kind() === 'ipv6' ? 128 : 32];
		if (network.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(text.split('/')[0]))
			throw new Error('not dotted');
		return { kind: 'cidr', network, bits, port: portOf(port, item) };
	} catch {
		throw new Error(`REELFORGE_FETCH_ALLOW: "${item}" is not a valid address or CIDR`);
	}
}

function portOf(port: string | undefined, item: string): number | undefined {
	if (port === undefined) return undefined;
	const n = Number(port);
	if (!Number.isInteger(n) || n < 1 || n > 65535)
		throw new Error(`REELFORGE_FETCH_ALLOW: "${item}" has an invalid port`);
	return n;
}

/** Lower case, no brackets, no trailing dot: the form a URL's host is compared in. */
export function normaliseHost(host: string): string {
	return host
		.replace(/^\[|\]$/g, '')
		.replace(/\.$/, '')
		.toLowerCase();
}
