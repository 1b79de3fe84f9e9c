/**
 * Auto-layout: top to bottom, ranks by distance from the entry, crossings kept low. dagre does the
 * work.
 */
import dagre from '@dagrejs/dagre';
import { outputsOf, type JourneyDefinition, type Position } from './definition';

export const STEP_WIDTH = 240;
export const STEP_HEIGHT = 80;

export function layoutSteps(
	definition: JourneyDefinition,
	sizes: ReadonlyMap<string, { width: number; height: number }> = new Map()
): Map<string, Position> {
	const g = new dagre.graphlib.Graph();
	g.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 72, marginx: 0, marginy: 0 });
	g.setDefaultEdgeLabel(() => ({}));
	for (const node of definition.nodes) {
		const size = sizes.get(node.id) ?? { width: STEP_WIDTH, height: STEP_HEIGHT };
		g.setNode(node.id, { width: size.width, height: size.height });
	}
	const known = new Set(definition.nodes.map((n) => n.id));
	for (const node of definition.nodes) {
		for (const output of outputsOf(node)) {
			const edge = definition.edges.find((e) => e.from === node.id && e.output === output);
			if (edge && known.has(edge.to)) g.setEdge(node.id, edge.to);
		}
	}
	dagre.layout(g);
	const positions = new Map<string, Position>();
	for (const node of definition.nodes) {
		const placed = g.node(node.id) as { x: number; y: number; width: number; height: number };
		// dagre gives centres; the canvas places nodes by their top-left corner.
		positions.set(node.id, {
			x: Math.round(placed.x - placed.width / 2),
			y: Math.round(placed.y - placed.height / 2)
		});
	}
	return positions;
}
