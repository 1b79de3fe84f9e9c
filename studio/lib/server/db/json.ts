/** JSON columns arrive as text from SQLite and as parsed values from PostgreSQL. */
export function readJson<T>(value: unknown, fallback: T): T {
	if (value === null || value === undefined) return fallback;
	if (typeof value !== 'string') return value as T;
	try {
		return JSON.parse(value) as T;
	} catch {
		return fallback;
	}
}
