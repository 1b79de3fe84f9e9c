import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	defaultSettings,
	type JourneyDefinition,
	type JourneyNode
} from '../../journey/definition';
import type { GroupNode } from '../../segment/definition';
import type { Db } from '../db/connect';
import { testDatabases } from '../db/testing';
import { forgetChannelSettings } from '../messaging/channel-settings-service';
import { configureSecretBox } from '../messaging/secret-box';
import { insertCustomer, insertEvent, insertWorkspace } from '../segment/segment-fixture';
import { insertSegment } from '../segment/segment-repository';
import { simulateJourney } from './simulate';
import { describedCustomer, readTestRequest } from './simulate-request';

const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);

/** Every table a journey run could write to, the customer's own included. */
const TABLES = [
	'customer',
	'event',
	'enrollment',
	'journey_step',
	'message',
	'loyalty_ledger',
	'journey_offer',
	'channel_settings',
	'segment_membership'
] as const;

const group = (...children: GroupNode['children']): GroupNode => ({
	type: 'group',
	op: 'and',
	children
});

function chain(nodes: JourneyNode[]): JourneyDefinition {
	const edges = nodes.slice(1).map((to, i) => ({ from: nodes[i]!.id, output: 'next', to: to.id }));
	return { version: 1, nodes, edges, settings: defaultSettings() };
}

/** A condition whose `yes` goes on to an email and whose `no` ends the run. */
function branch(check: Extract<JourneyNode, { type: 'condition' }>['checks'][number]) {
	const definition = chain([
		{ id: 'start', type: 'entry_event', event: 'Signed Up', filters: [] },
		{ id: 'check', type: 'condition', match: 'all', checks: [check] },
		{
			id: 'mail',
			type: 'email',
			subject: 'Hi {{first_name}}',
			body: 'Hello {{first_name}} in {{traits.city}}, cart {{entry.cart_id}}',
			products: null
		},
		{ id: 'done', type: 'exit' },
		{ id: 'not_for_you', type: 'exit' }
	]);
	definition.edges = definition.edges.map((e) =>
		e.from === 'check' ? { ...e, output: 'yes' } : e
	);
	definition.edges.push({ from: 'check', output: 'no', to: 'not_for_you' });
	return definition;
}

const mei = describedCustomer({
	email: 'mei@example.com',
	first_name: 'Mei',
	city: 'Hangzhou',
	consent: true
});

describe('described customers', () => {
	it('maps traits as identify does', () => {
		expect(mei).toEqual({
			externalId: null,
			email: 'mei@example.com',
			name: 'Mei',
			consent: 'granted',
			traits: { email: 'mei@example.com', first_name: 'Mei', city: 'Hangzhou' },
			loyaltyPoints: 0
		});
		expect(describedCustomer({ user_id: ' u-9 ', consent: 'denied' })).toMatchObject({
			externalId: 'u-9',
			email: null,
			name: null,
			consent: 'denied'
		});
		expect(describedCustomer({ name: 'Lin Wu', consent: 'maybe' }).consent).toBe('unknown');
	});

	it('the REST body refuses described customers; the studio one takes them', () => {
		const body = { customer: { traits: { email: 'x@example.com' } } };
		expect(readTestRequest(body).ok).toBe(false);
		const studio = readTestRequest(body, { described: true });
		expect(studio.ok && studio.value.customer).toEqual({
			described: expect.objectContaining({ email: 'x@example.com' }) as unknown
		});
		const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`t${i}`, i]));
		expect(readTestRequest({ customer: { traits: many } }, { described: true }).ok).toBe(false);
		expect(readTestRequest({ customer: { nope: 1 } }, { described: true }).ok).toBe(false);
	});
});

describe.each(testDatabases())(
	'test runs for a described customer on $dialect',
	({ open, skip }) => {
		let db: Db;
		let close: () => Promise<void>;
		let ws = 0;

		beforeAll(async () => {
			if (skip) return;
			configureSecretBox({ secret: 'x' });
			forgetChannelSettings();
			({ db, close } = await open());
			ws = await insertWorkspace(db, 'described');
			// A stored customer with history, so a stand-in that leaked into real rows would show.
			const stored = await insertCustomer(db, ws, {
				name: 'Stored',
				traits: { city: 'Paris' },
				orders: 4
			});
			await insertEvent(db, ws, stored, 'Order Completed', T0 - 1000);
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

		it.skipIf(skip)(
			'runs on the description: traits decide conditions, the email is rendered, nothing is written',
			async () => {
				const before = await rowCounts();
				const city = branch({
					kind: 'customer',
					root: group({ type: 'trait', key: 'city', operator: 'eq', value: 'Hangzhou' })
				});
				const result = await simulateJourney(db, ws, {
					definition: city,
					journeyId: 1,
					profile: mei,
					entry: { cart_id: 'c-1' },
					start: T0
				});
				expect(result.steps.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual([
					'start:next',
					'check:yes',
					'mail:queued',
					'done:completed'
				]);
				expect(result.steps[2]!.wouldSend).toMatchObject({
					channel: 'email',
					recipient: 'mei@example.com',
					subject: 'Hi Mei',
					body: 'Hello Mei in Hangzhou, cart c-1'
				});

				// A new shopper: no orders and no events, whatever the stored customers did.
				const facts = await simulateJourney(db, ws, {
					definition: branch({
						kind: 'customer',
						root: group(
							{ type: 'fact', fact: 'orders_count', operator: 'eq', value: 0 },
							{ type: 'event', name: 'Order Completed', occurred: 'none', count: 0, within: null }
						)
					}),
					journeyId: 1,
					profile: mei,
					start: T0
				});
				expect(facts.steps[1]!.outcome).toBe('yes');
				const paris = await simulateJourney(db, ws, {
					definition: branch({
						kind: 'customer',
						root: group({ type: 'trait', key: 'city', operator: 'eq', value: 'Paris' })
					}),
					journeyId: 1,
					profile: mei,
					start: T0
				});
				expect(paris.steps.map((s) => s.outcome)).toEqual(['next', 'no', 'completed']);
				expect(await rowCounts()).toEqual(before);
			}
		);

		it.skipIf(skip)(
			'user_id is the split key, so a description lands where that shopper would',
			async () => {
				const definition = chain([
					{ id: 'start', type: 'entry_event', event: 'Signed Up', filters: [] },
					{
						id: 'ab',
						type: 'split',
						mode: 'ab',
						variants: [
							{ key: 'a', weight: 0.5 },
							{ key: 'b', weight: 0.5 }
						],
						holdout: 0
					}
				]);
				const stored = await db
					.selectFrom('customer')
					.select('id')
					.where('workspace_id', '=', ws)
					.where('external_id', '=', 'Stored')
					.executeTakeFirstOrThrow();
				const seen = new Set<string>();
				for (let journeyId = 1; journeyId <= 8; journeyId++) {
					const bucket = async (input: { customerId: number } | { profile: typeof mei }) =>
						(await simulateJourney(db, ws, { definition, journeyId, start: T0, ...input }))
							.steps[1]!.outcome;
					const described = await bucket({ profile: { ...mei, externalId: 'Stored' } });
					expect(described).toBe(await bucket({ customerId: stored.id }));
					seen.add(described);
				}
				// Not one bucket for everything: the key really moves them.
				expect(seen).toEqual(new Set(['a', 'b']));
			}
		);

		it.skipIf(skip)('a profile change made by an earlier step is seen by a condition', async () => {
			const definition = branch({
				kind: 'customer',
				root: group({ type: 'trait', key: 'tier', operator: 'eq', value: 'gold' })
			});
			definition.nodes.splice(1, 0, {
				id: 'set',
				type: 'update_profile',
				change: { kind: 'set_trait', key: 'tier', value: 'gold' }
			});
			definition.edges = [
				{ from: 'start', output: 'next', to: 'set' },
				{ from: 'set', output: 'next', to: 'check' },
				...definition.edges.filter((e) => e.from !== 'start')
			];
			const result = await simulateJourney(db, ws, {
				definition,
				journeyId: 1,
				profile: mei,
				start: T0
			});
			expect(result.steps.map((s) => s.outcome)).toEqual([
				'next',
				'updated',
				'yes',
				'queued',
				'completed'
			]);
		});

		it.skipIf(skip)(
			'segments are evaluated on the description; opted out means no email',
			async () => {
				const hangzhou = await insertSegment(db, {
					workspaceId: ws,
					name: 'Hangzhou',
					description: '',
					definition: {
						version: 1,
						marketing: true,
						root: group({ type: 'trait', key: 'city', operator: 'eq', value: 'Hangzhou' })
					},
					createdBy: null,
					now: T0
				});
				const definition = branch({ kind: 'segment', segmentId: hangzhou, member: true });
				const before = await rowCounts();
				const run = (profile: typeof mei) =>
					simulateJourney(db, ws, { definition, journeyId: 1, profile, start: T0 });

				expect((await run(mei)).steps.map((s) => s.outcome)).toEqual([
					'next',
					'yes',
					'queued',
					'completed'
				]);
				// A marketing segment leaves out who opted out; so does the email step.
				const optedOut = { ...mei, consent: 'denied' as const };
				expect((await run(optedOut)).steps[1]!.outcome).toBe('no');
				const direct = await simulateJourney(db, ws, {
					definition: chain([
						{ id: 'start', type: 'entry_event', event: 'Signed Up', filters: [] },
						{ id: 'mail', type: 'email', subject: 'Hi', body: 'Hi', products: null },
						{ id: 'done', type: 'exit' }
					]),
					journeyId: 1,
					profile: optedOut,
					start: T0
				});
				expect(direct.steps[1]!.outcome).toBe('skipped_consent');
				expect(direct.messages).toBe(0);

				// A segment of another workspace, or none at all, has nobody in it.
				const elsewhere = await insertWorkspace(db, 'described-other');
				const foreign = await insertSegment(db, {
					workspaceId: elsewhere,
					name: 'Everyone',
					description: '',
					definition: { version: 1, marketing: false, root: group() },
					createdBy: null,
					now: T0
				});
				for (const segmentId of [foreign, 999_999]) {
					const result = await simulateJourney(db, ws, {
						definition: branch({ kind: 'segment', segmentId, member: true }),
						journeyId: 1,
						profile: mei,
						start: T0
					});
					expect(result.steps[1]!.outcome).toBe('no');
				}
				expect(await rowCounts()).toEqual(before);
			}
		);
	}
);
