import { describe, expect, it } from 'vitest';
import { History, MERGE_WINDOW_MS } from './history';

describe('History', () => {
	it('undoes and redoes in order, and a new edit clears the redo stack', () => {
		const h = new History('a');
		h.push('b', null, 0);
		h.push('c', null, 1);
		expect(h.undo()).toBe('b');
		expect(h.undo()).toBe('a');
		expect(h.undo()).toBeNull();
		expect(h.redo()).toBe('b');
		h.push('d', null, 2);
		expect(h.canRedo).toBe(false);
		expect(h.present).toBe('d');
		expect(h.undo()).toBe('b');
	});

	it('merges a burst of edits with the same key into one step', () => {
		const h = new History('');
		h.push('H', 'subject', 0);
		h.push('Hi', 'subject', 300);
		h.push('Hi!', 'subject', 600);
		expect(h.undo()).toBe('');
		expect(h.canUndo).toBe(false);
	});

	it('does not merge different keys, slow edits, or across an undo', () => {
		const h = new History(0);
		h.push(1, 'a', 0);
		h.push(2, 'b', 10);
		h.push(3, 'b', 10 + MERGE_WINDOW_MS);
		expect(h.undo()).toBe(2);
		h.push(4, 'b', 20 + MERGE_WINDOW_MS);
		expect(h.undo()).toBe(2);
		expect(h.undo()).toBe(1);
	});

	it('ignores pushing the present value', () => {
		const h = new History('x');
		h.push('x');
		expect(h.canUndo).toBe(false);
	});
});
