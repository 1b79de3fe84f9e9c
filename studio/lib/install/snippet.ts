// The copy-paste tag a shop puts in its pages. Pure, so the install page can fill in a pasted key
// in the browser without sending it anywhere.
import { snippet } from '@regulars/sdk/snippet';

export const KEY_PLACEHOLDER = 'YOUR_WRITE_KEY';

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
export function installSnippet(input: { origin: string; writeKey?: string | null }): string {
	const origin = studioOrigin(input.origin);
	if (!origin) throw new Error(`Not an http(s) origin: ${input.origin}`);
	return snippet({ writeKey: input.writeKey?.trim() || KEY_PLACEHOLDER, host: origin });
}
