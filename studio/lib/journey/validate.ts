/**
 * Validation of untrusted journey JSON (an API body, a stored row): a clean, typed copy holding
 * only known fields, or every problem found, field by field and in the graph, in one list.
 */
import {
	JOURNEY_DEFINITION_VERSION,
	MAX_NODES,
	defaultSettings,
	type JourneyDefinition,
	type JourneyEdge,
	type JourneyNode,
	type JourneySettings
} from './definition';
import { FieldReader, isRecord } from './fields';
import { lintJourney, type LintContext } from './lint';
import { MAX_DAYS, parseNode } from './nodes';
import { GRAPH_CODES, makeProblem, orderProblems, type JourneyProblem } from './problems';

export { lintJourney, type LintContext } from './lint';
export {
	JOURNEY_PROBLEM_CODES,
	problemsOf,
	type JourneyProblem,
	type JourneyProblemCode
} from './problems';

export type ParsedJourney =
	{ ok: true; definition: JourneyDefinition } | { ok: false; problems: JourneyProblem[] };

/** Each output has at most one edge, and a split has at most 11 outputs. */
const MAX_EDGES = MAX_NODES * 11;
const MAX_ID = 2 ** 31 - 1;

/**
 * Every object in the result is built here from known fields, so unknown keys (`__proto__`
 * included) never reach the database or the engine. The graph lint runs on what could be read;
 * its wiring problems are held back while a node or edge could not be read at all, because a
 * dropped node would make its neighbours look unreachable or unconnected.
 */
export function parseJourney(input: unknown, context?: LintContext): ParsedJourney {
	if (!isRecord(input)) return fail([makeProblem('definition_invalid')]);
	if (input.version !== JOURNEY_DEFINITION_VERSION) {
		return fail([makeProblem('version_unsupported', undefined, 'version')]);
	}
	const problems: JourneyProblem[] = [];
	const top = new FieldReader(problems);
	if (!Array.isArray(input.nodes)) {
		top.report('definition_invalid', 'nodes', 'The nodes must be a list.');
		parseSettings(input.settings, problems);
		return fail(orderProblems(problems, []));
	}
	if (input.nodes.length > MAX_NODES) {
		return fail([
			makeProblem('too_many_nodes', undefined, 'nodes', `A journey has at most ${MAX_NODES} steps.`)
		]);
	}

	let wired = true;
	const nodes: JourneyNode[] = [];
	const rawIds: string[] = [];
	const seen = new Set<string>();
	input.nodes.forEach((raw: unknown, index) => {
		const { node, id } = parseNode(raw, index, problems);
		if (id !== undefined) rawIds.push(id);
		if (id !== undefined && seen.has(id)) {
			problems.push(makeProblem('node_id_duplicate', id, 'id'));
			wired = false;
			return;
		}
		if (id !== undefined) seen.add(id);
		if (node) nodes.push(node);
		else wired = false;
	});

	const edges = parseEdges(input.edges, problems);
	if (!edges) wired = false;
	const settings = parseSettings(input.settings, problems);
	const definition: JourneyDefinition = {
		version: JOURNEY_DEFINITION_VERSION,
		nodes,
		edges: edges ?? [],
		settings
	};
	for (const problem of lintJourney(definition, context)) {
		if (wired || !GRAPH_CODES.has(problem.code)) problems.push(problem);
	}
	if (problems.length) return fail(orderProblems(problems, rawIds));
	return { ok: true, definition };
}

function fail(problems: JourneyProblem[]): ParsedJourney {
	return { ok: false, problems };
}

/** The edges, or null when any could not be read (the graph lint then skips wiring codes). */
function parseEdges(input: unknown, problems: JourneyProblem[]): JourneyEdge[] | null {
	const r = new FieldReader(problems);
	if (!Array.isArray(input) || input.length > MAX_EDGES) {
		r.report('definition_invalid', 'edges', `The edges must be a list of at most ${MAX_EDGES}.`);
		return null;
	}
	let ok = true;
	const edges: JourneyEdge[] = [];
	input.forEach((edge: unknown, index) => {
		if (
			isRecord(edge) &&
			typeof edge.from === 'string' &&
			typeof edge.output === 'string' &&
			typeof edge.to === 'string' &&
			edge.from &&
			edge.output &&
			edge.to
		) {
			edges.push({ from: edge.from, output: edge.output, to: edge.to });
		} else {
			r.report('edge_invalid', `edges[${index}]`, 'An edge needs from, output and to.');
			ok = false;
		}
	});
	return ok ? edges : null;
}

/**
 * Settings left out take their defaults (an older client may not send them all); settings that
 * are present must be right.
 */
function parseSettings(input: unknown, problems: JourneyProblem[]): JourneySettings {
	const settings = defaultSettings();
	const r = new FieldReader(problems, undefined, 'settings.');
	if (input === undefined) return settings;
	if (!isRecord(input)) {
		problems.push(makeProblem('settings_invalid', undefined, 'settings'));
		return settings;
	}

	const reEntry = input.reEntry;
	if (isRecord(reEntry) && (reEntry.kind === 'never' || reEntry.kind === 'always')) {
		settings.reEntry = { kind: reEntry.kind };
	} else if (isRecord(reEntry) && reEntry.kind === 'cooldown') {
		const before = problems.length;
		const days = r.integer(reEntry.days, 'reEntry.days', 1, MAX_DAYS);
		// A broken cooldown stays "never" rather than 0 days, which would flag every wait too.
		if (problems.length === before) settings.reEntry = { kind: 'cooldown', days };
	} else if (reEntry !== undefined) {
		r.report('settings_invalid', 'reEntry', 'Re-entry must be never, always or a cooldown.');
	}

	const goal = input.goal;
	if (isRecord(goal)) {
		settings.goal = {
			event: r.eventName(goal.event, 'goal.event'),
			filters: r.filters(goal.filters, 'goal.filters'),
			windowDays: r.integer(goal.windowDays, 'goal.windowDays', 1, MAX_DAYS)
		};
	} else if (goal !== undefined && goal !== null) {
		r.report('settings_invalid', 'goal', 'The goal must be an object or null.');
	}

	const exit = input.exit;
	if (isRecord(exit)) {
		const event = exit.event;
		if (typeof event === 'string' && event.trim())
			settings.exit.event = r.eventName(event, 'exit.event');
		else if (event !== undefined && event !== null && event !== '') {
			r.report('settings_invalid', 'exit.event', 'The exit event must be text or null.');
		}
		if (exit.leftSegmentId !== undefined && exit.leftSegmentId !== null) {
			settings.exit.leftSegmentId = r.integer(exit.leftSegmentId, 'exit.leftSegmentId', 1, MAX_ID);
		}
	} else if (exit !== undefined) {
		r.report('settings_invalid', 'exit', 'The exit must be an object.');
	}

	const quiet = input.quietHours;
	if (isRecord(quiet)) {
		const before = problems.length;
		const startHour = r.integer(quiet.startHour, 'quietHours.startHour', 0, 23);
		const endHour = r.integer(quiet.endHour, 'quietHours.endHour', 0, 23);
		// Equal hours would be either no quiet time or all day; neither is what anyone means.
		if (problems.length === before && startHour === endHour) {
			r.report(
				'settings_invalid',
				'quietHours',
				'Quiet hours must start and end at different hours.'
			);
		}
		settings.quietHours = { startHour, endHour };
	} else if (quiet !== undefined && quiet !== null) {
		r.report('settings_invalid', 'quietHours', 'Quiet hours must be an object or null.');
	}

	if (input.holdout !== undefined) {
		settings.holdout = r.real(
			input.holdout,
			'holdout',
			(n) => n >= 0 && n <= 0.5,
			'The journey holdout must be from 0 to 0.5.',
			'holdout_invalid'
		);
	}
	return settings;
}
