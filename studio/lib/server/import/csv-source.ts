// Bytes in, records out, one at a time: gzip is recognised by its magic bytes, the byte count
// drives the progress bar, and memory stays flat whatever the file's size.
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync, constants } from 'node:zlib';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

export interface ByteCounter {
	bytes: number;
}

export interface UnreadableRecord {
	/** Roughly where it was: the parser's line count when it gave up. */
	line: number;
	message: string;
	raw: string | null;
}

/** A record longer than this is not a shop's CSV row; refusing it bounds memory. */
const MAX_RECORD_BYTES = 1 << 20;

async function* counted(source: AsyncIterable<Buffer | Uint8Array | string>, counter: ByteCounter) {
	for await (const chunk of source) {
		const buffer =
			typeof chunk === 'string'
				? Buffer.from(chunk)
				: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		counter.bytes += buffer.length;
		yield buffer;
	}
}

/** Passes the bytes through, gunzipping them first when they start with gzip's magic number. */
async function* decoded(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
	const iterator = source[Symbol.asyncIterator]();
	const first = await iterator.next();
	if (first.done) return;
	const rest = { [Symbol.asyncIterator]: () => iterator };
	async function* all() {
		yield first.value;
		yield* rest;
	}
	if (first.value.length >= 2 && first.value[0] === 0x1f && first.value[1] === 0x8b) {
		yield* Readable.from(all()).pipe(createGunzip());
	} else {
		yield* all();
	}
}

/**
 * The file's records as arrays of strings, the header row first. Records the CSV grammar cannot
 * read (an unclosed quote, a runaway row) go to `onUnreadable` and reading carries on.
 */
export function csvRecords(
	source: AsyncIterable<Buffer | Uint8Array | string>,
	counter: ByteCounter,
	onUnreadable: (record: UnreadableRecord) => void
): AsyncIterable<string[]> {
	const parser = parse({
		bom: true,
		relax_column_count: true,
		relax_quotes: true,
		skip_empty_lines: true,
		skip_records_with_error: true,
		max_record_size: MAX_RECORD_BYTES,
		on_skip: (error, raw) => {
			onUnreadable({
				line: typeof error?.lines === 'number' ? error.lines : 0,
				message: `The CSV could not be read here: ${error?.message ?? 'malformed record'}`,
				raw: raw ? raw.slice(0, 2000) : null
			});
			return undefined;
		}
	});
	return Readable.from(decoded(counted(source, counter))).pipe(parser);
}

export interface CsvPreview {
	headers: string[];
	rows: string[][];
}

/**
 * The header and first rows of a file from its first bytes (the browser sends a slice), for the
 * mapping screen. A gzip slice is inflated as far as it goes; a cut-off last line is dropped.
 */
export function previewCsv(head: Buffer, complete = false, maxRows = 5): CsvPreview {
	let bytes = head;
	if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
		try {
			bytes = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
		} catch {
			return { headers: [], rows: [] };
		}
	}
	let text = bytes.toString('utf8');
	const lastBreak = text.lastIndexOf('\n');
	if (!complete && lastBreak > 0) text = text.slice(0, lastBreak);
	let records: string[][];
	try {
		const parsed: unknown = parseSync(text, {
			bom: true,
			relax_column_count: true,
			relax_quotes: true,
			skip_empty_lines: true,
			skip_records_with_error: true,
			to_line: maxRows + 50
		});
		records = parsed as string[][];
	} catch {
		return { headers: [], rows: [] };
	}
	const [headers = [], ...rows] = records;
	return { headers: headers.map((h) => h.trim()), rows: rows.slice(0, maxRows) };
}
