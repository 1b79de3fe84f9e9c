import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import type { CustomerTable } from '../db/schema';
import {
	deleteCustomerRow,
	findCustomersByExternalIds,
	findIdentities,
	findProfiles,
	insertCustomers,
	insertIdentities,
	lockCustomers,
	moveCustomerData,
	touchCustomers,
	updateProfile,
	type CustomerProfileRow,
	type NewCustomerRow,
	type SeenState
} from './identity-repository';

/**
 * last_seen_at moves forward in steps of at least this much: a visitor's burst of events then
 * costs one customer write, not one per request (each write also rewrites four indexes).
 */
export const LAST_SEEN_STEP_MS = 60_000;

/**
 * Who an event is about. Events carry a userId (the shop's own id), an anonymousId (a browser's
 * or device's), or both; alias carries previousId -> userId.
 */
export interface IdentityCall {
	userId: string | null;
	anonymousId: string | null;
	/** alias only: the id (anonymous or an old user id) that now means userId. */
	previousId: string | null;
	timestamp: number;
	/** identify only: traits to merge into the profile. */
	traits: Record<string, unknown> | null;
	consent: 'granted' | 'denied' | null;
}

/**
 * Another request changed the same identities between this one's reads and writes (possible on
 * PostgreSQL only; SQLite has one writer). The caller rolls back and runs the request again.
 */
export class IdentityConflict extends Error {
	constructor(message: string) {
		super(`identity conflict: ${message}`);
	}
}

/** One customer as this request sees it: an existing row (id set) or one to create. */
class Ref {
	into: Ref | null = null;
	/** The row as read (existing customers only), to skip writes that would change nothing. */
	seen: SeenState | null = null;
	newAnonymousIds: string[] = [];
	minTs = Infinity;
	maxTs = -Infinity;
	traits: Record<string, unknown> | null = null;
	consent: 'granted' | 'denied' | null = null;
	promoted = false;
	constructor(
		public id: number | null,
		public externalId: string | null
	) {}
}

function find(ref: Ref): Ref {
	while (ref.into) ref = ref.into;
	return ref;
}

type Op = { kind: 'promote'; ref: Ref } | { kind: 'merge'; from: Ref; into: Ref };

export interface Resolution {
	/** The customer id of each call, in call order. */
	customerIds: number[];
	/** Every customer whose row this request changed (facts marked stale). */
	touched: number[];
	merged: number;
}

const MAX_EMAIL = 320;
const MAX_NAME = 200;

function traitText(value: unknown, max: number): string | null {
	if (typeof value !== 'string') return null;
	const text = value.trim();
	return text ? text.slice(0, max) : null;
}

function nameFromTraits(traits: Record<string, unknown>): string | null {
	const name = traitText(traits.name, MAX_NAME);
	if (name) return name;
	const parts = [traitText(traits.firstName, MAX_NAME), traitText(traits.lastName, MAX_NAME)];
	const joined = parts.filter(Boolean).join(' ');
	return joined ? joined.slice(0, MAX_NAME) : null;
}

export function searchTextOf(
	email: string | null,
	name: string | null,
	externalId: string | null
): string {
	return [email, name, externalId]
		.filter((part) => part)
		.join(' ')
		.toLowerCase();
}

/**
 * Resolves every call of one request to a customer, creating anonymous and known customers,
 * linking anonymous ids, and merging an anonymous customer into the known one when a call ties
 * them together. Runs inside the caller's transaction, with a fixed number of queries in the
 * common case (all ids already known): two lookups and one update.
 */
export async function resolveCustomers(
	db: Db,
	workspaceId: number,
	calls: readonly IdentityCall[],
	now = Date.now()
): Promise<Resolution> {
	const userIds = new Set<string>();
	const anonymousIds = new Set<string>();
	for (const call of calls) {
		if (call.userId !== null) userIds.add(call.userId);
		if (call.anonymousId !== null) anonymousIds.add(call.anonymousId);
		if (call.previousId !== null) {
			userIds.add(call.previousId);
			anonymousIds.add(call.previousId);
		}
	}
	const byId = new Map<number, Ref>();
	const refFor = (row: SeenState) => {
		let ref = byId.get(row.id);
		if (!ref) {
			ref = new Ref(row.id, row.externalId);
			ref.seen = row;
			byId.set(row.id, ref);
		}
		return ref;
	};
	const byUser = new Map<string, Ref>();
	const byAnonymous = new Map<string, Ref>();
	if (userIds.size)
		for (const row of await findCustomersByExternalIds(db, workspaceId, [...userIds]))
			byUser.set(row.externalId!, refFor(row));
	if (anonymousIds.size)
		for (const row of await findIdentities(db, workspaceId, [...anonymousIds]))
			byAnonymous.set(row.anonymousId, refFor(row));

	const ops: Op[] = [];
	const created: Ref[] = [];
	const newRef = (externalId: string | null) => {
		const ref = new Ref(null, externalId);
		created.push(ref);
		return ref;
	};
	const merge = (from: Ref, into: Ref) => {
		from.into = into;
		if (from.id !== null) ops.push({ kind: 'merge', from, into });
	};
	const link = (anonymousId: string, ref: Ref) => {
		byAnonymous.set(anonymousId, ref);
		ref.newAnonymousIds.push(anonymousId);
	};

	const targets: Ref[] = [];
	for (const call of calls) {
		const isAlias = call.previousId !== null;
		const otherId = isAlias ? call.previousId : call.anonymousId;
		const knownOther = otherId === null ? undefined : byAnonymous.get(otherId);
		let other = knownOther ? find(knownOther) : undefined;
		if (isAlias && !other) {
			const previousUser = byUser.get(call.previousId!);
			if (previousUser) other = find(previousUser);
		}
		let target: Ref;
		if (call.userId !== null) {
			const known = byUser.get(call.userId);
			let user = known ? find(known) : undefined;
			if (!user) {
				if (other && other.externalId === null) {
					// The visitor signs in for the first time: the anonymous profile becomes theirs.
					other.externalId = call.userId;
					if (other.id !== null && !other.promoted) ops.push({ kind: 'promote', ref: other });
					other.promoted = true;
					user = other;
				} else user = newRef(call.userId);
				byUser.set(call.userId, user);
			}
			if (otherId !== null) {
				if (!other) link(otherId, user);
				// An anonymous id already tied to another known customer (a shared device) stays
				// theirs; only alias says two known ids are one person.
				else if (other !== user && (other.externalId === null || isAlias)) merge(other, user);
			}
			target = user;
		} else {
			if (!other) {
				other = newRef(null);
				link(otherId!, other);
			}
			target = other;
		}
		targets.push(target);
		if (call.traits) target.traits = { ...target.traits, ...call.traits };
		if (call.consent) target.consent = call.consent;
	}

	// Everything below works on survivors: a ref merged away hands its events, times, traits and
	// anonymous ids to the ref it was merged into.
	for (const [i, call] of calls.entries()) {
		const final = find(targets[i]!);
		if (call.timestamp < final.minTs) final.minTs = call.timestamp;
		if (call.timestamp > final.maxTs) final.maxTs = call.timestamp;
	}
	for (const ref of [...created, ...byId.values()]) {
		if (!ref.into) continue;
		const final = find(ref);
		if (ref.traits) final.traits = { ...ref.traits, ...final.traits };
		final.consent ??= ref.consent;
		if (ref.newAnonymousIds.length) final.newAnonymousIds.push(...ref.newAnonymousIds);
		ref.newAnonymousIds = [];
	}

	const toCreate = created.filter((ref) => !ref.into);
	if (toCreate.length) {
		const rows: NewCustomerRow[] = toCreate.map((ref) => {
			const traits = ref.traits ?? {};
			const email = traitText(traits.email, MAX_EMAIL);
			const name = nameFromTraits(traits);
			return {
				externalId: ref.externalId,
				email,
				name,
				traits: JSON.stringify(traits),
				consent: ref.consent ?? 'unknown',
				searchText: searchTextOf(email, name, ref.externalId),
				firstSeenAt: Number.isFinite(ref.minTs) ? ref.minTs : now,
				lastSeenAt: Number.isFinite(ref.maxTs) ? ref.maxTs : now
			};
		});
		const ids = await insertCustomers(db, workspaceId, rows, now);
		if (!ids) throw new IdentityConflict('a customer was created concurrently');
		toCreate.forEach((ref, i) => (ref.id = ids[i]!));
	}

	const touched = new Set<number>();
	let merged = 0;
	for (const op of ops) {
		if (op.kind === 'promote') {
			if (op.ref.into) continue;
			await promote(db, workspaceId, op.ref, now);
		} else {
			const into = find(op.into);
			await mergeInto(db, workspaceId, op.from.id!, into.id!, now);
			merged++;
		}
		touched.add(find(op.kind === 'promote' ? op.ref : op.into).id!);
	}

	const links: { anonymousId: string; customerId: number }[] = [];
	for (const ref of [...toCreate, ...byId.values()]) {
		if (ref.into) continue;
		for (const anonymousId of ref.newAnonymousIds) links.push({ anonymousId, customerId: ref.id! });
	}
	if (links.length) {
		const linked = await insertIdentities(db, workspaceId, links, now);
		if (linked !== links.length)
			throw new IdentityConflict('an anonymous id was linked concurrently');
	}

	const existing = [...byId.values()].filter((ref) => !ref.into);
	const withProfile = existing.filter((ref) => ref.traits || ref.consent);
	if (withProfile.length) {
		const rows = await findProfiles(
			db,
			workspaceId,
			withProfile.map((ref) => ref.id!)
		);
		const profiles = new Map(rows.map((row) => [row.id, row]));
		for (const ref of withProfile) {
			const row = profiles.get(ref.id!);
			if (!row) throw new IdentityConflict('a customer was removed concurrently');
			await applyTraits(db, workspaceId, row, ref.traits, ref.consent, now);
			touched.add(row.id);
		}
	}

	const seen = existing.filter((ref) => Number.isFinite(ref.minTs));
	const stale = seen.filter(
		(ref) =>
			!ref.seen ||
			ref.seen.factsStaleAt === null ||
			ref.minTs < ref.seen.firstSeenAt ||
			ref.maxTs >= ref.seen.lastSeenAt + LAST_SEEN_STEP_MS ||
			touched.has(ref.id!)
	);
	if (stale.length)
		await touchCustomers(
			db,
			workspaceId,
			stale.map((ref) => ({ id: ref.id!, firstSeenAt: ref.minTs, lastSeenAt: ref.maxTs })),
			now
		);
	for (const ref of seen) touched.add(ref.id!);
	for (const ref of toCreate) touched.add(ref.id!);

	return { customerIds: targets.map((ref) => find(ref).id!), touched: [...touched], merged };
}

async function applyTraits(
	db: Db,
	workspaceId: number,
	row: CustomerProfileRow,
	traits: Record<string, unknown> | null,
	consent: 'granted' | 'denied' | null,
	now: number
): Promise<void> {
	const merged = { ...readJson<Record<string, unknown>>(row.traits, {}), ...traits };
	const email = (traits && traitText(traits.email, MAX_EMAIL)) ?? row.email;
	const name = (traits && nameFromTraits(traits)) ?? row.name;
	await updateProfile(
		db,
		workspaceId,
		row.id,
		{
			traits: JSON.stringify(merged),
			email,
			name,
			consent: consent ?? row.consent,
			searchText: searchTextOf(email, name, row.external_id)
		},
		now
	);
}

async function promote(db: Db, workspaceId: number, ref: Ref, now: number): Promise<void> {
	await lockCustomers(db, workspaceId, [ref.id!]);
	const [row] = await findProfiles(db, workspaceId, [ref.id!]);
	if (!row || row.external_id !== null)
		throw new IdentityConflict('an anonymous customer changed concurrently');
	await updateProfile(
		db,
		workspaceId,
		row.id,
		{ externalId: ref.externalId, searchText: searchTextOf(row.email, row.name, ref.externalId) },
		now
	);
}

function earliest(a: number | null, b: number | null): number | null {
	if (a === null) return b;
	if (b === null) return a;
	return Math.min(a, b);
}

function latest(a: number | null, b: number | null): number | null {
	if (a === null) return b;
	if (b === null) return a;
	return Math.max(a, b);
}

function mergedConsent(
	into: CustomerTable['consent'],
	from: CustomerTable['consent']
): CustomerTable['consent'] {
	return into === 'unknown' ? from : into;
}

/**
 * Folds customer `fromId` into `intoId`: its anonymous ids, events and orders move over, its
 * counts add up, its traits fill gaps (the survivor's own win), and the row is deleted. Exported
 * for the REST API and imports, which merge on the same rules.
 */
export async function mergeInto(
	db: Db,
	workspaceId: number,
	fromId: number,
	intoId: number,
	now = Date.now()
): Promise<void> {
	if (fromId === intoId) return;
	await lockCustomers(db, workspaceId, [fromId, intoId]);
	const rows = await findProfiles(db, workspaceId, [fromId, intoId]);
	const from = rows.find((row) => row.id === fromId);
	const into = rows.find((row) => row.id === intoId);
	if (!from || !into) throw new IdentityConflict('a customer to merge was removed concurrently');
	await moveCustomerData(db, workspaceId, fromId, intoId);
	const email = into.email ?? from.email;
	const name = into.name ?? from.name;
	await updateProfile(
		db,
		workspaceId,
		intoId,
		{
			traits: JSON.stringify({
				...readJson<Record<string, unknown>>(from.traits, {}),
				...readJson<Record<string, unknown>>(into.traits, {})
			}),
			email,
			name,
			consent: mergedConsent(into.consent, from.consent),
			searchText: searchTextOf(email, name, into.external_id),
			firstSeenAt: Math.min(from.first_seen_at, into.first_seen_at),
			lastSeenAt: Math.max(from.last_seen_at, into.last_seen_at),
			ordersCount: from.orders_count + into.orders_count,
			revenueMinor: from.revenue_minor + into.revenue_minor,
			firstOrderAt: earliest(from.first_order_at, into.first_order_at),
			lastOrderAt: latest(from.last_order_at, into.last_order_at),
			loyaltyPoints: from.loyalty_points + into.loyalty_points
		},
		now
	);
	await deleteCustomerRow(db, workspaceId, fromId);
}
