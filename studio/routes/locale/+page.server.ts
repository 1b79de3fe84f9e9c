import { fail, redirect } from '@sveltejs/kit';
import { setUserLocale } from '$lib/server/auth/account-service';
import { LOCALE_COOKIE } from '$lib/server/auth/cookie';
import { field, safeNext } from '$lib/server/http/form';
import { runtime } from '$lib/server/runtime';
import { isLocale } from '$lib/i18n/locales';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

/** Switches the language: stored on the account when signed in, in a cookie either way. */
export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await request.formData();
		const locale = field(form, 'locale', 20);
		if (!isLocale(locale)) return fail(400, { error: 'locale_invalid' });
		cookies.set(LOCALE_COOKIE, locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 365 * 24 * 60 * 60
		});
		if (locals.user) await setUserLocale(runtime().db, locals.user.id, locale);
		redirect(303, safeNext(field(form, 'next', 2000)));
	}
};
