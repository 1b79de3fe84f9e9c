import { fail } from '@sveltejs/kit';
import { DEFAULT_LIFECYCLE_RULES, type LifecycleRules } from '$lib/customer/lifecycle';
import {
	lifecycleRules,
	updateLifecycleRules
} from '$lib/server/customer/lifecycle-settings-service';
import { clientIp, requireWorkspace } from '$lib/server/http/guards';
import { field } from '$lib/server/http/form';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = Object.keys(DEFAULT_LIFECYCLE_RULES) as (keyof LifecycleRules)[];

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	return {
		rules: await lifecycleRules(runtime().db, workspace.id),
		defaults: DEFAULT_LIFECYCLE_RULES
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'workspace.manage');
		const form = await event.request.formData();
		const values = Object.fromEntries(FIELDS.map((name) => [name, field(form, name, 20)]));
		const result = await updateLifecycleRules(runtime().db, {
			workspaceId: workspace.id,
			actorUserId: user.id,
			ip: clientIp(event),
			values
		});
		if (!result.ok) return fail(400, { values, problems: result.problems });
		return { saved: true, changed: result.changed };
	}
};
