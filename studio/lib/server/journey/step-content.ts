/**
 * What a step computes from the customer, shared by the engine (step-runner.ts) and the test run
 * (simulate.ts), so a test run shows exactly what the engine would do: the hash key of splits,
 * the customer's zone, delay targets, template values and the rendered messages.
 */
import { monthDay, nextAnniversary, nextLocalTime, zoneOr } from '../../journey/clock';
import type {
	Delay,
	EmailNode,
	OfferNode,
	ProductBlock,
	WebhookNode
} from '../../journey/definition';
import {
	escapeHtml,
	escapeJsonString,
	renderTemplate,
	type TemplateVars
} from '../../journey/render';
import type { Db } from '../db/connect';
import { recommendForCustomer, type RecommendedItem } from '../recommender/recommendation-service';
import type { JourneyCustomer } from './journey-customer-repository';

/** The id splits and holdouts hash: the shop's own id when known, so the SDK agrees. */
export function customerKey(customer: { id: number; externalId: string | null }): string {
	return customer.externalId ?? `customer:${customer.id}`;
}

/** The customer's own `timezone` trait, else the workspace's. */
export function timeZoneOf(customer: JourneyCustomer | null): string {
	const own = customer?.traits.timezone;
	return zoneOr(typeof own === 'string' ? own : null, customer?.workspaceTimeZone ?? 'UTC');
}

/** Cart and order ids compare as text ("42" and 42 are the same cart); objects never match. */
export function sameValue(a: unknown, b: unknown): boolean {
	const text = (v: unknown) =>
		typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
	const left = text(a);
	return left !== null && left === text(b);
}

/** When a delay that starts at `now` ends. A date trait the profile lacks waits for nothing. */
export function delayEnd(now: number, customer: JourneyCustomer | null, delay: Delay): number {
	if (delay.kind === 'duration') return now + delay.minutes * 60_000;
	const zone = timeZoneOf(customer);
	if (delay.kind === 'time_of_day') return nextLocalTime(now, zone, delay.hour, delay.minute);
	const date = monthDay(customer?.traits[delay.trait]);
	return date ? nextAnniversary(now, zone, date, delay.offsetDays, 9) : now;
}

export function templateVars(
	customer: JourneyCustomer,
	entry: Record<string, unknown>
): TemplateVars {
	const text = (value: unknown) => (typeof value === 'string' ? value : null);
	const [first, ...rest] = (customer.name ?? '').trim().split(/\s+/);
	return {
		first_name: text(customer.traits.first_name) ?? (first || null),
		last_name: text(customer.traits.last_name) ?? (rest.join(' ') || null),
		name: customer.name,
		email: customer.email,
		user_id: customer.externalId,
		points: customer.loyaltyPoints,
		traits: customer.traits,
		entry
	};
}

/** A message's product block, from the recommender for this customer (null: one it never saw). */
export async function blockProducts(
	db: Db,
	workspaceId: number,
	customerId: number | null,
	block: ProductBlock | null,
	now: number
): Promise<RecommendedItem[]> {
	if (!block) return [];
	const list = await recommendForCustomer(
		db,
		workspaceId,
		{ userId: null, customerId, n: block.count, placement: block.placement, category: null },
		now
	);
	return list?.items ?? [];
}

/**
 * The email as it goes out. The body is the marketer's HTML: customer values in it are escaped,
 * and the plain-text part drops the marketer's tags, not the customer's text.
 */
export function renderEmail(node: EmailNode, vars: TemplateVars, items: RecommendedItem[]) {
	const subject = renderTemplate(node.subject, vars).replace(/[\r\n]+/g, ' ');
	const textBody = renderTemplate(node.body.replace(/<[^>]*>/g, ''), vars);
	const htmlBody = renderTemplate(node.body, vars, escapeHtml).replace(/\n/g, '<br>\n');
	const textProducts = items.map((p) => `- ${p.name}${p.url ? ` ${p.url}` : ''}`).join('\n');
	const htmlProducts = items
		.map((p) => {
			const name = escapeHtml(p.name);
			return `<li>${p.url ? `<a href="${escapeHtml(p.url)}">${name}</a>` : name}</li>`;
		})
		.join('');
	return {
		subject,
		text: textProducts ? `${textBody}\n\n${textProducts}\n` : textBody,
		html: `<div>${htmlBody}</div>${htmlProducts ? `<ul>${htmlProducts}</ul>` : ''}`
	};
}

export function renderOffer(node: OfferNode, vars: TemplateVars) {
	return { title: renderTemplate(node.title, vars), body: renderTemplate(node.body, vars) };
}

/** Values go inside JSON strings, so a customer's quote cannot break the document. */
export function renderWebhookBody(node: WebhookNode, vars: TemplateVars): string {
	return renderTemplate(node.body, vars, escapeJsonString);
}
