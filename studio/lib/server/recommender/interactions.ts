// Which tracked events are impressions or clicks of a recommendation, read from the properties the
// SDK's offer slot sends (`offer_id: "rec_…:SKU"`) or a shop sends for API recommendations
// (`recommendation_id: "rec_…"` with `product_id`/`sku`). Pure, so ingestion stays cheap to test.

export interface InteractionInput {
	name: string | null;
	type: string;
	properties: Record<string, unknown>;
}

export interface ParsedInteraction {
	recommendationId: string;
	sku: string;
	kind: 'view' | 'click';
	placement: string;
}

const KINDS: Record<string, 'view' | 'click'> = {
	'Promotion Viewed': 'view',
	'Product List Viewed': 'view',
	'Promotion Clicked': 'click',
	'Product Clicked': 'click'
};
const REC_ID = /^rec_[A-Za-z0-9_-]{4,64}$/;

const text = (value: unknown, max: number): string | null =>
	typeof value === 'string' && value && value.length <= max
		? value
		: typeof value === 'number' && Number.isFinite(value)
			? String(value)
			: null;

export function parseInteraction(event: InteractionInput): ParsedInteraction | null {
	if (event.type !== 'track' || event.name === null) return null;
	const kind = KINDS[event.name];
	if (!kind) return null;
	const p = event.properties;
	let recommendationId = text(p.recommendation_id, 80);
	let sku = text(p.product_id, 200) ?? text(p.sku, 200);
	const offer = text(p.offer_id, 300);
	if (!recommendationId && offer) {
		const colon = offer.indexOf(':');
		if (colon > 0) {
			recommendationId = offer.slice(0, colon);
			sku ??= offer.slice(colon + 1) || null;
		}
	}
	if (!recommendationId || !REC_ID.test(recommendationId) || !sku) return null;
	const placement = text(p.placement, 50) ?? 'api';
	return { recommendationId, sku, kind, placement };
}
