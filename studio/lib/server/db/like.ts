/**
 * The LIKE pattern for "contains `text`", case-folded; use it with `escape '\'`. `%`, `_` and `\`
 * in the search then match themselves, and the pattern is always a bound parameter.
 */
export function containsPattern(text: string): string {
	return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
