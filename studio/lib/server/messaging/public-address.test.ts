import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { BlockedAddressError, isPublicAddress, publicOnlyLookup } from './public-address';

describe('isPublicAddress', () => {
	it('accepts public addresses', () => {
		for (const address of [
			'8.8.8.8',
			'1.1.1.1',
			'93.184.216.34',
			'100.63.255.255',
			'100.128.0.1',
			'172.15.255.255',
			'172.32.0.1',
			'198.17.255.255',
			'223.255.255.255',
			'2606:4700::1111',
			'2a00:1450:4001:80b::200e',
			'::ffff:8.8.8.8',
			'64:ff9b::808:808',
			'2002:808:808::1'
		])
			expect([address, isPublicAddress(address)]).toEqual([address, true]);
	});

	it('refuses loopback, private, link-local, reserved and documentation addresses', () => {
		for (const address of [
			'0.0.0.0',
			'0.1.2.3',
			'10.0.0.1',
			'10.255.255.255',
			'100.64.0.1',
			'100.127.255.255',
			'127.0.0.1',
			'127.255.255.254',
			'169.254.169.254',
			'172.16.0.1',
			'172.31.255.255',
			'192.0.0.8',
			'192.0.2.1',
			'192.168.1.1',
			'198.18.0.1',
			'198.19.255.255',
			'198.51.100.7',
			'203.0.113.9',
			'224.0.0.1',
			'239.255.255.250',
			'240.0.0.1',
			'255.255.255.255',
			'::',
			'::1',
			'0:0:0:0:0:0:0:1',
			'::127.0.0.1',
			'::ffff:127.0.0.1',
			'::ffff:7f00:1',
			'::ffff:10.0.0.1',
			'::ffff:169.254.169.254',
			'::ffff:0:10.0.0.1',
			'64:ff9b::10.0.0.1',
			'64:ff9b::a9fe:a9fe',
			'64:ff9b:1::1',
			'2002:7f00:1::1',
			'2001:db8::1',
			'fc00::1',
			'fd12:3456:789a::1',
			'fe80::1',
			'fe80::1%eth0',
			'febf:ffff::1',
			'ff02::1',
			'100::1',
			'not an address',
			'localhost',
			''
		])
			expect([address, isPublicAddress(address)]).toEqual([address, false]);
	});
});

describe('publicOnlyLookup', () => {
	const resolving =
		(addresses: LookupAddress[]) =>
		(_host: string, _options: object, callback: (e: null, a: LookupAddress[]) => void) =>
			callback(null, addresses);
	const lookup = (addresses: LookupAddress[], all: boolean) =>
		new Promise<{ error: Error | null; address: unknown; family?: number }>((resolve) =>
			publicOnlyLookup(resolving(addresses))('shop.example', { all }, (error, address, family) =>
				resolve({ error, address, family })
			)
		);

	it('hands public addresses on in the shape the socket asked for', async () => {
		const addresses = [
			{ address: '93.184.216.34', family: 4 },
			{ address: '2606:2800:220:1::1', family: 6 }
		];
		expect(await lookup(addresses, true)).toEqual({
			error: null,
			address: addresses,
			family: undefined
		});
		expect(await lookup(addresses, false)).toEqual({
			error: null,
			address: '93.184.216.34',
			family: 4
		});
	});

	it('fails when any address the name resolves to is not public', async () => {
		for (const all of [true, false]) {
			const { error } = await lookup(
				[
					{ address: '93.184.216.34', family: 4 },
					{ address: '10.1.2.3', family: 4 }
				],
				all
			);
			expect(error).toBeInstanceOf(BlockedAddressError);
			expect(error?.message).toBe('blocked address: 10.1.2.3 is not a public address');
		}
	});
});
