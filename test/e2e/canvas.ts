// Helpers for driving the journey canvas with a real mouse and keyboard.
import { expect, type Locator, type Page } from '@playwright/test';

export function canvasNode(page: Page, id: string): Locator {
	return page.locator(`[data-testid="canvas-node"][data-node-id="${id}"]`);
}

/** Drags a palette item onto the canvas, `at` pixels from the canvas's top-left corner. */
export async function dropFromPalette(page: Page, type: string, at: { x: number; y: number }) {
	const item = page.locator(`[data-testid="palette-item"][data-type="${type}"]`);
	await item.dragTo(page.getByTestId('journey-canvas'), { targetPosition: at });
}

/** Draws an edge from a node's output handle to another node's input handle. */
export async function connect(page: Page, from: string, output: string, to: string) {
	const source = page.locator(
		`.svelte-flow__handle.source[data-nodeid="${from}"][data-handleid="${output}"]`
	);
	const target = page.locator(`.svelte-flow__handle.target[data-nodeid="${to}"]`);
	const a = (await source.boundingBox())!;
	const b = (await target.boundingBox())!;
	await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
	await page.mouse.down();
	await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
	await page.mouse.up();
	await expect(page.locator(`.svelte-flow__edge[data-id="${from}/${output}"]`)).toHaveCount(1);
}

/** Selects a node by clicking its title, which opens its settings in the side panel. */
export async function selectNode(page: Page, id: string) {
	await canvasNode(page, id).locator('.name').click();
	await expect(page.getByTestId('node-panel')).toBeVisible();
}

export async function waitSaved(page: Page) {
	await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
}
