import { sql } from 'kysely';
import type { Db } from '../db/connect';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Job {
	work: (trx: Db) => Promise<unknown>;
	weight: number;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

/**
 * SQLite has one writer, and a commit costs nearly the same whether it carries one request's
 * events or ten. Requests that arrive while a transaction is running therefore share the next one,
 * each inside its own savepoint, so a failing request rolls back only its own work. Every request
 * is answered after the shared commit: a 200 still means the events are durable. An idle server
 * commits each request alone, with no added wait.
 */
export class GroupCommitQueue {
	private queue: Job[] = [];
	private draining = false;

	constructor(
		private readonly db: Db,
		/** Events per shared transaction, so one commit never grows without bound. */
		private readonly maxWeight = 2000
	) {}

	run<T>(work: (trx: Db) => Promise<T>, weight: number): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.queue.push({ work, weight, resolve: resolve as (value: unknown) => void, reject });
			if (!this.draining) void this.drain();
		});
	}

	private async drain(): Promise<void> {
		this.draining = true;
		try {
			while (this.queue.length) {
				let count = 0;
				let weight = 0;
				for (const job of this.queue) {
					if (count > 0 && weight + job.weight > this.maxWeight) break;
					weight += job.weight;
					count++;
				}
				const jobs = this.queue.splice(0, count);
				const outcomes: Outcome[] = [];
				try {
					await this.db.transaction().execute(async (trx) => {
						if (jobs.length === 1) {
							outcomes.push({ ok: true, value: await jobs[0]!.work(trx) });
							return;
						}
						for (const job of jobs) outcomes.push(await inSavepoint(trx, job.work));
					});
				} catch (error) {
					for (const job of jobs) job.reject(error);
					continue;
				}
				jobs.forEach((job, i) => {
					const outcome = outcomes[i]!;
					if (outcome.ok) job.resolve(outcome.value);
					else job.reject(outcome.error);
				});
			}
		} finally {
			this.draining = false;
		}
	}
}

async function inSavepoint(trx: Db, work: (trx: Db) => Promise<unknown>): Promise<Outcome> {
	await sql`savepoint ingest_request`.execute(trx);
	try {
		const value = await work(trx);
		await sql`release savepoint ingest_request`.execute(trx);
		return { ok: true, value };
	} catch (error) {
		await sql`rollback to savepoint ingest_request`.execute(trx);
		await sql`release savepoint ingest_request`.execute(trx);
		return { ok: false, error };
	}
}
