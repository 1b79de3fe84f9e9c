import type { Locale } from '$lib/i18n/locales';
import type { WorkspaceAccess } from '$lib/server/workspace/workspace-service';

declare global {
	namespace App {
		interface SessionUser {
			id: number;
			email: string;
			name: string;
			locale: string | null;
			lastWorkspaceId: number | null;
		}
		interface Locals {
			user: SessionUser | null;
			sessionId: string | null;
			locale: Locale;
			workspace?: WorkspaceAccess;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
