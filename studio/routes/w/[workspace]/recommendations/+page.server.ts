import { fail } from '@sveltejs/kit';
import { can } from '$lib/auth/permissions';
import { requireWorkspace } from '$lib/server/http/guards';
import { recommenderOverview } from '$lib/server/recommender/overview-service';
import { recommendForCustomer } from '$lib/server/recommender/recommendation-service';
import { requestTraining } from '$lib/server/recommender/training-service';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const db = runtime().db;
	const customer = (event.url.searchParams.get('customer') ?? '').trim().slice(0, 200);
	const preview = customer
		? await recommendForCustomer(db, workspace.id, {
				userId: customer,
				n: 8,
				placement: 'home',
				category: null
			})
		: null;
	return {
		...(await recommenderOverview(db, workspace.id)),
		customer,
		preview,
		canTrain: can(workspace.role, 'content.edit')
	};
};

export const actions: Actions = {
	train: async (event) => {
		const { workspace, user } = await requireWorkspace(event, 'content.edit');
		const result = await requestTraining(runtime().db, workspace.id, {
			trigger: 'manual',
			requestedBy: user.id
		});
		if (!result.ok) return fail(409, { trainError: result.error.code });
		return { queued: result.runId };
	}
};
