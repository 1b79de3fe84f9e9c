import { error } from '@sveltejs/kit';
import { field } from '$lib/server/http/form';

/** The editor posts the rules as JSON in one field; the service validates what it holds. */
export function readSegmentForm(form: FormData): {
	name: string;
	description: string;
	definition: unknown;
} {
	let definition: unknown = null;
	try {
		definition = JSON.parse(field(form, 'definition', 200_000));
	} catch {
		// Left null: validation reports definition_invalid.
	}
	return {
		name: field(form, 'name', 1000),
		description: field(form, 'description', 5000),
		definition
	};
}

/** A segment id from the URL; anything else is simply not found. */
export function segmentIdParam(value: string): number {
	const id = Number(value);
	if (!/^\d{1,15}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) error(404, 'Not found');
	return id;
}
