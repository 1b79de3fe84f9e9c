// The part of OpenAPI 3.1 this document uses, typed so a misspelt field fails the type check
// instead of silently vanishing from the docs page and from generated clients.

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it), or a reference to one. */
export interface Schema {
	$ref?: string;
	type?: JsonType | readonly JsonType[];
	title?: string;
	description?: string;
	format?: string;
	enum?: readonly (string | number | boolean | null)[];
	const?: string | number | boolean | null;
	default?: unknown;
	minimum?: number;
	maximum?: number;
	minLength?: number;
	maxLength?: number;
	minItems?: number;
	maxItems?: number;
	pattern?: string;
	properties?: Readonly<Record<string, Schema>>;
	required?: readonly string[];
	additionalProperties?: boolean | Schema;
	items?: Schema;
	oneOf?: readonly Schema[];
	examples?: readonly unknown[];
}

export interface Example {
	summary?: string;
	value: unknown;
}

export interface MediaType {
	schema: Schema;
	example?: unknown;
	examples?: Readonly<Record<string, Example>>;
}

export interface Parameter {
	name: string;
	in: 'query' | 'path' | 'header';
	description: string;
	required?: boolean;
	schema: Schema;
	example?: unknown;
}

export interface Header {
	description: string;
	schema: Schema;
}

export interface Response {
	description: string;
	headers?: Readonly<Record<string, Header>>;
	content?: Readonly<Record<string, MediaType>>;
}

export interface Reference {
	$ref: string;
}

export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

export interface Operation {
	operationId: string;
	summary: string;
	description?: string;
	tags: readonly string[];
	/** Absent: the document's default (a secret key). Empty: no key at all. */
	security?: readonly SecurityRequirement[];
	parameters?: readonly Parameter[];
	requestBody?: {
		description?: string;
		required?: boolean;
		content: Readonly<Record<string, MediaType>>;
	};
	responses: Readonly<Record<string, Response | Reference>>;
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItem = Partial<Record<HttpMethod, Operation>> & { summary?: string };

export type SecurityScheme =
	| { type: 'http'; scheme: 'bearer' | 'basic'; bearerFormat?: string; description: string }
	| { type: 'apiKey'; in: 'query' | 'header'; name: string; description: string };

export interface Tag {
	name: string;
	description: string;
}

export interface OpenApiDocument {
	openapi: string;
	info: { title: string; version: string; summary?: string; description: string };
	servers: readonly { url: string; description?: string }[];
	security: readonly SecurityRequirement[];
	tags: readonly Tag[];
	paths: Readonly<Record<string, PathItem>>;
	components: {
		schemas: Readonly<Record<string, Schema>>;
		responses: Readonly<Record<string, Response>>;
		securitySchemes: Readonly<Record<string, SecurityScheme>>;
	};
}
