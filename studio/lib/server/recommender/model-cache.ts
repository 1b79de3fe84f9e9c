import { deserialize, servingIndex, type RecommenderModel } from '@regulars/recommender';
import type { Db } from '../db/connect';
import { findWorkspaceCurrency } from '../offer/offer-repository';
import {
	latestModelId,
	readCatalogue,
	readSnapshot,
	type CatalogueRow
} from './training-repository';

/** How long an instance trusts its copy before asking the database whether a newer one exists. */
const CHECK_EVERY_MS = 30_000;

export interface ServedModel {
	id: number;
	trainedAt: number;
	model: RecommenderModel;
}

interface Entry {
	served: ServedModel | null;
	checkedAt: number;
	pending?: Promise<ServedModel | null>;
}

const models = new Map<number, Entry>();

/**
 * The workspace's newest model, loaded once per instance and kept in memory; every instance reads
 * the same snapshot from the database, so they all serve the same model. A request never waits
 * for the check when a model is already loaded: stale-while-revalidate.
 */
export async function currentModel(
	db: Db,
	workspaceId: number,
	now = Date.now()
): Promise<ServedModel | null> {
	const entry = models.get(workspaceId);
	if (entry && now - entry.checkedAt < CHECK_EVERY_MS) return entry.served;
	if (entry?.pending) return entry.served ?? entry.pending;
	const pending = refresh(db, workspaceId, entry?.served ?? null, now);
	models.set(workspaceId, {
		served: entry?.served ?? null,
		checkedAt: entry?.checkedAt ?? 0,
		pending
	});
	return entry?.served ?? pending;
}

async function refresh(
	db: Db,
	workspaceId: number,
	served: ServedModel | null,
	now: number
): Promise<ServedModel | null> {
	try {
		const id = await latestModelId(db, workspaceId);
		let next = served;
		if (id === null) next = null;
		else if (served?.id !== id) {
			const row = await readSnapshot(db, workspaceId, id);
			if (row) {
				const model = deserialize(new Uint8Array(row.snapshot));
				// Builds the id maps and the user index now rather than on the first request.
				servingIndex(model);
				next = { id, trainedAt: row.trainedAt, model };
			}
		}
		models.set(workspaceId, { served: next, checkedAt: now });
		return next;
	} catch (error) {
		models.set(workspaceId, { served, checkedAt: now });
		throw error;
	}
}

interface CatalogueEntry {
	bySku: Map<string, CatalogueRow>;
	checkedAt: number;
	pending?: Promise<Map<string, CatalogueRow>>;
}

const catalogues = new Map<number, CatalogueEntry>();
/** Stock and prices change during the day; a minute old is fresh enough for recommendations. */
const CATALOGUE_TTL_MS = 60_000;

/** The workspace's products by SKU, cached per instance for a minute. */
export async function catalogueOf(
	db: Db,
	workspaceId: number,
	now = Date.now()
): Promise<Map<string, CatalogueRow>> {
	const entry = catalogues.get(workspaceId);
	if (entry && now - entry.checkedAt < CATALOGUE_TTL_MS) return entry.bySku;
	if (entry?.pending) return entry.bySku.size ? entry.bySku : entry.pending;
	const pending = readCatalogue(db, workspaceId).then(
		(rows) => {
			const bySku = new Map(rows.map((r) => [r.sku, r]));
			catalogues.set(workspaceId, { bySku, checkedAt: now });
			return bySku;
		},
		(error: unknown) => {
			catalogues.delete(workspaceId);
			throw error;
		}
	);
	catalogues.set(workspaceId, {
		bySku: entry?.bySku ?? new Map<string, CatalogueRow>(),
		checkedAt: entry?.checkedAt ?? 0,
		pending
	});
	return entry?.bySku.size ? entry.bySku : pending;
}

const currencies = new Map<number, { currency: string | null; checkedAt: number }>();

/** The workspace's currency, cached like the catalogue: it is on every answer and rarely changes. */
export async function currencyOf(
	db: Db,
	workspaceId: number,
	now = Date.now()
): Promise<string | null> {
	const entry = currencies.get(workspaceId);
	if (entry && now - entry.checkedAt < CATALOGUE_TTL_MS) return entry.currency;
	const currency = await findWorkspaceCurrency(db, workspaceId);
	currencies.set(workspaceId, { currency, checkedAt: now });
	return currency;
}

/** For tests and for a workspace that just trained: forget what this instance holds. */
export function forgetCachedModels(workspaceId?: number): void {
	if (workspaceId === undefined) {
		models.clear();
		catalogues.clear();
		currencies.clear();
	} else {
		models.delete(workspaceId);
		catalogues.delete(workspaceId);
		currencies.delete(workspaceId);
	}
}
