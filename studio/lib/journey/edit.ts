/**
 * The canvas's edits as pure functions from one definition to the next. Keeping them here (not in
 * the Svelte component) makes undo/redo a matter of keeping old values, and lets them be tested
 * without a browser. None of them mutates its input.
 */
import {
	isEntry,
	outputsOf,
	type JourneyDefinition,
	type JourneyEdge,
	type JourneyNode,
	type JourneySettings,
	type NodeType,
	type Position
} from './definition';
import { freshId, newStep } from './palette';

/** An edge's id on the canvas: `/` cannot occur in node ids or output names. */
export function edgeKey(edge: Pick<JourneyEdge, 'from' | 'output'>): string {
	return `${edge.from}/${edge.output}`;
}

function ids(definition: JourneyDefinition): Set<string> {
	return new Set(definition.nodes.map((n) => n.id));
}

export function addStep(
	definition: JourneyDefinition,
	type: NodeType,
	position: Position
): { definition: JourneyDefinition; id: string } {
	const id = freshId(type, ids(definition));
	const step = newStep(type, id, roundPosition(position));
	return { definition: { ...definition, nodes: [...definition.nodes, step] }, id };
}

/** Whether an edge from `from` to `to` may be drawn: not into an entry, not onto itself. */
export function canConnect(definition: JourneyDefinition, from: string, to: string): boolean {
	if (from === to) return false;
	const target = definition.nodes.find((n) => n.id === to);
	const source = definition.nodes.find((n) => n.id === from);
	return !!target && !!source && !isEntry(target) && source.type !== 'exit';
}

/** Each output leads to one place, so a new edge from an output replaces the old one. */
export function connectSteps(definition: JourneyDefinition, edge: JourneyEdge): JourneyDefinition {
	if (!canConnect(definition, edge.from, edge.to)) return definition;
	const source = definition.nodes.find((n) => n.id === edge.from)!;
	if (!outputsOf(source).includes(edge.output)) return definition;
	const key = edgeKey(edge);
	const edges = definition.edges.filter((e) => edgeKey(e) !== key);
	return { ...definition, edges: [...edges, { ...edge }] };
}

export function removeSteps(
	definition: JourneyDefinition,
	stepIds: ReadonlySet<string>
): JourneyDefinition {
	if (stepIds.size === 0) return definition;
	return {
		...definition,
		nodes: definition.nodes.filter((n) => !stepIds.has(n.id)),
		edges: definition.edges.filter((e) => !stepIds.has(e.from) && !stepIds.has(e.to))
	};
}

export function removeEdges(
	definition: JourneyDefinition,
	keys: ReadonlySet<string>
): JourneyDefinition {
	if (keys.size === 0) return definition;
	return { ...definition, edges: definition.edges.filter((e) => !keys.has(edgeKey(e))) };
}

/** Positions are whole pixels: sub-pixel drag noise would make every save look like a change. */
function roundPosition(p: Position): Position {
	return { x: Math.round(p.x), y: Math.round(p.y) };
}

export function moveSteps(
	definition: JourneyDefinition,
	positions: ReadonlyMap<string, Position>
): JourneyDefinition {
	let changed = false;
	const nodes = definition.nodes.map((n) => {
		const p = positions.get(n.id);
		if (!p) return n;
		const position = roundPosition(p);
		if (n.position && n.position.x === position.x && n.position.y === position.y) return n;
		changed = true;
		return { ...n, position };
	});
	return changed ? { ...definition, nodes } : definition;
}

/**
 * Puts an edited node in place of the one with its id. Edges from outputs the node no longer has
 * (a split variant renamed or removed) go, so the graph never points from a missing output.
 */
export function replaceStep(definition: JourneyDefinition, step: JourneyNode): JourneyDefinition {
	const index = definition.nodes.findIndex((n) => n.id === step.id);
	if (index < 0) return definition;
	const nodes = definition.nodes.slice();
	nodes[index] = step;
	const outputs = new Set(outputsOf(step));
	const edges = definition.edges.filter((e) => e.from !== step.id || outputs.has(e.output));
	return { ...definition, nodes, edges };
}

export function replaceSettings(
	definition: JourneyDefinition,
	settings: JourneySettings
): JourneyDefinition {
	return { ...definition, settings };
}

/** A copied selection: the nodes and the edges between them (edges leaving it are not copied). */
export interface Fragment {
	nodes: JourneyNode[];
	edges: JourneyEdge[];
}

export function copySteps(definition: JourneyDefinition, stepIds: ReadonlySet<string>): Fragment {
	return structuredClone({
		nodes: definition.nodes.filter((n) => stepIds.has(n.id)),
		edges: definition.edges.filter((e) => stepIds.has(e.from) && stepIds.has(e.to))
	});
}

/**
 * Pastes a fragment with fresh ids, moved by `offset`, keeping its inner edges. A pasted entry
 * node is kept too: the lint then reports two entries, which says more than silently dropping it.
 */
export function pasteFragment(
	definition: JourneyDefinition,
	fragment: Fragment,
	offset: Position
): { definition: JourneyDefinition; ids: string[] } {
	const taken = ids(definition);
	const renamed = new Map<string, string>();
	const nodes: JourneyNode[] = [];
	for (const node of fragment.nodes) {
		const base = node.id.replace(/_\d+$/, '');
		const id = freshId(base, taken);
		taken.add(id);
		renamed.set(node.id, id);
		const at = node.position ?? { x: 0, y: 0 };
		nodes.push({
			...structuredClone(node),
			id,
			position: roundPosition({ x: at.x + offset.x, y: at.y + offset.y })
		});
	}
	const edges = fragment.edges
		.filter((e) => renamed.has(e.from) && renamed.has(e.to))
		.map((e) => ({ from: renamed.get(e.from)!, output: e.output, to: renamed.get(e.to)! }));
	return {
		definition: {
			...definition,
			nodes: [...definition.nodes, ...nodes],
			edges: [...definition.edges, ...edges]
		},
		ids: nodes.map((n) => n.id)
	};
}

/** Reads a fragment back from the clipboard; anything that is not one is ignored. */
export function readFragment(value: unknown): Fragment | null {
	if (typeof value !== 'object' || value === null) return null;
	const { nodes, edges } = value as Partial<Fragment>;
	if (!Array.isArray(nodes) || !Array.isArray(edges) || nodes.length === 0) return null;
	const okNode = (n: unknown) =>
		typeof n === 'object' && n !== null && typeof (n as JourneyNode).id === 'string';
	const okEdge = (e: unknown) =>
		typeof e === 'object' &&
		e !== null &&
		['from', 'output', 'to'].every((k) => typeof (e as Record<string, unknown>)[k] === 'string');
	return nodes.every(okNode) && edges.every(okEdge) ? { nodes, edges } : null;
}
