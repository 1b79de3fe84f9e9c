import { json } from '@sveltejs/kit';
import { databaseHealthy } from '$lib/server/health';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** For load balancers: 200 when this instance can reach its database, 503 when it cannot. */
export const GET: RequestHandler = async () => {
	const ok = await databaseHealthy(runtime().db);
	return json({ ok }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
};
