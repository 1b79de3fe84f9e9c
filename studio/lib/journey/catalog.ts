/**
 * What the journey editor's pickers offer, gathered by the server from the workspace's own data
 * (see server/journey/journey-catalog.ts). Suggestions only: every picker still takes free text,
 * because a journey is often built before the shop sends its first event of a kind.
 */
export interface JourneyCatalog {
	/** Event names, most frequent first, each with the property keys seen on recent events. */
	events: { name: string; properties: string[] }[];
	segments: { id: number; name: string }[];
	/** Trait keys seen on customers (the date traits `birthday` and `first_order_at` first). */
	traits: string[];
	/** Offer and recommendation slots: the storefront's defaults and any the workspace used. */
	placements: string[];
}

export function emptyCatalog(): JourneyCatalog {
	return { events: [], segments: [], traits: [], placements: [] };
}
