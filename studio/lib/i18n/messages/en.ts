import { apiDocsEn } from './areas/api-docs';
import { chartsEn } from './areas/charts';
import { channelsEn } from './areas/channels';
import { customersEn } from './areas/customers';
import { costsEn } from './areas/costs';
import { dashboardEn } from './areas/dashboard';
import { experimentsEn } from './areas/experiments';
import { importsEn } from './areas/imports';
import { journeyCanvasEn } from './areas/journey-canvas';
import { journeyPanelEn } from './areas/journey-panel';
import { journeyTestEn } from './areas/journey-test';
import { journeyTraceEn } from './areas/journey-trace';
import { journeysEn } from './areas/journeys';
import { installEn } from './areas/install';
import { messagesEn } from './areas/messages';
import { productsEn } from './areas/products';
import { recommendationsEn } from './areas/recommendations';
import { segmentsEn } from './areas/segments';

const core = {
	'app.name': 'Regulars',
	'app.tagline': 'Turn one-time shoppers into regulars.',

	'common.save': 'Save',
	'common.saved': 'Saved.',
	'common.cancel': 'Cancel',
	'common.create': 'Create',
	'common.copy': 'Copy',
	'common.copied': 'Copied',
	'common.never': 'Never',
	'common.you': 'you',
	'common.optional': 'optional',
	'common.actions': 'Actions',
	'common.language': 'Language',
	'common.notBuiltYet': 'Not built yet',

	'nav.main': 'Main',
	'nav.skip': 'Skip to content',
	'nav.dashboard': 'Dashboard',
	'nav.customers': 'Customers',
	'nav.segments': 'Segments',
	'nav.journeys': 'Journeys',
	'nav.messages': 'Messages',
	'nav.experiments': 'Experiments',
	'nav.products': 'Products',
	'nav.imports': 'Imports',
	'nav.recommendations': 'Recommendations',
	'nav.settings': 'Settings',
	'nav.account': 'Your account',
	'nav.signOut': 'Sign out',
	'nav.workspace': 'Workspace',
	'nav.newWorkspace': 'New workspace…',
	'nav.menu': 'Menu',

	'role.owner': 'Owner',
	'role.editor': 'Editor',
	'role.viewer': 'Viewer',
	'role.owner.help': 'Everything, including members, API keys and the audit log',
	'role.editor.help': 'Builds journeys, segments and experiments',
	'role.viewer.help': 'Looks at everything, changes nothing',

	'field.name': 'Your name',
	'field.email': 'Email',
	'field.password': 'Password',
	'field.passwordHint': 'At least {min} characters.',
	'field.workspaceName': 'Shop or brand name',
	'field.workspaceHint': 'Each shop or brand gets its own workspace. You can add more later.',

	'signIn.title': 'Sign in to Regulars',
	'signIn.submit': 'Sign in',
	'signIn.noAccount': 'New here?',
	'signIn.toSignUp': 'Create an account',
	'signIn.demo': 'Trying the demo? Sign in as {email} with the password {password}.',

	'signUp.title': 'Create your Regulars account',
	'signUp.submit': 'Create account',
	'signUp.haveAccount': 'Already have an account?',
	'signUp.toSignIn': 'Sign in',
	'signUp.joining': 'You are joining {workspace} as {role}.',

	'error.email_invalid': 'Enter a valid email address.',
	'error.password_too_short': 'Use at least 10 characters.',
	'error.password_too_long': 'Use at most 256 characters.',
	'error.name_required': 'Enter a name.',
	'error.name_too_long': 'Use at most 100 characters.',
	'error.email_taken': 'An account with this email already exists. Sign in instead.',
	'error.workspace_name_required': 'Enter the name of your shop or brand.',
	'error.credentials_invalid': 'That email and password do not match an account.',
	'error.rate_limited':
		'Too many failed attempts. Try again in {seconds, plural, one {# second} other {# seconds}}.',
	'error.invitation_invalid': 'This invitation can no longer be used.',
	'error.password_wrong': 'Your current password is not right.',
	'error.currency_invalid': 'Choose a currency from the list.',
	'error.time_zone_invalid': 'Choose a time zone from the list.',
	'error.not_found': 'That no longer exists.',
	'error.last_owner': 'A workspace needs at least one owner.',
	'error.kind_invalid': 'Choose a key type.',
	'error.role_invalid': 'Choose a role.',
	'error.expired': 'This invitation has expired. Ask for a new link.',
	'error.used': 'This invitation has already been used.',
	'error.revoked': 'This invitation was withdrawn.',
	'error.wrong_account': 'This invitation is for another email address.',
	'error.generic': 'Something went wrong. Please try again.',

	'errorPage.404.title': 'Page not found',
	'errorPage.404.body': 'There is nothing here, or you do not have access to it.',
	'errorPage.403.title': 'Not allowed',
	'errorPage.403.body': 'Your role in this workspace does not allow this. Ask an owner.',
	'errorPage.other.title': 'Something went wrong',
	'errorPage.other.body': 'The error has been logged. Try again in a moment.',
	'errorPage.home': 'Back to Regulars',

	'invite.title': 'Join {workspace}',
	'invite.body': 'You have been invited to {workspace} as {role}.',
	'invite.accept': 'Join workspace',
	'invite.signedInAs': 'You are signed in as {email}.',
	'invite.needAccount': 'Sign in or create an account to accept.',

	'dashboard.title': 'Dashboard',
	'dashboard.welcome': 'Welcome back, {name}',
	'dashboard.period': 'Last 30 days',
	'dashboard.customers': 'Customers',
	'dashboard.activeCustomers': 'Active customers',
	'dashboard.orders': 'Orders',
	'dashboard.revenue': 'Revenue',
	'dashboard.events': 'Events recorded',
	'dashboard.empty.title': 'No customer data yet',
	'dashboard.empty.body':
		'Send events from your shop with a write key, or push orders from your back office with a secret key. Numbers appear here as soon as data arrives.',
	'dashboard.empty.action': 'Create API keys',
	'dashboard.next':
		'Journeys, experiments and the revenue each journey adds will appear here as they are built.',

	'area.customers.body':
		'Customer profiles, search and filters are being built. {count, plural, one {# customer is} other {# customers are}} already recorded in this workspace.',
	'area.segments.body':
		'Segments of customers by behaviour, value and lifecycle stage are being built. There is nothing to show yet.',
	'area.products.body':
		'The product catalogue view is being built. {count, plural, one {# product is} other {# products are}} already in this workspace.',

	'settings.title': 'Settings',
	'settings.nav': 'Settings sections',
	'settings.general': 'General',
	'settings.members': 'Members',
	'settings.keys': 'API keys',
	'settings.audit': 'Audit log',
	'settings.workspaceName': 'Workspace name',
	'settings.currency': 'Currency',
	'settings.timeZone': 'Time zone',
	'settings.readOnly': 'Only owners can change these settings.',

	'members.title': 'Members',
	'members.invite': 'Invite someone',
	'members.inviteHelp':
		'Create a link and send it to the person you want to invite. It works once and expires in 7 days.',
	'members.inviteEmail': 'Their email',
	'members.inviteEmailHelp': 'If given, only this address can accept.',
	'members.role': 'Role',
	'members.createLink': 'Create invitation link',
	'members.linkCreated': 'Invitation link created. Copy it now: it will not be shown again.',
	'members.pending': 'Pending invitations',
	'members.pendingNone': 'No pending invitations.',
	'members.anyone': 'Anyone with the link',
	'members.expires': 'Expires {date}',
	'members.revokeInvite': 'Withdraw',
	'members.name': 'Name',
	'members.joined': 'Joined',
	'members.changeRole': 'Change role of {name}',
	'members.update': 'Update',
	'members.remove': 'Remove',
	'members.confirmRemove': 'Remove {name} from this workspace?',

	'keys.title': 'API keys',
	'keys.intro':
		'Write keys go into your storefront script: they can only send events and read offers and experiment variants for the current visitor. Secret keys are for your servers and the REST API: keep them private.',
	'keys.create': 'Create a key',
	'keys.name': 'Key name',
	'keys.namePlaceholder': 'e.g. Storefront, ERP sync',
	'keys.kind': 'Type',
	'keys.kind.write': 'Write key',
	'keys.kind.secret': 'Secret key',
	'keys.createSubmit': 'Create key',
	'keys.createdOnce':
		'Here is your new key. Copy it now: it is stored hashed and will not be shown again.',
	'keys.prefix': 'Key',
	'keys.created': 'Created',
	'keys.lastUsed': 'Last used',
	'keys.status': 'Status',
	'keys.active': 'Active',
	'keys.revoked': 'Revoked {date}',
	'keys.revoke': 'Revoke',
	'keys.confirmRevoke': 'Revoke {name}? Anything still using it will stop working at once.',
	'keys.none': 'No keys yet.',
	'keys.readOnly': 'Only owners can create or revoke keys.',

	'audit.title': 'Audit log',
	'audit.intro': 'Security-relevant actions in this workspace, newest first.',
	'audit.time': 'When',
	'audit.actor': 'Who',
	'audit.action': 'What',
	'audit.target': 'Subject',
	'audit.ip': 'IP address',
	'audit.none': 'Nothing has been logged yet.',
	'audit.older': 'Older entries',
	'audit.newest': 'Newest entries',
	'audit.action.auth.sign_in': 'Signed in',
	'audit.action.auth.sign_in_failed': 'Failed sign-in',
	'audit.action.auth.password_changed': 'Changed password',
	'audit.action.workspace.created': 'Created the workspace',
	'audit.action.workspace.updated': 'Changed workspace settings',
	'audit.action.member.invited': 'Invited a member',
	'audit.action.member.invitation_revoked': 'Withdrew an invitation',
	'audit.action.member.added': 'Member joined',
	'audit.action.member.role_changed': 'Changed a role',
	'audit.action.member.removed': 'Removed a member',
	'audit.action.key.created': 'Created an API key',
	'audit.action.key.revoked': 'Revoked an API key',
	'audit.action.customer.deleted': 'Deleted a customer',

	'account.title': 'Your account',
	'account.profile': 'Profile',
	'account.languageHelp': 'Regulars is available in English and Simplified Chinese.',
	'account.password': 'Change password',
	'account.currentPassword': 'Current password',
	'account.newPassword': 'New password',
	'account.passwordSubmit': 'Change password',
	'account.passwordChanged': 'Password changed. Every other session has been signed out.',

	'workspaces.new.title': 'Create a workspace',
	'workspaces.new.submit': 'Create workspace',
	'workspaces.none':
		'You are not a member of any workspace yet. Create one, or ask an owner for an invitation.'
} as const satisfies Record<string, string>;

/** The source catalogue. Every key here must exist in every other catalogue (a test checks). */
export const en = {
	...core,
	...customersEn,
	...segmentsEn,
	...importsEn,
	...productsEn,
	...installEn,
	...apiDocsEn,
	...recommendationsEn,
	...messagesEn,
	...channelsEn,
	...costsEn,
	...dashboardEn,
	...chartsEn,
	...experimentsEn,
	...journeysEn,
	...journeyTraceEn,
	...journeyCanvasEn,
	...journeyTestEn,
	...journeyPanelEn
};

export type MessageKey = keyof typeof en;
