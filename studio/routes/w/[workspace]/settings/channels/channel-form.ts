import type { MessageKey } from '$lib/i18n/translate';
import type {
	ChannelSettings,
	ChannelSettingsInput,
	SettingsProblem
} from '$lib/server/messaging/channel-settings-service';

// Between the settings form (flat text fields, holdout in percent) and the service's input shape
// (nested SMTP block, holdout as a share). The password is never part of the values echoed back.

export const CHANNEL_FIELDS = [
	'smtpHost',
	'smtpPort',
	'smtpUser',
	'smtpPassword',
	'fromAddress',
	'capPerDay',
	'capPerWeek',
	'globalHoldout'
] as const;
export type ChannelField = (typeof CHANNEL_FIELDS)[number] | 'smtpSecure';

export interface ChannelFormValues {
	smtpHost: string;
	smtpPort: string;
	smtpSecure: boolean;
	smtpUser: string;
	fromAddress: string;
	capPerDay: string;
	capPerWeek: string;
	/** Percent, as typed. */
	globalHoldout: string;
}

export function formValuesOf(settings: ChannelSettings): ChannelFormValues {
	return {
		smtpHost: settings.smtp?.host ?? '',
		smtpPort: settings.smtp ? String(settings.smtp.port) : '',
		smtpSecure: settings.smtp?.secure ?? false,
		smtpUser: settings.smtp?.user ?? '',
		fromAddress: settings.fromAddress ?? '',
		capPerDay: settings.capPerDay === null ? '' : String(settings.capPerDay),
		capPerWeek: settings.capPerWeek === null ? '' : String(settings.capPerWeek),
		// Rounded so a stored 0.07 does not come back as 7.000000000000001.
		globalHoldout: String(Math.round(settings.globalHoldout * 10_000) / 100)
	};
}

export function readChannelForm(form: FormData): {
	values: ChannelFormValues;
	password: string;
} {
	const text = (name: string, max = 1000) => {
		const value = form.get(name);
		return typeof value === 'string' ? value.slice(0, max) : '';
	};
	return {
		values: {
			smtpHost: text('smtpHost', 300),
			smtpPort: text('smtpPort', 20),
			smtpSecure: form.get('smtpSecure') === 'on',
			smtpUser: text('smtpUser', 300),
			fromAddress: text('fromAddress', 300),
			capPerDay: text('capPerDay', 20),
			capPerWeek: text('capPerWeek', 20),
			globalHoldout: text('globalHoldout', 20)
		},
		// Longer than the service allows, so a too-long password is reported rather than cut.
		password: text('smtpPassword', 1001)
	};
}

/** A form with no server, port, user or password means "no email", not a half-filled server. */
export function toSettingsInput(values: ChannelFormValues, password: string): ChannelSettingsInput {
	const smtpGiven = [values.smtpHost, values.smtpPort, values.smtpUser, password].some((v) =>
		v.trim()
	);
	return {
		smtp: smtpGiven
			? {
					host: values.smtpHost,
					port: values.smtpPort,
					secure: values.smtpSecure,
					user: values.smtpUser,
					password
				}
			: null,
		fromAddress: values.fromAddress,
		capPerDay: values.capPerDay,
		capPerWeek: values.capPerWeek,
		globalHoldout: holdoutShare(values.globalHoldout)
	};
}

/** Percent text to a share; anything that is not a plain number goes on for the service to reject. */
function holdoutShare(percent: string): number | string {
	const text = percent.trim();
	if (!text) return 0;
	return /^\d+(\.\d+)?$/.test(text) ? Number(text) / 100 : text;
}

const FIELD_OF: Record<string, ChannelField> = {
	'smtp.host': 'smtpHost',
	'smtp.port': 'smtpPort',
	'smtp.secure': 'smtpSecure',
	'smtp.user': 'smtpUser',
	'smtp.password': 'smtpPassword',
	fromAddress: 'fromAddress',
	capPerDay: 'capPerDay',
	capPerWeek: 'capPerWeek',
	globalHoldout: 'globalHoldout'
};

export type ChannelErrors = Partial<Record<ChannelField | 'form', MessageKey>>;

/** The service's problems as one message per form field; the first problem of a field wins. */
export function errorsOf(problems: SettingsProblem[]): ChannelErrors {
	const errors: ChannelErrors = {};
	for (const { field, code } of problems) {
		const name = FIELD_OF[field] ?? 'form';
		errors[name] ??= messageFor(name, code);
	}
	return errors;
}

function messageFor(field: ChannelField | 'form', code: SettingsProblem['code']): MessageKey {
	if (code === 'too_long') return 'channels.problem.tooLong';
	switch (field) {
		case 'smtpHost':
			return code === 'required' ? 'channels.problem.hostRequired' : 'channels.problem.hostInvalid';
		case 'smtpPort':
			return code === 'required' ? 'channels.problem.portRequired' : 'channels.problem.port';
		case 'fromAddress':
			return code === 'required' ? 'channels.problem.fromRequired' : 'channels.problem.fromInvalid';
		case 'capPerDay':
		case 'capPerWeek':
			return 'channels.problem.cap';
		case 'globalHoldout':
			return 'channels.problem.holdout';
		default:
			return 'channels.problem.invalid';
	}
}
