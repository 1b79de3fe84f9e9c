/**
 * What the journeys pages show: the list with each journey's recent figures (computed for the
 * whole workspace in a handful of grouped queries, never one per journey) and the detail page's
 * bundle (versions, draft steps, lint problems, live stats).
 */
import { sql } from 'kysely';
import {
	JOURNEY_DEFINITION_VERSION,
	defaultSettings,
	type JourneyDefinition
} from '../../journey/definition';
import type { JourneyProblem } from '../../journey/problems';
import { TEMPLATE_KEYS, type TemplateKey } from '../../journey/templates';
import { parseJourney } from '../../journey/validate';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import { containsPattern } from '../db/like';
import type { JourneyStatus } from '../db/schema';
import {
	createJourney,
	journeyWithVersions,
	validateDefinition,
	type JourneyResult
} from './journey-service';
import type { JourneyRow } from './journey-repository';
import { goalWindowDays, journeyStats, type JourneyStats } from './journey-stats';

const DAY_MS = 86_400_000;
/** The list's figures look back this far (by the runs' entry time). */
export const RECENT_DAYS = 30;
/** Goal window used when a version sets none, as journey-stats does. */
const DEFAULT_GOAL_DAYS = 30;

export const JOURNEY_STATUSES: readonly JourneyStatus[] = ['draft', 'live', 'paused', 'archived'];

export function isJourneyStatus(value: unknown): value is JourneyStatus {
	return typeof value === 'string' && (JOURNEY_STATUSES as readonly string[]).includes(value);
}

export interface JourneyListFilter {
	status?: JourneyStatus | null;
	/** Part of the name, case-insensitive. */
	search?: string;
}

export interface JourneyOverview {
	id: number;
	name: string;
	status: JourneyStatus;
	/** Number of the live (latest published) version; null when never published. */
	liveVersion: number | null;
	/** Runs inside right now. */
	activeRuns: number;
	/** Runs that entered in the last RECENT_DAYS days and converted. */
	conversions: number;
	/** Completed orders of those runs' customers within the goal window after entering. */
	revenueMinor: number;
	updatedAt: number;
}

function goalDaysOf(definition: unknown): number {
	const parsed = readJson<{ settings?: { goal?: { windowDays?: unknown } | null } }>(
		definition,
		{}
	);
	const days = Number(parsed?.settings?.goal?.windowDays);
	return Number.isFinite(days) && days > 0 ? days : DEFAULT_GOAL_DAYS;
}

/** Every journey of the workspace matching the filter, newest first, with its recent figures. */
export async function listJourneyOverview(
	db: Db,
	workspaceId: number,
	filter: JourneyListFilter = {},
	now = Date.now()
): Promise<JourneyOverview[]> {
	let query = db
		.selectFrom('journey')
		.leftJoin('journey_version', (join) =>
			join
				.onRef('journey_version.id', '=', 'journey.live_version_id')
				.on('journey_version.workspace_id', '=', workspaceId)
		)
		.select([
			'journey.id',
			'journey.name',
			'journey.status',
			'journey.updated_at as updatedAt',
			'journey_version.number as liveVersion',
			'journey_version.definition'
		])
		.where('journey.workspace_id', '=', workspaceId);
	if (filter.status) query = query.where('journey.status', '=', filter.status);
	const search = filter.search?.trim();
	if (search)
		query = query.where(
			sql<boolean>`lower(journey.name) like ${containsPattern(search)} escape '\\'`
		);
	const journeys = await query.orderBy('journey.id', 'desc').execute();
	if (journeys.length === 0) return [];
	const ids = journeys.map((j) => j.id);
	const since = now - RECENT_DAYS * DAY_MS;

	const active = await db
		.selectFrom('enrollment')
		.select(['journey_id as journeyId', (eb) => eb.fn.countAll<number>().as('n')])
		.where('workspace_id', '=', workspaceId)
		.where('journey_id', 'in', ids)
		.where('status', '=', 'active')
		.groupBy('journey_id')
		.execute();
	const converted = await db
		.selectFrom('enrollment')
		.select(['journey_id as journeyId', (eb) => eb.fn.countAll<number>().as('n')])
		.where('workspace_id', '=', workspaceId)
		.where('journey_id', 'in', ids)
		.where('status', '=', 'converted')
		.where('entered_at', '>=', since)
		.groupBy('journey_id')
		.execute();

	// One revenue query per distinct goal window (journeys rarely differ much), each covering all
	// the journeys that share it.
	const byWindow = new Map<number, number[]>();
	for (const j of journeys) {
		if (j.liveVersion === null) continue;
		const days = goalDaysOf(j.definition);
		byWindow.set(days, [...(byWindow.get(days) ?? []), j.id]);
	}
	const revenue = new Map<number, number>();
	for (const [days, journeyIds] of byWindow) {
		const windowMs = days * DAY_MS;
		const rows = await db
			.selectFrom('enrollment')
			.innerJoin('shop_order', (join) =>
				join
					.onRef('shop_order.customer_id', '=', 'enrollment.customer_id')
					.on('shop_order.workspace_id', '=', workspaceId)
			)
			.select([
				'enrollment.journey_id as journeyId',
				sql<number>`coalesce(sum(shop_order.total_minor), 0)`.as('revenue')
			])
			.where('enrollment.workspace_id', '=', workspaceId)
			.where('enrollment.journey_id', 'in', journeyIds)
			.where('enrollment.status', '=', 'converted')
			.where('enrollment.entered_at', '>=', since)
			.where('shop_order.status', '=', 'completed')
			.whereRef('shop_order.placed_at', '>=', 'enrollment.entered_at')
			.where(sql<boolean>`shop_order.placed_at <= enrollment.entered_at + ${windowMs}`)
			.groupBy('enrollment.journey_id')
			.execute();
		for (const row of rows) revenue.set(Number(row.journeyId), Number(row.revenue));
	}

	const count = (rows: { journeyId: number; n: number }[]) =>
		new Map(rows.map((r) => [Number(r.journeyId), Number(r.n)]));
	const activeBy = count(active);
	const convertedBy = count(converted);
	return journeys.map((j) => ({
		id: j.id,
		name: j.name,
		status: j.status,
		liveVersion: j.liveVersion === null ? null : Number(j.liveVersion),
		activeRuns: activeBy.get(j.id) ?? 0,
		conversions: convertedBy.get(j.id) ?? 0,
		revenueMinor: revenue.get(j.id) ?? 0,
		updatedAt: Number(j.updatedAt)
	}));
}

/** The smallest valid journey: customers who sign up enter and leave. */
export function blankDefinition(): JourneyDefinition {
	return {
		version: JOURNEY_DEFINITION_VERSION,
		nodes: [
			{
				id: 'signed_up',
				type: 'entry_event',
				event: 'Signed Up',
				filters: [],
				position: { x: 0, y: 0 }
			},
			{ id: 'done', type: 'exit', position: { x: 0, y: 160 } }
		],
		edges: [{ from: 'signed_up', output: 'next', to: 'done' }],
		settings: defaultSettings()
	};
}

export type StartingPoint = TemplateKey | 'blank';

export function isStartingPoint(value: unknown): value is StartingPoint {
	return value === 'blank' || (TEMPLATE_KEYS as readonly unknown[]).includes(value);
}

/** A new draft from a template or from the blank journey. */
export async function startJourney(
	db: Db,
	workspaceId: number,
	input: { name: string; start: StartingPoint },
	userId: number | null,
	now = Date.now()
): Promise<JourneyResult<JourneyRow>> {
	return input.start === 'blank'
		? createJourney(
				db,
				workspaceId,
				{ name: input.name, definition: blankDefinition() },
				userId,
				now
			)
		: createJourney(db, workspaceId, { name: input.name, template: input.start }, userId, now);
}

export interface DraftStep {
	id: string;
	type: string;
	label: string | null;
}

interface LooseNode {
	id?: unknown;
	type?: unknown;
	label?: unknown;
}

/**
 * The draft's steps in reading order: from the entry along the edges (outputs in the order they
 * are listed), then whatever no path reaches, in the order the draft lists them. A draft may be
 * half-built, so nothing here trusts its shape.
 */
export function draftSteps(draft: unknown): DraftStep[] {
	const raw = (draft ?? {}) as { nodes?: unknown; edges?: unknown };
	const nodes = (Array.isArray(raw.nodes) ? raw.nodes : []).filter(
		(n): n is LooseNode => !!n && typeof n === 'object' && typeof (n as LooseNode).id === 'string'
	);
	const edges = (Array.isArray(raw.edges) ? raw.edges : []).filter(
		(e): e is { from: string; to: string } =>
			!!e &&
			typeof e === 'object' &&
			typeof (e as { from?: unknown }).from === 'string' &&
			typeof (e as { to?: unknown }).to === 'string'
	);
	const byId = new Map(nodes.map((n) => [n.id as string, n]));
	const next = new Map<string, string[]>();
	for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
	const order: string[] = [];
	const seen = new Set<string>();
	const queue = nodes
		.filter((n) => typeof n.type === 'string' && n.type.startsWith('entry_'))
		.map((n) => n.id as string);
	while (queue.length) {
		const id = queue.shift()!;
		if (seen.has(id) || !byId.has(id)) continue;
		seen.add(id);
		order.push(id);
		queue.push(...(next.get(id) ?? []));
	}
	for (const n of nodes) if (!seen.has(n.id as string)) order.push(n.id as string);
	return [...new Set(order)].map((id) => {
		const n = byId.get(id)!;
		return {
			id,
			type: typeof n.type === 'string' ? n.type : 'unknown',
			label: typeof n.label === 'string' && n.label.trim() ? n.label : null
		};
	});
}

/**
 * A stored draft as the canvas draws it. Drafts are parsed when saved, so a readable shape is
 * guaranteed; a clean one comes back parsed, an unfinished one as the marketer left it.
 */
export function canvasDefinition(draft: unknown): JourneyDefinition {
	const parsed = parseJourney(draft);
	if (parsed.ok) return parsed.definition;
	const d = draft as Partial<JourneyDefinition> | null;
	if (d && Array.isArray(d.nodes) && Array.isArray(d.edges) && d.settings) {
		return d as JourneyDefinition;
	}
	return blankDefinition();
}

export interface JourneyDetail {
	journey: JourneyRow;
	/** The draft, for the canvas. */
	definition: JourneyDefinition;
	versions: { number: number; publishedAt: number; publishedBy: string | null }[];
	liveVersion: number | null;
	steps: DraftStep[];
	problems: JourneyProblem[];
	/** Steps of the live version, for the stats table; empty when never published. */
	liveSteps: DraftStep[];
	stats: JourneyStats | null;
	goalWindowDays: number;
}

export async function journeyDetail(
	db: Db,
	workspaceId: number,
	journeyId: number
): Promise<JourneyDetail | null> {
	const found = await journeyWithVersions(db, workspaceId, journeyId);
	if (!found) return null;
	const { journey, versions } = found;
	const live = versions.find((v) => v.id === journey.liveVersionId) ?? null;
	const windowDays = await goalWindowDays(db, workspaceId, journeyId);
	return {
		journey,
		versions: versions.map((v) => ({
			number: Number(v.number),
			publishedAt: Number(v.publishedAt),
			publishedBy: v.publishedBy
		})),
		liveVersion: live ? Number(live.number) : null,
		steps: draftSteps(journey.draft),
		definition: canvasDefinition(journey.draft),
		problems: await validateDefinition(db, workspaceId, journey.draft),
		liveSteps: live ? draftSteps(live.definition) : [],
		stats: live ? await journeyStats(db, workspaceId, journeyId, windowDays) : null,
		goalWindowDays: windowDays
	};
}

/** The draft and its problems, for the canvas. */
export async function journeyDraft(
	db: Db,
	workspaceId: number,
	journeyId: number
): Promise<{ journey: JourneyRow; problems: JourneyProblem[] } | null> {
	const found = await journeyWithVersions(db, workspaceId, journeyId);
	if (!found) return null;
	return {
		journey: found.journey,
		problems: await validateDefinition(db, workspaceId, found.journey.draft)
	};
}

/** One published version, read-only on the canvas: who published it and when. */
export async function journeyVersionView(
	db: Db,
	workspaceId: number,
	journeyId: number,
	number: number
): Promise<{
	number: number;
	publishedAt: number;
	publishedBy: string | null;
	definition: JourneyDefinition;
} | null> {
	const found = await journeyWithVersions(db, workspaceId, journeyId);
	const version = found?.versions.find((v) => Number(v.number) === number);
	if (!version) return null;
	return {
		number,
		publishedAt: Number(version.publishedAt),
		publishedBy: version.publishedBy,
		definition: canvasDefinition(version.definition)
	};
}
