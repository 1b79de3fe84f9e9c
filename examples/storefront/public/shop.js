// The demo shop's own behaviour: a cart in localStorage and the Segment e-commerce events a real
// shop would send through the Regulars SDK. Everything is built with DOM calls, never innerHTML.
(function () {
	'use strict';
	/** @type {any} */
	const regulars = /** @type {any} */ (window).regulars;
	const body = document.body;
	const currency = body.dataset.currency || 'USD';
	const CART_KEY = 'demo_cart';
	const USER_KEY = 'demo_user';

	/** @returns {{ id: string, lines: { sku: string, name: string, price: number, category: string, image: string, quantity: number }[] }} */
	function readCart() {
		try {
			const cart = JSON.parse(localStorage.getItem(CART_KEY) || 'null');
			if (cart && Array.isArray(cart.lines)) return cart;
		} catch {
			// a damaged cart starts over
		}
		return {
			id: `cart-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
			lines: []
		};
	}
	/** @param {ReturnType<typeof readCart>} cart */
	function saveCart(cart) {
		localStorage.setItem(CART_KEY, JSON.stringify(cart));
		showCount(cart);
	}
	/** @param {ReturnType<typeof readCart>} cart */
	function showCount(cart) {
		const count = document.getElementById('cart-count');
		if (count) count.textContent = String(cart.lines.reduce((n, l) => n + l.quantity, 0));
	}
	const money = (/** @type {number} */ amount) =>
		new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
	/** @param {ReturnType<typeof readCart>} cart */
	const total = (cart) =>
		Math.round(cart.lines.reduce((sum, l) => sum + l.price * l.quantity, 0) * 100) / 100;
	/** Segment's product shape for a cart line. */
	const productOf = (
		/** @type {ReturnType<typeof readCart>['lines'][number]} */ l,
		/** @type {number} */ i
	) => ({
		product_id: l.sku,
		sku: l.sku,
		name: l.name,
		category: l.category,
		price: l.price,
		quantity: l.quantity,
		position: i + 1
	});

	/** @param {ReturnType<typeof readCart>} cart @param {boolean} removable */
	function showLines(cart, removable) {
		const list = document.getElementById('cart-lines');
		if (!list) return;
		list.replaceChildren();
		for (const line of cart.lines) {
			const item = document.createElement('li');
			item.className = 'line';
			item.dataset.sku = line.sku;
			const name = document.createElement('span');
			name.textContent = `${line.name} × ${line.quantity}`;
			const amount = document.createElement('span');
			amount.textContent = money(line.price * line.quantity);
			item.append(name, amount);
			if (removable) {
				const remove = document.createElement('button');
				remove.type = 'button';
				remove.textContent = 'Remove';
				remove.setAttribute('aria-label', `Remove ${line.name}`);
				remove.addEventListener('click', () => {
					const next = readCart();
					next.lines = next.lines.filter((l) => l.sku !== line.sku);
					saveCart(next);
					regulars.track('Product Removed', { cart_id: next.id, ...productOf(line, 0), currency });
					showLines(next, true);
				});
				item.append(remove);
			}
			list.append(item);
		}
		const totalEl = document.getElementById('cart-total');
		if (totalEl) totalEl.textContent = money(total(cart));
		const empty = document.getElementById('cart-empty');
		if (empty) empty.hidden = cart.lines.length > 0;
		const checkout = document.getElementById('checkout');
		if (checkout) checkout.hidden = cart.lines.length === 0;
	}

	function showUser() {
		const email = localStorage.getItem(USER_KEY);
		const box = document.getElementById('signed-in');
		const label = document.getElementById('signed-in-email');
		if (!box || !label) return;
		box.hidden = !email;
		label.textContent = email || '';
	}

	const slot = document.getElementById('offers');
	if (slot) {
		regulars.ready((/** @type {any} */ r) =>
			r.offers.render(slot, { placement: slot.dataset.placement, label: slot.dataset.label })
		);
	}

	document.getElementById('sign-out')?.addEventListener('click', () => {
		localStorage.removeItem(USER_KEY);
		// Sign-out: the SDK forgets who this was and starts a new anonymous visitor.
		regulars.reset();
		showUser();
	});

	const cart = readCart();
	showCount(cart);
	showUser();
	const page = body.dataset.page;

	if (page === 'home') {
		const list = document.getElementById('product-list');
		if (list)
			regulars.track('Product List Viewed', {
				list_id: list.dataset.list,
				products: (list.dataset.skus || '')
					.split(',')
					.filter(Boolean)
					.map((sku, i) => ({ product_id: sku, sku, position: i + 1 }))
			});
		regulars.ready((/** @type {any} */ r) =>
			r.variant('home-banner').then((/** @type {string | null} */ variant) => {
				const banner = document.getElementById('banner');
				if (banner) banner.dataset.variant = variant || 'none';
				if (variant !== 'free-shipping') return;
				const title = document.getElementById('banner-title');
				const text = document.getElementById('banner-text');
				if (title) title.textContent = 'Free shipping on every order';
				if (text) text.textContent = 'This week only, whatever the size of your basket.';
			})
		);
	}

	if (page === 'product') {
		const el = /** @type {HTMLElement} */ (document.getElementById('product'));
		const product = {
			sku: el.dataset.sku || '',
			name: el.dataset.name || '',
			price: Number(el.dataset.price),
			category: el.dataset.category || '',
			image: el.dataset.image || ''
		};
		const props = {
			product_id: product.sku,
			sku: product.sku,
			name: product.name,
			category: product.category,
			price: product.price,
			currency,
			url: location.href,
			image_url: product.image
		};
		regulars.track('Product Viewed', props);
		const add = () => {
			const next = readCart();
			const line = next.lines.find((l) => l.sku === product.sku);
			if (line) line.quantity += 1;
			else next.lines.push({ ...product, quantity: 1 });
			saveCart(next);
			regulars.track('Product Added', { ...props, cart_id: next.id, quantity: 1 });
			return next;
		};
		document.getElementById('add-to-cart')?.addEventListener('click', () => {
			add();
			const status = document.getElementById('added');
			if (status) status.textContent = `${product.name} is in your cart.`;
		});
		// Straight to a payment provider's page: the event must survive the navigation (beacon).
		document.getElementById('buy-now')?.addEventListener('click', () => {
			const next = add();
			regulars.track('Checkout Started', {
				cart_id: next.id,
				value: total(next),
				currency,
				payment_method: 'ExpressPay',
				products: next.lines.map(productOf)
			});
			location.href = '/pay';
		});
	}

	if (page === 'cart') {
		showLines(cart, true);
		regulars.track('Cart Viewed', { cart_id: cart.id, products: cart.lines.map(productOf) });
	}

	if (page === 'checkout') {
		showLines(cart, false);
		if (cart.lines.length)
			regulars.track('Checkout Started', {
				cart_id: cart.id,
				value: total(cart),
				currency,
				products: cart.lines.map(productOf)
			});
		const form = /** @type {HTMLFormElement} */ (document.getElementById('checkout-form'));
		form.addEventListener('submit', (event) => {
			event.preventDefault();
			const data = new FormData(form);
			const email = String(data.get('email') || '').trim();
			const emailError = /** @type {HTMLElement} */ (document.getElementById('email-error'));
			const formError = /** @type {HTMLElement} */ (document.getElementById('form-error'));
			emailError.textContent = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
				? ''
				: 'Enter an email address like name@example.com.';
			const current = readCart();
			formError.textContent = current.lines.length ? '' : 'Your cart is empty.';
			if (emailError.textContent || formError.textContent) return;
			const firstName = String(data.get('firstName') || '').trim();
			const lastName = String(data.get('lastName') || '').trim();
			// Signing in at checkout: from here on the visitor is this known customer.
			const userId = email.toLowerCase();
			regulars.identify(userId, {
				email,
				...(firstName && { firstName }),
				...(lastName && { lastName })
			});
			localStorage.setItem(USER_KEY, email);
			const orderId = `D-${Date.now().toString(36).toUpperCase()}`;
			regulars.track('Order Completed', {
				order_id: orderId,
				// Ties the order to its cart, so an abandoned-cart journey knows this cart was bought.
				cart_id: current.id,
				total: total(current),
				revenue: total(current),
				currency,
				products: current.lines.map(productOf)
			});
			localStorage.removeItem(CART_KEY);
			location.href = `/thanks?order=${encodeURIComponent(orderId)}`;
		});
	}
})();
