import { error, redirect } from '@sveltejs/kit';
import { customerProfile, parseTimelineCursor } from '$lib/server/customer/customer-service';
import { customerClvEstimate } from '$lib/server/dashboard/customer-clv-service';
import { deleteCustomer } from '$lib/server/customer/privacy-service';
import { clientIp, requireWorkspace } from '$lib/server/http/guards';
import { customerTrace } from '$lib/server/journey/journey-trace';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

function customerId(param: string): number {
	const id = Number(param);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'Not found');
	return id;
}

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const cursor = parseTimelineCursor(event.url.searchParams.get('before'));
	const profile = await customerProfile(
		runtime().db,
		workspace.id,
		customerId(event.params.id),
		cursor
	);
	if (!profile) error(404, 'Not found');
	const [journeys, clv] = await Promise.all([
		customerTrace(runtime().db, workspace.id, profile.customer.id),
		customerClvEstimate(runtime().db, workspace.id, profile.customer.id)
	]);
	return { profile, paged: !!cursor, journeys, clv };
};

export const actions: Actions = {
	delete: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'customers.delete');
		const result = await deleteCustomer(runtime().db, {
			workspaceId: workspace.id,
			customerId: customerId(event.params.id),
			actorUserId: user.id,
			ip: clientIp(event),
			via: 'studio'
		});
		if (!result.ok) error(404, 'Not found');
		redirect(303, `/w/${workspace.slug}/customers?deleted=1`);
	}
};
