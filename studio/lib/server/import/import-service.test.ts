import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { errorReport } from './error-report';
import { findJob, listJobs } from './job-repository';
import { importFile, resolveMapping, type ImportRequest } from './import-service';
import type { ImportMapping } from './mapping';
import { ONLINE_RETAIL } from './presets';

const SAMPLE = readFileSync(new URL('./fixtures/online-retail-sample.csv', import.meta.url));

async function* bytes(data: Buffer | string, size = 97): AsyncGenerator<Buffer> {
	const buffer = Buffer.from(data);
	for (let i = 0; i < buffer.length; i += size) {
		await Promise.resolve();
		yield buffer.subarray(i, i + size);
	}
}

async function workspace(db: Db, slug: string): Promise<number> {
	const row = await db
		.insertInto('workspace')
		.values({
			slug,
			name: slug,
			currency: 'EUR',
			time_zone: 'UTC',
			created_at: 1,
			lifecycle_rules: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return Number(row.id);
}

function request(
	workspaceId: number,
	kind: ImportRequest['kind'],
	mapping: ImportMapping,
	fileName = 'f.csv'
): ImportRequest {
	return {
		workspaceId,
		kind,
		fileName,
		preset: null,
		mapping,
		workspaceCurrency: 'EUR',
		bytesTotal: 0,
		createdBy: null
	};
}

/** Everything an import may write, without ids and times that legitimately differ. */
async function snapshot(db: Db, workspaceId: number) {
	const customers = await db
		.selectFrom('customer')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.orderBy('external_id')
		.execute();
	const products = await db
		.selectFrom('product')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.orderBy('sku')
		.execute();
	const orders = await db
		.selectFrom('shop_order')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.orderBy('external_id')
		.execute();
	const lines = await db
		.selectFrom('order_line')
		.innerJoin('shop_order', 'shop_order.id', 'order_line.order_id')
		.select([
			'shop_order.external_id',
			'order_line.id',
			'order_line.sku',
			'order_line.name',
			'order_line.quantity',
			'order_line.price_minor',
			'order_line.product_id'
		])
		.where('order_line.workspace_id', '=', workspaceId)
		.orderBy('order_line.id')
		.execute();
	return JSON.parse(JSON.stringify({ customers, products, orders, lines })) as unknown;
}

describe.each(testDatabases())('CSV imports on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
	});
	afterAll(async () => close?.());

	it.skipIf(skip)(
		'reads the Online Retail format: refunds, skipped fees, guests, bad rows',
		async () => {
			const ws = await workspace(db, 'retail');
			const result = await importFile(
				db,
				{ ...request(ws, 'orders', ONLINE_RETAIL.mapping, 'sample.csv'), preset: 'online-retail' },
				bytes(SAMPLE),
				{ chunkRows: 3 }
			);
			expect(result.status).toBe('done');
			expect(result.progress).toMatchObject({ rowsOk: 8, rowsSkipped: 5, rowsFailed: 5 });
			expect(result.summary).toMatchObject({
				orders: 6,
				refunds: 1,
				guestOrders: 1,
				lines: 8,
				skipped: { non_product: 5 }
			});

			const orders = await db
				.selectFrom('shop_order')
				.selectAll()
				.where('workspace_id', '=', ws)
				.orderBy('external_id')
				.execute();
			expect(
				orders.map((o) => [o.external_id, o.status, Number(o.total_minor), o.currency, o.source])
			).toEqual([
				['OR-500001', 'completed', 1780, 'GBP', 'import'],
				['OR-500002', 'completed', 3 * 255 + 495, 'GBP', 'import'],
				['OR-500003', 'completed', 1100, 'GBP', 'import'],
				['OR-500006', 'completed', 200, 'GBP', 'import'],
				['OR-500008', 'completed', 135, 'GBP', 'import'],
				['OR-C500004', 'refunded', -510, 'GBP', 'import']
			]);
			expect(orders.find((o) => o.external_id === 'OR-500002')?.customer_id).toBeNull();
			// UK summer time: 12:30 in London is 11:30 UTC.
			expect(Number(orders.find((o) => o.external_id === 'OR-500003')?.placed_at)).toBe(
				Date.UTC(2011, 6, 1, 11, 30)
			);
			expect(Number(orders.find((o) => o.external_id === 'OR-500001')?.placed_at)).toBe(
				Date.UTC(2011, 0, 10, 9, 15)
			);

			const customers = await db
				.selectFrom('customer')
				.selectAll()
				.where('workspace_id', '=', ws)
				.orderBy('external_id')
				.execute();
			expect(
				customers.map((c) => [c.external_id, c.orders_count, Number(c.revenue_minor)])
			).toEqual([
				['20001', 1, 1780 - 510],
				['20002', 1, 1100],
				['20003', 2, 335]
			]);
			const uk = customers[0]!;
			expect(
				JSON.parse(typeof uk.traits === 'string' ? uk.traits : JSON.stringify(uk.traits))
			).toEqual({ country: 'United Kingdom' });
			expect(Number(uk.first_order_at)).toBe(Date.UTC(2011, 0, 10, 9, 15));
			expect(Number(uk.last_seen_at)).toBe(Date.UTC(2011, 0, 20, 14, 0));
			expect(uk.facts_stale_at).not.toBeNull();
			expect(uk.search_text).toBe('20001');

			const products = await db
				.selectFrom('product')
				.selectAll()
				.where('workspace_id', '=', ws)
				.orderBy('sku')
				.execute();
			expect(products.map((p) => [p.sku, p.name, Number(p.price_minor)])).toEqual([
				['10001A', 'RED TEA CUP', 255],
				['10002', 'BLUE SAUCER NEW', 135],
				['10003', 'JAR, "LARGE"', 495],
				['10005', 'YELLOW MUG', 200]
			]);
			const lines = await db
				.selectFrom('order_line')
				.select(['sku', 'name', 'quantity', 'product_id'])
				.where('workspace_id', '=', ws)
				.orderBy('id')
				.execute();
			expect(lines[1]).toMatchObject({ sku: '10002', name: 'BLUE SAUCER', quantity: 2 });
			expect(lines.every((l) => l.product_id !== null)).toBe(true);

			const job = await findJob(db, ws, result.jobId);
			expect(job).toMatchObject({
				status: 'done',
				rowsOk: 8,
				rowsSkipped: 5,
				rowsFailed: 5,
				preset: 'online-retail'
			});
			expect(job?.bytesDone).toBe(SAMPLE.length);
			const report = await errorReport(db, ws, result.jobId);
			let csv = '';
			for await (const chunk of report!.lines) csv += chunk;
			const reportLines = csv.trim().split('\r\n');
			expect(reportLines[0]).toBe('row,message,raw');
			expect(reportLines).toHaveLength(6);
			expect(csv).toContain('9,Quantity is negative on an order that is not a cancellation,');
			expect(csv).toContain('Quantity is not a whole number: ""abc""');
			expect(csv).toContain('Date is not a real date');
			expect(csv).toContain('Price is not an amount');
			expect(csv).toContain('not valid text');

			// Re-importing the same file (gzipped this time, other chunk sizes) changes nothing.
			const before = await snapshot(db, ws);
			const again = await importFile(
				db,
				request(ws, 'orders', ONLINE_RETAIL.mapping, 'sample.csv.gz'),
				bytes(gzipSync(SAMPLE)),
				{ chunkRows: 2 }
			);
			expect(again.status).toBe('done');
			expect(again.summary).toMatchObject({
				orders: 6,
				ordersCreated: 0,
				customersCreated: 0,
				productsCreated: 0,
				customersUpdated: 0
			});
			expect(await snapshot(db, ws)).toEqual(before);
			expect((await listJobs(db, ws)).map((j) => j.id)).toEqual([again.jobId, result.jobId]);
		}
	);

	it.skipIf(skip)('moves an order to its corrected customer and recomputes both', async () => {
		const ws = await workspace(db, 'moves');
		const head =
			'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
		const file = (customer: string) =>
			`${head}\n700001,10001,CUP,2,2011-01-10 09:15:00,1.50,${customer},UK\n`;
		await importFile(db, request(ws, 'orders', ONLINE_RETAIL.mapping), bytes(file('1.0')));
		await importFile(db, request(ws, 'orders', ONLINE_RETAIL.mapping), bytes(file('2.0')));
		const customers = await db
			.selectFrom('customer')
			.select(['external_id', 'orders_count', 'revenue_minor', 'last_order_at'])
			.where('workspace_id', '=', ws)
			.orderBy('external_id')
			.execute();
		expect(
			customers.map((c) => [
				c.external_id,
				c.orders_count,
				Number(c.revenue_minor),
				c.last_order_at === null
			])
		).toEqual([
			['1', 0, 0, true],
			['2', 1, 300, false]
		]);
	});

	it.skipIf(skip)('keeps workspaces apart', async () => {
		const a = await workspace(db, 'iso-a');
		const b = await workspace(db, 'iso-b');
		const first = await importFile(db, request(a, 'orders', ONLINE_RETAIL.mapping), bytes(SAMPLE));
		await importFile(db, request(b, 'orders', ONLINE_RETAIL.mapping), bytes(SAMPLE));
		expect(await findJob(db, b, first.jobId)).toBeNull();
		expect(await errorReport(db, b, first.jobId)).toBeNull();
		const count = async (ws: number) =>
			Number(
				(
					await db
						.selectFrom('shop_order')
						.select((eb) => eb.fn.countAll().as('n'))
						.where('workspace_id', '=', ws)
						.executeTakeFirstOrThrow()
				).n
			);
		expect(await count(a)).toBe(6);
		expect(await count(b)).toBe(6);
		const customerA = await db
			.selectFrom('customer')
			.select(['id'])
			.where('workspace_id', '=', a)
			.where('external_id', '=', '20001')
			.executeTakeFirstOrThrow();
		const ordersOfA = await db
			.selectFrom('shop_order')
			.select(['customer_id'])
			.where('workspace_id', '=', a)
			.where('customer_id', 'is not', null)
			.execute();
		expect(ordersOfA.every((o) => o.customer_id !== null)).toBe(true);
		const crossed = await db
			.selectFrom('shop_order')
			.select('id')
			.where('workspace_id', '=', b)
			.where('customer_id', '=', customerA.id)
			.execute();
		expect(crossed).toHaveLength(0);
	});

	it.skipIf(skip)(
		'imports customers and products with a mapping, merging traits and keeping values',
		async () => {
			const ws = await workspace(db, 'cat');
			const customers = [
				'Id,E-mail,Full name,Country,Favourite Colour,Newsletter,Joined',
				'c1,ADA@Example.com,Ada Lovelace,UK,green,yes,2020-05-01',
				'c2,not-an-email,Bob,FR,,no,',
				'c3,,Chen Wei,CN,red,,2021-02-30',
				',x@example.com,No Id,,,,',
				'c4,c4@example.com,,DE,blue,no,2022-01-01'
			].join('\n');
			const mapping: ImportMapping = {
				columns: {
					external_id: 'Id',
					email: 'E-mail',
					name: 'Full name',
					country: 'Country',
					consent: 'Newsletter',
					first_seen_at: 'Joined'
				},
				traits: ['Favourite Colour'],
				options: {}
			};
			const one = await importFile(db, request(ws, 'customers', mapping), bytes(customers));
			expect(one.progress).toMatchObject({ rowsOk: 2, rowsFailed: 3 });
			expect(one.summary).toMatchObject({ created: 2 });
			const ada = await db
				.selectFrom('customer')
				.selectAll()
				.where('workspace_id', '=', ws)
				.where('external_id', '=', 'c1')
				.executeTakeFirstOrThrow();
			expect(ada).toMatchObject({
				email: 'ada@example.com',
				name: 'Ada Lovelace',
				consent: 'granted',
				search_text: 'ada@example.com ada lovelace c1'
			});
			expect(Number(ada.first_seen_at)).toBe(Date.UTC(2020, 4, 1));

			// A second file adds a trait and leaves values it does not give alone.
			const before = await snapshot(db, ws);
			await importFile(db, request(ws, 'customers', mapping), bytes(customers));
			expect(await snapshot(db, ws)).toEqual(before);
			const update = ['Id,City', 'c1,London'].join('\n');
			await importFile(
				db,
				request(ws, 'customers', { columns: { external_id: 'Id', city: 'City' }, options: {} }),
				bytes(update)
			);
			const after = await db
				.selectFrom('customer')
				.selectAll()
				.where('workspace_id', '=', ws)
				.where('external_id', '=', 'c1')
				.executeTakeFirstOrThrow();
			expect(after.email).toBe('ada@example.com');
			expect(
				JSON.parse(typeof after.traits === 'string' ? after.traits : JSON.stringify(after.traits))
			).toEqual({
				country: 'UK',
				favourite_colour: 'green',
				city: 'London'
			});

			const products = [
				'sku;name;price'.replaceAll(';', ','),
				'A1,Teapot,"1,234.50"',
				'A2,Cup,-1',
				'A3,,2',
				'A1,Teapot large,12.5'
			].join('\r\n');
			const p = await importFile(
				db,
				request(ws, 'products', {
					columns: { sku: 'sku', name: 'name', price: 'price' },
					options: { currency: 'JPY' }
				}),
				bytes(products)
			);
			expect(p.progress).toMatchObject({ rowsOk: 2, rowsFailed: 2 });
			const teapot = await db
				.selectFrom('product')
				.selectAll()
				.where('workspace_id', '=', ws)
				.where('sku', '=', 'A1')
				.executeTakeFirstOrThrow();
			expect([teapot.name, Number(teapot.price_minor)]).toEqual(['Teapot large', 13]);
		}
	);

	it.skipIf(skip)('fails the job, not the process, when the file does not fit', async () => {
		const ws = await workspace(db, 'bad');
		const wrong = await importFile(
			db,
			request(ws, 'orders', ONLINE_RETAIL.mapping),
			bytes('a,b,c\n1,2,3\n')
		);
		expect(wrong.status).toBe('failed');
		expect(wrong.summary).toMatchObject({ error: 'mapping_mismatch' });
		expect((await findJob(db, ws, wrong.jobId))?.status).toBe('failed');
		const empty = await importFile(db, request(ws, 'orders', ONLINE_RETAIL.mapping), bytes(''));
		expect(empty.summary).toMatchObject({ error: 'empty_file' });
		const quotes =
			'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n1,10001,"broken,1,2011-01-01 00:00,1,,UK\n';
		const broken = await importFile(
			db,
			request(ws, 'orders', ONLINE_RETAIL.mapping),
			bytes(quotes)
		);
		expect(broken.status).toBe('done');
		expect(broken.progress.rowsFailed).toBe(1);
	});

	it.skipIf(skip)('resolves presets and mappings', async () => {
		const ws = await workspace(db, 'presets');
		expect(await resolveMapping(db, ws, 'orders', { preset: 'online-retail' })).toMatchObject({
			ok: true,
			preset: 'online-retail'
		});
		expect(await resolveMapping(db, ws, 'customers', { preset: 'online-retail' })).toEqual({
			ok: false,
			error: 'preset_wrong_kind'
		});
		expect(await resolveMapping(db, ws, 'orders', { preset: 'saved:999' })).toEqual({
			ok: false,
			error: 'preset_not_found'
		});
		const bad = await resolveMapping(db, ws, 'products', { mapping: { columns: { sku: 'S' } } });
		expect(bad).toMatchObject({ ok: false, error: 'mapping_invalid' });
	});
});
