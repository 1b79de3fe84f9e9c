import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InteractionEvent, TrainingResult, TrainOptions } from '@regulars/recommender';

// Eval'd CommonJS, like the SQLite checkpointer, so the server build needs no extra entry file;
// it imports the recommender's published build (recommender/dist), which `npm run build` makes.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
import(workerData.moduleUrl)
	.then((lib) => {
		const result = lib.trainAndEvaluate(
			workerData.events,
			{ ...workerData.options, clock: () => performance.now() },
			(stage, share) => parentPort.postMessage({ kind: 'progress', stage, share })
		);
		parentPort.postMessage({ kind: 'done', result }, [result.snapshot.buffer]);
	})
	.catch((error) => parentPort.postMessage({ kind: 'error', message: String((error && error.stack) || error) }));
`;

/** The recommender's built entry, found the way Node finds the package from this module. */
function recommenderModuleUrl(): string {
	const manifest = createRequire(import.meta.url).resolve('@regulars/recommender/package.json');
	const entry = join(dirname(manifest), 'dist', 'index.js');
	if (!existsSync(entry))
		throw new Error(`${entry} is missing: build the recommender first (npm run build).`);
	return pathToFileURL(entry).href;
}

/**
 * Trains in a worker thread so requests keep being served meanwhile: fitting a shop's history
 * takes seconds of pure CPU. `onProgress` hears the stages as they start.
 */
export function trainInWorker(
	events: InteractionEvent[],
	options: Omit<TrainOptions, 'clock'>,
	onProgress: (stage: string, share: number) => void
): Promise<TrainingResult> {
	return new Promise((resolve, reject) => {
		let worker: Worker;
		try {
			worker = new Worker(WORKER_SOURCE, {
				eval: true,
				workerData: { moduleUrl: recommenderModuleUrl(), events, options }
			});
		} catch (error) {
			reject(error instanceof Error ? error : new Error(String(error)));
			return;
		}
		let settled = false;
		worker.on(
			'message',
			(message: {
				kind: string;
				stage?: string;
				share?: number;
				result?: TrainingResult;
				message?: string;
			}) => {
				if (message.kind === 'progress') onProgress(message.stage!, message.share!);
				else {
					settled = true;
					void worker.terminate();
					if (message.kind === 'done') resolve(message.result!);
					else reject(new Error(message.message));
				}
			}
		);
		worker.on('error', (error) => {
			settled = true;
			reject(error);
		});
		worker.on('exit', (code) => {
			if (!settled) reject(new Error(`the training worker stopped (exit code ${code})`));
		});
	});
}
