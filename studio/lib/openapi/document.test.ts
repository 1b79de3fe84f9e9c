import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './document';
import { resolveRef } from './reference';
import { HTTP_METHODS, type OpenApiDocument, type Operation, type Schema } from './types';

const document = openApiDocument('https://crm.example.com');
const ROUTES = join(import.meta.dirname, '../../routes');

function operations(doc: OpenApiDocument) {
	return Object.entries(doc.paths).flatMap(([path, item]) =>
		HTTP_METHODS.flatMap((method) => {
			const operation = item[method];
			return operation ? [{ path, method, operation }] : [];
		})
	);
}

/** Every `$ref` anywhere in the document, with where it sits. */
function refs(node: unknown, at = '#'): { at: string; ref: string }[] {
	if (!node || typeof node !== 'object') return [];
	return Object.entries(node).flatMap(([key, value]) =>
		key === '$ref' && typeof value === 'string' ? [{ at, ref: value }] : refs(value, `${at}/${key}`)
	);
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (Number.isInteger(value)) return 'integer';
	return typeof value;
}

/**
 * The JSON Schema keywords this document uses, enough to prove its examples match its schemas;
 * returns what does not match, by JSON path.
 */
function mismatches(value: unknown, schema: Schema, at = '$'): string[] {
	if (schema.$ref) return mismatches(value, resolveRef<Schema>(document, schema), at);
	if (schema.oneOf) {
		const fits = schema.oneOf.filter((s) => mismatches(value, s, at).length === 0).length;
		return fits === 1 ? [] : [`${at}: matches ${fits} of oneOf`];
	}
	const errors: string[] = [];
	const actual = typeOf(value);
	const types = schema.type === undefined ? [] : [schema.type].flat();
	if (types.length && !types.some((t) => t === actual || (t === 'number' && actual === 'integer')))
		return [`${at}: ${actual} is not ${types.join(' | ')}`];
	if (schema.enum && !schema.enum.includes(value as string)) errors.push(`${at}: not in enum`);
	if (schema.const !== undefined && value !== schema.const) errors.push(`${at}: not the const`);
	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: too small`);
		if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: too large`);
	}
	if (typeof value === 'string') {
		if (schema.maxLength !== undefined && value.length > schema.maxLength)
			errors.push(`${at}: too long`);
		if (schema.pattern && !new RegExp(schema.pattern).test(value))
			errors.push(`${at}: does not match ${schema.pattern}`);
	}
	if (Array.isArray(value)) {
		if (schema.maxItems !== undefined && value.length > schema.maxItems)
			errors.push(`${at}: too many items`);
		if (schema.items)
			value.forEach((item, i) => errors.push(...mismatches(item, schema.items!, `${at}[${i}]`)));
	}
	if (actual === 'object') {
		const object = value as Record<string, unknown>;
		for (const name of schema.required ?? [])
			if (!(name in object)) errors.push(`${at}: ${name} is missing`);
		for (const [name, property] of Object.entries(object)) {
			const propertySchema = schema.properties?.[name];
			if (propertySchema) errors.push(...mismatches(property, propertySchema, `${at}.${name}`));
			else if (schema.additionalProperties === false) errors.push(`${at}: ${name} is unknown`);
		}
	}
	return errors;
}

describe('the OpenAPI document', () => {
	it('is OpenAPI 3.1 with a title, a version and this studio as its server', () => {
		expect(document.openapi).toMatch(/^3\.1\.\d+$/);
		expect(document.info.title).toBeTruthy();
		expect(document.info.version).toBeTruthy();
		expect(document.servers).toEqual([
			{ url: 'https://crm.example.com', description: 'This studio' }
		]);
		expect(openApiDocument().servers[0]!.url).toBe('/');
		// It goes out as JSON: nothing may be lost on the way (undefined, functions, cycles).
		expect(JSON.parse(JSON.stringify(document))).toEqual(document);
	});

	it('gives every path operations with unique ids, known tags and described responses', () => {
		const tags = new Set(document.tags.map((t) => t.name));
		expect(tags.size).toBe(document.tags.length);
		const ids = new Set<string>();
		for (const [path, item] of Object.entries(document.paths)) {
			expect(path).toMatch(/^\/[\w\-./{}]*$/);
			expect(
				HTTP_METHODS.some((m) => item[m]),
				path
			).toBe(true);
		}
		for (const { path, method, operation } of operations(document)) {
			const where = `${method.toUpperCase()} ${path}`;
			expect(ids.has(operation.operationId), `${where}: duplicate operationId`).toBe(false);
			ids.add(operation.operationId);
			expect(operation.summary, where).toBeTruthy();
			expect(operation.tags.length, where).toBeGreaterThan(0);
			for (const tag of operation.tags) expect(tags.has(tag), `${where}: tag ${tag}`).toBe(true);
			const statuses = Object.keys(operation.responses);
			expect(statuses.length, where).toBeGreaterThan(0);
			expect(
				statuses.some((s) => s.startsWith('2')),
				`${where}: no success answer`
			).toBe(true);
			for (const [status, value] of Object.entries(operation.responses)) {
				expect(status, where).toMatch(/^[1-5]\d\d$/);
				expect(resolveRef(document, value).description, `${where} ${status}`).toBeTruthy();
			}
		}
		expect(
			document.tags.every((t) =>
				operations(document).some((o) => o.operation.tags.includes(t.name))
			)
		).toBe(true);
	});

	it('declares exactly the parameters each path template names, as required', () => {
		for (const { path, method, operation } of operations(document)) {
			const inTemplate = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
			const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');
			expect(declared.map((p) => p.name).sort(), `${method} ${path}`).toEqual(inTemplate);
			expect(declared.every((p) => p.required)).toBe(true);
			const names = (operation.parameters ?? []).map((p) => `${p.in}:${p.name}`);
			expect(new Set(names).size, `${method} ${path}: repeated parameter`).toBe(names.length);
		}
	});

	it('names only security schemes it defines', () => {
		const schemes = Object.keys(document.components.securitySchemes);
		const requirements = [
			...document.security,
			...operations(document).flatMap((o) => o.operation.security ?? [])
		];
		for (const requirement of requirements)
			for (const name of Object.keys(requirement)) expect(schemes).toContain(name);
	});

	it('resolves every $ref', () => {
		const all = refs(document);
		expect(all.length).toBeGreaterThan(20);
		for (const { at, ref } of all)
			expect(() => resolveRef(document, { $ref: ref }), at).not.toThrow();
	});

	it('has examples that match their schemas, errors included', () => {
		const checked: string[] = [];
		const check = (where: string, schema: Schema, value: unknown) => {
			expect(mismatches(value, schema), where).toEqual([]);
			checked.push(where);
		};
		for (const { path, method, operation } of operations(document)) {
			const where = `${method.toUpperCase()} ${path}`;
			for (const p of operation.parameters ?? [])
				if (p.example !== undefined) check(`${where} ${p.name}`, p.schema, p.example);
			const body = operation.requestBody?.content['application/json'];
			if (body?.example !== undefined) check(`${where} body`, body.schema, body.example);
			for (const [status, value] of Object.entries(operation.responses)) {
				const media = resolveRef(document, value).content?.['application/json'];
				if (!media) continue;
				if (media.example !== undefined) check(`${where} ${status}`, media.schema, media.example);
				for (const [name, example] of Object.entries(media.examples ?? {}))
					check(`${where} ${status} ${name}`, media.schema, example.value);
			}
		}
		expect(checked.length).toBeGreaterThan(50);
	});

	it('answers every error with the one error shape', () => {
		for (const { path, method, operation } of operations(document))
			for (const [status, value] of Object.entries(operation.responses)) {
				if (Number(status) < 400) continue;
				const schema = resolveRef(document, value).content?.['application/json']?.schema;
				expect(schema, `${method} ${path} ${status}`).toEqual({
					$ref: '#/components/schemas/Error'
				});
			}
	});
});

/** The route files under `dir` and the methods they export, as `{ path, methods }`. */
function routeFiles(dir: string): { path: string; methods: string[] }[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('+server.ts') || file.endsWith('+server.js'))
		.map((file) => {
			const source = readFileSync(join(dir, file), 'utf8');
			const methods = [
				...source.matchAll(
					/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g
				)
			].map((m) => m[1]!.toLowerCase());
			const segments = relative(ROUTES, join(dir, file)).split(sep).slice(0, -1);
			return { path: `/${segments.join('/')}`, methods };
		});
}

/** `/customers/[id]/export` and `/customers/{userId}/x` alike become `/customers/{}/...`. */
function shape(path: string): string {
	return path
		.split('/')
		.filter((s) => !/^\(.+\)$/.test(s))
		.map((s) => s.replace(/^\[.+\]$/, '{}').replace(/^\{\w+\}$/, '{}'))
		.join('/');
}

function documented(path: string): Operation[] | undefined {
	const item = Object.entries(document.paths).find(([p]) => shape(p) === shape(path))?.[1];
	return item && HTTP_METHODS.flatMap((m) => (item[m] ? [item[m]] : []));
}

describe('the document and the routes', () => {
	it('documents every method of every REST and SDK route file, so it cannot drift silently', () => {
		const routes = [...routeFiles(join(ROUTES, 'api/v1')), ...routeFiles(join(ROUTES, 'sdk/v1'))];
		expect(routes.length).toBeGreaterThanOrEqual(9);
		const missing = routes.flatMap(({ path, methods }) => {
			const item = Object.entries(document.paths).find(([p]) => shape(p) === shape(path))?.[1];
			return methods
				.filter((m) => !item?.[m as keyof typeof item])
				.map((m) => `${m.toUpperCase()} ${path}`);
		});
		expect(missing).toEqual([]);
	});

	it('documents no REST endpoint that has no route file', () => {
		const routed = new Set(routeFiles(join(ROUTES, 'api/v1')).map((r) => shape(r.path)));
		const orphans = Object.keys(document.paths).filter(
			(p) => p.startsWith('/api/') && !routed.has(shape(p))
		);
		expect(orphans).toEqual([]);
		expect(documented('/sdk/v1/offers')).toHaveLength(1);
	});

	it('documents each long-form tracking endpoint the tracking route serves', () => {
		for (const name of ['track', 'identify', 'page', 'screen', 'group', 'alias', 'batch'])
			expect(documented(`/v1/${name}`)?.[0]?.tags, name).toEqual(['Tracking']);
	});
});
