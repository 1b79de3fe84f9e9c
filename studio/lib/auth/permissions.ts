export type Role = 'owner' | 'editor' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'editor', 'viewer'];

/**
 * What each role may do. The server checks these on every action; the UI reads the same table only
 * to hide buttons people cannot use.
 */
const GRANTS = {
	'workspace.read': ['owner', 'editor', 'viewer'],
	'workspace.manage': ['owner'],
	'members.read': ['owner', 'editor', 'viewer'],
	'members.manage': ['owner'],
	'keys.read': ['owner', 'editor'],
	'keys.manage': ['owner'],
	'audit.read': ['owner'],
	'content.edit': ['owner', 'editor'],
	'customers.delete': ['owner']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof GRANTS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
	return !!role && (GRANTS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
