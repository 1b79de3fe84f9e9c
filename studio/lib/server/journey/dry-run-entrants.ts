/**
 * Who a dry run lets into the journey: the candidate entries of the window, and the engine's
 * re-entry rule applied to each customer's candidates in turn.
 */
import { monthDay, nextAnniversary, zoneOr } from '../../journey/clock';
import type { EntryNode, ReEntry } from '../../journey/definition';
import { matchesAll } from '../../journey/match';
import type { Db } from '../db/connect';
import type { SimulationResult } from './simulate';
import {
	churnRiskAtLeast,
	customersWithDateValue,
	eventsNamed,
	lastEventsBetween,
	segmentMemberIds,
	workspaceTimeZone
} from './simulation-repository';

const DAY = 86_400_000;
const PAGE = 5_000;

/** One run that could start: who, when, and the entry event's properties. */
export interface Entrant {
	customerId: number;
	at: number;
	entry: Record<string, unknown>;
	/** The entry event: events stored after it are what the customer did next. */
	eventId: number | null;
}

/**
 * Each customer's chances to enter in [from, now], in time order, customers ordered by their
 * first: every matching entry event, or for audience entries the moment the customer crossed the
 * line in the window (inactivity, anniversaries) or now (segment members, churn risk).
 */
export async function candidateEntries(
	db: Db,
	workspaceId: number,
	entry: EntryNode,
	from: number,
	now: number
): Promise<Entrant[][]> {
	const single = (list: Entrant[]) => byTime(list).map((entrant) => [entrant]);
	switch (entry.type) {
		case 'entry_event': {
			const perCustomer = new Map<number, Entrant[]>();
			for (let after = 0; ;) {
				const page = await eventsNamed(db, workspaceId, {
					name: entry.event,
					from,
					to: now,
					afterId: after,
					limit: PAGE
				});
				for (const event of page) {
					if (!matchesAll(event.properties, entry.filters)) continue;
					const list = perCustomer.get(event.customerId) ?? [];
					list.push({
						customerId: event.customerId,
						at: event.timestamp,
						entry: event.properties,
						eventId: event.id
					});
					perCustomer.set(event.customerId, list);
				}
				if (page.length < PAGE) break;
				after = page[page.length - 1]!.id;
			}
			const chains = [...perCustomer.values()].map(byTime);
			return chains.sort((a, b) => a[0]!.at - b[0]!.at || a[0]!.customerId - b[0]!.customerId);
		}
		case 'entry_segment':
			return (await segmentMemberIds(db, workspaceId, entry.segmentId)).map((customerId) => [
				{ customerId, at: now, entry: { segment_id: entry.segmentId }, eventId: null }
			]);
		case 'entry_churn':
			return (await churnRiskAtLeast(db, workspaceId, entry.threshold)).map((customerId) => [
				{ customerId, at: now, entry: { churn_threshold: entry.threshold }, eventId: null }
			]);
		case 'entry_inactivity': {
			const span = entry.days * DAY;
			const rows = await lastEventsBetween(db, workspaceId, {
				event: entry.event,
				from: from - span,
				to: now - span
			});
			return single(
				rows.map((r) => ({
					customerId: r.customerId,
					at: r.last + span,
					entry: { inactive_days: entry.days, event: entry.event },
					eventId: null
				}))
			);
		}
		case 'entry_date': {
			const fallback = await workspaceTimeZone(db, workspaceId);
			const out: Entrant[] = [];
			for (const row of await customersWithDateValue(db, workspaceId, entry.trait)) {
				const date = monthDay(row.value);
				if (!date) continue;
				const own = row.traits.timezone;
				const zone = zoneOr(typeof own === 'string' ? own : null, fallback);
				const at = nextAnniversary(from, zone, date, entry.offsetDays, entry.hour);
				if (at <= now)
					out.push({ customerId: row.id, at, entry: { trait: entry.trait }, eventId: null });
			}
			return single(out);
		}
	}
}

function byTime(list: Entrant[]): Entrant[] {
	return list.sort((a, b) => a.at - b.at || a.customerId - b.customerId);
}

export interface DryRun {
	entrant: Entrant;
	result: SimulationResult;
}

/**
 * One customer's runs, as the engine would start them (engine-service.ts `enroll`): the first
 * candidate enters; a later one enters only once the run before it has ended (a customer is never
 * in the same journey twice at once, whatever the setting), and with a cooldown only that long
 * after the last entry. Whether a run has ended depends on what it did, so each run is simulated
 * before the next candidate is judged; a candidate dropped while a run is inside is not retried.
 */
export async function admittedRuns(
	candidates: readonly Entrant[],
	reEntry: ReEntry,
	simulate: (entrant: Entrant) => Promise<SimulationResult>
): Promise<DryRun[]> {
	const runs: DryRun[] = [];
	let insideUntil = -Infinity;
	let lastEntered = -Infinity;
	for (const entrant of candidates) {
		if (runs.length > 0) {
			if (reEntry.kind === 'never') break;
			// The engine handles the event that ends a run before the entries it triggers, so an
			// entry at the very moment the run ended gets in.
			if (entrant.at < insideUntil) continue;
			if (reEntry.kind === 'cooldown' && entrant.at - lastEntered < reEntry.days * DAY) continue;
		}
		const result = await simulate(entrant);
		runs.push({ entrant, result });
		lastEntered = entrant.at;
		// Still waiting at the end of the simulated horizon: inside for the rest of the window.
		insideUntil = result.status === 'waiting' ? Infinity : result.endedAt;
	}
	return runs;
}
