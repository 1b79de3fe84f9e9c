/**
 * The lint of a well-typed definition: how the nodes are wired, and the rules that span several
 * fields or nodes (split weights, waits against the re-entry cooldown). Field-by-field checks live
 * in the parser; this runs on the canvas's in-memory state as well as after `parseJourney`.
 */
import {
	isEntry,
	outputsOf,
	type JourneyDefinition,
	type JourneyNode,
	type SplitNode
} from './definition';
import { makeProblem, orderProblems, type JourneyProblem } from './problems';

export interface LintContext {
	/** Segments with at least one member who has no email address (computed by the server). */
	segmentsWithoutEmail?: ReadonlySet<number>;
}

/** How far split weights plus holdout may stray from 1 (floating-point sums of tenths). */
const WEIGHT_TOLERANCE = 1e-6;
const MINUTES_PER_DAY = 24 * 60;

export function lintJourney(
	definition: JourneyDefinition,
	context: LintContext = {}
): JourneyProblem[] {
	const problems: JourneyProblem[] = [];
	const byId = new Map<string, JourneyNode>();
	for (const node of definition.nodes) {
		if (byId.has(node.id)) problems.push(makeProblem('node_id_duplicate', node.id, 'id'));
		else byId.set(node.id, node);
	}

	const entries = definition.nodes.filter(isEntry);
	if (entries.length === 0) problems.push(makeProblem('entry_missing'));
	if (entries.length > 1) {
		for (const entry of entries) problems.push(makeProblem('entry_multiple', entry.id));
	}

	const next = lintEdges(definition, byId, problems);
	lintReachability(definition.nodes, entries, next, problems);
	lintCycles(definition.nodes, next, problems);
	lintCooldown(definition, problems);
	for (const node of definition.nodes) if (node.type === 'split') lintSplit(node, problems);

	const withoutEmail = context.segmentsWithoutEmail;
	if (
		withoutEmail &&
		entries.some((entry) => entry.type === 'entry_segment' && withoutEmail.has(entry.segmentId))
	) {
		for (const node of definition.nodes) {
			if (node.type === 'email') problems.push(makeProblem('email_without_address', node.id));
		}
	}
	return orderProblems(
		problems,
		definition.nodes.map((node) => node.id)
	);
}

/**
 * Checks every edge and reports outputs left unconnected; returns the successors along the valid
 * edges. Edges into an entry are reported and left out, so they cannot also show up as a loop.
 */
function lintEdges(
	definition: JourneyDefinition,
	byId: ReadonlyMap<string, JourneyNode>,
	problems: JourneyProblem[]
): Map<string, string[]> {
	const next = new Map<string, string[]>();
	const connected = new Set<string>();
	definition.edges.forEach((edge, index) => {
		const field = `edges[${index}]`;
		const from = byId.get(edge.from);
		const to = byId.get(edge.to);
		if (!from || !to) {
			const missing = !from ? edge.from : edge.to;
			problems.push(
				makeProblem(
					'edge_unknown_node',
					(from ?? to)?.id,
					field,
					`No step has the id "${missing}".`
				)
			);
			return;
		}
		if (!outputsOf(from).includes(edge.output)) {
			problems.push(
				makeProblem(
					'edge_unknown_output',
					from.id,
					field,
					`This step has no output "${edge.output}".`
				)
			);
			return;
		}
		const key = JSON.stringify([from.id, edge.output]);
		if (connected.has(key)) {
			problems.push(makeProblem('output_duplicate', from.id, field));
			return;
		}
		connected.add(key);
		if (isEntry(to)) {
			problems.push(makeProblem('entry_has_input', to.id, field));
			return;
		}
		const list = next.get(from.id) ?? [];
		list.push(to.id);
		next.set(from.id, list);
	});
	for (const node of byId.values()) {
		for (const output of outputsOf(node)) {
			if (!connected.has(JSON.stringify([node.id, output]))) {
				problems.push(
					makeProblem(
						'output_unconnected',
						node.id,
						`outputs.${output}`,
						`The output "${output}" is not connected to a next step.`
					)
				);
			}
		}
	}
	return next;
}

/** From the entry (or every entry, while there are several) along the valid edges. */
function lintReachability(
	nodes: readonly JourneyNode[],
	entries: readonly JourneyNode[],
	next: ReadonlyMap<string, string[]>,
	problems: JourneyProblem[]
): void {
	// With no entry, every node would be unreachable; `entry_missing` already says why.
	if (entries.length === 0) return;
	const seen = new Set(entries.map((entry) => entry.id));
	const queue = [...seen];
	for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
		for (const to of next.get(id) ?? []) {
			if (!seen.has(to)) {
				seen.add(to);
				queue.push(to);
			}
		}
	}
	const reported = new Set<string>();
	for (const node of nodes) {
		if (!seen.has(node.id) && !reported.has(node.id)) {
			reported.add(node.id);
			problems.push(makeProblem('unreachable', node.id));
		}
	}
}

/** Nodes that hold a customer for a while, so a loop through one cannot spin. */
function isWaiting(node: JourneyNode): boolean {
	return node.type === 'delay' || node.type === 'wait_event' || node.type === 'goal';
}

/**
 * A loop that passes through no waiting node would run a customer round it without pause. Such a
 * loop exists exactly when the graph with the waiting nodes taken out still has a cycle, so this
 * finds the strongly connected components of that graph (Tarjan) and reports every node of a
 * component with more than one node, or with an edge to itself.
 */
function lintCycles(
	nodes: readonly JourneyNode[],
	next: ReadonlyMap<string, string[]>,
	problems: JourneyProblem[]
): void {
	const kept = new Set(nodes.filter((node) => !isWaiting(node)).map((node) => node.id));
	const successors = (id: string) => (next.get(id) ?? []).filter((to) => kept.has(to));
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const looping = new Set<string>();
	let counter = 0;

	// Recursion depth is bounded by MAX_NODES, far below any engine's stack limit.
	const visit = (id: string): void => {
		index.set(id, counter);
		low.set(id, counter);
		counter++;
		stack.push(id);
		onStack.add(id);
		for (const to of successors(id)) {
			if (!index.has(to)) {
				visit(to);
				low.set(id, Math.min(low.get(id)!, low.get(to)!));
			} else if (onStack.has(to)) {
				low.set(id, Math.min(low.get(id)!, index.get(to)!));
			}
		}
		if (low.get(id) !== index.get(id)) return;
		const component: string[] = [];
		let member: string | undefined;
		do {
			member = stack.pop();
			if (member === undefined) break;
			onStack.delete(member);
			component.push(member);
		} while (member !== id);
		if (component.length > 1 || successors(id).includes(id)) {
			for (const nodeId of component) looping.add(nodeId);
		}
	};
	for (const id of kept) if (!index.has(id)) visit(id);

	for (const node of nodes) {
		if (looping.has(node.id)) {
			looping.delete(node.id);
			problems.push(makeProblem('cycle_without_delay', node.id));
		}
	}
}

/**
 * A customer may come back `days` after entering; a single wait longer than that means the next
 * entry would start while the previous run is still waiting, so the cooldown would not hold.
 */
function lintCooldown(definition: JourneyDefinition, problems: JourneyProblem[]): void {
	const reEntry = definition.settings.reEntry;
	if (reEntry.kind !== 'cooldown') return;
	const limit = reEntry.days * MINUTES_PER_DAY;
	for (const node of definition.nodes) {
		const wait = longestWait(node);
		if (wait && wait.minutes > limit) {
			problems.push(
				makeProblem(
					'wait_longer_than_cooldown',
					node.id,
					wait.field,
					`This step waits ${wait.minutes} minutes, longer than the ${reEntry.days}-day re-entry cooldown.`
				)
			);
		}
	}
}

function longestWait(node: JourneyNode): { minutes: number; field: string } | null {
	if (node.type === 'delay' && node.delay.kind === 'duration') {
		return { minutes: node.delay.minutes, field: 'delay.minutes' };
	}
	if (node.type === 'wait_event') return { minutes: node.timeoutMinutes, field: 'timeoutMinutes' };
	if (node.type === 'goal') return { minutes: node.windowMinutes, field: 'windowMinutes' };
	return null;
}

function lintSplit(node: SplitNode, problems: JourneyProblem[]): void {
	const keys = new Set<string>();
	for (const variant of node.variants) {
		if (keys.has(variant.key)) {
			problems.push(
				makeProblem(
					'variant_key_duplicate',
					node.id,
					'variants',
					`Two variants are named "${variant.key}".`
				)
			);
			break;
		}
		keys.add(variant.key);
	}
	const weights = node.variants.map((variant) => variant.weight);
	const sum = weights.reduce((total, weight) => total + weight, 0) + node.holdout;
	let message: string | null = null;
	if (node.variants.length < 2) message = 'A split needs at least 2 variants.';
	else if (!weights.every((weight) => Number.isFinite(weight) && weight > 0)) {
		message = 'Every variant needs a weight above 0.';
	} else if (!(Math.abs(sum - 1) <= WEIGHT_TOLERANCE)) {
		message = 'The weights and the holdout must add up to 100%.';
	}
	if (message) problems.push(makeProblem('weights_invalid', node.id, 'variants', message));
}
