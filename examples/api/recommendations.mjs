// Asks the Regulars REST API what to recommend to one customer, and what is similar to the first
// pick: what a back office does to fill an email or a "picked for you" row.
//
//   node examples/api/recommendations.mjs                   # the first demo customer with a userId
//   node examples/api/recommendations.mjs cust-0042         # the shop's own customer id
//   node examples/api/recommendations.mjs mei@example.com   # or an email address
//   REGULARS_URL=https://crm.example.com REGULARS_SECRET_KEY=rg_secret_... node examples/api/recommendations.mjs
//
// The defaults are the demo workspace that `npm start` seeds.
const base = process.env.REGULARS_URL ?? 'http://127.0.0.1:3000';
const key = process.env.REGULARS_SECRET_KEY ?? 'rg_secret_demosecretkeyforthebackofficeofregulars';

/** @param {string} path */
async function get(path) {
	const response = await fetch(new URL(path, base), {
		headers: { authorization: `Bearer ${key}` }
	});
	const body = await response.json();
	if (!response.ok) {
		// Every API error has the same shape: { error: { code, message } }.
		throw new Error(`${response.status} ${body.error.code}: ${body.error.message}`);
	}
	return body;
}

/**
 * The customer to recommend for. An argument with an @ is looked up by email; any other is the
 * shop's own id. Without one, the first of the demo's customers the shop knows by an id.
 * @param {string | undefined} wanted
 * @returns {Promise<{ userId: string; name: string | null }>}
 */
async function findCustomer(wanted) {
	if (wanted) {
		const by = wanted.includes('@') ? 'email' : 'userId';
		const { customers } = await get(`/api/v1/customers?${by}=${encodeURIComponent(wanted)}`);
		const customer = customers.find((/** @type {{ userId: string | null }} */ c) => c.userId);
		if (customer) return customer;
		// A shop may ask for someone Regulars has not met yet: the API still answers.
		if (by === 'userId') return { userId: wanted, name: null };
		throw new Error(`No customer with the email ${wanted} and a userId.`);
	}
	for (let id = 1; id <= 50; id++) {
		const customer = await get(`/api/v1/customers/${id}`).catch((error) => {
			// Ids of deleted customers leave gaps; any other failure (a bad key) is worth seeing.
			if (String(error.message).startsWith('404 ')) return null;
			throw error;
		});
		if (customer?.userId) return customer;
	}
	throw new Error('No customer with a userId among the first 50: pass a userId or an email.');
}

/** "Because you bought SKU-00007", from the reason the API gives as data. */
function because(/** @type {{ kind: string; sku?: string; category?: string }} */ reason) {
	const words = {
		because_bought: `because they bought ${reason.sku}`,
		because_viewed: `because they viewed ${reason.sku}`,
		similar_to: `similar to ${reason.sku}`,
		bought_together: `often bought with ${reason.sku}`,
		similar_customers: 'customers like them bought it',
		popular_in: `popular in ${reason.category}`,
		trending: 'trending',
		popular: 'popular',
		pinned: 'pinned by the shop',
		featured: 'featured by the shop'
	};
	return words[/** @type {keyof typeof words} */ (reason.kind)] ?? reason.kind;
}

/** @param {{ items: { sku: string; name: string; priceMinor: number; currency: string; reason: { kind: string } }[] }} answer */
function print(answer) {
	for (const item of answer.items) {
		const price = new Intl.NumberFormat('en', { style: 'currency', currency: item.currency });
		const major = item.priceMinor / 10 ** (price.resolvedOptions().maximumFractionDigits ?? 2);
		console.log(`  ${item.sku}  ${item.name}, ${price.format(major)} — ${because(item.reason)}`);
	}
}

try {
	const customer = await findCustomer(process.argv[2]);
	const userId = encodeURIComponent(customer.userId);
	const picks = await get(`/api/v1/customers/${userId}/recommendations?n=5`);
	const model = picks.model ? `model ${picks.model.id}` : 'no trained model yet';
	console.log(`for ${customer.name ?? customer.userId} (${customer.userId}), ${model}:`);
	print(picks);
	const first = picks.items[0];
	if (first) {
		const similar = await get(`/api/v1/products/${encodeURIComponent(first.sku)}/similar?n=3`);
		console.log(`similar to ${first.sku}:`);
		print(similar);
	}
} catch (error) {
	console.error(String(error instanceof Error ? error.message : error));
	process.exit(1);
}
