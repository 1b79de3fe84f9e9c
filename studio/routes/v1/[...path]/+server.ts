import {
	handleTrackingMethodNotAllowed,
	handleTrackingPost,
	handleTrackingPreflight
} from '$lib/server/tracking/http';
import type { RequestHandler } from './$types';

// The Segment HTTP tracking API: /v1/{track,identify,page,screen,group,alias,batch} and the short
// browser forms /v1/{t,i,p,s,g,a,b}. One route so unknown paths get a JSON 404 with CORS headers.

export const POST: RequestHandler = (event) => handleTrackingPost(event, event.params.path);
export const OPTIONS: RequestHandler = (event) => handleTrackingPreflight(event);
export const GET: RequestHandler = (event) => handleTrackingMethodNotAllowed(event);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
