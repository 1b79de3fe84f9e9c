/**
 * What the canvas palette offers: the node types in three groups, and a fresh node of each type.
 * Fresh nodes leave the marketer's own content empty (event, subject, URL...) so the lint points
 * at exactly what still has to be filled in, instead of shipping a made-up default by accident.
 */
import {
	ACTION_TYPES,
	ENTRY_TYPES,
	FLOW_TYPES,
	type JourneyNode,
	type NodeType,
	type Position
} from './definition';
import { NODE_ID_PATTERN } from './nodes';

export type PaletteGroup = 'entry' | 'flow' | 'action';

export const PALETTE: readonly { group: PaletteGroup; types: readonly NodeType[] }[] = [
	{ group: 'entry', types: ENTRY_TYPES },
	{ group: 'flow', types: FLOW_TYPES },
	{ group: 'action', types: [...ACTION_TYPES, 'exit'] }
];

/**
 * A glyph per type, drawn in the palette and on the node. No icon font to load: these come from
 * blocks (geometric shapes, dingbats, misc symbols) that common system fonts cover.
 */
export const NODE_ICONS: Record<NodeType, string> = {
	entry_event: '⚡',
	entry_segment: '◎',
	entry_date: '❀',
	entry_inactivity: '☾',
	entry_churn: '↘',
	delay: '◷',
	wait_event: '◌',
	condition: '◇',
	split: '◈',
	goal: '⚐',
	email: '✉',
	webhook: '⇄',
	offer: '✦',
	update_profile: '✎',
	award_points: '★',
	exit: '■'
};

export function isNodeType(value: unknown): value is NodeType {
	return PALETTE.some((g) => (g.types as readonly unknown[]).includes(value));
}

/** `email_3`: the type plus the smallest number not yet taken, so ids stay short and readable. */
export function freshId(base: string, taken: ReadonlySet<string>): string {
	const cleaned = base.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 56);
	// A name in another script leaves only underscores: a plain word reads better.
	const stem = /[A-Za-z0-9]/.test(cleaned) ? cleaned : 'step';
	for (let n = 1; ; n++) {
		const id = `${stem}_${n}`;
		if (!taken.has(id) && NODE_ID_PATTERN.test(id)) return id;
	}
}

const DAY_MINUTES = 24 * 60;

export function newStep(type: NodeType, id: string, position: Position): JourneyNode {
	const base = { id, position };
	switch (type) {
		case 'entry_event':
			return { ...base, type, event: '', filters: [] };
		case 'entry_segment':
			// 0 is not a segment: the lint asks for one to be picked.
			return { ...base, type, segmentId: 0 };
		case 'entry_date':
			return { ...base, type, trait: 'birthday', offsetDays: 0, hour: 9 };
		case 'entry_inactivity':
			return { ...base, type, event: 'Order Completed', days: 60 };
		case 'entry_churn':
			return { ...base, type, threshold: 0.7 };
		case 'delay':
			return { ...base, type, delay: { kind: 'duration', minutes: DAY_MINUTES } };
		case 'wait_event':
			return { ...base, type, event: '', filters: [], timeoutMinutes: 3 * DAY_MINUTES };
		case 'condition':
			return { ...base, type, match: 'all', checks: [] };
		case 'split':
			return {
				...base,
				type,
				mode: 'ab',
				variants: [
					{ key: 'a', weight: 0.5 },
					{ key: 'b', weight: 0.5 }
				],
				holdout: 0
			};
		case 'goal':
			return {
				...base,
				type,
				event: 'Order Completed',
				filters: [],
				windowMinutes: 7 * DAY_MINUTES
			};
		case 'email':
			return { ...base, type, subject: '', body: '', products: null };
		case 'webhook':
			return { ...base, type, url: '', body: '{}' };
		case 'offer':
			return {
				...base,
				type,
				placement: 'home',
				title: '',
				body: '',
				products: null,
				expiresHours: 72
			};
		case 'update_profile':
			return { ...base, type, change: { kind: 'add_tag', tag: '' } };
		case 'award_points':
			return { ...base, type, points: 100, reason: '' };
		case 'exit':
			return { ...base, type };
	}
}
