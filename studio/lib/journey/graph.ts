import { isEntry, type EntryNode, type JourneyDefinition, type JourneyNode } from './definition';

/** A definition indexed for running: nodes by id and each output's target. */
export interface JourneyGraph {
	definition: JourneyDefinition;
	entry: EntryNode;
	nodes: Map<string, JourneyNode>;
	/** `${nodeId}\u0000${output}` -> target node id */
	targets: Map<string, string>;
}

/** Indexes a valid definition (one entry node); throws on one without, which lint refuses. */
export function journeyGraph(definition: JourneyDefinition): JourneyGraph {
	const nodes = new Map(definition.nodes.map((n) => [n.id, n]));
	const entry = definition.nodes.find(isEntry);
	if (!entry) throw new Error('A journey needs an entry node.');
	const targets = new Map<string, string>();
	for (const edge of definition.edges) targets.set(`${edge.from}\u0000${edge.output}`, edge.to);
	return { definition, entry, nodes, targets };
}

export function targetOf(graph: JourneyGraph, nodeId: string, output: string): JourneyNode | null {
	const to = graph.targets.get(`${nodeId}\u0000${output}`);
	return to === undefined ? null : (graph.nodes.get(to) ?? null);
}
