/**
 * What the canvas draws on top of the journey's nodes: problems, live counts, a dry run's
 * estimates and a test run's path. Nodes read it from context, so changing a count repaints one
 * badge instead of rebuilding every node.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- each value is replaced whole, never mutated */
import { getContext, setContext } from 'svelte';
import type { JourneyProblem } from '$lib/journey/problems';

export interface LiveNodeCounts {
	entered: number;
	waiting: number;
	outcomes: Record<string, number>;
	converted: number;
}

export class CanvasOverlay {
	problems = $state.raw<ReadonlyMap<string, JourneyProblem[]>>(new Map());
	live = $state.raw<Record<string, LiveNodeCounts> | null>(null);
	estimate = $state.raw<Record<string, number> | null>(null);
	path = $state.raw<ReadonlySet<string>>(new Set());
	current = $state.raw<string | null>(null);
	segments = $state.raw<ReadonlyMap<number, string>>(new Map());
}

const KEY = Symbol('journey-canvas-overlay');

export function provideOverlay(overlay: CanvasOverlay): void {
	setContext(KEY, overlay);
}

export function useOverlay(): CanvasOverlay {
	return getContext<CanvasOverlay>(KEY);
}

export function problemsByNode(problems: readonly JourneyProblem[]): Map<string, JourneyProblem[]> {
	const map = new Map<string, JourneyProblem[]>();
	for (const p of problems) {
		if (!p.nodeId) continue;
		const list = map.get(p.nodeId);
		if (list) list.push(p);
		else map.set(p.nodeId, [p]);
	}
	return map;
}
