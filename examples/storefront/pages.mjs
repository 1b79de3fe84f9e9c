import { snippet } from '@regulars/sdk';
import { minorDigits } from './catalogue.mjs';
import { html, trusted } from './html.mjs';

/**
 * @typedef {import('./catalogue.mjs').Catalogue} Catalogue
 * @typedef {import('./catalogue.mjs').Product} Product
 * @typedef {{ studioUrl: string, writeKey: string, sdkUrl?: string, nonce: string,
 *   catalogue: Catalogue }} PageContext
 */

/** @param {Catalogue} catalogue @param {number} minor */
const price = (catalogue, minor) =>
	new Intl.NumberFormat('en-US', { style: 'currency', currency: catalogue.currency }).format(
		minor / 10 ** minorDigits(catalogue.currency)
	);

/** @param {Catalogue} catalogue @param {number} minor */
const major = (catalogue, minor) => minor / 10 ** minorDigits(catalogue.currency);

/**
 * The page frame. The SDK arrives as a shop would add it: the snippet from the studio's install
 * page, with the page's CSP nonce on both tags.
 * @param {PageContext} ctx
 * @param {{ title: string, page: string, body: unknown }} content
 */
export function layout(ctx, { title, page, body }) {
	const tags = snippet({
		writeKey: ctx.writeKey,
		host: ctx.studioUrl,
		nonce: ctx.nonce,
		...(ctx.sdkUrl ? { src: ctx.sdkUrl } : {})
	});
	return html`<!doctype html>
		<html lang="en">
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<title>${title} · ${ctx.catalogue.name}</title>
				<link rel="stylesheet" href="/shop.css" />
				${trusted(tags)}
				<script nonce="${ctx.nonce}" src="/shop.js" defer></script>
			</head>
			<body data-page="${page}" data-currency="${ctx.catalogue.currency}">
				<header class="top">
					<a class="brand" href="/">${ctx.catalogue.name}</a>
					<nav aria-label="Shop">
						<a href="/">Shop</a>
						<a href="/cart">Cart (<span id="cart-count">0</span>)</a>
						<span id="signed-in" hidden
							>Signed in as <strong id="signed-in-email"></strong> ·
							<button type="button" id="sign-out">Sign out</button></span
						>
					</nav>
				</header>
				<main>${body}</main>
				<footer class="bottom">
					<p>
						A demo storefront for Regulars. Events, offers and variants come from the studio at
						<code>${ctx.studioUrl}</code>.
					</p>
				</footer>
			</body>
		</html>`;
}

/** @param {Catalogue} catalogue @param {Product} p */
function card(catalogue, p) {
	return html`<li class="card">
		<a href="/p/${encodeURIComponent(p.sku)}">
			<img src="${p.imageUrl ?? ''}" alt="" loading="lazy" width="200" height="200" />
			<span class="card-name">${p.name}</span
			><span class="card-price">${price(catalogue, p.priceMinor)}</span></a
		>
	</li>`;
}

/** @param {PageContext} ctx @param {string | null} category */
export function homePage(ctx, category) {
	const { catalogue } = ctx;
	const categories = [...new Set(catalogue.products.map((p) => p.category).filter(Boolean))].sort();
	const shown = catalogue.products
		.filter((p) => p.inStock && (!category || p.category === category))
		.slice(0, 24);
	return layout(ctx, {
		title: category ?? 'Shop',
		page: 'home',
		body: html` <section class="banner" id="banner" data-experiment="home-banner">
				<h1 id="banner-title">New arrivals every week</h1>
				<p id="banner-text">Fresh finds for your home, picked by our buyers.</p>
			</section>
			<section aria-labelledby="offers-title">
				<h2 id="offers-title">Recommended for you</h2>
				<div id="offers" data-placement="home" data-label="Recommended for you"></div>
			</section>
			<nav aria-label="Categories" class="categories">
				<a href="/" ${category ? '' : trusted(' aria-current="page"')}>All</a>
				${categories.map((c) => html`<a href="/?category=${encodeURIComponent(String(c))}" ${c === category ? trusted(' aria-current="page"') : ''}>${c}</a>`)}
			</nav>
			<h2>${category ?? 'All products'}</h2>
			<ul
				class="grid"
				id="product-list"
				data-list="${category ?? 'all'}"
				data-skus="${shown.map((p) => p.sku).join(',')}"
			>
				${shown.map((p) => card(catalogue, p))}
			</ul>`
	});
}

/** @param {PageContext} ctx @param {Product} p */
export function productPage(ctx, p) {
	const { catalogue } = ctx;
	return layout(ctx, {
		title: p.name,
		page: 'product',
		body: html` <article
				class="product"
				id="product"
				data-sku="${p.sku}"
				data-name="${p.name}"
				data-category="${p.category ?? ''}"
				data-price="${major(catalogue, p.priceMinor)}"
				data-image="${p.imageUrl ?? ''}"
			>
				<img src="${p.imageUrl ?? ''}" alt="" width="400" height="400" />
				<div>
					<h1>${p.name}</h1>
					<p class="category">${p.category ?? ''}</p>
					<p class="price">${price(catalogue, p.priceMinor)}</p>
					${
						p.inStock
							? html`<button type="button" id="add-to-cart">Add to cart</button>
									<button type="button" id="buy-now" class="secondary">
										Buy now with ExpressPay
									</button>`
							: html`<p class="out">Out of stock</p>`
					}
					<p id="added" role="status"></p>
				</div>
			</article>
			<section aria-labelledby="offers-title">
				<h2 id="offers-title">You may also like</h2>
				<div id="offers" data-placement="product" data-label="You may also like"></div>
			</section>`
	});
}

/** @param {PageContext} ctx */
export function cartPage(ctx) {
	return layout(ctx, {
		title: 'Cart',
		page: 'cart',
		body: html`<h1>Your cart</h1>
			<p id="cart-empty">Your cart is empty.</p>
			<ul id="cart-lines" class="lines"></ul>
			<p class="total">Total: <strong id="cart-total"></strong></p>
			<p><a class="button" id="checkout" href="/checkout">Checkout</a></p>
			<section aria-labelledby="offers-title">
				<h2 id="offers-title">Complete your order</h2>
				<div id="offers" data-placement="cart" data-label="Complete your order"></div>
			</section>`
	});
}

/** @param {PageContext} ctx */
export function checkoutPage(ctx) {
	return layout(ctx, {
		title: 'Checkout',
		page: 'checkout',
		body: html`<h1>Checkout</h1>
			<ul id="cart-lines" class="lines"></ul>
			<p class="total">Total: <strong id="cart-total"></strong></p>
			<form id="checkout-form" novalidate>
				<label for="email">Email</label>
				<input
					id="email"
					name="email"
					type="email"
					autocomplete="email"
					required
					aria-describedby="email-error"
				/>
				<p class="error" id="email-error" role="alert"></p>
				<label for="first-name">First name</label>
				<input id="first-name" name="firstName" autocomplete="given-name" />
				<label for="last-name">Last name</label>
				<input id="last-name" name="lastName" autocomplete="family-name" />
				<p class="error" id="form-error" role="alert"></p>
				<button type="submit">Place order</button>
			</form>`
	});
}

/** @param {PageContext} ctx @param {string} order */
export function thanksPage(ctx, order) {
	return layout(ctx, {
		title: 'Thank you',
		page: 'thanks',
		body: html`<h1>Thank you for your order</h1>
			<p>Your order number is <strong id="order-id">${order}</strong>.</p>
			<p><a href="/">Continue shopping</a></p>`
	});
}

/**
 * Stands in for a payment provider's hosted page: another site, without the SDK, that the
 * shopper reaches by a full navigation right after the shop tracked "Checkout Started".
 */
export function payPage() {
	return html`<!doctype html>
		<html lang="en">
			<head>
				<meta charset="utf-8" />
				<title>ExpressPay</title>
			</head>
			<body>
				<h1>ExpressPay</h1>
				<p>This page stands in for a payment provider's site.</p>
				<p><a href="/cart">Back to the shop</a></p>
			</body>
		</html>`;
}

/** @param {PageContext} ctx */
export function notFoundPage(ctx) {
	return layout(ctx, {
		title: 'Not found',
		page: 'not-found',
		body: html`<h1>Not found</h1>
			<p><a href="/">Back to the shop</a></p>`
	});
}
