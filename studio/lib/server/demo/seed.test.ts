import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../api-key/api-key-service';
import { verifyPassword } from '../auth/password';
import { hashToken } from '../auth/tokens';
import { findUserByEmail } from '../auth/user-repository';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { sqliteDatabase, testDatabases } from '../db/testing';
import { generateDemoShop, type DemoShop } from './generator';
import {
	DEMO_DATA_SEED,
	DEMO_EMAIL,
	DEMO_PASSWORD,
	DEMO_SECRET_KEY_SECRET,
	DEMO_WRITE_KEY_SECRET,
	seedDemoIfEmpty
} from './seed';

const NOW = Date.UTC(2026, 10, 25, 15, 30);
const SEED_TIMEOUT = 90_000;

const TABLES = [
	'app_user',
	'workspace',
	'membership',
	'api_key',
	'product',
	'customer',
	'identity',
	'event',
	'shop_order',
	'order_line'
] as const;

async function countRows(db: Db): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of TABLES) {
		const row = await db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		counts[table] = Number(row.n);
	}
	return counts;
}

it('uses fixed key secrets shaped like generated ones', () => {
	for (const secret of [DEMO_WRITE_KEY_SECRET, DEMO_SECRET_KEY_SECRET])
		expect(secret).toMatch(/^[a-z2-7]{24,}$/);
});

describe.each(testDatabases())('seedDemoIfEmpty on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let shop: DemoShop;

	beforeAll(async () => {
		if (skip) return;
		shop = generateDemoShop({ seed: DEMO_DATA_SEED, now: NOW });
		({ db, close } = await open());
	});
	afterAll(async () => close?.());

	it.skipIf(skip)(
		'seeds a demo user, workspace, keys and a year of shop data, once when two starts race',
		async () => {
			const results = await Promise.all([seedDemoIfEmpty(db, NOW), seedDemoIfEmpty(db, NOW)]);
			const credentials = {
				email: DEMO_EMAIL,
				password: DEMO_PASSWORD,
				writeKey: `rg_write_${DEMO_WRITE_KEY_SECRET}`,
				secretKey: `rg_secret_${DEMO_SECRET_KEY_SECRET}`
			};
			expect(results).toContainEqual({ seeded: true, ...credentials });
			expect(results).toContainEqual({ seeded: false, ...credentials });
			expect(await countRows(db)).toEqual({
				app_user: 1,
				workspace: 1,
				membership: 1,
				api_key: 2,
				product: shop.products.length,
				customer: shop.customers.length,
				identity: shop.customers.reduce((n, c) => n + c.identities.length, 0),
				event: shop.events.length,
				shop_order: shop.orders.length,
				order_line: shop.orders.reduce((n, o) => n + o.lines.length, 0)
			});

			const user = await findUserByEmail(db, DEMO_EMAIL);
			expect(user?.name).toBe('Demo Marketer');
			expect(user?.locale).toBeNull();
			expect(await verifyPassword(user!.password_hash, DEMO_PASSWORD)).toBe(true);
			const workspace = await db.selectFrom('workspace').selectAll().executeTakeFirstOrThrow();
			expect(workspace).toMatchObject({ name: 'Regulars Demo Shop', currency: 'USD' });
			expect(user?.last_workspace_id).toBe(workspace.id);
			const membership = await db.selectFrom('membership').selectAll().executeTakeFirstOrThrow();
			expect(membership).toMatchObject({ user_id: user!.id, role: 'owner' });
		},
		SEED_TIMEOUT
	);

	it.skipIf(skip)('stores the keys hashed, and they authenticate', async () => {
		const keys = await db.selectFrom('api_key').selectAll().orderBy('id').execute();
		expect(keys.map((k) => [k.kind, k.name])).toEqual([
			['write', 'Demo storefront'],
			['secret', 'Demo back office']
		]);
		for (const key of keys) {
			expect(key.key_hash).not.toContain(DEMO_WRITE_KEY_SECRET);
			expect(key.key_hash).not.toContain(DEMO_SECRET_KEY_SECRET);
		}
		expect(keys[0]?.key_hash).toBe(hashToken(`rg_write_${DEMO_WRITE_KEY_SECRET}`));
		const write = await authenticateApiKey(db, `rg_write_${DEMO_WRITE_KEY_SECRET}`, ['write'], NOW);
		const secret = await authenticateApiKey(
			db,
			`rg_secret_${DEMO_SECRET_KEY_SECRET}`,
			['secret'],
			NOW
		);
		expect(write.ok && secret.ok).toBe(true);
	});

	it.skipIf(skip)('writes rows that agree with each other', async () => {
		const orphans = await db
			.selectFrom('order_line')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('product_id', 'is', null)
			.executeTakeFirstOrThrow();
		expect(Number(orphans.n)).toBe(0);

		// Customer roll-ups match the orders stored for them.
		const mismatched = await db
			.selectFrom('customer')
			.leftJoin(
				(eb) =>
					eb
						.selectFrom('shop_order')
						.select((o) => [
							'customer_id',
							o.fn.countAll<number>().as('orders'),
							o.fn
								.sum<number>(
									o.case().when('status', '=', 'completed').then(o.ref('total_minor')).else(0).end()
								)
								.as('revenue')
						])
						.groupBy('customer_id')
						.as('o'),
				(join) => join.onRef('o.customer_id', '=', 'customer.id')
			)
			.select([
				'customer.id',
				'customer.orders_count',
				'customer.revenue_minor',
				'o.orders',
				'o.revenue'
			])
			.execute();
		const wrong = mismatched.filter(
			(r) => Number(r.orders ?? 0) !== r.orders_count || Number(r.revenue ?? 0) !== r.revenue_minor
		);
		expect(wrong).toEqual([]);

		const order = await db
			.selectFrom('shop_order')
			.selectAll()
			.where('source', '=', 'web')
			.orderBy('id')
			.executeTakeFirstOrThrow();
		const event = await db
			.selectFrom('event')
			.selectAll()
			.where('name', '=', 'Order Completed')
			.orderBy('timestamp')
			.executeTakeFirstOrThrow();
		const properties = readJson<Record<string, unknown>>(event.properties, {});
		expect(properties.order_id).toBe(shop.orders.find((o) => o.source === 'web')?.externalId);
		expect(properties.order_id).toBe(order.external_id);
		expect(event.customer_id).toBe(order.customer_id);
		expect(typeof event.timestamp).toBe('number');
	});

	it.skipIf(skip)('does nothing the second time', async () => {
		const before = await countRows(db);
		const again = await seedDemoIfEmpty(db, NOW + 60_000);
		expect(again.seeded).toBe(false);
		expect(again.writeKey).toBe(`rg_write_${DEMO_WRITE_KEY_SECRET}`);
		expect(await countRows(db)).toEqual(before);
	});
});

describe('seedDemoIfEmpty when a write fails', () => {
	it('leaves nothing behind', async () => {
		const { db, close } = await sqliteDatabase.open();
		try {
			// A missing table makes the very last insert fail, after everything else was written.
			await sql`drop table order_line`.execute(db);
			await expect(seedDemoIfEmpty(db, NOW, { customers: 100, products: 30 })).rejects.toThrow();
			for (const table of ['app_user', 'workspace', 'customer', 'event', 'shop_order'] as const) {
				const row = await db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow();
				expect(Number(row.n)).toBe(0);
			}
		} finally {
			await close();
		}
	});
});
