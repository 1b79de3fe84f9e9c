import type { Random } from './random';
import type { DemoArchetype } from './types';

// When a customer shows up, buys and browses. Which pages they see is shopping-session.ts's job.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface Timeline {
	firstSeen: number;
	rhythmDays: number | null;
	orderTimes: number[];
	browseTimes: number[];
}

/** The bounds every planned time stays in, leaving room for a session to end before `now`. */
export interface TimeWindow {
	start: number;
	now: number;
}

/** Shoppers browse at lunch and in the evening, hardly at night. Index = local hour. */
const WEB_HOURS = [
	0.3, 0.15, 0.08, 0.05, 0.05, 0.1, 0.3, 0.7, 1, 1.1, 1.2, 1.3, 1.6, 1.5, 1.2, 1.1, 1.1, 1.2, 1.5,
	2, 2.3, 2.2, 1.6, 0.8
];
const STORE_HOURS = [
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.6, 1, 1.4, 1.3, 1, 1, 1.1, 1.4, 1.5, 1.2, 0.6, 0, 0, 0
];

/** Moves `at` to a plausible hour of the same local day. */
export function atLocalHour(
	random: Random,
	at: number,
	utcOffsetHours: number,
	inStore = false
): number {
	const offset = utcOffsetHours * HOUR;
	const dayStart = Math.floor((at + offset) / DAY) * DAY;
	const hour = random.weightedIndex(inStore ? STORE_HOURS : WEB_HOURS);
	return dayStart + hour * HOUR + Math.floor(random.next() * HOUR) - offset;
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}

/** A renewal process: gaps drawn from a gamma around the customer's rhythm. */
function rhythmicOrders(
	random: Random,
	first: number,
	rhythmDays: number,
	shape: number,
	until: number
): number[] {
	const times: number[] = [];
	for (let t = first; t <= until; t += random.gamma(shape, rhythmDays / shape) * DAY) times.push(t);
	return times;
}

/** A Poisson process of idle browsing between `from` and `until`. */
function browsing(random: Random, from: number, until: number, meanGapDays: number): number[] {
	const times: number[] = [];
	for (let t = from + random.exponential(meanGapDays) * DAY; t <= until;) {
		times.push(t);
		t += random.exponential(meanGapDays) * DAY;
	}
	return times;
}

/**
 * Plans one customer's year: the first visit, order times and idle visits. Everything lands in
 * [start + 1 h, now - 1 h] so that whole sessions fit inside the window.
 */
export function planTimeline(
	random: Random,
	archetype: DemoArchetype,
	identified: boolean,
	window: TimeWindow
): Timeline {
	const earliest = window.start + HOUR;
	const latest = window.now - HOUR;
	const { now } = window;

	switch (archetype) {
		case 'browser': {
			const firstSeen = random.between(earliest, latest);
			const visits = random.poisson(identified ? 2.5 : 1.2);
			const browseTimes: number[] = [];
			let t = firstSeen;
			for (let i = 0; i < visits; i++) {
				t += random.exponential(18) * DAY;
				if (t > latest) break;
				browseTimes.push(t);
			}
			return { firstSeen, rhythmDays: null, orderTimes: [], browseTimes };
		}
		case 'one_time': {
			const firstSeen = random.between(earliest, now - 3 * DAY);
			// Most first orders come within days of discovering the shop.
			const order = clamp(firstSeen + 2 * HOUR + random.exponential(5) * DAY, firstSeen, latest);
			const browseTimes: number[] = [];
			for (let i = random.poisson(0.8); i > 0; i--)
				browseTimes.push(random.between(firstSeen, order));
			browseTimes.push(...browsing(random, order, latest, 60).slice(0, 2));
			return { firstSeen, rhythmDays: null, orderTimes: [order], browseTimes };
		}
		case 'occasional': {
			const firstSeen = random.between(earliest, now - 60 * DAY);
			const rhythmDays = random.between(50, 120);
			const first = firstSeen + 2 * HOUR + random.exponential(10) * DAY;
			const orderTimes = rhythmicOrders(random, first, rhythmDays, 1.6, latest);
			if (orderTimes.length === 0) orderTimes.push(random.between(firstSeen + 2 * HOUR, latest));
			if (orderTimes.length === 1) orderTimes.push(random.between(orderTimes[0]!, latest));
			return {
				firstSeen,
				rhythmDays,
				orderTimes,
				browseTimes: browsing(random, firstSeen, latest, 30)
			};
		}
		case 'loyal': {
			// Regulars have mostly been around a while: skew their arrival towards the start.
			const firstSeen = earliest + (now - 75 * DAY - earliest) * Math.pow(random.next(), 1.6);
			const rhythmDays = random.between(12, 32);
			const first = firstSeen + 2 * HOUR + random.exponential(4) * DAY;
			const orderTimes = rhythmicOrders(random, first, rhythmDays, 6, latest);
			if (orderTimes.length === 0) orderTimes.push(random.between(firstSeen + 2 * HOUR, latest));
			return {
				firstSeen,
				rhythmDays,
				orderTimes,
				browseTimes: browsing(random, firstSeen, latest, 24)
			};
		}
		case 'lapsed': {
			const firstSeen = random.between(earliest, earliest + 90 * DAY);
			const stoppedAt = now - random.between(100, 200) * DAY;
			const rhythmDays = random.between(25, 55);
			const first = firstSeen + 2 * HOUR + random.exponential(5) * DAY;
			const orderTimes = rhythmicOrders(random, first, rhythmDays, 3, stoppedAt);
			if (orderTimes.length === 0) orderTimes.push(first);
			if (orderTimes.length === 1) orderTimes.push(random.between(orderTimes[0]!, stoppedAt));
			const browseTimes = browsing(random, firstSeen, stoppedAt + 15 * DAY, 16);
			// Some still glance at the shop (a newsletter, a search) without buying.
			if (random.chance(0.25)) browseTimes.push(random.between(now - 90 * DAY, latest));
			return { firstSeen, rhythmDays, orderTimes, browseTimes };
		}
	}
}
