/**
 * The journey definition drawn as Svelte Flow nodes and edges. The definition stays the source of
 * truth; these arrays are rebuilt from it after every edit, carrying over what only the canvas
 * knows (selection, measured size) so nodes do not flicker or lose focus.
 */
import type { Edge, Node } from '@xyflow/svelte';
import { outputsOf, type JourneyDefinition, type JourneyNode } from '$lib/journey/definition';
import { edgeKey } from '$lib/journey/edit';

/** The drag-and-drop payload type of a palette item: the node type to add. */
export const STEP_DRAG_TYPE = 'application/x-regulars-step';

export type StepData = { step: JourneyNode };
export type StepFlowNode = Node<StepData, 'step'>;

export function toFlowNodes(
	definition: JourneyDefinition,
	previous: readonly StepFlowNode[],
	select?: ReadonlySet<string>
): StepFlowNode[] {
	const before = new Map(previous.map((n) => [n.id, n]));
	return definition.nodes.map((step, index) => {
		const old = before.get(step.id);
		const node: StepFlowNode = {
			id: step.id,
			type: 'step',
			// Nodes placed by the API may lack a position: stack them so none hides another.
			position: step.position ?? { x: 0, y: index * 120 },
			data: { step },
			selected: select ? select.has(step.id) : (old?.selected ?? false)
		};
		if (old?.measured) node.measured = old.measured;
		return node;
	});
}

/** The label an edge shows: its output's name, where the node has several to tell apart. */
export type OutputLabel = (step: JourneyNode, output: string) => string;

export function toFlowEdges(
	definition: JourneyDefinition,
	labelOf: OutputLabel,
	selected?: ReadonlySet<string>
): Edge[] {
	const byId = new Map(definition.nodes.map((n) => [n.id, n]));
	return definition.edges
		.filter((e) => byId.has(e.from) && byId.has(e.to))
		.map((e) => {
			const id = edgeKey(e);
			const source = byId.get(e.from)!;
			const many = outputsOf(source).length > 1;
			return {
				id,
				source: e.from,
				sourceHandle: e.output,
				target: e.to,
				type: 'smoothstep',
				selected: selected?.has(id) ?? false,
				...(many ? { label: labelOf(source, e.output) } : {})
			};
		});
}

export function selectedIds(nodes: readonly { id: string; selected?: boolean }[]): Set<string> {
	return new Set(nodes.filter((n) => n.selected).map((n) => n.id));
}
