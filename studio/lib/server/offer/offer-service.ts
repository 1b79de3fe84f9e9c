import type { ExperimentConfig, Offer } from '@regulars/sdk/core';
import type { Db } from '../db/connect';
import { experimentOffersFor } from '../experiment/experiment-sdk';
import { sdkExperiments } from '../experiment/experiment-service';
import { recommendForCustomer } from '../recommender/recommendation-service';
import { catalogueOf, currencyOf } from '../recommender/model-cache';
import {
	activeJourneyOffers,
	findVisitorCustomerId,
	findWorkspaceCurrency
} from './offer-repository';

/** Slots a storefront may ask offers for. Journeys will add their own placements (issue 8 on). */
export const PLACEMENTS = ['home', 'product', 'cart'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export const DEFAULT_OFFER_LIMIT = 4;
export const MAX_OFFER_LIMIT = 12;
/** Ids the shop may send back; longer ones are not ours and are ignored rather than refused. */
const MAX_VISITOR_ID_LENGTH = 200;

export function isPlacement(value: unknown): value is Placement {
	return typeof value === 'string' && (PLACEMENTS as readonly string[]).includes(value);
}

export interface SdkConfig {
	workspace: { currency: string };
	experiments: ExperimentConfig[];
	placements: Placement[];
}

export type { Offer };

/**
 * The storefront's config. Who the visitor is (sent by the SDK only with consent) decides which
 * segment-targeted experiments they take part in; without it they see none of those.
 */
export async function sdkConfig(
	db: Db,
	workspaceId: number,
	visitor: { userId: string | null; anonymousId: string | null } = {
		userId: null,
		anonymousId: null
	}
): Promise<SdkConfig | null> {
	const currency = await findWorkspaceCurrency(db, workspaceId);
	if (currency === null) return null;
	const userId = visitorId(visitor.userId);
	const anonymousId = visitorId(visitor.anonymousId);
	const customerId =
		userId || anonymousId
			? await findVisitorCustomerId(db, workspaceId, { userId, anonymousId })
			: null;
	return {
		workspace: { currency },
		experiments: await sdkExperiments(db, workspaceId, { customerId }),
		placements: [...PLACEMENTS]
	};
}

/**
 * Images may be stored relative to the studio (the demo's are, the studio serves them); the
 * shop's page lives on another origin, so they are made absolute against the studio's.
 */
function absolute(value: string | null, base: string | null): string | null {
	if (!value || !base || !value.startsWith('/') || value.startsWith('//')) return value;
	try {
		return new URL(value, base).href;
	} catch {
		return value;
	}
}

function visitorId(value: string | null): string | null {
	const trimmed = value?.trim() ?? '';
	return trimmed && trimmed.length <= MAX_VISITOR_ID_LENGTH ? trimmed : null;
}

/**
 * The visitor's offers for a placement, from the recommendation service: the recommender's
 * products once a model is trained (offer ids `rec_…:SKU`, which attribution reads back from
 * impressions and clicks), else the workspace's best sellers minus what this customer already
 * bought (ids `best:SKU:placement`, stable per product and placement).
 */
export async function offersFor(
	db: Db,
	input: {
		workspaceId: number;
		placement: Placement;
		userId: string | null;
		anonymousId: string | null;
		limit: number;
		/** The studio's origin, for catalogue links stored relative to it. */
		origin?: string | null;
	},
	now = Date.now()
): Promise<Offer[]> {
	const limit = Math.min(Math.max(Math.trunc(input.limit) || 1, 1), MAX_OFFER_LIMIT);
	const customerId = await findVisitorCustomerId(db, input.workspaceId, {
		userId: visitorId(input.userId),
		anonymousId: visitorId(input.anonymousId)
	});
	const fromJourneys = customerId
		? await journeyOffers(
				db,
				input.workspaceId,
				customerId,
				input.placement,
				limit,
				input.origin ?? null,
				now
			)
		: [];
	if (fromJourneys.length >= limit) return fromJourneys;
	const fromExperiments = await experimentOffers(
		db,
		input.workspaceId,
		{ anonymousId: visitorId(input.anonymousId), customerId },
		fromJourneys,
		limit,
		input.origin ?? null,
		now
	);
	if (fromExperiments.length >= limit) return fromExperiments;
	const list = await recommendForCustomer(
		db,
		input.workspaceId,
		{ userId: null, customerId, n: limit, placement: input.placement, category: null },
		now
	);
	if (!list) return fromExperiments;
	const shown = new Set(fromExperiments.map((o) => o.product.sku));
	const picks = list.items.filter((item) => !shown.has(item.sku));
	return [
		...fromExperiments,
		...picks.slice(0, limit - fromExperiments.length).map((item): Offer => {
			const best = item.source === 'best_seller';
			return {
				id: best ? `best:${item.sku}:${input.placement}` : `${list.recommendationId}:${item.sku}`,
				kind: 'product',
				product: {
					sku: item.sku,
					name: item.name,
					priceMinor: item.priceMinor,
					currency: item.currency,
					imageUrl: absolute(item.imageUrl, input.origin ?? null),
					// A relative product link is relative to the storefront, so it is passed on as stored.
					url: item.url
				},
				reason: best ? 'best_seller' : item.reason.kind
			};
		})
	];
}

/**
 * A journey's on-site offer goes first in its slot: its products (ids `jo_<offer>:SKU`, so
 * impressions and clicks name the journey's offer) with its words on the first card. Products
 * gone from the catalogue are left out.
 */
async function journeyOffers(
	db: Db,
	workspaceId: number,
	customerId: number,
	placement: string,
	limit: number,
	origin: string | null,
	now: number
): Promise<Offer[]> {
	const rows = await activeJourneyOffers(db, workspaceId, customerId, placement, now);
	if (rows.length === 0) return [];
	const [catalogue, currency] = await Promise.all([
		catalogueOf(db, workspaceId),
		currencyOf(db, workspaceId)
	]);
	const offers: Offer[] = [];
	for (const row of rows) {
		const skus = Array.isArray(row.content.skus) ? row.content.skus : [];
		const message = {
			title: typeof row.content.title === 'string' ? row.content.title : '',
			body: typeof row.content.body === 'string' ? row.content.body : ''
		};
		for (const sku of skus) {
			const product = typeof sku === 'string' ? catalogue.get(sku) : undefined;
			if (!product || offers.some((o) => o.product.sku === product.sku)) continue;
			offers.push({
				id: `jo_${row.id}:${product.sku}`,
				kind: 'product',
				product: {
					sku: product.sku,
					name: product.name,
					priceMinor: product.priceMinor,
					currency: currency ?? 'EUR',
					imageUrl: absolute(product.imageUrl, origin),
					url: product.url
				},
				reason: 'journey_offer',
				...(offers.length === 0 ? { message } : {})
			});
			if (offers.length >= limit) return offers;
		}
	}
	return offers;
}

/**
 * After the journey's offers come the visitor's site-experiment offers: the variant the SDK core
 * assigns this anonymous id (the same as `variant()` would), with ids `ex_<experiment>_<variant>:SKU`
 * so impressions and clicks name the experiment and variant; its words go on its first card when
 * no journey card came first. Serving them records the exposure (experiment-sdk.ts).
 */
async function experimentOffers(
	db: Db,
	workspaceId: number,
	visitor: { anonymousId: string | null; customerId: number | null },
	before: Offer[],
	limit: number,
	origin: string | null,
	now: number
): Promise<Offer[]> {
	const assigned = await experimentOffersFor(db, workspaceId, visitor, now);
	if (assigned.length === 0) return before;
	const [catalogue, currency] = await Promise.all([
		catalogueOf(db, workspaceId),
		currencyOf(db, workspaceId)
	]);
	const offers = [...before];
	for (const { experimentId, variant, offer } of assigned) {
		let first = true;
		for (const sku of offer.skus) {
			const product = catalogue.get(sku);
			if (!product || offers.some((o) => o.product.sku === product.sku)) continue;
			offers.push({
				id: `ex_${experimentId}_${variant}:${product.sku}`,
				kind: 'product',
				product: {
					sku: product.sku,
					name: product.name,
					priceMinor: product.priceMinor,
					currency: currency ?? 'EUR',
					imageUrl: absolute(product.imageUrl, origin),
					url: product.url
				},
				reason: 'experiment_offer',
				...(first && offers.length === 0
					? { message: { title: offer.title, body: offer.body } }
					: {})
			});
			first = false;
			if (offers.length >= limit) return offers;
		}
	}
	return offers;
}
