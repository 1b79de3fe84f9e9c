import { fail } from '@sveltejs/kit';
import {
	apiKeysOf,
	createApiKey,
	isApiKeyKind,
	revokeApiKey
} from '$lib/server/api-key/api-key-service';
import { clientIp, requireWorkspace } from '$lib/server/http/guards';
import { field } from '$lib/server/http/form';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event, 'keys.read');
	return { keys: await apiKeysOf(runtime().db, workspace.id) };
};

export const actions: Actions = {
	create: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'keys.manage');
		const form = await event.request.formData();
		const name = field(form, 'name', 300);
		const kind = field(form, 'kind', 20);
		if (!isApiKeyKind(kind)) return fail(400, { create: { name, error: 'kind_invalid' } });
		const result = await createApiKey(runtime().db, {
			workspaceId: workspace.id,
			kind,
			name,
			createdBy: user.id,
			ip: clientIp(event)
		});
		if (!result.ok) return fail(400, { create: { name, error: result.error } });
		return { created: { key: result.key } };
	},
	revoke: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'keys.manage');
		const form = await event.request.formData();
		const keyId = Number(field(form, 'id', 20));
		const result = await revokeApiKey(runtime().db, {
			workspaceId: workspace.id,
			keyId: Number.isSafeInteger(keyId) ? keyId : 0,
			actorUserId: user.id,
			ip: clientIp(event)
		});
		if (!result.ok) return fail(404, { revoke: { error: result.error } });
		return;
	}
};
