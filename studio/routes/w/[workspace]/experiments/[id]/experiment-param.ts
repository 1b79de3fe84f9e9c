import { error } from '@sveltejs/kit';

/** An experiment id from the URL; anything else is simply not found. */
export function experimentIdParam(value: string): number {
	const id = Number(value);
	if (!/^\d{1,15}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) error(404, 'Not found');
	return id;
}
