import { VERSION } from '../version.js';
import type { Properties } from './types.js';

/** UTM parameters and the Segment `context.campaign` field each one fills. */
const CAMPAIGN: Record<string, string> = {
	utm_source: 'source',
	utm_medium: 'medium',
	utm_campaign: 'name',
	utm_term: 'term',
	utm_content: 'content'
};

/**
 * `referrer` is passed in rather than read from the document because after an SPA navigation
 * the page the visitor came from is the previous URL, which `document.referrer` never reflects.
 */
export function pageContext(win: Window, referrer: string): Properties {
	const { location, document } = win;
	return {
		path: location.pathname,
		referrer,
		search: location.search,
		title: document.title,
		url: location.href
	};
}

export function campaignContext(search: string): Properties | undefined {
	let campaign: Properties | undefined;
	new URLSearchParams(search).forEach((value, key) => {
		const field = CAMPAIGN[key];
		if (field) (campaign ||= {})[field] = value;
	});
	return campaign;
}

export function eventContext(win: Window, referrer: string): Properties {
	const context: Properties = {
		page: pageContext(win, referrer),
		locale: win.navigator.language,
		library: { name: 'regulars', version: VERSION }
	};
	// Intl can be missing or stubbed by privacy extensions; the zone is a nicety, not a must.
	try {
		context.timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	} catch {
		// left out
	}
	const campaign = campaignContext(win.location.search);
	if (campaign) context.campaign = campaign;
	return context;
}
