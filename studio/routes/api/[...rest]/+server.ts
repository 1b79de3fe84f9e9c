import { apiError } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

const notFound: RequestHandler = ({ url }) =>
	apiError(404, 'not_found', `There is no API endpoint at ${url.pathname}.`);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
