import type { Db } from '../db/connect';
import { claimLease, releaseLease } from './job-lease';

export interface PeriodicJob {
	/** Also the lease name: one instance at a time runs it. */
	name: string;
	everyMs: number;
	/** How long the lease lasts; longer than a run, so a crashed holder frees it in time. */
	leaseMs: number;
	run: (db: Db, now: number) => Promise<void>;
	/**
	 * Every instance runs it, without the lease: for work that claims its own rows (due journey
	 * steps, the outbox), where more instances should mean more throughput.
	 */
	shared?: boolean;
}

/**
 * Runs background jobs on timers. Each tick claims the job's lease in the database first, so N
 * instances share the work instead of repeating it; a slow run never overlaps itself.
 */
export function startScheduler(db: Db, jobs: PeriodicJob[]): { stop: () => Promise<void> } {
	const running = new Map<string, Promise<void>>();
	const timers: NodeJS.Timeout[] = [];
	let stopped = false;

	const tick = (job: PeriodicJob) => {
		if (stopped || running.has(job.name)) return;
		const run = (async () => {
			try {
				if (job.shared) {
					await job.run(db, Date.now());
					return;
				}
				if (!(await claimLease(db, job.name, job.leaseMs))) return;
				try {
					await job.run(db, Date.now());
				} finally {
					await releaseLease(db, job.name);
				}
			} catch (error) {
				console.error(`Background job ${job.name} failed; it will run again.`, error);
			}
		})().finally(() => running.delete(job.name));
		running.set(job.name, run);
	};

	for (const job of jobs) {
		const timer = setInterval(() => tick(job), job.everyMs);
		timer.unref();
		timers.push(timer);
		tick(job);
	}

	return {
		async stop() {
			stopped = true;
			for (const timer of timers) clearInterval(timer);
			await Promise.all(running.values());
		}
	};
}
