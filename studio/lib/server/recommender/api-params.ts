import { ApiFailure } from '../http/api';
import { MAX_RECOMMENDATIONS } from './recommendation-service';

const PLACEMENT = /^[a-z0-9][a-z0-9_-]{0,49}$/;

/** `n`: how many products, 1 to 50, 10 when absent. */
export function countParam(value: string | null | undefined | number): number {
	if (value === null || value === undefined || value === '') return 10;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > MAX_RECOMMENDATIONS)
		throw new ApiFailure(
			400,
			'n_invalid',
			`n must be a whole number from 1 to ${MAX_RECOMMENDATIONS}.`
		);
	return n;
}

/** A placement name: the slot's merchandising rules and its attribution bucket. */
export function placementParam(value: unknown, fallback: string): string {
	if (value === null || value === undefined || value === '') return fallback;
	if (typeof value !== 'string' || !PLACEMENT.test(value))
		throw new ApiFailure(
			400,
			'placement_invalid',
			'placement must be 1 to 50 lower-case letters, digits, "-" or "_".'
		);
	return value;
}
