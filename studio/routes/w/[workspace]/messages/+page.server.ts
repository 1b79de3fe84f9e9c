import { requireWorkspace } from '$lib/server/http/guards';
import {
	OUTBOX_CHANNELS,
	OUTBOX_STATUSES,
	outboxPage,
	parseOutboxQuery
} from '$lib/server/messaging/outbox-view';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

// Every member may read the outbox: it shows what was sent, never the message bodies.
export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const query = parseOutboxQuery(event.url.searchParams);
	return {
		query,
		channels: OUTBOX_CHANNELS,
		statuses: OUTBOX_STATUSES,
		...(await outboxPage(runtime().db, workspace.id, query))
	};
};
