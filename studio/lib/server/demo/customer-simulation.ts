import type { DemoProduct } from './catalog';
import { categoryByName } from './categories';
import { CustomerTastes, type ShopContext } from './customer-tastes';
import { atLocalHour, DAY, HOUR, MINUTE, planTimeline } from './customer-timeline';
import { generatePerson, type DemoPerson } from './people';
import type { Random } from './random';
import type { DemoArchetype, DemoCustomer, DemoEvent, DemoIdentity, DemoOrder } from './types';

/** An event before message ids are handed out (they follow global time order). */
export type DraftEvent = Omit<DemoEvent, 'messageId'>;

export interface DraftOrder extends Omit<DemoOrder, 'externalId'> {
	/** Event property objects that receive `order_id` once order ids are handed out. */
	orderIdSlots: Record<string, unknown>[];
}

export interface SimulatedCustomer {
	customer: DemoCustomer;
	events: DraftEvent[];
	orders: DraftOrder[];
}

const SITE = 'https://demo.regulars.shop';
const POS_SHARE = 0.1;
const REFUND_SHARE = 0.03;
const REFERRERS = [
	'',
	'https://www.google.com/',
	'https://www.instagram.com/',
	'https://www.pinterest.com/',
	'https://news.regulars.shop/'
];
const REFERRER_WEIGHTS = [0.36, 0.3, 0.12, 0.07, 0.15];
const DEVICE_WEIGHTS = [0.6, 0.3, 0.1];
const SECOND = 1000;

interface Visit {
	/** Start of a browse or research visit; for a purchase, when the order was placed. */
	at: number;
	kind: 'browse' | 'research' | 'purchase';
	order?: DraftOrder;
	products?: DemoProduct[];
}

interface Device {
	identity: DemoIdentity;
	/** Whether analytics on this device knows the user id (after signing up or logging in). */
	knowsUser: boolean;
}

function productProperties(product: DemoProduct, quantity: number): Record<string, unknown> {
	return {
		product_id: product.sku,
		sku: product.sku,
		name: product.name,
		category: product.category,
		price: product.priceMinor / 100,
		quantity
	};
}

function orderProductProperties(order: DraftOrder, ctx: ShopContext) {
	return order.lines.map((line) => ({
		...productProperties(ctx.products[line.productIndex]!, line.quantity),
		price: line.priceMinor / 100
	}));
}

/** Simulates one customer's year on the shop: visits, page views, carts, orders. */
class CustomerSimulation {
	readonly events: DraftEvent[] = [];
	readonly orders: DraftOrder[] = [];
	private readonly devices: Device[] = [];
	private readonly tastes: CustomerTastes;
	private signedUp = false;
	private signedUpAt: number | null = null;
	private readonly person: DemoPerson | null;
	private readonly externalId: string | null;

	constructor(
		private readonly random: Random,
		private readonly ctx: ShopContext,
		private readonly index: number,
		private readonly archetype: DemoArchetype
	) {
		const identified = archetype !== 'browser' || random.chance(0.4);
		this.person = identified ? generatePerson(random, index + 1, ctx.now) : null;
		this.externalId = identified ? `cust-${String(index + 1).padStart(4, '0')}` : null;
		this.tastes = new CustomerTastes(random, ctx);
		const deviceCount = identified
			? 1 + (random.chance(0.35) ? 1 + (random.chance(0.3) ? 1 : 0) : 0)
			: 1;
		for (let i = 0; i < deviceCount; i++)
			this.devices.push({
				identity: { anonymousId: random.uuid(), firstSeenAt: -1 },
				knowsUser: false
			});
	}

	run(): SimulatedCustomer {
		const { random, ctx, person } = this;
		const offset = person?.utcOffsetHours ?? -5;
		const window = { start: ctx.start, now: ctx.now };
		const plan = planTimeline(random, this.archetype, person !== null, window);
		const earliest = ctx.start + HOUR;
		const latest = ctx.now - HOUR;
		const localTime = (at: number, inStore = false) =>
			Math.min(latest, Math.max(earliest, atLocalHour(random, at, offset, inStore)));

		const firstVisit = localTime(plan.firstSeen);
		this.tastes.chooseStaples(firstVisit);
		const visits: Visit[] = [{ at: firstVisit, kind: 'browse' }];
		for (const at of plan.browseTimes) visits.push({ at: localTime(at), kind: 'browse' });

		const orderTimes = plan.orderTimes
			.map((at) => {
				const inStore = random.chance(POS_SHARE);
				const placedAt = Math.min(
					ctx.now - 10 * MINUTE,
					Math.max(firstVisit + 2 * HOUR, localTime(at, inStore))
				);
				return { placedAt, inStore };
			})
			.sort((a, b) => a.placedAt - b.placedAt);
		for (const { placedAt, inStore } of orderTimes) {
			const order = this.placeOrder(placedAt, inStore ? 'pos' : 'web');
			if (order.source === 'web') visits.push({ at: placedAt, kind: 'purchase', order });
			// Many look online first, including before buying in the store.
			if (random.chance(order.source === 'web' ? 0.3 : 0.25)) {
				const at = localTime(placedAt - random.between(0.3, 4) * DAY);
				const lineProducts = order.lines.map((l) => ctx.products[l.productIndex]!);
				if (at < placedAt - HOUR)
					visits.push({ at, kind: 'research', products: lineProducts.slice(0, random.int(1, 2)) });
			}
		}

		visits.sort((a, b) => a.at - b.at);
		const signupVisit = this.chooseSignupVisit(visits);
		for (const visit of visits) this.runVisit(visit, visit === signupVisit);
		this.emitRefunds();
		return { customer: this.summarise(plan.rhythmDays), events: this.events, orders: this.orders };
	}

	private chooseSignupVisit(visits: Visit[]): Visit | null {
		if (!this.person) return null;
		if (this.archetype === 'browser')
			return visits[this.random.int(0, Math.min(1, visits.length - 1))]!;
		// Half sign up on their first visit, the rest when checking out for the first time.
		if (this.random.chance(0.5)) return visits[0]!;
		return visits.find((v) => v.kind === 'purchase') ?? visits[0]!;
	}

	private placeOrder(placedAt: number, source: 'web' | 'pos'): DraftOrder {
		const restockChance = this.orders.length === 0 ? 0 : this.archetype === 'loyal' ? 0.65 : 0.4;
		const lines = this.tastes.chooseLines(placedAt, restockChance);
		const order: DraftOrder = {
			customerIndex: this.index,
			source,
			status: this.random.chance(REFUND_SHARE) ? 'refunded' : 'completed',
			totalMinor: lines.reduce((sum, l) => sum + l.priceMinor * l.quantity, 0),
			currency: this.ctx.currency,
			placedAt,
			lines,
			orderIdSlots: []
		};
		this.orders.push(order);
		return order;
	}

	private chooseDevice(): Device {
		if (!this.signedUp) return this.devices[0]!;
		return this.random.weighted(this.devices, DEVICE_WEIGHTS.slice(0, this.devices.length));
	}

	private runVisit(visit: Visit, signsUp: boolean): void {
		const { random, ctx } = this;
		const device = this.chooseDevice();
		const session: DraftEvent[] = [];
		let t = 0;
		const emit = (
			type: DraftEvent['type'],
			name: string | null,
			properties: Record<string, unknown>,
			gap: number
		) => {
			t += gap;
			session.push({
				customerIndex: this.index,
				anonymousId: device.identity.anonymousId,
				userId: device.knowsUser ? this.externalId : null,
				type,
				name,
				properties,
				timestamp: t,
				receivedAt: 0
			});
		};
		const viewProduct = (product: DemoProduct) => {
			emit(
				'page',
				'Product',
				{ path: `/p/${product.sku}`, url: product.url, title: product.name },
				random.between(20, 150) * SECOND
			);
			emit('track', 'Product Viewed', productProperties(product, 1), random.int(300, 1500));
		};

		const focus =
			visit.kind === 'research'
				? (categoryByName(visit.products?.[0]?.category ?? '') ?? null)
				: random.chance(0.55)
					? null
					: this.tastes.pickCategory();
		const referrer = random.weighted(REFERRERS, REFERRER_WEIGHTS);
		emit(
			'page',
			focus ? 'Category' : 'Home',
			focus
				? {
						path: `/c/${focus.slug}`,
						url: `${SITE}/c/${focus.slug}`,
						title: focus.name,
						category: focus.name,
						referrer
					}
				: { path: '/', url: `${SITE}/`, title: 'Regulars Demo Shop', referrer },
			0
		);

		// Signing up, or logging in on a device that has not seen the account yet.
		if (this.person && (signsUp || (this.signedUp && !device.knowsUser))) {
			device.knowsUser = true;
			if (signsUp) this.signedUp = true;
			emit(
				'identify',
				null,
				signsUp ? this.identifyTraits() : { email: this.person.email },
				random.int(20, 90) * SECOND
			);
		}

		const at = visit.order?.placedAt ?? visit.at;
		if (visit.kind === 'purchase' && visit.order) {
			const order = visit.order;
			for (let i = random.poisson(0.4); i > 0; i--) {
				const product = this.tastes.pickProduct(at);
				if (product) viewProduct(product);
			}
			for (const line of order.lines) {
				const product = ctx.products[line.productIndex]!;
				viewProduct(product);
				emit(
					'track',
					'Product Added',
					productProperties(product, line.quantity),
					random.between(5, 60) * SECOND
				);
			}
			const products = orderProductProperties(order, ctx);
			const value = order.totalMinor / 100;
			emit(
				'page',
				'Cart',
				{ path: '/cart', url: `${SITE}/cart`, title: 'Cart' },
				random.between(10, 60) * SECOND
			);
			const checkout = { order_id: '', value, revenue: value, currency: order.currency, products };
			emit('track', 'Checkout Started', checkout, random.between(5, 40) * SECOND);
			emit(
				'page',
				'Checkout',
				{ path: '/checkout', url: `${SITE}/checkout`, title: 'Checkout' },
				random.int(500, 2000)
			);
			const completed = {
				order_id: '',
				total: value,
				revenue: value,
				currency: order.currency,
				products
			};
			emit('track', 'Order Completed', completed, random.between(40, 240) * SECOND);
			order.orderIdSlots.push(checkout, completed);
		} else {
			const viewed: DemoProduct[] = [...(visit.products ?? [])];
			const extra = visit.kind === 'research' ? random.poisson(0.8) : 1 + random.poisson(1);
			for (let i = 0; i < extra && viewed.length < 8; i++) {
				const product = this.tastes.pickProduct(at, focus && random.chance(0.7) ? focus : null);
				if (product) viewed.push(product);
			}
			for (const product of viewed) viewProduct(product);
			const last = viewed[viewed.length - 1];
			// Abandoned carts and checkouts: what win-back journeys start from.
			if (last && visit.kind === 'browse' && random.chance(0.1)) {
				emit('track', 'Product Added', productProperties(last, 1), random.between(5, 40) * SECOND);
				if (random.chance(0.35)) {
					const value = last.priceMinor / 100;
					emit(
						'page',
						'Cart',
						{ path: '/cart', url: `${SITE}/cart`, title: 'Cart' },
						random.between(10, 60) * SECOND
					);
					emit(
						'track',
						'Checkout Started',
						{
							value,
							revenue: value,
							currency: ctx.currency,
							products: [productProperties(last, 1)]
						},
						random.between(5, 40) * SECOND
					);
				}
			}
		}

		// A purchase session ends at the order; any other starts at the visit time.
		const shift = visit.kind === 'purchase' ? at - t : at;
		for (const event of session) {
			event.timestamp = Math.round(event.timestamp + shift);
			event.receivedAt = Math.min(ctx.now, event.timestamp + random.int(30, 1500));
			this.events.push(event);
		}
		const first = session[0];
		if (first && device.identity.firstSeenAt < 0) device.identity.firstSeenAt = first.timestamp;
		if (signsUp) this.signedUpAt = session.find((e) => e.type === 'identify')?.timestamp ?? null;
	}

	private identifyTraits(): Record<string, unknown> {
		const person = this.person!;
		return { email: person.email, name: person.name, ...this.traits() };
	}

	private traits(): Record<string, unknown> {
		const person = this.person;
		if (!person) return {};
		return {
			first_name: person.firstName,
			last_name: person.lastName,
			...(person.birthday ? { birthday: person.birthday } : {}),
			city: person.city,
			country: person.country,
			locale: person.locale,
			time_zone: person.timeZone
		};
	}

	/** The back office reports web refunds as events; in-store refunds stay in the till. */
	private emitRefunds(): void {
		const { random, ctx } = this;
		for (const order of this.orders) {
			if (order.status !== 'refunded' || order.source !== 'web') continue;
			const at = Math.round(order.placedAt + random.between(2, 20) * DAY);
			if (at > ctx.now - MINUTE) continue;
			const properties = {
				order_id: '',
				total: order.totalMinor / 100,
				currency: order.currency,
				products: orderProductProperties(order, ctx)
			};
			order.orderIdSlots.push(properties);
			this.events.push({
				customerIndex: this.index,
				anonymousId: null,
				userId: this.externalId,
				type: 'track',
				name: 'Order Refunded',
				properties,
				timestamp: at,
				receivedAt: Math.min(ctx.now, at + random.int(30, 1500))
			});
		}
	}

	private summarise(rhythmDays: number | null): DemoCustomer {
		let firstSeenAt = Infinity;
		let lastSeenAt = -Infinity;
		for (const e of this.events) {
			if (e.timestamp < firstSeenAt) firstSeenAt = e.timestamp;
			if (e.timestamp > lastSeenAt) lastSeenAt = e.timestamp;
		}
		let revenueMinor = 0;
		for (const o of this.orders) {
			if (o.placedAt < firstSeenAt) firstSeenAt = o.placedAt;
			if (o.placedAt > lastSeenAt) lastSeenAt = o.placedAt;
			if (o.status === 'completed') revenueMinor += o.totalMinor;
		}
		const person = this.person;
		const consent = person
			? this.random.weighted(['granted', 'denied', 'unknown'] as const, [0.82, 0.06, 0.12])
			: 'unknown';
		return {
			index: this.index,
			externalId: this.externalId,
			email: person?.email ?? null,
			name: person?.name ?? null,
			archetype: this.archetype,
			rhythmDays: rhythmDays === null ? null : Math.round(rhythmDays * 10) / 10,
			favouriteCategories: this.tastes.categories.map((c) => c.name),
			traits: this.traits(),
			consent,
			identities: this.devices.filter((d) => d.identity.firstSeenAt >= 0).map((d) => d.identity),
			signedUpAt: this.signedUpAt,
			firstSeenAt,
			lastSeenAt,
			ordersCount: this.orders.length,
			revenueMinor,
			firstOrderAt: this.orders[0]?.placedAt ?? null,
			lastOrderAt: this.orders[this.orders.length - 1]?.placedAt ?? null
		};
	}
}

export function simulateCustomer(
	random: Random,
	ctx: ShopContext,
	index: number,
	archetype: DemoArchetype
): SimulatedCustomer {
	return new CustomerSimulation(random, ctx, index, archetype).run();
}
