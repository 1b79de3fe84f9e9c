import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEMPLATE_KEYS, type TemplateKey } from '../../journey/templates';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { forgetChannelSettings } from '../messaging/channel-settings-service';
import { configureSecretBox } from '../messaging/secret-box';
import { insertCustomer, insertEvent, insertWorkspace } from '../segment/segment-fixture';
import { forgetLiveJourneys, processDueEnrollments, processNewEvents } from './engine-service';
import { processAudienceEntries } from './entry-service';
import { journeyStats } from './journey-stats';
import { createJourney, publishJourney } from './journey-service';

const MINUTE = 60_000;
const DAY = 86_400_000;
// 08:00 UTC on a Monday; the birthday template enters at 9:00 local.
const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);

// Every template, published as it comes, run by the engine on a clock the test moves: each takes
// the path its description promises, on both databases.
describe.each(testDatabases())('the journey templates on $dialect', ({ open, skip }) => {
	let db: Db;
	let close: () => Promise<void>;
	let slug = 0;

	beforeAll(async () => {
		if (skip) return;
		configureSecretBox({ secret: 'templates-test' });
		({ db, close } = await open());
	});
	afterAll(async () => {
		forgetLiveJourneys();
		forgetChannelSettings();
		await close?.();
	});
	beforeEach(() => {
		forgetLiveJourneys();
		forgetChannelSettings();
	});

	/** A workspace with one live journey from the template; the engine starts reading now. */
	async function shop(key: TemplateKey) {
		const ws = await insertWorkspace(db, `tpl-${key}-${slug++}`);
		const created = await createJourney(db, ws, { template: key }, null, T0);
		if (!created.ok) throw new Error(JSON.stringify(created.error));
		const published = await publishJourney(db, ws, created.value.id, null, T0);
		if (!published.ok) throw new Error(JSON.stringify(published.error));
		forgetLiveJourneys();
		await processNewEvents(db, T0);
		return { ws, journeyId: created.value.id };
	}

	/** What the server's jobs do, at `now`. */
	async function tick(now: number) {
		await processNewEvents(db, now);
		await processAudienceEntries(db, now);
		while ((await processDueEnrollments(db, now)) > 0);
	}

	async function path(journeyId: number, customerId: number) {
		const rows = await db
			.selectFrom('journey_step')
			.select(['node_id', 'outcome'])
			.where('journey_id', '=', journeyId)
			.where('customer_id', '=', customerId)
			.where('outcome', '<>', 'entered')
			.orderBy('id')
			.execute();
		return rows.map((r) => `${r.node_id}:${r.outcome}`);
	}

	async function messages(ws: number, customerId: number) {
		return db
			.selectFrom('message')
			.select(['channel', 'node_id'])
			.where('workspace_id', '=', ws)
			.where('customer_id', '=', customerId)
			.orderBy('id')
			.execute();
	}

	async function points(customerId: number) {
		const row = await db
			.selectFrom('customer')
			.select('loyalty_points')
			.where('id', '=', customerId)
			.executeTakeFirstOrThrow();
		return Number(row.loyalty_points);
	}

	it.skipIf(skip)('covers all six templates', () => {
		expect([...TEMPLATE_KEYS].sort()).toEqual(
			[
				'abandoned_cart',
				'birthday',
				'loyalty_milestone',
				'post_purchase',
				'welcome',
				'win_back'
			].sort()
		);
	});

	it.skipIf(skip)('welcome: a greeting now, picks two days later unless they ordered', async () => {
		const { ws, journeyId } = await shop('welcome');
		const newbie = await insertCustomer(db, ws, { name: 'wen' });
		const buyer = await insertCustomer(db, ws, { name: 'wil', orders: 1 });
		await insertEvent(db, ws, newbie, 'Signed Up', T0 + MINUTE);
		await insertEvent(db, ws, buyer, 'Signed Up', T0 + MINUTE);
		await tick(T0 + 2 * MINUTE);
		expect((await messages(ws, newbie)).map((m) => m.node_id)).toEqual(['welcome_email']);
		await tick(T0 + 2 * DAY + 3 * MINUTE);
		expect(await path(journeyId, newbie)).toEqual([
			'signed_up:next',
			'welcome_email:queued',
			'wait_2_days:next',
			'has_ordered:no',
			'picks_email:queued',
			'done:completed'
		]);
		expect((await path(journeyId, buyer)).slice(-2)).toEqual([
			'has_ordered:yes',
			'ordered_exit:completed'
		]);
	});

	it.skipIf(skip)('abandoned cart: a reminder after an hour, converted by the order', async () => {
		const { ws, journeyId } = await shop('abandoned_cart');
		const ann = await insertCustomer(db, ws, { name: 'ann' });
		await insertEvent(db, ws, ann, 'Product Added', T0 + MINUTE, { cart_id: 'c1' });
		await tick(T0 + 2 * MINUTE);
		expect(await messages(ws, ann)).toEqual([]);
		await tick(T0 + 63 * MINUTE);
		expect((await messages(ws, ann)).map((m) => m.node_id)).toEqual(['reminder_email']);
		await insertEvent(db, ws, ann, 'Order Completed', T0 + 2 * 60 * MINUTE, { cart_id: 'c1' });
		await tick(T0 + 2 * 60 * MINUTE + 2 * 1000);
		const steps = await path(journeyId, ann);
		expect(steps.slice(-2)).toEqual(['reminder_email:queued', 'order_goal:converted']);
		expect((await journeyStats(db, ws, journeyId, 3)).runs.converted).toBe(1);
	});

	it.skipIf(skip)(
		'post-purchase: three days on, a cross-sell email and an on-site offer',
		async () => {
			const { ws, journeyId } = await shop('post_purchase');
			const pat = await insertCustomer(db, ws, { name: 'pat', orders: 1 });
			await insertEvent(db, ws, pat, 'Order Completed', T0 + MINUTE, { order_id: 'o1', total: 30 });
			await tick(T0 + 2 * MINUTE);
			await tick(T0 + 3 * DAY + 3 * MINUTE);
			expect((await messages(ws, pat)).map((m) => `${m.channel}:${m.node_id}`)).toEqual([
				'email:cross_sell_email',
				'offer:home_offer'
			]);
			const offers = await db
				.selectFrom('journey_offer')
				.select(['placement', 'expires_at'])
				.where('customer_id', '=', pat)
				.execute();
			expect(offers).toHaveLength(1);
			expect(Number(offers[0]!.expires_at)).toBeGreaterThan(T0 + 3 * DAY);
			expect((await path(journeyId, pat)).at(-1)).toBe('done:completed');
		}
	);

	it.skipIf(skip)(
		'loyalty milestone: bonus points and thanks at the fifth order only',
		async () => {
			const { ws, journeyId } = await shop('loyalty_milestone');
			const fifth = await insertCustomer(db, ws, { name: 'fia', orders: 5 });
			const second = await insertCustomer(db, ws, { name: 'sam', orders: 2 });
			await insertEvent(db, ws, fifth, 'Order Completed', T0 + MINUTE);
			await insertEvent(db, ws, second, 'Order Completed', T0 + MINUTE);
			await tick(T0 + 2 * MINUTE);
			expect(await points(fifth)).toBe(500);
			expect((await messages(ws, fifth)).map((m) => m.node_id)).toEqual(['thanks_email']);
			expect(await points(second)).toBe(0);
			expect(await path(journeyId, second)).toEqual([
				'ordered:next',
				'fifth_order:no',
				'not_yet:completed'
			]);
		}
	);

	it.skipIf(skip)('birthday: points, an email and an offer at 9:00 on the day', async () => {
		const { ws, journeyId } = await shop('birthday');
		const bday = await insertCustomer(db, ws, { name: 'bea', traits: { birthday: '1990-11-23' } });
		const other = await insertCustomer(db, ws, { name: 'ole', traits: { birthday: '1990-05-02' } });
		await tick(T0 + 30 * MINUTE); // 08:30: not yet
		expect(await points(bday)).toBe(0);
		await tick(T0 + 61 * MINUTE);
		expect(await points(bday)).toBe(200);
		expect((await messages(ws, bday)).map((m) => `${m.channel}:${m.node_id}`)).toEqual([
			'email:birthday_email',
			'offer:birthday_offer'
		]);
		// Once a year: the next minute's check does not enter her again.
		await tick(T0 + 62 * MINUTE);
		expect(await points(bday)).toBe(200);
		expect(await path(journeyId, other)).toEqual([]);
	});

	it.skipIf(skip)(
		'win-back: the churn-risk branch decides between incentive and reminder',
		async () => {
			const { ws, journeyId } = await shop('win_back');
			const risky = await insertCustomer(db, ws, {
				name: 'rio',
				orders: 3,
				lastOrderAt: T0 - 61 * DAY,
				churn: 0.8
			});
			const calm = await insertCustomer(db, ws, {
				name: 'cal',
				orders: 3,
				lastOrderAt: T0 - 62 * DAY,
				churn: 0.2
			});
			const recent = await insertCustomer(db, ws, {
				name: 'rex',
				orders: 3,
				lastOrderAt: T0 - 5 * DAY,
				churn: 0.9
			});
			await tick(T0 + MINUTE);
			expect((await messages(ws, risky)).map((m) => m.node_id)).toEqual(['miss_you_email']);
			expect(await points(risky)).toBe(300);
			expect((await messages(ws, calm)).map((m) => m.node_id)).toEqual(['reminder_email']);
			expect(await path(journeyId, recent)).toEqual([]);
			await tick(T0 + 15 * DAY);
			expect((await path(journeyId, risky)).slice(-2)).toEqual([
				'order_goal:not_converted',
				'done:completed'
			]);
		}
	);
});
