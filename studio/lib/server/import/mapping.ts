import type { ImportKind } from '../db/schema';
import { isCurrency, isTimeZone, type DateOrder } from './values';

export const IMPORT_KINDS: readonly ImportKind[] = ['customers', 'products', 'orders'];

export function isImportKind(value: unknown): value is ImportKind {
	return typeof value === 'string' && (IMPORT_KINDS as readonly string[]).includes(value);
}

/** The fields a file's columns can fill, per kind; `required` ones must be mapped. */
export const IMPORT_FIELDS = {
	customers: {
		external_id: {
			required: true,
			aliases: ['customerid', 'customer', 'userid', 'id', 'customerno']
		},
		email: { required: false, aliases: ['email', 'emailaddress', 'mail'] },
		name: { required: false, aliases: ['name', 'fullname', 'customername'] },
		phone: { required: false, aliases: ['phone', 'mobile', 'telephone', 'tel'] },
		country: { required: false, aliases: ['country'] },
		city: { required: false, aliases: ['city', 'town'] },
		birthday: { required: false, aliases: ['birthday', 'dateofbirth', 'dob', 'birthdate'] },
		consent: { required: false, aliases: ['consent', 'marketingconsent', 'optin', 'newsletter'] },
		first_seen_at: {
			required: false,
			aliases: ['signedup', 'signedupat', 'createdat', 'since', 'joined']
		}
	},
	products: {
		sku: { required: true, aliases: ['sku', 'stockcode', 'code', 'productid', 'itemcode'] },
		name: { required: true, aliases: ['name', 'description', 'title', 'productname'] },
		price: { required: true, aliases: ['price', 'unitprice'] },
		category: { required: false, aliases: ['category', 'type', 'department'] },
		image_url: { required: false, aliases: ['image', 'imageurl', 'picture'] },
		url: { required: false, aliases: ['url', 'link', 'producturl'] },
		in_stock: { required: false, aliases: ['instock', 'available', 'stock'] }
	},
	orders: {
		order_id: {
			required: true,
			aliases: ['orderid', 'invoiceno', 'invoice', 'order', 'orderno', 'receipt']
		},
		sku: { required: true, aliases: ['sku', 'stockcode', 'code', 'productid', 'itemcode'] },
		quantity: { required: true, aliases: ['quantity', 'qty', 'units'] },
		price: { required: true, aliases: ['unitprice', 'price', 'itemprice'] },
		placed_at: {
			required: true,
			aliases: ['invoicedate', 'date', 'orderdate', 'placedat', 'createdat']
		},
		customer_id: { required: false, aliases: ['customerid', 'customer', 'userid'] },
		name: { required: false, aliases: ['description', 'name', 'productname', 'title'] },
		currency: { required: false, aliases: ['currency'] },
		email: { required: false, aliases: ['email', 'customeremail'] },
		country: { required: false, aliases: ['country'] }
	}
} as const satisfies Record<
	ImportKind,
	Record<string, { required: boolean; aliases: readonly string[] }>
>;

export type ImportField<K extends ImportKind = ImportKind> = keyof (typeof IMPORT_FIELDS)[K] &
	string;

export interface ImportOptions {
	/** Currency of amounts; defaults to the workspace's. Orders may also carry a currency column. */
	currency?: string;
	/** Zone of dates written without one (IANA name); UTC when unset. */
	timeZone?: string;
	/** How to read dates whose year is not first. */
	dateOrder?: DateOrder;
	/** Put before order ids to make external ids, e.g. "OR-" gives OR-536365. */
	orderIdPrefix?: string;
	/** Orders whose id starts with this are cancellations, recorded as refunds (e.g. "C"). */
	cancellationPrefix?: string;
	/** A regular expression: order lines whose SKU does not match are not products, and skipped. */
	productCodePattern?: string;
	/** Ids written as numbers by a spreadsheet ("17850.0") lose the ".0". */
	numericIds?: boolean;
}

export interface ImportMapping {
	/** field -> the column header that fills it. */
	columns: Record<string, string>;
	/** Customers only: further columns copied into traits under a snake_case form of their header. */
	traits?: string[];
	options: ImportOptions;
}

export type MappingError =
	| { code: 'field_unknown'; field: string }
	| { code: 'field_required'; field: string }
	| { code: 'column_missing'; field: string; column: string }
	| { code: 'option_invalid'; option: string };

/** Makes untrusted JSON (a form, a saved preset) into a mapping, keeping only known parts. */
export function normaliseMapping(kind: ImportKind, input: unknown): ImportMapping {
	const source = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
	const fields = IMPORT_FIELDS[kind] as Record<string, unknown>;
	const columns: Record<string, string> = {};
	const rawColumns = source.columns && typeof source.columns === 'object' ? source.columns : {};
	for (const [field, column] of Object.entries(rawColumns as Record<string, unknown>)) {
		if (Object.hasOwn(fields, field) && typeof column === 'string' && column.trim())
			columns[field] = column.trim().slice(0, 200);
	}
	const traits =
		kind === 'customers' && Array.isArray(source.traits)
			? source.traits.filter((t): t is string => typeof t === 'string' && !!t.trim()).slice(0, 50)
			: undefined;
	const o = (source.options && typeof source.options === 'object' ? source.options : {}) as Record<
		string,
		unknown
	>;
	const options: ImportOptions = {};
	const text = (key: keyof ImportOptions, max = 100) => {
		const value = o[key];
		return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;
	};
	const currency = text('currency', 3)?.toUpperCase();
	if (currency) options.currency = currency;
	const timeZone = text('timeZone');
	if (timeZone) options.timeZone = timeZone;
	if (o.dateOrder === 'ymd' || o.dateOrder === 'mdy' || o.dateOrder === 'dmy')
		options.dateOrder = o.dateOrder;
	if (kind === 'orders') {
		const prefix = typeof o.orderIdPrefix === 'string' ? o.orderIdPrefix.slice(0, 20) : '';
		if (prefix) options.orderIdPrefix = prefix;
		const cancellation = text('cancellationPrefix', 10);
		if (cancellation) options.cancellationPrefix = cancellation;
		const pattern = text('productCodePattern', 200);
		if (pattern) options.productCodePattern = pattern;
	}
	if (o.numericIds === true) options.numericIds = true;
	return { columns, ...(traits?.length ? { traits } : {}), options };
}

/** Checks a mapping against the kind and, when known, the file's header row. */
export function validateMapping(
	kind: ImportKind,
	mapping: ImportMapping,
	headers?: readonly string[]
): MappingError[] {
	const errors: MappingError[] = [];
	const fields = IMPORT_FIELDS[kind] as Record<string, { required: boolean }>;
	for (const field of Object.keys(mapping.columns))
		if (!Object.hasOwn(fields, field)) errors.push({ code: 'field_unknown', field });
	for (const [field, def] of Object.entries(fields))
		if (def.required && !mapping.columns[field]) errors.push({ code: 'field_required', field });
	if (headers) {
		const present = new Set(headers.map((h) => h.trim()));
		for (const [field, column] of Object.entries(mapping.columns))
			if (!present.has(column)) errors.push({ code: 'column_missing', field, column });
		for (const column of mapping.traits ?? [])
			if (!present.has(column)) errors.push({ code: 'column_missing', field: 'traits', column });
	}
	const { currency, timeZone, productCodePattern } = mapping.options;
	if (currency && !isCurrency(currency))
		errors.push({ code: 'option_invalid', option: 'currency' });
	if (timeZone && !isTimeZone(timeZone))
		errors.push({ code: 'option_invalid', option: 'timeZone' });
	if (productCodePattern) {
		try {
			new RegExp(productCodePattern);
		} catch {
			errors.push({ code: 'option_invalid', option: 'productCodePattern' });
		}
	}
	return errors;
}

export function describeMappingError(error: MappingError): string {
	switch (error.code) {
		case 'field_unknown':
			return `"${error.field}" is not a field of this kind of import`;
		case 'field_required':
			return `the field "${error.field}" must be mapped to a column`;
		case 'column_missing':
			return `the file has no column "${error.column}" (mapped to ${error.field})`;
		case 'option_invalid':
			return `the option "${error.option}" is not valid`;
	}
}

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A first guess at the mapping from the header row: headers equal to a field or an alias. */
export function guessMapping(kind: ImportKind, headers: readonly string[]): ImportMapping {
	const columns: Record<string, string> = {};
	const taken = new Set<string>();
	const fields = IMPORT_FIELDS[kind] as Record<string, { aliases: readonly string[] }>;
	for (const [field, def] of Object.entries(fields)) {
		const wanted = [squash(field), ...def.aliases];
		for (const alias of wanted) {
			const header = headers.find((h) => !taken.has(h) && squash(h) === alias);
			if (header) {
				columns[field] = header;
				taken.add(header);
				break;
			}
		}
	}
	return { columns, options: {} };
}

/** A trait key from a header: "Favourite Colour" -> favourite_colour. */
export function traitKey(header: string): string {
	const key = header
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '_')
		.replace(/^_+|_+$/g, '');
	return key === '__proto__' || key === 'constructor' || key === 'prototype'
		? `${key}_`
		: key || 'trait';
}
