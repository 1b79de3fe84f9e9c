/**
 * What is wrong with a journey definition, as data: a stable code the studio translates, the node
 * the canvas badges, the field the inspector highlights, and an English sentence for API users.
 */

/** Every code, in the order problems of one node are listed (shape first, then content). */
export const JOURNEY_PROBLEM_CODES = [
	'definition_invalid',
	'version_unsupported',
	'too_many_nodes',
	'settings_invalid',
	'entry_missing',
	'entry_multiple',
	'node_invalid',
	'node_type_unknown',
	'node_id_invalid',
	'node_id_duplicate',
	'edge_invalid',
	'edge_unknown_node',
	'edge_unknown_output',
	'output_duplicate',
	'entry_has_input',
	'unreachable',
	'output_unconnected',
	'cycle_without_delay',
	'wait_longer_than_cooldown',
	'event_required',
	'text_required',
	'text_too_long',
	'url_invalid',
	'json_invalid',
	'template_variable_unknown',
	'weights_invalid',
	'variant_key_invalid',
	'variant_key_duplicate',
	'holdout_invalid',
	'number_invalid',
	'trait_invalid',
	'placement_invalid',
	'condition_invalid',
	'filter_invalid',
	'email_without_address'
] as const;
export type JourneyProblemCode = (typeof JOURNEY_PROBLEM_CODES)[number];

export interface JourneyProblem {
	code: JourneyProblemCode;
	/** Set for problems of one node, so the canvas can badge it. */
	nodeId?: string;
	/** Within the node (`subject`, `delay.minutes`), or of the definition (`edges[2]`, `settings.holdout`). */
	field?: string;
	message: string;
}

/** Codes about how nodes are wired; meaningless while some node or edge could not be read. */
export const GRAPH_CODES: ReadonlySet<JourneyProblemCode> = new Set([
	'entry_missing',
	'entry_multiple',
	'edge_unknown_node',
	'edge_unknown_output',
	'output_duplicate',
	'entry_has_input',
	'unreachable',
	'output_unconnected',
	'cycle_without_delay'
]);

const DEFAULT_MESSAGES: Record<JourneyProblemCode, string> = {
	definition_invalid: 'The journey definition is not a valid object.',
	version_unsupported: 'This definition version is not supported.',
	too_many_nodes: 'The journey has too many steps.',
	settings_invalid: 'The journey settings are invalid.',
	entry_missing: 'The journey needs an entry step.',
	entry_multiple: 'A journey can have only one entry step.',
	node_invalid: 'This step is malformed.',
	node_type_unknown: 'This step type is unknown.',
	node_id_invalid: 'Step ids use letters, digits, "_" and "-", at most 64.',
	node_id_duplicate: 'Two steps share this id.',
	edge_invalid: 'This connection is malformed.',
	edge_unknown_node: 'This connection refers to a step that does not exist.',
	edge_unknown_output: 'This connection leaves from an output the step does not have.',
	output_duplicate: 'This output is connected more than once.',
	entry_has_input: 'Nothing can lead into the entry step.',
	unreachable: 'No path from the entry reaches this step.',
	output_unconnected: 'This output is not connected to a next step.',
	cycle_without_delay: 'This loop has no delay, wait or goal, so it would repeat at once.',
	wait_longer_than_cooldown: 'This wait is longer than the re-entry cooldown.',
	event_required: 'Choose an event.',
	text_required: 'This text is required.',
	text_too_long: 'This text is too long.',
	url_invalid: 'Enter an absolute http or https URL.',
	json_invalid: 'The body is not valid JSON; placeholders must sit inside JSON strings.',
	template_variable_unknown: 'This text uses an unknown placeholder.',
	weights_invalid: 'Split weights must be positive and, with the holdout, add up to 100%.',
	variant_key_invalid: 'Variant names use letters, digits, "_" and "-", and cannot be "holdout".',
	variant_key_duplicate: 'Two variants share a name.',
	holdout_invalid: 'The holdout share is out of range.',
	number_invalid: 'This number is out of range.',
	trait_invalid: 'This trait name is invalid.',
	placement_invalid: 'Placements use lowercase letters, digits, "_" and "-", at most 50.',
	condition_invalid: 'This condition is invalid.',
	filter_invalid: 'This property filter is invalid.',
	email_without_address: 'Some customers of the entry segment have no email address.'
};

export function makeProblem(
	code: JourneyProblemCode,
	nodeId?: string,
	field?: string,
	message?: string
): JourneyProblem {
	return {
		code,
		...(nodeId !== undefined && { nodeId }),
		...(field !== undefined && { field }),
		message: message ?? DEFAULT_MESSAGES[code]
	};
}

/** The problems of one node. */
export function problemsOf(problems: readonly JourneyProblem[], nodeId: string): JourneyProblem[] {
	return problems.filter((p) => p.nodeId === nodeId);
}

/**
 * Drops repeats (the same code on the same field of the same node, as parse and lint may both
 * find) and orders the rest: problems of the whole definition first, then by node in `nodeOrder`,
 * then by code in JOURNEY_PROBLEM_CODES order; ties keep the order they were found in.
 */
export function orderProblems(
	problems: readonly JourneyProblem[],
	nodeOrder: readonly string[]
): JourneyProblem[] {
	const seen = new Set<string>();
	const unique = problems.filter((p) => {
		const key = JSON.stringify([p.code, p.nodeId ?? null, p.field ?? null]);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	const rank = new Map<string, number>();
	nodeOrder.forEach((id, index) => {
		if (!rank.has(id)) rank.set(id, index);
	});
	const nodeRank = (p: JourneyProblem) =>
		p.nodeId === undefined ? -1 : (rank.get(p.nodeId) ?? nodeOrder.length);
	return unique.sort(
		(a, b) =>
			nodeRank(a) - nodeRank(b) ||
			JOURNEY_PROBLEM_CODES.indexOf(a.code) - JOURNEY_PROBLEM_CODES.indexOf(b.code)
	);
}
