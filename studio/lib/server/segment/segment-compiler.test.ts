import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import type { SegmentNode, TraitCondition } from '../../segment/definition';
import { parseSegment } from '../../segment/validate';
import { dialectOf } from '../db/connect';
import { compileSegment } from './segment-compiler';
import { DAY, INJECTION, NOW, buildShop, type Shop } from './segment-fixture';

const trait = (key: string, operator: TraitCondition['operator'], value: unknown = null) =>
	({ type: 'trait', key, operator, value }) as SegmentNode;
const fact = (name: string, operator: string, value: unknown) =>
	({ type: 'fact', fact: name, operator, value }) as SegmentNode;
const event = (fields: Record<string, unknown>) =>
	({
		type: 'event',
		name: 'Order Completed',
		occurred: 'at_least',
		count: 1,
		within: null,
		...fields
	}) as SegmentNode;
const group = (op: 'and' | 'or', ...children: SegmentNode[]) =>
	({ type: 'group', op, children }) as SegmentNode;

// [description, conditions, who matches (marketing off, so consent does not interfere)]
const CASES: [string, SegmentNode[], string[]][] = [
	['no rules: everyone in the workspace', [], ['ada', 'bob', 'cy', 'dee']],
	['trait eq', [trait('city', 'eq', 'Paris')], ['ada']],
	['trait eq is case-sensitive', [trait('city', 'eq', 'paris')], []],
	[
		'trait neq includes customers without it',
		[trait('city', 'neq', 'Paris')],
		['bob', 'cy', 'dee']
	],
	['trait contains ignores case', [trait('city', 'contains', 'ERL')], ['bob']],
	['trait exists', [trait('city', 'exists')], ['ada', 'bob', 'dee']],
	['trait not_exists', [trait('city', 'not_exists')], ['cy']],
	['trait gt reads numbers and numeric text', [trait('age', 'gt', 35)], ['bob']],
	['trait lt skips non-numeric text', [trait('age', 'lt', 100)], ['ada', 'bob']],
	['trait before compares ISO dates', [trait('birthday', 'before', '1988-01-01')], ['bob']],
	['trait after', [trait('birthday', 'after', '1985-12-01')], ['ada']],
	['trait after is strict on the day', [trait('birthday', 'after', '1990-05-12')], []],
	['boolean traits read as true/false', [trait('vip', 'eq', 'true')], ['ada']],
	['boolean false', [trait('vip', 'eq', 'false')], ['bob']],
	['number trait eq from text', [trait('age', 'eq', '34')], ['ada']],
	['email ignores case', [trait('email', 'eq', 'ada@EXAMPLE.com')], ['ada']],
	['email contains', [trait('email', 'contains', 'example')], ['ada', 'bob', 'dee']],
	['email not_exists', [trait('email', 'not_exists')], ['cy']],
	['name column', [trait('name', 'eq', 'dee')], ['dee']],
	['consent eq', [trait('consent', 'eq', 'denied')], ['bob']],
	['consent neq', [trait('consent', 'neq', 'granted')], ['bob', 'cy']],
	['SQL in a value is just text', [trait('city', 'eq', INJECTION)], ['dee']],
	['SQL in a contains value', [trait('city', 'contains', "'; drop")], ['dee']],
	['unicode key and value', [trait('名字', 'eq', '测试')], ['dee']],
	['unicode value', [trait('nickname', 'eq', '小明')], ['ada']],
	['__proto__ is an ordinary key', [trait('__proto__', 'eq', 'polluted?')], ['ada']],
	['key with a dot is one key', [trait('city.name', 'exists')], []],
	['stage in', [fact('lifecycle_stage', 'in', ['growing', 'declining'])], ['ada', 'bob']],
	['stage not_in', [fact('lifecycle_stage', 'not_in', ['prospect'])], ['ada', 'bob', 'dee']],
	[
		'tier not_in keeps customers without a tier',
		[fact('value_tier', 'not_in', ['core'])],
		['bob', 'cy', 'dee']
	],
	['orders gte', [fact('orders_count', 'gte', 2)], ['ada', 'dee']],
	['orders eq 0', [fact('orders_count', 'eq', 0)], ['cy']],
	[
		'revenue between is inclusive',
		[fact('revenue_minor', 'between', [5000, 12000])],
		['bob', 'dee']
	],
	['churn gt', [fact('churn_risk', 'gt', 0.5)], ['bob', 'dee']],
	['rfm eq', [fact('rfm_recency', 'eq', 5)], ['ada']],
	['rfm lt skips customers without scores', [fact('rfm_frequency', 'lt', 3)], ['bob', 'dee']],
	['avg days lte', [fact('avg_days_between_orders', 'lte', 45)], ['ada']],
	[
		'last order gte 90 days includes exactly 90',
		[fact('last_order_days_ago', 'gte', 90)],
		['bob', 'dee']
	],
	['last order gt 90 days', [fact('last_order_days_ago', 'gt', 90)], ['dee']],
	['last order gt 89 days', [fact('last_order_days_ago', 'gt', 89)], ['bob', 'dee']],
	['last order lt 90 days', [fact('last_order_days_ago', 'lt', 90)], ['ada']],
	['last order lte 10 days includes exactly 10', [fact('last_order_days_ago', 'lte', 10)], ['ada']],
	['last order lte 9 days', [fact('last_order_days_ago', 'lte', 9)], []],
	['last order eq 10 days', [fact('last_order_days_ago', 'eq', 10)], ['ada']],
	['last order between', [fact('last_order_days_ago', 'between', [10, 90])], ['ada', 'bob']],
	['first seen lte 5 days', [fact('first_seen_days_ago', 'lte', 5)], ['cy']],
	['last seen gt 3 days', [fact('last_seen_days_ago', 'gt', 3)], ['cy']],
	['event at least once, ever', [event({})], ['ada', 'bob', 'dee']],
	['event at least 2 in 90 days', [event({ count: 2, within: { days: 90 } })], ['ada']],
	['event window includes its first instant', [event({ within: { days: 90 } })], ['ada', 'bob']],
	['event window excludes one day less', [event({ within: { days: 89 } })], ['ada']],
	[
		'no event in 60 days',
		[event({ occurred: 'none', within: { days: 60 } })],
		['bob', 'cy', 'dee']
	],
	['no event ever', [event({ occurred: 'none' })], ['cy']],
	['event at most 1', [event({ occurred: 'at_most', count: 1 })], ['bob', 'cy']],
	['event exactly 2', [event({ occurred: 'exactly', count: 2 })], ['dee']],
	['event exactly 3', [event({ occurred: 'exactly', count: 3 })], ['ada']],
	['event exactly 0', [event({ occurred: 'exactly', count: 0 })], ['cy']],
	['event at least 4: nobody', [event({ count: 4 })], []],
	[
		'event with property eq',
		[
			event({ name: 'Product Viewed', property: { key: 'category', operator: 'eq', value: 'Tea' } })
		],
		['ada']
	],
	[
		'event with property contains',
		[
			event({
				name: 'Product Viewed',
				property: { key: 'category', operator: 'contains', value: 'TEA' }
			})
		],
		['ada', 'bob']
	],
	[
		'event with numeric property',
		[event({ name: 'Product Viewed', property: { key: 'price', operator: 'gt', value: 8.5 } })],
		['ada', 'bob']
	],
	[
		'no event with a property',
		[
			event({
				name: 'Product Viewed',
				occurred: 'none',
				property: { key: 'category', operator: 'eq', value: 'Coffee' }
			})
		],
		['bob', 'cy', 'dee']
	],
	[
		'event property with SQL text',
		[
			event({
				name: 'Product Viewed',
				property: { key: 'category', operator: 'eq', value: INJECTION }
			})
		],
		[]
	],
	[
		'and/or nesting',
		[
			group('or', trait('city', 'eq', 'Paris'), fact('lifecycle_stage', 'in', ['churned'])),
			fact('orders_count', 'gte', 2)
		],
		['ada', 'dee']
	],
	[
		'nesting four deep',
		[
			group(
				'or',
				group('and', group('or', trait('city', 'eq', 'Berlin'), trait('name', 'eq', 'cy'))),
				event({ occurred: 'exactly', count: 2 })
			)
		],
		['bob', 'cy', 'dee']
	]
];

describe.each(testDatabases())('segment compiler on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let shop: Shop;

	beforeAll(async () => {
		if (skip) return;
		({ db, close } = await open());
		shop = await buildShop(db, 'compiler');
	});
	afterAll(async () => close?.());

	async function who(
		children: SegmentNode[],
		options: { op?: 'and' | 'or'; marketing?: boolean; workspaceId?: number } = {}
	): Promise<string[]> {
		const parsed = parseSegment({
			version: 1,
			marketing: options.marketing ?? false,
			root: { type: 'group', op: options.op ?? 'and', children }
		});
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
		const matches = compileSegment(parsed.definition, {
			dialect: dialectOf(db),
			workspaceId: options.workspaceId ?? shop.workspaceId,
			now: NOW
		});
		const rows = await db.selectFrom('customer').select('name').where(matches).execute();
		return rows.map((r) => r.name ?? '').sort();
	}

	it.skipIf(skip).each(CASES)('%s', async (_, children, expected) => {
		expect(await who(children)).toEqual(expected);
	});

	it.skipIf(skip)('an or root matches either side', async () => {
		expect(
			await who([trait('city', 'eq', 'Paris'), fact('orders_count', 'eq', 0)], { op: 'or' })
		).toEqual(['ada', 'cy']);
	});

	it.skipIf(skip)('marketing segments leave out customers who opted out', async () => {
		expect(await who([trait('city', 'exists')], { marketing: true })).toEqual(['ada', 'dee']);
		expect(await who([], { marketing: true })).toEqual(['ada', 'cy', 'dee']);
		expect(await who([trait('consent', 'eq', 'denied')], { marketing: true })).toEqual([]);
	});

	it.skipIf(skip)('sees only its own workspace, also through events', async () => {
		expect(await who([trait('city', 'eq', 'Paris')])).toEqual(['ada']);
		expect(await who([event({ within: { days: 5 } })])).toEqual([]);
		expect(await who([event({ count: 3 })], { workspaceId: shop.otherWorkspaceId })).toEqual([
			'eve'
		]);
		expect(
			await who([fact('orders_count', 'gte', 0)], { workspaceId: shop.otherWorkspaceId })
		).toEqual(['eve']);
	});

	it.skipIf(skip)(
		'time moves the window: evaluating a day later drops the 90-day order',
		async () => {
			const parsed = parseSegment({
				version: 1,
				marketing: false,
				root: { type: 'group', op: 'and', children: [event({ within: { days: 90 } })] }
			});
			if (!parsed.ok) throw new Error('invalid');
			const later = compileSegment(parsed.definition, {
				dialect: dialectOf(db),
				workspaceId: shop.workspaceId,
				now: NOW + DAY
			});
			const rows = await db.selectFrom('customer').select('name').where(later).execute();
			expect(rows.map((r) => r.name)).toEqual(['ada']);
		}
	);

	it.skipIf(skip)('binds values as parameters, never as SQL text', async () => {
		const parsed = parseSegment({
			version: 1,
			marketing: true,
			root: {
				type: 'group',
				op: 'and',
				children: [trait('city', 'eq', INJECTION), trait('名字', 'contains', INJECTION)]
			}
		});
		if (!parsed.ok) throw new Error('invalid');
		const compiled = db
			.selectFrom('customer')
			.select('id')
			.where(
				compileSegment(parsed.definition, { dialect: dialectOf(db), workspaceId: 1, now: NOW })
			)
			.compile();
		expect(compiled.sql).not.toContain('drop table');
		expect(compiled.sql).not.toContain('名字');
		expect(compiled.parameters).toContain(INJECTION);
		// And the table is still there.
		const count = await sql<{ n: number }>`select count(*) as n from customer`.execute(db);
		expect(Number(count.rows[0]?.n)).toBe(5);
	});

	it.skipIf(skip)('refuses to compile an unsafe key that skipped validation', () => {
		const definition = {
			version: 1 as const,
			marketing: false,
			root: {
				type: 'group' as const,
				op: 'and' as const,
				children: [
					{ type: 'trait' as const, key: INJECTION, operator: 'exists' as const, value: null }
				]
			}
		};
		expect(() =>
			compileSegment(definition, { dialect: dialectOf(db), workspaceId: 1, now: NOW })
		).toThrow(/Unsafe JSON key/);
	});
});
