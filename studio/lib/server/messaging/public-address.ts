import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Which addresses a marketer's webhook may reach. A URL typed into a journey must not become a
 * way to call the studio's own network: loopback, private ranges, cloud metadata (169.254.169.254)
 * and the like are refused unless the operator allows private targets.
 */

// IPv4 addresses are checked only against this list and IPv6 ones only against the next:
// BlockList matches IPv4 against IPv4-mapped IPv6 rules (and back), which would make a mapped
// range here swallow every IPv4 address.
const BLOCKED_V4 = blockList('ipv4', [
	['0.0.0.0', 8], // "this network"
	['10.0.0.0', 8],
	['100.64.0.0', 10], // carrier-grade NAT
	['127.0.0.0', 8],
	['169.254.0.0', 16], // link-local, cloud metadata
	['172.16.0.0', 12],
	['192.0.0.0', 24], // IETF protocol assignments
	['192.0.2.0', 24], // documentation
	['192.88.99.0', 24], // 6to4 relay anycast
	['192.168.0.0', 16],
	['198.18.0.0', 15], // benchmarking
	['198.51.100.0', 24], // documentation
	['203.0.113.0', 24], // documentation
	['224.0.0.0', 4], // multicast
	['240.0.0.0', 4] // reserved, and 255.255.255.255 broadcast
]);

// Ranges that embed an IPv4 address (mapped, NAT64, 6to4) are judged by that address instead.
const BLOCKED_V6 = blockList('ipv6', [
	['::', 96], // unspecified, loopback and the old IPv4-compatible form
	['64:ff9b:1::', 48], // local-use NAT64
	['100::', 64], // discard-only
	['2001:db8::', 32], // documentation
	['3fff::', 20], // documentation
	['fc00::', 7], // unique local
	['fe80::', 10], // link-local
	['fec0::', 10], // site-local (deprecated, still routed by some stacks)
	['ff00::', 8] // multicast
]);

function blockList(type: 'ipv4' | 'ipv6', ranges: [string, number][]): BlockList {
	const list = new BlockList();
	for (const [network, prefix] of ranges) list.addSubnet(network, prefix, type);
	return list;
}

/** True for an address on the public internet; false for anything else, including non-addresses. */
export function isPublicAddress(address: string): boolean {
	const family = isIP(address);
	if (family === 4) return !BLOCKED_V4.check(address, 'ipv4');
	if (family !== 6) return false;
	const groups = ipv6Groups(address);
	const embedded = embeddedIpv4(groups);
	if (embedded) return !BLOCKED_V4.check(embedded, 'ipv4');
	return !BLOCKED_V6.check(groups.map((group) => group.toString(16)).join(':'), 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address, whichever way it was written. */
function ipv6Groups(address: string): number[] {
	// The URL parser rejects zone ids and rewrites dotted tails (::ffff:1.2.3.4) as hex groups.
	const canonical = new URL(`http://[${address.split('%')[0]}]`).hostname.slice(1, -1);
	const [head = '', tail] = canonical.split('::');
	const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
	const left = parse(head);
	if (tail === undefined) return left;
	const right = parse(tail);
	return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function embeddedIpv4(groups: number[]): string | null {
	const [a, b, c, d, e, f, g, h] = groups as [number, ...number[]];
	const dotted = (high: number, low: number) =>
		[high >> 8, high & 255, low >> 8, low & 255].join('.');
	const zeros = (...values: (number | undefined)[]) => values.every((value) => value === 0);
	// ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (SIIT): the socket talks IPv4 to a.b.c.d.
	if (zeros(a, b, c, d) && ((e === 0 && f === 0xffff) || (e === 0xffff && f === 0)))
		return dotted(g!, h!);
	// 64:ff9b::a.b.c.d: a NAT64 gateway forwards to a.b.c.d.
	if (a === 0x64 && b === 0xff9b && zeros(c, d, e, f)) return dotted(g!, h!);
	// 2002:aabb:ccdd::/48: 6to4 tunnels to aa.bb.cc.dd.
	if (a === 0x2002) return dotted(b!, c!);
	return null;
}

/** Raised by {@link publicOnlyLookup} (and before connecting) when a target is not public. */
export class BlockedAddressError extends Error {
	constructor(readonly address: string) {
		super(`blocked address: ${address} is not a public address`);
		this.name = 'BlockedAddressError';
	}
}

type Resolve = (
	hostname: string,
	options: LookupAllOptions,
	callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void
) => void;

/**
 * A `lookup` for `http.request` that refuses names resolving to a non-public address. The socket
 * connects to the address returned here, so there is no window for DNS rebinding between the
 * check and the connection. Every address must be public, whichever one the socket would pick.
 */
export function publicOnlyLookup(resolve: Resolve = dnsLookup): LookupFunction {
	return (hostname, options, callback) => {
		resolve(hostname, { ...options, all: true }, (error, addresses) => {
			if (error) return callback(error, '', 0);
			const blocked = addresses.find((entry) => !isPublicAddress(entry.address));
			if (blocked) return callback(new BlockedAddressError(blocked.address), '', 0);
			if (options.all) return callback(null, addresses);
			// A successful lookup always has an address: an unknown name is an ENOTFOUND error.
			const first = addresses[0]!;
			callback(null, first.address, first.family);
		});
	};
}
