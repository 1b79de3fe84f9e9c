import { fail } from '@sveltejs/kit';
import { clientIp, requireWorkspace } from '$lib/server/http/guards';
import { field } from '$lib/server/http/form';
import { runtime } from '$lib/server/runtime';
import { updateWorkspaceSettings } from '$lib/server/workspace/workspace-service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireWorkspace(event);
	return {
		currencies: Intl.supportedValuesOf('currency'),
		timeZones: ['UTC', ...Intl.supportedValuesOf('timeZone')]
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'workspace.manage');
		const form = await event.request.formData();
		const input = {
			name: field(form, 'name', 300),
			currency: field(form, 'currency', 10),
			timeZone: field(form, 'timeZone', 100)
		};
		const result = await updateWorkspaceSettings(
			runtime().db,
			workspace,
			user.id,
			input,
			clientIp(event)
		);
		if (!result.ok) return fail(400, { ...input, error: result.error });
		return { saved: true };
	}
};
