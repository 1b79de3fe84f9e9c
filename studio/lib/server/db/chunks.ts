/**
 * Splits a list for IN lists and multi-row statements, keeping each well under SQLite's 32,766
 * and PostgreSQL's 65,535 bound parameters.
 */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}
