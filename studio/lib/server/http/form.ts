/** Form fields arrive as strings, files or nothing; services want strings. */
export function field(form: FormData, name: string, maxLength = 10_000): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, maxLength) : '';
}

/** A same-site path to go back to after a form, never an absolute URL (open redirects). */
export function safeNext(value: string | null | undefined, fallback = '/'): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
		return fallback;
	return value;
}
