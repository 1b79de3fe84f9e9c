// The journey engine on SQLite: 100,000 customers enter a five-step journey (entry, delay,
// branch, action, exit) from their "Signed Up" events, then the delay's timers fall due. Runs the
// engine's own functions in this process on a file database, as the server's jobs do, and prints
// the steps per second end to end. `npm run bench -- journeys` (JOURNEY_CUSTOMERS overrides).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JourneyDefinition } from '../../studio/lib/journey/definition';
import { defaultSettings } from '../../studio/lib/journey/definition';
import { connect } from '../../studio/lib/server/db/connect';
import { migrateToLatest } from '../../studio/lib/server/db/migrate';
import {
	processDueEnrollments,
	processNewEvents
} from '../../studio/lib/server/journey/engine-service';
import { createJourney, publishJourney } from '../../studio/lib/server/journey/journey-service';
import { configureSecretBox } from '../../studio/lib/server/messaging/secret-box';

const CUSTOMERS = Number(process.env.JOURNEY_CUSTOMERS ?? 100_000);
const MINUTE = 60_000;

const definition: JourneyDefinition = {
	version: 1,
	nodes: [
		{ id: 'entry', type: 'entry_event', event: 'Signed Up', filters: [] },
		{ id: 'wait', type: 'delay', delay: { kind: 'duration', minutes: 1 } },
		{
			id: 'branch',
			type: 'condition',
			match: 'all',
			checks: [
				{
					kind: 'customer',
					root: {
						type: 'group',
						op: 'and',
						children: [{ type: 'fact', fact: 'orders_count', operator: 'gte', value: 1 }]
					}
				}
			]
		},
		{ id: 'points', type: 'award_points', points: 10, reason: 'welcome back' },
		{ id: 'tag', type: 'update_profile', change: { kind: 'add_tag', tag: 'new' } },
		{ id: 'done', type: 'exit' }
	],
	edges: [
		{ from: 'entry', output: 'next', to: 'wait' },
		{ from: 'wait', output: 'next', to: 'branch' },
		{ from: 'branch', output: 'yes', to: 'points' },
		{ from: 'branch', output: 'no', to: 'tag' },
		{ from: 'points', output: 'next', to: 'done' },
		{ from: 'tag', output: 'next', to: 'done' }
	],
	settings: defaultSettings()
};

const dataDir = mkdtempSync(join(tmpdir(), 'regulars-bench-journeys-'));
configureSecretBox({ dataDir });
const { db } = connect({ sqliteFile: 'regulars.sqlite', dataDir });
try {
	await migrateToLatest(db);
	const start = Date.now();
	const ws = (
		await db
			.insertInto('workspace')
			.values({
				slug: 'bench',
				name: 'Bench',
				currency: 'EUR',
				time_zone: 'UTC',
				created_at: start
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	console.log(`loading ${CUSTOMERS} customers and their sign-ups…`);
	for (let i = 0; i < CUSTOMERS; i += 1_000) {
		await db.transaction().execute(async (trx) => {
			const batch = Array.from({ length: Math.min(1_000, CUSTOMERS - i) }, (_, j) => i + j);
			const ids = await trx
				.insertInto('customer')
				.values(
					batch.map((n) => ({
						workspace_id: ws,
						external_id: `user-${n}`,
						email: `user-${n}@example.com`,
						name: `User ${n}`,
						traits: '{}',
						consent: 'granted' as const,
						first_seen_at: start,
						last_seen_at: start,
						orders_count: n % 3 === 0 ? 1 : 0,
						created_at: start,
						updated_at: start
					}))
				)
				.returning('id')
				.execute();
			if (i === 0) {
				// The journey goes live before the first sign-up, as in a running shop.
				const created = await createJourney(trx, ws, { name: 'Welcome', definition }, null, start);
				if (!created.ok) throw new Error(JSON.stringify(created.error));
				const published = await publishJourney(trx, ws, created.value.id, null, start);
				if (!published.ok) throw new Error(JSON.stringify(published.error));
				await processNewEvents(trx, start);
			}
			await trx
				.insertInto('event')
				.values(
					ids.map((row, j) => ({
						workspace_id: ws,
						message_id: `signup-${i + j}`,
						customer_id: row.id,
						anonymous_id: null,
						user_id: `user-${i + j}`,
						type: 'track' as const,
						name: 'Signed Up',
						properties: '{}',
						timestamp: start,
						received_at: start
					}))
				)
				.execute();
		});
	}

	const now = start + 5_000;
	const t0 = performance.now();
	let events = 0;
	for (let n; (n = await processNewEvents(db, now)) > 0;) events += n;
	const entered = performance.now();
	let due = 0;
	for (let n; (n = await processDueEnrollments(db, now + 2 * MINUTE, 500)) > 0;) due += n;
	const finished = performance.now();

	const count = async (where?: string) => {
		let query = db.selectFrom('journey_step').select((eb) => eb.fn.countAll<number>().as('n'));
		if (where) query = query.where('outcome', '=', where);
		return Number((await query.executeTakeFirstOrThrow()).n);
	};
	const executed = (await count()) - (await count('entered'));
	const completed = Number(
		(
			await db
				.selectFrom('enrollment')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('status', '=', 'completed')
				.executeTakeFirstOrThrow()
		).n
	);
	if (completed !== CUSTOMERS) throw new Error(`${completed} of ${CUSTOMERS} runs completed`);
	const seconds = (finished - t0) / 1000;
	console.log(
		`${events} events -> ${CUSTOMERS} runs entered in ${((entered - t0) / 1000).toFixed(1)} s; ` +
			`${due} timers in ${((finished - entered) / 1000).toFixed(1)} s; ${executed} steps, ${completed} completed`
	);
	console.log(`journey_steps_per_s: ${Math.round(executed / seconds)} steps/s`);
	console.log(`journey_customers_per_s: ${Math.round(CUSTOMERS / seconds)} customers/s`);
} finally {
	await db.destroy();
	rmSync(dataDir, { recursive: true, force: true });
}
