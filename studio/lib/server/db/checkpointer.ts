import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The worker runs as eval'd CommonJS so the build needs no extra entry file.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const checkpoint = (mode) => { try { db.pragma('wal_checkpoint(' + mode + ')'); } catch {} };
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.everyMs);
parentPort.on('message', () => {
	clearInterval(timer);
	checkpoint('TRUNCATE');
	db.close();
	parentPort.close();
});
`;

/**
 * Copies the SQLite write-ahead log back into the database file from a worker thread. SQLite would
 * otherwise do it inside whichever commit crosses the threshold, and that copy plus its fsync
 * stalls every request queued on the one writer. The main connection sets wal_autocheckpoint=0.
 */
export function startCheckpointer(path: string, everyMs = 1000): () => void {
	const module = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, module, everyMs } });
	worker.unref();
	worker.on('error', (error) => console.error('SQLite checkpoint worker failed', error));
	return () => worker.postMessage('stop');
}
