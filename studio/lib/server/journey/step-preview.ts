/**
 * What one email, offer or webhook step would send to one customer, for the editor's live
 * preview. Rendering goes through step-content.ts, the engine's own code, so the preview cannot
 * drift from what customers receive. Nothing is stored and nothing is sent.
 */
import type { EmailNode, JourneyNode, OfferNode, WebhookNode } from '../../journey/definition';
import { isRecord } from '../../journey/fields';
import { parseNode } from '../../journey/nodes';
import type { JourneyProblem, JourneyProblemCode } from '../../journey/problems';
import type { Db } from '../db/connect';
import type { RecommendedItem } from '../recommender/recommendation-service';
import { journeyCustomer, type JourneyCustomer } from './journey-customer-repository';
import { findJourney } from './journey-repository';
import {
	blockProducts,
	renderEmail,
	renderOffer,
	renderWebhookBody,
	templateVars
} from './step-content';
import { latestCustomerId, latestEventProperties } from './step-preview-repository';

export type PreviewErrorCode =
	'invalid_body' | 'not_found' | 'customer_not_found' | 'step_invalid' | 'not_previewable';

export interface PreviewProduct {
	sku: string;
	name: string;
	priceMinor: number;
	currency: string;
	imageUrl: string | null;
	url: string | null;
}

/** Whom the preview was rendered for; `sample` is a made-up profile (the workspace has none). */
export interface PreviewCustomer {
	id: number | null;
	label: string;
	sample: boolean;
}

export type StepPreview = (
	| {
			kind: 'email';
			to: string | null;
			subject: string;
			text: string;
			html: string;
			products: PreviewProduct[];
	  }
	| {
			kind: 'offer';
			placement: string;
			title: string;
			body: string;
			expiresHours: number;
			products: PreviewProduct[];
	  }
	| { kind: 'webhook'; url: string; body: string }
) & {
	customer: PreviewCustomer;
	/** Problems of a step still being written, rendered anyway (see DRAFTING). */
	problems: JourneyProblem[];
};

export type PreviewResult =
	| { ok: true; value: StepPreview }
	| {
			ok: false;
			error: { code: PreviewErrorCode; message: string; problems?: JourneyProblem[] };
	  };

type Previewable = EmailNode | OfferNode | WebhookNode;

/**
 * Problems that only mean the marketer has not finished writing: the engine's renderer handles
 * them the same way it would at send time (an unknown placeholder becomes ''), so the preview
 * still shows something while they type. Any other problem (a count out of range, a malformed
 * product block) means the step itself is wrong, and the preview says so instead.
 */
const DRAFTING: ReadonlySet<JourneyProblemCode> = new Set([
	'text_required',
	'text_too_long',
	'template_variable_unknown',
	'json_invalid',
	'url_invalid'
]);

/** Stands in when the workspace has no customer yet, so a new shop can still see its emails. */
const SAMPLE_CUSTOMER: JourneyCustomer = {
	id: 0,
	externalId: null,
	email: 'ada@example.com',
	name: 'Ada Lovelace',
	consent: 'granted',
	traits: { first_name: 'Ada', last_name: 'Lovelace' },
	loyaltyPoints: 120,
	workspaceTimeZone: 'UTC'
};

function failure(
	code: PreviewErrorCode,
	message: string,
	problems?: JourneyProblem[]
): PreviewResult {
	return { ok: false, error: { code, message, ...(problems ? { problems } : {}) } };
}

function isPreviewable(node: JourneyNode): node is Previewable {
	return node.type === 'email' || node.type === 'offer' || node.type === 'webhook';
}

/** `input` is the request body: `{ step, customerId? }`. */
export async function previewStep(
	db: Db,
	workspaceId: number,
	journeyId: number,
	input: unknown,
	now = Date.now()
): Promise<PreviewResult> {
	if (!isRecord(input) || !isRecord(input.step))
		return failure('invalid_body', 'Send an object: { step, customerId? }.');
	const customerId = input.customerId ?? null;
	if (customerId !== null && !(Number.isSafeInteger(customerId) && (customerId as number) > 0))
		return failure('invalid_body', 'customerId must be a positive whole number or null.');

	const problems: JourneyProblem[] = [];
	const { node } = parseNode(input.step, 0, problems);
	if (!node) return failure('step_invalid', 'The step cannot be read.', problems);
	if (!isPreviewable(node))
		return failure('not_previewable', 'Only email, offer and webhook steps have a preview.');
	if (problems.some((p) => !DRAFTING.has(p.code)))
		return failure('step_invalid', 'Fix the problems of this step to preview it.', problems);

	const journey = await findJourney(db, workspaceId, journeyId);
	if (!journey) return failure('not_found', 'No such journey.');

	const chosen = customerId as number | null;
	const realId = chosen ?? (await latestCustomerId(db, workspaceId));
	const customer = realId === null ? null : await journeyCustomer(db, workspaceId, realId);
	if (chosen !== null && !customer)
		return failure('customer_not_found', 'No such customer in this workspace.');

	const profile = customer ?? SAMPLE_CUSTOMER;
	const entry = await entryProperties(db, workspaceId, journey.draft, customer?.id ?? null);
	const vars = templateVars(profile, entry);
	const about = {
		customer: {
			id: customer?.id ?? null,
			label: labelOf(profile),
			sample: customer === null
		},
		problems
	};

	if (node.type === 'webhook')
		return {
			ok: true,
			value: { kind: 'webhook', url: node.url, body: renderWebhookBody(node, vars), ...about }
		};

	// Nobody in particular (the sample profile) gets what a brand-new customer would.
	const items = await blockProducts(db, workspaceId, customer?.id ?? null, node.products, now);
	const products = items.map(productOf);
	if (node.type === 'email') {
		const { subject, text, html } = renderEmail(node, vars, items);
		return {
			ok: true,
			value: { kind: 'email', to: profile.email, subject, text, html, products, ...about }
		};
	}
	const { title, body } = renderOffer(node, vars);
	return {
		ok: true,
		value: {
			kind: 'offer',
			placement: node.placement,
			title,
			body,
			expiresHours: node.expiresHours,
			products,
			...about
		}
	};
}

/**
 * `{{entry.x}}` needs the event that brought the customer in: for an event entry, the customer's
 * latest event of that name, else the workspace's latest (a realistic example), else nothing.
 */
async function entryProperties(
	db: Db,
	workspaceId: number,
	draft: unknown,
	customerId: number | null
): Promise<Record<string, unknown>> {
	const nodes = isRecord(draft) && Array.isArray(draft.nodes) ? (draft.nodes as unknown[]) : [];
	const entry = nodes.find((n) => isRecord(n) && n.type === 'entry_event') as
		{ event?: unknown } | undefined;
	const name = typeof entry?.event === 'string' ? entry.event.trim() : '';
	if (!name) return {};
	const own =
		customerId === null ? null : await latestEventProperties(db, workspaceId, name, customerId);
	return own ?? (await latestEventProperties(db, workspaceId, name, null)) ?? {};
}

function productOf(item: RecommendedItem): PreviewProduct {
	return {
		sku: item.sku,
		name: item.name,
		priceMinor: item.priceMinor,
		currency: item.currency,
		imageUrl: item.imageUrl,
		url: item.url
	};
}

function labelOf(customer: JourneyCustomer): string {
	return customer.name || customer.email || customer.externalId || `#${customer.id}`;
}
