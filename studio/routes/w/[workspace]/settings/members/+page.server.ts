import { fail } from '@sveltejs/kit';
import { can, isRole } from '$lib/auth/permissions';
import { clientIp, requireWorkspace } from '$lib/server/http/guards';
import { field } from '$lib/server/http/form';
import { runtime } from '$lib/server/runtime';
import {
	inviteMember,
	pendingInvitations,
	revokeInvitation
} from '$lib/server/workspace/invitation-service';
import { changeMemberRole, membersOf, removeMember } from '$lib/server/workspace/workspace-service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event, 'members.read');
	const { db } = runtime();
	return {
		members: await membersOf(db, workspace.id),
		invitations: can(workspace.role, 'members.manage')
			? await pendingInvitations(db, workspace.id)
			: []
	};
};

function idField(form: FormData, name: string): number {
	const id = Number(field(form, name, 20));
	return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

export const actions: Actions = {
	invite: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'members.manage');
		const form = await event.request.formData();
		const role = field(form, 'role', 20);
		const email = field(form, 'email', 320).trim();
		if (!isRole(role)) return fail(400, { invite: { email, error: 'role_invalid' } });
		const result = await inviteMember(runtime().db, {
			workspaceId: workspace.id,
			role,
			email: email || undefined,
			invitedBy: user.id,
			ip: clientIp(event)
		});
		if (!result.ok) return fail(400, { invite: { email, error: result.error } });
		return { invite: { link: `${event.url.origin}/invite/${result.token}` } };
	},
	revokeInvite: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'members.manage');
		const form = await event.request.formData();
		const result = await revokeInvitation(
			runtime().db,
			workspace.id,
			user.id,
			idField(form, 'id'),
			clientIp(event)
		);
		if (!result.ok) return fail(404, { member: { error: result.error } });
		return;
	},
	role: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'members.manage');
		const form = await event.request.formData();
		const role = field(form, 'role', 20);
		if (!isRole(role)) return fail(400, { member: { error: 'role_invalid' } });
		const result = await changeMemberRole(
			runtime().db,
			workspace.id,
			user.id,
			idField(form, 'userId'),
			role,
			clientIp(event)
		);
		if (!result.ok)
			return fail(result.error === 'not_found' ? 404 : 400, { member: { error: result.error } });
		return;
	},
	remove: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'members.manage');
		const form = await event.request.formData();
		const result = await removeMember(
			runtime().db,
			workspace.id,
			user.id,
			idField(form, 'userId'),
			clientIp(event)
		);
		if (!result.ok)
			return fail(result.error === 'not_found' ? 404 : 400, { member: { error: result.error } });
		return;
	}
};
