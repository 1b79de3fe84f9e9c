import { sql, type Kysely } from 'kysely';
import { bigint, identity, json } from './util';

/** Customers, identities, products, events and orders: the shop data every later feature reads. */
export async function up(db: Kysely<unknown>): Promise<void> {
	const id = identity(db);
	const big = bigint(db);

	await db.schema
		.createTable('customer')
		.addColumn('id', big, id)
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('external_id', 'text')
		.addColumn('email', 'text')
		.addColumn('name', 'text')
		.addColumn('traits', json(db), (c) => c.notNull().defaultTo(sql`'{}'`))
		.addColumn('consent', 'text', (c) => c.notNull().defaultTo('unknown'))
		.addColumn('first_seen_at', big, (c) => c.notNull())
		.addColumn('last_seen_at', big, (c) => c.notNull())
		.addColumn('orders_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('revenue_minor', big, (c) => c.notNull().defaultTo(0))
		.addColumn('first_order_at', big)
		.addColumn('last_order_at', big)
		.addColumn('created_at', big, (c) => c.notNull())
		.addColumn('updated_at', big, (c) => c.notNull())
		.addUniqueConstraint('customer_external_unique', ['workspace_id', 'external_id'])
		.execute();
	await db.schema
		.createIndex('customer_workspace_email')
		.on('customer')
		.columns(['workspace_id', 'email'])
		.execute();
	await db.schema
		.createIndex('customer_workspace_last_seen')
		.on('customer')
		.columns(['workspace_id', 'last_seen_at'])
		.execute();

	await db.schema
		.createTable('identity')
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('anonymous_id', 'text', (c) => c.notNull())
		.addColumn('customer_id', big, (c) => c.notNull().references('customer.id').onDelete('cascade'))
		.addColumn('created_at', big, (c) => c.notNull())
		.addPrimaryKeyConstraint('identity_pk', ['workspace_id', 'anonymous_id'])
		.execute();
	await db.schema.createIndex('identity_customer').on('identity').column('customer_id').execute();

	await db.schema
		.createTable('product')
		.addColumn('id', big, id)
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('sku', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('category', 'text')
		.addColumn('price_minor', big, (c) => c.notNull())
		.addColumn('image_url', 'text')
		.addColumn('url', 'text')
		.addColumn('in_stock', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', big, (c) => c.notNull())
		.addColumn('updated_at', big, (c) => c.notNull())
		.addUniqueConstraint('product_sku_unique', ['workspace_id', 'sku'])
		.execute();

	await db.schema
		.createTable('event')
		.addColumn('id', big, id)
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('message_id', 'text', (c) => c.notNull())
		.addColumn('customer_id', big, (c) => c.references('customer.id').onDelete('cascade'))
		.addColumn('anonymous_id', 'text')
		.addColumn('user_id', 'text')
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('name', 'text')
		.addColumn('properties', json(db), (c) => c.notNull().defaultTo(sql`'{}'`))
		.addColumn('timestamp', big, (c) => c.notNull())
		.addColumn('received_at', big, (c) => c.notNull())
		.addUniqueConstraint('event_message_unique', ['workspace_id', 'message_id'])
		.execute();
	await db.schema
		.createIndex('event_customer_time')
		.on('event')
		.columns(['workspace_id', 'customer_id', 'timestamp'])
		.execute();
	await db.schema
		.createIndex('event_name_time')
		.on('event')
		.columns(['workspace_id', 'name', 'timestamp'])
		.execute();

	await db.schema
		.createTable('shop_order')
		.addColumn('id', big, id)
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('external_id', 'text', (c) => c.notNull())
		.addColumn('customer_id', big, (c) => c.references('customer.id').onDelete('set null'))
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('total_minor', big, (c) => c.notNull())
		.addColumn('currency', 'text', (c) => c.notNull())
		.addColumn('placed_at', big, (c) => c.notNull())
		.addColumn('created_at', big, (c) => c.notNull())
		.addUniqueConstraint('order_external_unique', ['workspace_id', 'external_id'])
		.execute();
	await db.schema
		.createIndex('order_customer_time')
		.on('shop_order')
		.columns(['workspace_id', 'customer_id', 'placed_at'])
		.execute();
	await db.schema
		.createIndex('order_workspace_time')
		.on('shop_order')
		.columns(['workspace_id', 'placed_at'])
		.execute();

	await db.schema
		.createTable('order_line')
		.addColumn('id', big, id)
		.addColumn('workspace_id', big, (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('order_id', big, (c) => c.notNull().references('shop_order.id').onDelete('cascade'))
		.addColumn('product_id', big, (c) => c.references('product.id').onDelete('set null'))
		.addColumn('sku', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('quantity', 'integer', (c) => c.notNull())
		.addColumn('price_minor', big, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('order_line_order').on('order_line').column('order_id').execute();
	await db.schema
		.createIndex('order_line_product')
		.on('order_line')
		.columns(['workspace_id', 'product_id'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of ['order_line', 'shop_order', 'event', 'product', 'identity', 'customer']) {
		await db.schema.dropTable(table).execute();
	}
}
