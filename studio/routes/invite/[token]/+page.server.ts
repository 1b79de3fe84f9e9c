import { fail, redirect } from '@sveltejs/kit';
import { clientIp, requireUser } from '$lib/server/http/guards';
import { runtime } from '$lib/server/runtime';
import { acceptInvitation, openInvitation } from '$lib/server/workspace/invitation-service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const opened = await openInvitation(runtime().db, params.token);
	return {
		token: params.token,
		invitation: opened.ok
			? { workspace: opened.invitation.workspaceName, role: opened.invitation.role }
			: null,
		error: opened.ok ? null : opened.error,
		signedInAs: locals.user?.email ?? null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const result = await acceptInvitation(runtime().db, event.params.token, user, clientIp(event));
		if (!result.ok) return fail(400, { error: result.error });
		redirect(303, `/w/${result.slug}`);
	}
};
