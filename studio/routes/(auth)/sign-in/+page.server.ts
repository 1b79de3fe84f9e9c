import { fail, redirect } from '@sveltejs/kit';
import { signIn } from '$lib/server/auth/account-service';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { DEMO_EMAIL, DEMO_PASSWORD } from '$lib/server/demo/seed';
import { clientIp } from '$lib/server/http/guards';
import { field, safeNext } from '$lib/server/http/form';
import { runtime } from '$lib/server/runtime';
import { acceptInvitation } from '$lib/server/workspace/invitation-service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {
		next: url.searchParams.get('next') ?? '',
		invite: url.searchParams.get('invite') ?? '',
		demo: runtime().config.demo ? { email: DEMO_EMAIL, password: DEMO_PASSWORD } : null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = field(form, 'email', 320);
		const { db } = runtime();
		const result = await signIn(db, {
			email,
			password: field(form, 'password', 1024),
			ip: clientIp(event)
		});
		if (!result.ok) {
			if (result.error === 'rate_limited') {
				event.setHeaders({ 'Retry-After': String(result.retryAfter) });
				return fail(429, { email, error: result.error, retryAfter: result.retryAfter });
			}
			return fail(400, { email, error: result.error, retryAfter: 0 });
		}
		setSessionCookie(
			event.cookies,
			result.session.token,
			result.session.expiresAt,
			event.url.protocol === 'https:'
		);
		const invite = field(form, 'invite', 200);
		if (invite) {
			const accepted = await acceptInvitation(
				db,
				invite,
				{ id: result.userId, email: email.trim().toLowerCase() },
				clientIp(event)
			);
			redirect(303, accepted.ok ? `/w/${accepted.slug}` : `/invite/${invite}`);
		}
		redirect(303, safeNext(field(form, 'next', 2000)));
	}
};
