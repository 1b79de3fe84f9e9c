import { fail } from '@sveltejs/kit';
import { can } from '$lib/auth/permissions';
import { clientIp, requireWorkspace } from '$lib/server/http/guards';
import {
	getChannelSettings,
	rotateWebhookSecret,
	saveChannelSettings
} from '$lib/server/messaging/channel-settings-service';
import { runtime } from '$lib/server/runtime';
import { errorsOf, formValuesOf, readChannelForm, toSettingsInput } from './channel-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	const settings = await getChannelSettings(runtime().db, workspace.id, Date.now());
	const owner = can(workspace.role, 'workspace.manage');
	return {
		values: formValuesOf(settings),
		// Only whether a password is stored: the password itself never leaves the server.
		hasPassword: !!settings.smtp?.password,
		// The signing secret is as good as the right to impersonate Regulars to the shop's servers.
		webhookSecret: owner ? settings.webhookSecret : null
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { workspace, user } = await requireWorkspace(event, 'workspace.manage');
		const { values, password } = readChannelForm(await event.request.formData());
		const result = await saveChannelSettings(
			runtime().db,
			workspace.id,
			toSettingsInput(values, password),
			Date.now(),
			{ userId: user.id, ip: clientIp(event) }
		);
		if (!result.ok) return fail(400, { values, errors: errorsOf(result.problems) });
		return { saved: true };
	},
	rotate: async (event) => {
		const { workspace, user } = await requireWorkspace(event, 'workspace.manage');
		await rotateWebhookSecret(runtime().db, workspace.id, Date.now(), {
			userId: user.id,
			ip: clientIp(event)
		});
		return { rotated: true };
	}
};
