// Isomorphic field rules: the forms and the services check the same things.

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
export const NAME_MAX_LENGTH = 100;

export type NameError = 'name_required' | 'name_too_long';
export type FieldError = NameError | 'email_invalid' | 'password_too_short' | 'password_too_long';

export function normaliseEmail(value: unknown): string {
	return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

// Deliberately loose: one @, something on each side, a dot in the domain. The only real check of
// an address is a message that arrives.
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

export function checkEmail(email: string): FieldError | null {
	return email.length <= 254 && EMAIL.test(email) ? null : 'email_invalid';
}

export function checkPassword(password: unknown): FieldError | null {
	if (typeof password !== 'string' || [...password].length < PASSWORD_MIN_LENGTH)
		return 'password_too_short';
	if (password.length > PASSWORD_MAX_LENGTH) return 'password_too_long';
	return null;
}

export function checkName(name: string): NameError | null {
	if (!name.trim()) return 'name_required';
	if ([...name].length > NAME_MAX_LENGTH) return 'name_too_long';
	return null;
}
