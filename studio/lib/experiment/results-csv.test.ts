import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from '../csv';
import { RESULTS_CSV_HEADER, resultsCsv, resultsCsvFileName } from './results-csv';
import { winningResults } from './results-fixture';

describe('csvCell', () => {
	it('quotes fields holding commas, quotes or line breaks', () => {
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell('cr\r')).toBe('"cr\r"');
	});

	it('defuses spreadsheet formulas but keeps negative numbers', () => {
		expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
		expect(csvCell('+1 offer')).toBe("'+1 offer");
		expect(csvCell('@me')).toBe("'@me");
		expect(csvCell('-12.5')).toBe('-12.5');
		expect(csvCell('=1,2')).toBe(`"'=1,2"`);
	});

	it('writes numbers, booleans and nothing', () => {
		expect(csvCell(-0.25)).toBe('-0.25');
		expect(csvCell(Number.NaN)).toBe('');
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
		expect(csvCell(true)).toBe('true');
	});

	it('ends every line with CRLF', () => {
		expect(
			csvText([
				['a', 1],
				['b,c', null]
			])
		).toBe('a,1\r\n"b,c",\r\n');
	});
});

describe('resultsCsv', () => {
	it('has a header row and one row per variant with raw figures', () => {
		const base = winningResults();
		const results = winningResults({
			variants: [base.variants[0]!, { ...base.variants[1]!, name: 'B, "bold"' }]
		});
		const lines = resultsCsv(results, 'USD').trimEnd().split('\r\n');
		expect(lines).toHaveLength(3);
		expect(lines[0]).toBe(RESULTS_CSV_HEADER.join(','));
		const header = RESULTS_CSV_HEADER as readonly string[];
		const control = lines[1]!.split(',');
		expect(control[header.indexOf('variant_key')]).toBe('control');
		expect(control[header.indexOf('is_control')]).toBe('true');
		expect(control[header.indexOf('conversion_lift')]).toBe('');
		expect(control.at(-1)).toBe('USD');
		expect(
			lines[2]!.startsWith('b,"B, ""bold""",false,0.5,1000,112,0.112,0.12,0.03,0.21,0.004,')
		).toBe(true);
	});

	it('names the file after the key and the day', () => {
		expect(resultsCsvFileName('home-offer', Date.UTC(2026, 10, 23, 12))).toBe(
			'experiment-home-offer-2026-11-23.csv'
		);
	});
});
