// Helpers for the demo-storefront tests: the shop's URL, the studio's REST API with the demo
// secret key, and a log of the events the page hands to the network.
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const SHOP = process.env.REGULARS_E2E_SHOP_URL ?? 'http://localhost:4174';
export const SECRET_KEY = 'rg_secret_demosecretkeyforthebackofficeofregulars';

export interface SentEvent {
	type: string;
	event?: string;
	messageId: string;
	anonymousId: string;
	userId?: string;
	properties?: Record<string, unknown>;
}

/**
 * Every event the page posts to the studio's batch endpoint, by fetch or by beacon, including
 * attempts the server refused; `attempts` counts the requests themselves.
 */
export function recordBatches(page: Page) {
	const events: SentEvent[] = [];
	const attempts: { at: number; ids: string[] }[] = [];
	page.on('request', (request) => {
		if (!request.url().endsWith('/v1/batch') || request.method() !== 'POST') return;
		const body = JSON.parse(request.postData() ?? '{}') as { batch?: SentEvent[] };
		const batch = body.batch ?? [];
		attempts.push({ at: Date.now(), ids: batch.map((e) => e.messageId) });
		events.push(...batch);
	});
	return { events, attempts, names: () => events.map((e) => e.event ?? e.type) };
}

export interface ExportedEvent {
	messageId: string;
	type: string;
	name: string | null;
	properties: Record<string, unknown>;
}

/** The studio's REST API, as a back office would call it. */
export function studioApi(request: APIRequestContext, studio: string) {
	const get = async (path: string) => {
		const response = await request.get(`${studio}${path}`, {
			headers: { authorization: `Bearer ${SECRET_KEY}` }
		});
		expect(response.status(), path).toBe(200);
		return (await response.json()) as Record<string, unknown>;
	};
	return {
		async customers(query: string) {
			return (await get(`/api/v1/customers?${query}`)).customers as {
				id: number;
				userId: string | null;
				ordersCount: number;
			}[];
		},
		async events(customerId: number) {
			return (await get(`/api/v1/customers/${customerId}/export`)).events as ExportedEvent[];
		},
		/** The events stored for the visitor behind an anonymous id, once there is a profile. */
		async eventsOfVisitor(anonymousId: string) {
			const [customer] = await this.customers(`anonymousId=${encodeURIComponent(anonymousId)}`);
			return customer ? this.events(customer.id) : [];
		}
	};
}

/** The SDK's anonymous id, from its first-party cookie on the shop's origin. */
export async function anonymousIdOf(page: Page): Promise<string> {
	const cookies = await page.context().cookies(SHOP);
	const id = cookies.find((c) => c.name === 'regulars_aid')?.value;
	expect(id, 'the SDK sets its anonymous-id cookie').toBeTruthy();
	return decodeURIComponent(id!);
}

/** Puts the first product of the shop's home page in the cart, and waits until the event is sent. */
export async function addToCart(shop: Page) {
	const sent = recordBatches(shop);
	await shop.goto(SHOP);
	await shop.locator('#product-list .card a').first().click();
	await shop.getByRole('button', { name: 'Add to cart' }).click();
	await expect(shop.getByRole('status')).toContainText('is in your cart');
	// Leaving is only safe once the event is with the studio.
	await expect.poll(() => sent.names().includes('Product Added')).toBe(true);
}

/** Checks the cart out as `email`, which identifies the shopper. */
export async function checkout(shop: Page, email: string) {
	await shop.getByRole('link', { name: /Cart \(\d+\)/ }).click();
	await shop.getByRole('link', { name: 'Checkout' }).click();
	await shop.getByLabel('Email').fill(email);
	await shop.getByLabel('First name').fill('Ana');
	await shop.getByRole('button', { name: 'Place order' }).click();
	await expect(shop).toHaveURL(/\/thanks\?order=D-/);
}
