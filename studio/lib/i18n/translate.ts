import { en, type MessageKey } from './messages/en';
import { zhCN } from './messages/zh-cn';
import type { Locale } from './locales';

export type { MessageKey };
export type Params = Record<string, string | number>;

const PLURAL = /\{(\w+), plural, one \{([^}]*)\} other \{([^}]*)\}\}/g;

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/**
 * Looks a message up and fills `{name}` placeholders. A number placeholder is formatted for the
 * locale. `{count, plural, one {# item} other {# items}}` picks the form by Intl.PluralRules and puts
 * the formatted number where `#` stands.
 */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
	const template = CATALOGUES[locale][key] ?? en[key] ?? key;
	if (!params) return template;
	const withPlurals = template.replace(PLURAL, (_, name: string, one: string, other: string) => {
		const value = Number(params[name]);
		const form = new Intl.PluralRules(locale).select(value) === 'one' ? one : other;
		return form.replace(/#/g, new Intl.NumberFormat(locale).format(value));
	});
	return withPlurals.replace(/\{(\w+)\}/g, (match, name: string) => {
		const value = params[name];
		if (value === undefined) return match;
		return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
	});
}

/** Placeholder names used by a template, for the catalogue consistency test. */
export function placeholders(template: string): string[] {
	// A plural's forms are text, not placeholders: keep only its variable name.
	const flat = template.replace(PLURAL, (_, name: string) => `{${name}}`);
	const names = new Set<string>();
	for (const match of flat.matchAll(/\{(\w+)\}/g)) names.add(match[1]!);
	return [...names].sort();
}

export function catalogue(locale: Locale): Readonly<Record<MessageKey, string>> {
	return CATALOGUES[locale];
}
