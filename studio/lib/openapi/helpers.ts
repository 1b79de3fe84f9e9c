import type { Example, Parameter, Reference, Response, Schema } from './types';

export const JSON_TYPE = 'application/json';

export function schemaRef(name: string): Schema {
	return { $ref: `#/components/schemas/${name}` };
}

export function responseRef(name: string): Reference {
	return { $ref: `#/components/responses/${name}` };
}

/** The schema, or JSON null: OpenAPI 3.1 spells "nullable" as a type list. */
export function nullable(schema: Schema): Schema {
	if (schema.$ref) return { oneOf: [schema, { type: 'null' }] };
	const type = schema.type;
	if (type === undefined) return { oneOf: [schema, { type: 'null' }] };
	return { ...schema, type: [...(typeof type === 'string' ? [type] : type), 'null'] };
}

/** A 200 answer whose body is `schema`, with one example. */
export function ok(description: string, schema: Schema, example: unknown): Response {
	return { description, content: { [JSON_TYPE]: { schema, example } } };
}

/**
 * An error answer with one named example per error code it can carry, so the docs page and
 * client authors see every code a status stands for.
 */
export function failure(description: string, codes: Readonly<Record<string, string>>): Response {
	const examples: Record<string, Example> = {};
	for (const [code, message] of Object.entries(codes))
		examples[code] = { summary: code, value: { error: { code, message } } };
	return { description, content: { [JSON_TYPE]: { schema: schemaRef('Error'), examples } } };
}

/** The answers every secret-key endpoint shares. */
export const KEY_FAILURES = {
	'401': responseRef('Unauthorized'),
	'403': responseRef('Forbidden'),
	'500': responseRef('InternalError')
} as const;

/** `n`, the number of products the recommendation endpoints return. */
export const N_PARAMETER: Parameter = {
	name: 'n',
	in: 'query',
	description: 'How many products to return.',
	schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
	example: 5
};
