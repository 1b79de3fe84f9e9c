// `npm run demo`: the studio (as `npm start` runs it) and the demo storefront next to it, on
// another origin. With STUDIO_URL set, only the storefront starts, pointed at that studio.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createStorefront } from './server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const studioPort = Number(process.env.PORT ?? 3000);
const shopPort = Number(process.env.SHOP_PORT ?? 4174);
const external = process.env.STUDIO_URL;
const studioUrl = external ?? `http://127.0.0.1:${studioPort}`;

/** @type {import('node:child_process').ChildProcess | undefined} */
let studio;
if (!external) {
	studio = spawn(process.execPath, ['studio/bin/start.js'], { cwd: root, stdio: 'inherit' });
	studio.on('exit', (code) => process.exit(code ?? 1));
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
		process.on(signal, () => {
			studio?.kill(signal);
			process.exit(0);
		});
}

/** The studio builds on its first start, which takes a minute. */
async function waitForStudio() {
	const deadline = Date.now() + 10 * 60_000;
	for (;;) {
		try {
			if ((await fetch(`${studioUrl}/healthz`)).ok) return;
		} catch {
			// not up yet
		}
		if (Date.now() > deadline) throw new Error(`the studio at ${studioUrl} did not answer`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

await waitForStudio();
const server = await createStorefront({
	studioUrl,
	...(process.env.WRITE_KEY ? { writeKey: process.env.WRITE_KEY } : {}),
	...(process.env.SECRET_KEY ? { secretKey: process.env.SECRET_KEY } : {})
});
// localhost rather than the studio's 127.0.0.1: a different origin, as a real shop would be.
server.listen(shopPort, '127.0.0.1', () => {
	console.log(`\nDemo storefront: http://localhost:${shopPort} (studio: ${studioUrl})`);
});
