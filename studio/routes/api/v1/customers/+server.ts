import { json } from '@sveltejs/kit';
import { lookupCustomers, type CustomerLookup } from '$lib/server/customer/customer-lookup';
import { ApiFailure, apiHandler, requireKey } from '$lib/server/http/api';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

const KEYS = ['userId', 'email', 'anonymousId'] as const;
const MAX_KEY_LENGTH = 320;

/** Finds customers by `?userId=`, `?email=` or `?anonymousId=` (all given must match). */
export const GET: RequestHandler = apiHandler(async (event) => {
	const key = await requireKey(event, ['secret']);
	const by: CustomerLookup = {};
	for (const name of KEYS) {
		const value = event.url.searchParams.get(name);
		if (value === null) continue;
		if (!value || value.length > MAX_KEY_LENGTH)
			throw new ApiFailure(
				400,
				'lookup_invalid',
				`${name} must be 1 to ${MAX_KEY_LENGTH} characters.`
			);
		by[name] = value;
	}
	if (!Object.keys(by).length)
		throw new ApiFailure(
			400,
			'lookup_missing',
			'Give userId, email or anonymousId to look customers up.'
		);
	return json({ customers: await lookupCustomers(runtime().db, key.workspaceId, by) });
});
