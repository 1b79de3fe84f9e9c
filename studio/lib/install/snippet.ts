// The copy-paste tag a shop puts in its pages. Pure, so the install page can fill in a pasted key
// in the browser without sending it anywhere.
import { snippet } from '@regulars/sdk/snippet';

export const KEY_PLACEHOLDER = 'YOUR_WRITE_KEY';
/** Stands for the per-response nonce a CSP page must print there; each shop's templates differ. */
export const NONCE_PLACEHOLDER = 'YOUR_CSP_NONCE';

/** The studio's origin (scheme, host, port) with no trailing slash, or null if not http(s). */
export function studioOrigin(value: string): string | null {
	try {
		const url = new URL(value);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
		return url.origin;
	} catch {
		return null;
	}
}

/**
 * The snippet for a studio origin and a write key (the placeholder when the key is blank). The
 * text itself comes from the SDK, the one place that knows its stub; it escapes whatever someone
 * pastes so it cannot break out of the tag.
 */
export function installSnippet(input: {
	origin: string;
	writeKey?: string | null;
	/** For shops with a consent banner: nothing is stored or sent until it grants consent. */
	consentPending?: boolean;
	/** For pages with a strict CSP: the tags carry the page's nonce. */
	nonce?: boolean;
}): string {
	const origin = studioOrigin(input.origin);
	if (!origin) throw new Error(`Not an http(s) origin: ${input.origin}`);
	return snippet({
		writeKey: input.writeKey?.trim() || KEY_PLACEHOLDER,
		host: origin,
		...(input.consentPending ? { consent: 'pending' as const } : {}),
		...(input.nonce ? { nonce: NONCE_PLACEHOLDER } : {})
	});
}

/** The CSP sources the SDK needs on a shop's pages, for the install page to show. */
export function cspSources(origin: string): string {
	return `script-src ${origin}; connect-src ${origin}; img-src ${origin}`;
}
