import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	defaultSettings,
	type JourneyDefinition,
	type JourneyNode
} from '../../journey/definition';
import { journeyTemplate } from '../../journey/templates';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { testDatabases } from '../db/testing';
import { forgetChannelSettings } from '../messaging/channel-settings-service';
import { configureSecretBox } from '../messaging/secret-box';
import { insertCustomer, insertWorkspace } from '../segment/segment-fixture';
import { createJourney } from './journey-service';
import { simulateJourney } from './simulate';
import { testJourney } from './simulate-request';

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);
const CART = { cart_id: 'c-42' };

function abandonedCart(goal = true): JourneyDefinition {
	const definition = journeyTemplate('abandoned_cart').definition;
	return goal ? definition : { ...definition, settings: { ...definition.settings, goal: null } };
}

function chain(nodes: JourneyNode[], settings = defaultSettings()): JourneyDefinition {
	const edges = nodes.slice(1).map((to, i) => ({ from: nodes[i]!.id, output: 'next', to: to.id }));
	return { version: 1, nodes, edges, settings };
}

const TABLES = [
	'enrollment',
	'journey_step',
	'message',
	'loyalty_ledger',
	'journey_offer',
	'channel_settings'
] as const;

describe.each(testDatabases())('journey test runs on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let ws = 0;
	let slug = 0;

	beforeAll(async () => {
		if (skip) return;
		configureSecretBox({ secret: 'x' });
		forgetChannelSettings();
		({ db, close } = await open());
		ws = await insertWorkspace(db, 'sim');
	});
	afterAll(async () => {
		forgetChannelSettings();
		await close?.();
	});

	async function rowCounts(): Promise<Record<string, number>> {
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

	async function customerRow(id: number) {
		const row = await db
			.selectFrom('customer')
			.select(['traits', 'loyalty_points', 'updated_at'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		return {
			traits: readJson<unknown>(row.traits, null),
			points: Number(row.loyalty_points),
			updatedAt: Number(row.updated_at)
		};
	}

	it.skipIf(skip)(
		'abandoned cart without events: waits the hour, would send the reminder, then the goal window closes',
		async () => {
			const mei = await insertCustomer(db, ws, { name: 'Mei' });
			const result = await simulateJourney(db, ws, {
				definition: abandonedCart(),
				journeyId: 7,
				customerId: mei,
				entry: CART,
				start: T0
			});
			const reminded = T0 + 60 * MINUTE;
			const closed = reminded + 3 * DAY;
			expect(result.steps.map(({ wouldSend: _, ...step }) => step)).toEqual([
				{ at: T0, nodeId: 'added_to_cart', type: 'entry_event', outcome: 'next' },
				{
					at: reminded,
					nodeId: 'wait_for_order',
					type: 'wait_event',
					outcome: 'timed_out',
					detail: { waitedMinutes: 60 }
				},
				{ at: reminded, nodeId: 'reminder_email', type: 'email', outcome: 'queued' },
				{
					at: closed,
					nodeId: 'order_goal',
					type: 'goal',
					outcome: 'not_converted',
					detail: { waitedMinutes: 3 * 24 * 60 }
				},
				{ at: closed, nodeId: 'done', type: 'exit', outcome: 'completed' }
			]);
			const email = result.steps[2]!.wouldSend!;
			expect(email).toMatchObject({
				channel: 'email',
				recipient: 'Mei@example.com',
				subject: 'You left something in your cart',
				skus: []
			});
			expect(email.body).toContain('Hi Mei,');
			expect(result).toMatchObject({ status: 'completed', endedAt: closed, messages: 1 });
		}
	);

	it.skipIf(skip)(
		'an order for the same cart within the hour: the wait happens and nothing is sent',
		async () => {
			const ori = await insertCustomer(db, ws, { name: 'Ori' });
			const order = { name: 'Order Completed', properties: { cart_id: 'c-42' }, atMinutes: 30 };
			const base = { journeyId: 7, customerId: ori, entry: CART, start: T0 };

			const happened = await simulateJourney(db, ws, {
				...base,
				definition: abandonedCart(false),
				events: [order]
			});
			expect(happened.steps.map((s) => `${s.nodeId}:${s.outcome}@${(s.at - T0) / MINUTE}`)).toEqual(
				['added_to_cart:next@0', 'wait_for_order:happened@30', 'ordered_exit:completed@30']
			);
			expect(happened).toMatchObject({
				status: 'completed',
				messages: 0,
				endedAt: T0 + 30 * MINUTE
			});

			// As in the engine, the template's own journey goal (an order within 3 days) sees it first.
			const converted = await simulateJourney(db, ws, {
				...base,
				definition: abandonedCart(),
				events: [order]
			});
			expect(converted.steps.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual([
				'added_to_cart:next',
				'wait_for_order:converted'
			]);
			expect(converted).toMatchObject({ status: 'converted', messages: 0 });

			// Another cart's order is not this one.
			const other = await simulateJourney(db, ws, {
				...base,
				definition: abandonedCart(false),
				events: [{ ...order, properties: { cart_id: 'c-43' } }]
			});
			expect(other.steps[1]!.outcome).toBe('timed_out');
			expect(other.messages).toBe(1);
		}
	);

	it.skipIf(skip)('an opted-out customer: the email step is skipped for consent', async () => {
		const opt = await insertCustomer(db, ws, { name: 'Opt', consent: 'denied' });
		const result = await simulateJourney(db, ws, {
			definition: abandonedCart(),
			journeyId: 7,
			customerId: opt,
			entry: CART,
			start: T0
		});
		const email = result.steps.find((s) => s.nodeId === 'reminder_email')!;
		expect(email.outcome).toBe('skipped_consent');
		expect(email.wouldSend).toBeUndefined();
		expect(result).toMatchObject({ status: 'completed', messages: 0 });
	});

	it.skipIf(skip)(
		'writes nothing, while later steps see the profile changes and points in memory',
		async () => {
			const pat = await insertCustomer(db, ws, { name: 'Pat', traits: { tier: 'silver' } });
			const gold = {
				type: 'group' as const,
				op: 'and' as const,
				children: [{ type: 'trait' as const, key: 'tier', operator: 'eq' as const, value: 'gold' }]
			};
			const definition = chain([
				{ id: 'start', type: 'entry_event', event: 'Signed Up', filters: [] },
				{
					id: 'set_tier',
					type: 'update_profile',
					change: { kind: 'set_trait', key: 'tier', value: 'gold' }
				},
				{ id: 'tag', type: 'update_profile', change: { kind: 'add_tag', tag: 'vip' } },
				{ id: 'bonus', type: 'award_points', points: 50, reason: 'welcome' },
				{
					id: 'is_gold',
					type: 'condition',
					match: 'all',
					checks: [{ kind: 'customer', root: gold }]
				},
				{
					id: 'mail',
					type: 'email',
					subject: 'Gold!',
					body: 'Hi {{first_name}}, {{points}} points, tier {{traits.tier}}',
					products: null
				},
				{
					id: 'home',
					type: 'offer',
					placement: 'home',
					title: 'For {{first_name}}',
					body: 'x',
					products: null,
					expiresHours: 24
				},
				{ id: 'hook', type: 'webhook', url: 'https://example.com/h', body: '{"who":"{{name}}"}' },
				{ id: 'done', type: 'exit' }
			]);
			// The condition's `no` output goes nowhere: only `yes` continues to the email.
			definition.edges = definition.edges.map((e) =>
				e.from === 'is_gold' ? { ...e, output: 'yes' } : e
			);
			const before = { rows: await rowCounts(), pat: await customerRow(pat) };
			// Without the change in memory, the stored profile says silver.
			const stored = await simulateJourney(db, ws, {
				definition: {
					...definition,
					nodes: definition.nodes.map((n) =>
						n.id === 'set_tier' ? { ...n, change: { kind: 'add_tag', tag: 'x' } } : n
					)
				},
				journeyId: 8,
				customerId: pat,
				start: T0
			});
			expect(stored.steps.find((s) => s.nodeId === 'is_gold')!.outcome).toBe('no');

			const result = await simulateJourney(db, ws, {
				definition,
				journeyId: 8,
				customerId: pat,
				start: T0
			});
			expect(result.steps.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual([
				'start:next',
				'set_tier:updated',
				'tag:updated',
				'bonus:awarded',
				'is_gold:yes',
				'mail:queued',
				'home:sent',
				'hook:queued',
				'done:completed'
			]);
			const sends = result.steps.flatMap((s) => (s.wouldSend ? [s.wouldSend] : []));
			expect(sends.map((s) => [s.channel, s.recipient])).toEqual([
				['email', 'Pat@example.com'],
				['offer', 'home'],
				['webhook', 'https://example.com/h']
			]);
			expect(sends[0]!.body).toBe('Hi Pat, 50 points, tier gold');
			expect(sends[2]!.body).toBe('{"who":"Pat"}');
			expect(result.messages).toBe(3);

			expect(await rowCounts()).toEqual(before.rows);
			expect(Object.values(before.rows).every((n) => n === 0)).toBe(true);
			expect(await customerRow(pat)).toEqual(before.pat);
			expect(before.pat).toMatchObject({ traits: { tier: 'silver' }, points: 0 });
		}
	);

	it.skipIf(skip)('quiet hours in the customer’s zone move a 22:00 send to 08:00', async () => {
		const lin = await insertCustomer(db, ws, {
			name: 'Lin',
			traits: { timezone: 'Asia/Shanghai' }
		});
		const definition = chain(
			[
				{ id: 'start', type: 'entry_event', event: 'Signed Up', filters: [] },
				{ id: 'mail', type: 'email', subject: 'Hi', body: 'Hi {{first_name}}', products: null },
				{ id: 'done', type: 'exit' }
			],
			{
				...defaultSettings(),
				quietHours: { startHour: 21, endHour: 8 },
				exit: { event: 'Unsubscribed', leftSegmentId: null }
			}
		);
		// 22:00 in Shanghai (UTC+8) is 14:00 UTC; 08:00 the next morning is 00:00 UTC.
		const evening = Date.UTC(2026, 10, 23, 14, 0, 0);
		const morning = Date.UTC(2026, 10, 24, 0, 0, 0);
		const base = { definition, journeyId: 9, customerId: lin, start: evening };
		const result = await simulateJourney(db, ws, base);
		expect(result.steps[1]).toMatchObject({
			at: morning,
			nodeId: 'mail',
			outcome: 'queued',
			detail: { quietHoursFrom: evening },
			wouldSend: { channel: 'email', body: 'Hi Lin' }
		});
		expect(result).toMatchObject({ status: 'completed', endedAt: morning });

		// The journey's exit event during the night ends the run before the send.
		const left = await simulateJourney(db, ws, {
			...base,
			events: [{ name: 'Unsubscribed', atMinutes: 120 }]
		});
		expect(left.steps.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual([
			'start:next',
			'mail:exited'
		]);
		expect(left).toMatchObject({ status: 'exited', endedAt: evening + 120 * MINUTE, messages: 0 });
	});

	it.skipIf(skip)('counts real messages against the frequency cap', async () => {
		const capWs = await insertWorkspace(db, `sim-cap-${slug++}`);
		const cam = await insertCustomer(db, capWs, { name: 'Cam' });
		await db
			.insertInto('channel_settings')
			.values({ workspace_id: capWs, cap_per_day: 1, updated_at: T0 })
			.execute();
		const definition = chain([
			{ id: 'start', type: 'entry_event', event: 'Signed Up', filters: [] },
			{ id: 'one', type: 'email', subject: 'One', body: 'one', products: null },
			{ id: 'two', type: 'email', subject: 'Two', body: 'two', products: null },
			{ id: 'done', type: 'exit' }
		]);
		const run = () =>
			simulateJourney(db, capWs, { definition, journeyId: 10, customerId: cam, start: T0 });
		// The first would go out; the second meets the cap of one a day.
		expect((await run()).steps.map((s) => s.outcome)).toEqual([
			'next',
			'queued',
			'skipped_cap',
			'completed'
		]);
		await db
			.insertInto('message')
			.values({
				workspace_id: capWs,
				customer_id: cam,
				channel: 'email',
				idempotency_key: 'earlier',
				status: 'sent',
				payload: JSON.stringify({}),
				created_at: T0 - 60 * MINUTE
			})
			.execute();
		expect((await run()).steps.map((s) => s.outcome)).toEqual([
			'next',
			'skipped_cap',
			'skipped_cap',
			'completed'
		]);
	});

	it.skipIf(skip)('stops at the horizon while a long delay is still running', async () => {
		const dan = await insertCustomer(db, ws, { name: 'Dan' });
		const definition = chain([
			{ id: 'start', type: 'entry_event', event: 'Signed Up', filters: [] },
			{ id: 'later', type: 'delay', delay: { kind: 'duration', minutes: 90 * 24 * 60 } },
			{ id: 'done', type: 'exit' }
		]);
		const result = await simulateJourney(db, ws, {
			definition,
			journeyId: 11,
			customerId: dan,
			start: T0
		});
		expect(result.steps.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual([
			'start:next',
			'later:waiting'
		]);
		expect(result).toMatchObject({ status: 'waiting', endedAt: T0 + 60 * DAY });
	});

	it.skipIf(skip)(
		'testJourney finds the journey and the customer, and refuses definitions with problems',
		async () => {
			const created = await createJourney(db, ws, { template: 'abandoned_cart' }, null, T0);
			if (!created.ok) throw new Error(created.error.message);
			const id = created.value.id;
			await insertCustomer(db, ws, { name: 'shop-user-1' });
			const request = { customer: { externalId: 'shop-user-1' }, events: [], entry: CART };

			const ok = await testJourney(db, ws, id, request, T0);
			expect(ok.ok && ok.value.status).toBe('completed');
			expect(ok.ok && ok.value.steps[0]!.at).toBe(T0);

			expect(await testJourney(db, ws, id + 1000, request, T0)).toMatchObject({
				ok: false,
				error: { code: 'not_found' }
			});
			expect(
				await testJourney(db, ws, id, { ...request, customer: { externalId: 'nobody' } }, T0)
			).toMatchObject({ ok: false, error: { code: 'customer_not_found' } });
			const other = await insertWorkspace(db, `sim-other-${slug++}`);
			expect(await testJourney(db, other, id, request, T0)).toMatchObject({
				ok: false,
				error: { code: 'not_found' }
			});
			const broken = abandonedCart();
			broken.edges = broken.edges.filter((e) => e.to !== 'done');
			const refused = await testJourney(db, ws, id, { ...request, definition: broken }, T0);
			expect(refused.ok).toBe(false);
			if (!refused.ok) {
				expect(refused.error.code).toBe('definition_invalid');
				expect(refused.error.problems?.length).toBeGreaterThan(0);
			}
		}
	);
});
