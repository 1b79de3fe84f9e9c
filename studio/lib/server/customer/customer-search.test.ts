import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { insertWorkspace, NOW } from '../segment/segment-fixture';
import { customerLabel, PICKER_LIMIT, searchCustomers } from './customer-search';

describe('customerLabel', () => {
	it('names a customer by name and email, else by user id, else by number', () => {
		const base = { id: 7, name: null, email: null, externalId: null };
		expect(customerLabel({ ...base, name: 'Li Wei', email: 'li@example.cn' })).toBe(
			'Li Wei · li@example.cn'
		);
		expect(customerLabel({ ...base, email: 'li@example.cn', externalId: 'u1' })).toBe(
			'li@example.cn'
		);
		expect(customerLabel({ ...base, name: '  ', externalId: 'u1' })).toBe('u1');
		expect(customerLabel(base)).toBe('#7');
	});
});

describe.each(testDatabases())('the customer picker’s search on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws = 0;
	let other = 0;
	let n = 0;

	async function person(
		workspaceId: number,
		fields: { externalId: string | null; email: string | null; name: string | null }
	): Promise<number> {
		const row = await db
			.insertInto('customer')
			.values({
				workspace_id: workspaceId,
				external_id: fields.externalId,
				email: fields.email,
				name: fields.name,
				traits: '{}',
				consent: 'granted',
				first_seen_at: NOW,
				last_seen_at: NOW + n++,
				created_at: NOW,
				updated_at: NOW,
				search_text: [fields.email, fields.name, fields.externalId]
					.filter(Boolean)
					.join(' ')
					.toLowerCase()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	}

	const labels = async (q: string, workspaceId = ws) =>
		(await searchCustomers(db, workspaceId, q)).map((c) => c.label);

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		ws = await insertWorkspace(db, 'search');
		other = await insertWorkspace(db, 'search-other');
		await person(ws, { externalId: 'shop-100', email: 'mei@example.com', name: 'Mei Chen' });
		await person(ws, { externalId: 'shop-101', email: 'percent@example.com', name: '100% Tea' });
		await person(ws, { externalId: 'shop_102', email: null, name: null });
		await person(ws, { externalId: 'shopx102', email: 'x@example.com', name: 'Xu' });
		await person(other, { externalId: 'shop-100', email: 'mei@other.example', name: 'Mei Other' });
		for (let i = 0; i < 12; i++)
			await person(ws, { externalId: `bulk-${i}`, email: `bulk${i}@example.com`, name: null });
	});
	afterAll(async () => {
		await close?.();
	});

	it.skipIf(skip)('finds by name, email or user id, in this workspace only', async () => {
		expect(await labels('mei')).toEqual(['Mei Chen · mei@example.com']);
		expect(await labels('MEI@EXAMPLE')).toEqual(['Mei Chen · mei@example.com']);
		expect(await labels('shop-10')).toEqual([
			'100% Tea · percent@example.com',
			'Mei Chen · mei@example.com'
		]);
		expect(await labels('chen')).toEqual(['Mei Chen · mei@example.com']);
		expect(await labels('mei', other)).toEqual(['Mei Other · mei@other.example']);
		expect(await labels('Other')).toEqual([]);
		const [first] = await searchCustomers(db, ws, 'shop-100');
		expect(first).toEqual({
			id: expect.any(Number) as unknown,
			label: 'Mei Chen · mei@example.com'
		});
	});

	it.skipIf(skip)('takes % and _ literally', async () => {
		expect(await labels('100%')).toEqual(['100% Tea · percent@example.com']);
		expect(await labels('%')).toEqual(['100% Tea · percent@example.com']);
		// `_` is no wildcard: shopx102 does not match shop_102.
		expect(await labels('shop_')).toEqual(['shop_102']);
		expect(await labels('\\')).toEqual([]);
		expect(await labels("'; drop table customer; --")).toEqual([]);
	});

	it.skipIf(skip)('answers at most ten, the most recently seen first', async () => {
		const all = await labels('');
		expect(all).toHaveLength(PICKER_LIMIT);
		expect(all[0]).toBe('bulk11@example.com');
		expect(await labels('bulk')).toHaveLength(PICKER_LIMIT);
	});
});
