import { describe, expect, it } from 'vitest';
import { errorsOf, formValuesOf, readChannelForm, toSettingsInput } from './channel-form';

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
};

describe('the channel settings form', () => {
	it('turns the flat form into the service input, holdout percent into a share', () => {
		const { values, password } = readChannelForm(
			form({
				smtpHost: 'smtp.example.com',
				smtpPort: '2525',
				smtpSecure: 'on',
				smtpUser: 'mailer',
				smtpPassword: 'pw',
				fromAddress: 'shop@example.com',
				capPerDay: '',
				capPerWeek: '3',
				globalHoldout: '5'
			})
		);
		expect(values).not.toHaveProperty('smtpPassword');
		expect(toSettingsInput(values, password)).toEqual({
			smtp: {
				host: 'smtp.example.com',
				port: '2525',
				secure: true,
				user: 'mailer',
				password: 'pw'
			},
			fromAddress: 'shop@example.com',
			capPerDay: '',
			capPerWeek: '3',
			globalHoldout: 0.05
		});
	});

	it('means "no email" when no server field is filled, and passes odd holdouts on', () => {
		const { values, password } = readChannelForm(form({ smtpSecure: 'on', globalHoldout: ' ' }));
		expect(toSettingsInput(values, password)).toMatchObject({ smtp: null, globalHoldout: 0 });
		const odd = readChannelForm(form({ globalHoldout: '-5' }));
		expect(toSettingsInput(odd.values, odd.password).globalHoldout).toBe('-5');
	});

	it('shows stored settings, with the holdout back in percent', () => {
		expect(
			formValuesOf({
				smtp: { host: 'h', port: 25, secure: false, user: null, password: 'secret' },
				fromAddress: null,
				webhookSecret: 'whsec_x',
				capPerDay: 2,
				capPerWeek: null,
				globalHoldout: 0.07
			})
		).toEqual({
			smtpHost: 'h',
			smtpPort: '25',
			smtpSecure: false,
			smtpUser: '',
			fromAddress: '',
			capPerDay: '2',
			capPerWeek: '',
			globalHoldout: '7'
		});
	});

	it('maps each problem to one message on its field', () => {
		expect(
			errorsOf([
				{ field: 'smtp.port', code: 'out_of_range' },
				{ field: 'smtp.port', code: 'invalid' },
				{ field: 'smtp.host', code: 'required' },
				{ field: 'fromAddress', code: 'invalid' },
				{ field: 'capPerWeek', code: 'invalid' },
				{ field: 'globalHoldout', code: 'out_of_range' },
				{ field: 'smtp.password', code: 'too_long' },
				{ field: '', code: 'invalid' }
			])
		).toEqual({
			smtpPort: 'channels.problem.port',
			smtpHost: 'channels.problem.hostRequired',
			fromAddress: 'channels.problem.fromInvalid',
			capPerWeek: 'channels.problem.cap',
			globalHoldout: 'channels.problem.holdout',
			smtpPassword: 'channels.problem.tooLong',
			form: 'channels.problem.invalid'
		});
	});
});
