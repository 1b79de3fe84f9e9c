// Calls the Regulars REST API with a secret key and prints the workspace and one customer.
//
//   node examples/api/whoami.mjs
//   REGULARS_URL=https://crm.example.com REGULARS_SECRET_KEY=rg_secret_... node examples/api/whoami.mjs
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

try {
	const workspace = await get('/api/v1/workspace');
	console.log(`workspace: ${workspace.name} (${workspace.slug}), currency ${workspace.currency}`);
	const customer = await get('/api/v1/customers/1');
	console.log(`customer 1: ${customer.name ?? 'anonymous'}, ${customer.ordersCount} orders`);
} catch (error) {
	console.error(String(error instanceof Error ? error.message : error));
	process.exit(1);
}
