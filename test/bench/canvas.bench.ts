// The journey canvas with a large journey, in Debian's Chromium against the built server: a
// 150-step journey is opened, a step dragged, one edited, the edit undone, and the whole graph
// laid out again. Prints how long each took and the frame intervals while dragging, so "works
// with 100+ nodes without lag" has numbers behind it.
// Build first: `npm run build`. `npm run bench -- canvas`.
import { existsSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { startTrackingServer } from '../api/tracking-server';

const PORT = 4680;
const STEPS = Number(process.env.CANVAS_STEPS ?? 150);
const SHOP = '/w/regulars-demo-shop';

/** Entry, then alternating emails and delays in a snake of rows, then an exit. */
function bigJourney(count: number) {
	const nodes: Record<string, unknown>[] = [];
	const at = (i: number) => ({ x: (i % 10) * 280, y: Math.floor(i / 10) * 140 });
	nodes.push({
		id: 'start',
		type: 'entry_event',
		event: 'Order Completed',
		filters: [],
		position: at(0)
	});
	for (let i = 1; i < count - 1; i++) {
		nodes.push(
			i % 2
				? {
						id: `step_${i}`,
						type: 'email',
						subject: `Note ${i}`,
						body: 'Hello {{first_name}}',
						products: null,
						position: at(i)
					}
				: {
						id: `step_${i}`,
						type: 'delay',
						delay: { kind: 'duration', minutes: 60 },
						position: at(i)
					}
		);
	}
	nodes.push({ id: 'end', type: 'exit', position: at(count - 1) });
	const edges = nodes
		.slice(0, -1)
		.map((n, i) => ({ from: n.id, output: 'next', to: nodes[i + 1]!.id }));
	return {
		version: 1,
		nodes,
		edges,
		settings: {
			reEntry: { kind: 'never' },
			goal: null,
			exit: { event: null, leftSegmentId: null },
			quietHours: null,
			holdout: 0
		}
	};
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
	const started = performance.now();
	const value = await work();
	return [value, performance.now() - started];
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

// Plain strings: tsx would wrap named functions in a helper the page does not have.
const START_FRAMES = `(() => {
	window.__frames = [];
	window.__stop = false;
	let last = performance.now();
	const tick = (now) => {
		window.__frames.push(now - last);
		last = now;
		if (!window.__stop) requestAnimationFrame(tick);
	};
	requestAnimationFrame(tick);
})()`;
const STOP_FRAMES = `(() => { window.__stop = true; return window.__frames.slice(1); })()`;

async function frameIntervals(page: Page, during: () => Promise<void>): Promise<number[]> {
	await page.evaluate(START_FRAMES);
	await during();
	return page.evaluate<number[]>(STOP_FRAMES);
}

const executablePath =
	process.env.REGULARS_CHROMIUM ??
	(existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const server = await startTrackingServer({ port: PORT, env: { DEMO: '1' } });
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	page.setDefaultTimeout(60_000);
	await page.goto(`${server.url}/sign-in`);
	await page.locator('body[data-hydrated]').waitFor();
	await page.getByLabel('Email').fill('demo@regulars.local');
	await page.getByLabel('Password').fill('regulars-demo');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(/\/w\//);
	await page.goto(`${server.url}${SHOP}/journeys`);
	await page.locator('body[data-hydrated]').waitFor();
	await page.getByLabel('Name', { exact: true }).fill(`Large journey ${Date.now()}`);
	await page.getByRole('radio', { name: /^Blank/ }).check();
	await page.getByRole('button', { name: 'Create journey' }).click();
	await page.waitForURL(/\/journeys\/\d+$/);
	const status = await page.evaluate(async (definition) => {
		const response = await fetch(`${location.pathname}/draft`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ definition })
		});
		return response.status;
	}, bigJourney(STEPS));
	if (status !== 200) throw new Error(`Saving the large draft answered ${status}`);

	const nodes = page.locator('[data-testid="canvas-node"]');
	const [, open] = await timed(async () => {
		await page.reload();
		await page.locator('body[data-hydrated]').waitFor();
		await nodes.nth(STEPS - 1).waitFor();
	});
	const shown = await nodes.count();

	// Zoom in on one step and drag it about, watching the frames.
	const target = page.locator('[data-testid="canvas-node"][data-node-id="step_1"] .name');
	await target.click();
	await page.getByTestId('cmd-fit').click();
	const box = (await target.boundingBox())!;
	const frames = await frameIntervals(page, async () => {
		await page.mouse.move(box.x + 10, box.y + 5);
		await page.mouse.down();
		for (let i = 1; i <= 60; i++) await page.mouse.move(box.x + 10 + i * 4, box.y + 5 + i * 2);
		await page.mouse.up();
	});

	const subject = page.getByTestId('panel-subject');
	await target.click();
	const [, edit] = await timed(async () => {
		await subject.fill('Changed subject');
		await page
			.locator('[data-testid="canvas-node"][data-node-id="step_1"]', { hasText: 'Changed subject' })
			.waitFor();
	});
	const [, undo] = await timed(async () => {
		await target.click();
		await page.keyboard.press('Control+z');
		await page
			.locator('[data-testid="canvas-node"][data-node-id="step_1"]', { hasText: 'Note 1' })
			.waitFor();
	});
	// Laid out, the chain becomes one column: the first steps share an x.
	const aligned = `(() => {
		const x = (id) => document.querySelector('[data-testid="canvas-node"][data-node-id="' + id + '"]')?.getBoundingClientRect().x;
		const a = x('start'), b = x('step_2');
		return a !== undefined && b !== undefined && Math.abs(a - b) < 1;
	})()`;
	const [, layout] = await timed(async () => {
		await page.getByTestId('cmd-layout').click();
		await page.waitForFunction(aligned);
	});
	await page.getByTestId('save-status').and(page.locator('[data-status="saved"]')).waitFor();

	const ms = (n: number) => `${n.toFixed(0)} ms`;
	console.log(`canvas_steps: ${STEPS} steps (${shown} drawn)`);
	console.log(`canvas_open_ms: ${ms(open)}`);
	console.log(`canvas_drag_frames: ${frames.length} frames`);
	console.log(`canvas_drag_frame_p50_ms: ${percentile(frames, 50).toFixed(1)} ms`);
	console.log(`canvas_drag_frame_p95_ms: ${percentile(frames, 95).toFixed(1)} ms`);
	console.log(`canvas_drag_frame_max_ms: ${Math.max(...frames).toFixed(1)} ms`);
	console.log(`canvas_edit_ms: ${ms(edit)}`);
	console.log(`canvas_undo_ms: ${ms(undo)}`);
	console.log(`canvas_layout_ms: ${ms(layout)}`);
} finally {
	await browser.close();
	await server.dispose();
}
