/**
 * A small RFC 4180 reader: quoted fields may hold the separator, doubled quotes and line breaks
 * (Online Retail's descriptions do), which a split on commas would get wrong. It yields each
 * record as an array of fields.
 */
export function* parseCsv(text: string, separator = ','): Generator<string[]> {
	const n = text.length;
	let i = 0;
	while (i < n) {
		const record: string[] = [];
		for (;;) {
			let field = '';
			if (text[i] === '"') {
				i++;
				for (;;) {
					const close = text.indexOf('"', i);
					if (close < 0) {
						field += text.slice(i);
						i = n;
						break;
					}
					field += text.slice(i, close);
					i = close + 1;
					if (text[i] === '"') {
						field += '"';
						i++;
					} else break;
				}
				// Anything between the closing quote and the separator is kept, as Python's csv does.
				const end = fieldEnd(text, i, separator);
				field += text.slice(i, end);
				i = end;
			} else {
				const end = fieldEnd(text, i, separator);
				field = text.slice(i, end);
				i = end;
			}
			record.push(field);
			if (i < n && text.startsWith(separator, i)) {
				i += separator.length;
				continue;
			}
			break;
		}
		if (text[i] === '\r') i++;
		if (text[i] === '\n') i++;
		// Blank lines are skipped, like csv.DictReader does.
		if (record.length === 1 && record[0] === '') continue;
		yield record;
	}
}

/** Records as objects keyed by the header row. */
export function* parseCsvObjects(text: string, separator = ','): Generator<Record<string, string>> {
	let header: string[] | undefined;
	for (const record of parseCsv(text, separator)) {
		if (header === undefined) {
			header = record;
			continue;
		}
		const row: Record<string, string> = {};
		header.forEach((name, c) => (row[name] = record[c] ?? ''));
		yield row;
	}
}

/** Where an unquoted field starting at `from` ends: at the separator, a line break or the end. */
function fieldEnd(text: string, from: number, separator: string): number {
	const first = separator.charCodeAt(0);
	let i = from;
	for (; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || c === 13) break;
		if (c === first && text.startsWith(separator, i)) break;
	}
	return i;
}
