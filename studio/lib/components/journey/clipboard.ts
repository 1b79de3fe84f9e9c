/**
 * The canvas clipboard. Steps copied in one journey can be pasted into another in the same tab,
 * so it lives in sessionStorage (per tab, gone when the tab closes) rather than in a component.
 */
import { readFragment, type Fragment } from '$lib/journey/edit';

const KEY = 'regulars.canvas.clipboard';

export function writeClipboard(fragment: Fragment): void {
	try {
		sessionStorage.setItem(KEY, JSON.stringify(fragment));
	} catch {
		// A full or blocked storage only costs pasting across journeys.
	}
}

export function readClipboard(): Fragment | null {
	try {
		const text = sessionStorage.getItem(KEY);
		return text ? readFragment(JSON.parse(text)) : null;
	} catch {
		return null;
	}
}
