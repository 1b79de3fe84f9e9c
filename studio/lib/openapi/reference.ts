// Turns the OpenAPI document into what the docs page shows: endpoints grouped by tag, examples
// as formatted JSON, and a curl command per endpoint. Pure, so it is tested without a browser.
import {
	HTTP_METHODS,
	type HttpMethod,
	type OpenApiDocument,
	type Operation,
	type Parameter,
	type Reference,
	type Response,
	type Schema
} from './types';

export type KeyKind = 'secret' | 'write' | 'none';

export interface ParameterView {
	name: string;
	in: Parameter['in'];
	type: string;
	constraints: string;
	required: boolean;
	description: string;
}

export interface ResponseView {
	status: string;
	description: string;
	examples: { name: string | null; json: string }[];
}

export interface EndpointView {
	id: string;
	method: Uppercase<HttpMethod>;
	path: string;
	summary: string;
	description: string | null;
	key: KeyKind;
	parameters: ParameterView[];
	requestExample: string | null;
	responses: ResponseView[];
	curl: string;
}

export interface TagGroup {
	name: string;
	description: string;
	endpoints: EndpointView[];
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
/** A parameter value as it appears in a URL or a label: strings bare, the rest as JSON. */
const plain = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export interface TextPart {
	text: string;
	code: boolean;
}

/**
 * Descriptions mark code with backticks (CommonMark, as OpenAPI allows); this splits them out so
 * the page can show them as code while rendering text only, never HTML.
 */
export function textParts(text: string): TextPart[] {
	return text
		.split('`')
		.map((part, i) => ({ text: part, code: i % 2 === 1 }))
		.filter((part) => part.text);
}

/** Follows a local `#/components/...` reference; throws on one that leads nowhere. */
export function resolveRef<T>(document: OpenApiDocument, value: T | Reference): T {
	if (!value || typeof value !== 'object' || !('$ref' in value) || typeof value.$ref !== 'string')
		return value as T;
	const ref = value.$ref;
	if (!ref.startsWith('#/')) throw new Error(`Only local references are supported: ${ref}`);
	let node: unknown = document;
	for (const part of ref.slice(2).split('/')) {
		const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
		node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
		if (node === undefined) throw new Error(`Unresolved reference: ${ref}`);
	}
	return node as T;
}

/** `integer`, `string | null`, `Product[]`: short enough for a table cell. */
export function typeLabel(schema: Schema): string {
	if (schema.$ref) return schema.$ref.split('/').at(-1)!;
	if (schema.oneOf) return schema.oneOf.map(typeLabel).join(' | ');
	const types = schema.type === undefined ? [] : [schema.type].flat();
	return (
		types
			.map((t) => (t === 'array' && schema.items ? `${typeLabel(schema.items)}[]` : t))
			.join(' | ') || 'any'
	);
}

/** Allowed values, range and default, e.g. `1–50 · default 10`. */
export function constraintsLabel(schema: Schema): string {
	const parts: string[] = [];
	if (schema.enum) parts.push(schema.enum.join(' | '));
	if (schema.minimum !== undefined && schema.maximum !== undefined)
		parts.push(`${schema.minimum}–${schema.maximum}`);
	else if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
	if (schema.maxLength !== undefined) parts.push(`≤ ${schema.maxLength} chars`);
	if (schema.default !== undefined) parts.push(`default ${plain(schema.default)}`);
	return parts.join(' · ');
}

export function keyKind(document: OpenApiDocument, operation: Operation): KeyKind {
	const security = operation.security ?? document.security;
	if (security.length === 0) return 'none';
	return security.some((requirement) => 'secretKey' in requirement) ? 'secret' : 'write';
}

const CURL_AUTH: Record<KeyKind, string | null> = {
	secret: '-H "Authorization: Bearer $REGULARS_SECRET_KEY"',
	write: '-u "$REGULARS_WRITE_KEY:"',
	none: null
};

/** Single quotes keep the shell off the JSON; a quote inside is closed, escaped and reopened. */
function shellQuote(text: string): string {
	return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A copy-paste command against `origin`. Path parameters take their example; query parameters
 * go in only when they have an example, so each endpoint's example picks a sensible call. The key
 * comes from the environment, never from the page.
 */
export function curlCommand(
	document: OpenApiDocument,
	origin: string,
	method: HttpMethod,
	path: string,
	operation: Operation
): string {
	const parameters = operation.parameters ?? [];
	let url = path.replace(/\{(\w+)\}/g, (match, name: string) => {
		const example = parameters.find((p) => p.in === 'path' && p.name === name)?.example;
		return example === undefined ? match : encodeURIComponent(plain(example));
	});
	const query = new URLSearchParams();
	for (const p of parameters)
		if (p.in === 'query' && p.example !== undefined) query.set(p.name, plain(p.example));
	if (query.size) url += `?${query}`;
	const lines = [`curl${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} "${origin}${url}"`];
	const auth = CURL_AUTH[keyKind(document, operation)];
	if (auth) lines.push(auth);
	const body = operation.requestBody?.content['application/json']?.example;
	if (body !== undefined)
		lines.push('-H "Content-Type: application/json"', `-d ${shellQuote(JSON.stringify(body))}`);
	return lines.join(' \\\n  ');
}

function responseView(document: OpenApiDocument, status: string, value: Response | Reference) {
	const response = resolveRef(document, value);
	const media = response.content?.['application/json'];
	const examples: ResponseView['examples'] = [];
	if (media?.example !== undefined) examples.push({ name: null, json: pretty(media.example) });
	for (const [name, example] of Object.entries(media?.examples ?? {}))
		examples.push({ name: example.summary ?? name, json: pretty(example.value) });
	return { status, description: response.description, examples };
}

function endpointView(
	document: OpenApiDocument,
	origin: string,
	method: HttpMethod,
	path: string,
	operation: Operation
): EndpointView {
	const body = operation.requestBody?.content['application/json']?.example;
	return {
		id: operation.operationId,
		method: method.toUpperCase() as Uppercase<HttpMethod>,
		path,
		summary: operation.summary,
		description: operation.description ?? null,
		key: keyKind(document, operation),
		parameters: (operation.parameters ?? []).map((p) => ({
			name: p.name,
			in: p.in,
			type: typeLabel(p.schema),
			constraints: constraintsLabel(p.schema),
			required: p.required ?? false,
			description: p.description
		})),
		requestExample: body === undefined ? null : pretty(body),
		responses: Object.entries(operation.responses).map(([status, value]) =>
			responseView(document, status, value)
		),
		curl: curlCommand(document, origin, method, path, operation)
	};
}

/** Every operation under its first tag, tags in the document's order. */
export function referenceGroups(document: OpenApiDocument, origin: string): TagGroup[] {
	const groups = document.tags.map((tag) => ({ ...tag, endpoints: [] as EndpointView[] }));
	for (const [path, item] of Object.entries(document.paths))
		for (const method of HTTP_METHODS) {
			const operation = item[method];
			if (!operation) continue;
			const group = groups.find((g) => g.name === operation.tags[0]);
			if (!group) throw new Error(`${operation.operationId} has no known tag`);
			group.endpoints.push(endpointView(document, origin, method, path, operation));
		}
	return groups.filter((g) => g.endpoints.length > 0);
}
