// The production server: SvelteKit's request handler (adapter-node's build) behind Node's own
// HTTP server, with the fast lane (studio/lib/server/http/fast-lane.ts) asked first. It replaces
// adapter-node's `build/index.js` so the lane can see requests before the framework does;
// listening, timeouts and graceful shutdown follow that file's behaviour.
import http from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const buildDir = resolve(root, process.env.REGULARS_BUILD_DIR ?? 'build');

// Importing the handler initialises the server bundle (hooks `init`: configuration, database,
// migrations, demo seed, jobs, and the fast lane); HOST and PORT are defaulted there.
const { handler } = await import(pathToFileURL(join(buildDir, 'handler.js')).href);
/** @type {((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | undefined} */
const fastLane = /** @type {any} */ (globalThis)[Symbol.for('regulars.fast-lane')];

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT || 30);

/** @param {http.ServerResponse} res */
function notFound(res) {
	res.statusCode = 404;
	res.end('Not found');
}

let stopping = false;
const server = http.createServer((req, res) => {
	// Once stopping, a connection goes as soon as its last answer is out.
	if (stopping) res.once('close', () => server.closeIdleConnections());
	if (fastLane?.(req, res)) return;
	handler(req, res, () => notFound(res));
});
if (process.env.KEEP_ALIVE_TIMEOUT)
	server.keepAliveTimeout = Number(process.env.KEEP_ALIVE_TIMEOUT) * 1000;
if (process.env.HEADERS_TIMEOUT) server.headersTimeout = Number(process.env.HEADERS_TIMEOUT) * 1000;

server.listen({ host, port }, () => {
	console.log(`Listening on http://${host.includes(':') ? `[${host}]` : host}:${port}`);
});

/** @param {NodeJS.Signals} signal */
function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	// Keep-alive connections would hold close() open until they time out.
	server.closeIdleConnections();
	const force = setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000);
	server.close(() => {
		clearTimeout(force);
		// The runtime stops its jobs and closes the database on this event (runtime.ts).
		process.emit(/** @type {any} */ ('sveltekit:shutdown'), signal);
	});
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
