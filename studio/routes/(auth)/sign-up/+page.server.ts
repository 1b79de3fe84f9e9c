import { fail, redirect } from '@sveltejs/kit';
import { signUp } from '$lib/server/auth/account-service';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { clientIp } from '$lib/server/http/guards';
import { field } from '$lib/server/http/form';
import { runtime } from '$lib/server/runtime';
import { openInvitation } from '$lib/server/workspace/invitation-service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, '/');
	const invite = url.searchParams.get('invite') ?? '';
	const opened = invite ? await openInvitation(runtime().db, invite) : null;
	return {
		invite: opened?.ok ? invite : '',
		joining: opened?.ok
			? { workspace: opened.invitation.workspaceName, role: opened.invitation.role }
			: null,
		email: opened?.ok ? (opened.invitation.email ?? '') : ''
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const values = {
			name: field(form, 'name', 300),
			email: field(form, 'email', 320),
			workspaceName: field(form, 'workspace', 300)
		};
		const invitationToken = field(form, 'invite', 200) || undefined;
		const result = await signUp(runtime().db, {
			...values,
			password: field(form, 'password', 1024),
			invitationToken,
			locale: event.locals.locale,
			ip: clientIp(event)
		});
		if (!result.ok) return fail(400, { values, errors: result.errors });
		setSessionCookie(
			event.cookies,
			result.session.token,
			result.session.expiresAt,
			event.url.protocol === 'https:'
		);
		redirect(303, `/w/${result.slug}`);
	}
};
