import { fail } from '@sveltejs/kit';
import { changePassword, updateProfile } from '$lib/server/auth/account-service';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { clientIp, requireUser } from '$lib/server/http/guards';
import { field } from '$lib/server/http/form';
import { runtime } from '$lib/server/runtime';
import { workspacesOf } from '$lib/server/workspace/workspace-service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { workspaces: await workspacesOf(runtime().db, user.id) };
};

export const actions: Actions = {
	profile: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const name = field(form, 'name', 300);
		const result = await updateProfile(runtime().db, user.id, { name });
		if (!result.ok) return fail(400, { profile: { name, errors: result.errors } });
		return { profile: { saved: true } };
	},
	password: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const result = await changePassword(runtime().db, {
			userId: user.id,
			currentPassword: field(form, 'current', 1024),
			newPassword: field(form, 'password', 1024),
			ip: clientIp(event)
		});
		if (!result.ok) return fail(400, { password: { errors: result.errors } });
		setSessionCookie(
			event.cookies,
			result.session.token,
			result.session.expiresAt,
			event.url.protocol === 'https:'
		);
		return { password: { changed: true } };
	}
};
