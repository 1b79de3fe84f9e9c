import { resolveWindow, studioGet } from '../studio.js';
import type { Tracker } from '../tracker/tracker.js';
import { formatPrice, majorUnits } from './price.js';
import { injectStyle } from './style.js';
import type { Offer, RenderOptions } from './types.js';

export interface Offers {
	/**
	 * Fills `target` (a selector or an element) with the visitor's offers for a placement and
	 * resolves to the number of cards shown: 0 when there are none or anything failed.
	 */
	render(target: string | Element, options: RenderOptions): Promise<number>;
}

/** What counts as seen: half of the card on screen for a second (the IAB display rule). */
const VISIBLE_RATIO = 0.5;
const VISIBLE_MS = 1000;

/** Only web links: a `javascript:` URL in the catalogue must not become a clickable card. */
function webUrl(value: string | null, base: string): string | null {
	try {
		const url = new URL(value || '', base);
		return value && /^https?:$/.test(url.protocol) ? url.href : null;
	} catch {
		return null;
	}
}

/** The observer of each rendered slot, so a second render of the same slot stops the first. */
const observers = new WeakMap<Element, IntersectionObserver>();

/**
 * Builds the cards with DOM calls only: every value from the studio lands in `textContent` or an
 * attribute, never in markup, so a product named `<img onerror=…>` stays a name.
 */
function show(
	win: Window,
	slot: Element,
	offers: Offer[],
	options: RenderOptions,
	tracker: Tracker
): number {
	const doc = win.document;
	const state = tracker.state();
	if (options.style !== false) injectStyle(doc, state.options?.nonce);
	const locale = doc.documentElement.lang || win.navigator.language;
	const list = doc.createElement('ul');
	list.className = 'regulars-offers__list';
	// Safari drops list semantics from a list styled without bullets unless the role is explicit.
	list.setAttribute('role', 'list');
	if (options.label) list.setAttribute('aria-label', options.label);

	const props: Record<string, Record<string, unknown>> = {};
	const timers = new Map<Element, ReturnType<typeof setTimeout>>();
	const seen = (el: Element): void => {
		observer?.unobserve(el);
		tracker.track('Promotion Viewed', props[el.getAttribute('data-offer-id')!]);
	};
	const Observer = (win as Window & { IntersectionObserver?: typeof IntersectionObserver })
		.IntersectionObserver;
	const observer =
		typeof Observer === 'function'
			? new Observer(
					(entries) => {
						for (const entry of entries) {
							const el = entry.target;
							clearTimeout(timers.get(el));
							if (entry.isIntersecting && entry.intersectionRatio >= VISIBLE_RATIO) {
								timers.set(
									el,
									setTimeout(() => seen(el), VISIBLE_MS)
								);
							}
						}
					},
					{ threshold: VISIBLE_RATIO }
				)
			: undefined;

	offers.forEach((offer, index) => {
		const product = offer.product;
		const href = webUrl(product.url, win.location.href);
		if (!product || !href) return;
		props[offer.id] = {
			promotion_id: offer.id,
			offer_id: offer.id,
			placement: options.placement,
			position: index + 1,
			product_id: product.sku,
			sku: product.sku,
			name: product.name,
			price: majorUnits(product.priceMinor, product.currency),
			currency: product.currency
		};
		const item = doc.createElement('li');
		item.className = 'regulars-offer';
		item.setAttribute('data-offer-id', offer.id);
		const link = doc.createElement('a');
		link.className = 'regulars-offer__link';
		link.href = href;
		link.addEventListener('click', () => tracker.track('Promotion Clicked', props[offer.id]));
		const image = webUrl(product.imageUrl, win.location.href);
		if (image) {
			const img = doc.createElement('img');
			img.className = 'regulars-offer__image';
			img.src = image;
			// The link's text already names the product; repeating it in alt would read it twice.
			img.alt = '';
			img.loading = 'lazy';
			link.appendChild(img);
		}
		for (const [part, text] of [
			['name', product.name],
			['price', formatPrice(product.priceMinor, product.currency, locale)]
		]) {
			const span = doc.createElement('span');
			span.className = `regulars-offer__${part}`;
			span.textContent = String(text);
			link.appendChild(span);
		}
		item.appendChild(link);
		list.appendChild(item);
		observer?.observe(item);
	});

	observers.get(slot)?.disconnect();
	if (observer) observers.set(slot, observer);
	slot.classList.add('regulars-offers');
	while (slot.firstChild) slot.removeChild(slot.firstChild);
	const message = list.childNodes.length ? offers[0]!.message : undefined;
	if (message) {
		// A journey's words for this visitor: text nodes only, like everything else here.
		const box = doc.createElement('div');
		box.className = 'regulars-offers__message';
		for (const [tag, text] of [
			['strong', message.title],
			['p', message.body]
		]) {
			const el = doc.createElement(tag!);
			el.textContent = String(text ?? '');
			box.appendChild(el);
		}
		slot.appendChild(box);
	}
	if (list.childNodes.length) slot.appendChild(list);
	return list.childNodes.length;
}

export function createOffers(tracker: Tracker, target?: Window): Offers {
	return {
		render: (where, options) =>
			new Promise<number>((resolve) => {
				// Before init the call waits with the other early calls; after it, this runs at once.
				tracker.ready(() => {
					const win = resolveWindow(target)!;
					const state = tracker.state();
					const slot = typeof where === 'string' ? win.document.querySelector(where) : where;
					if (!slot || !options || !options.placement) return resolve(0);
					// Who the visitor is goes to the studio only with consent; without it the
					// offers are the same for everyone.
					const known = state.consent === 'granted';
					studioGet<{ offers: Offer[] }>(win, state.options!, '/sdk/v1/offers', {
						placement: options.placement,
						limit: options.limit,
						anonymousId: known ? state.anonymousId : undefined,
						userId: known ? state.userId : undefined
					})
						.then((body) => resolve(show(win, slot, body.offers || [], options, tracker)))
						.catch((error: unknown) => {
							if (state.options?.debug) console.log('[regulars] offers failed', error);
							resolve(0);
						});
				});
			})
	};
}
