/**
 * CSV for spreadsheets (RFC 4180): the one writer the import error report, the experiment results
 * and the dashboard exports share.
 */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * One field, quoted when it holds a comma, quote or line break. Text starting with = + - @ (or a
 * tab or CR) would run as a formula in a spreadsheet, so it gets a leading quote unless it is a
 * plain number.
 */
export function csvCell(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Lines end in CRLF, as RFC 4180 and spreadsheets expect. */
export function csvText(rows: readonly (readonly CsvValue[])[]): string {
	return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
