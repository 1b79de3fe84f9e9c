// What the journey engine stores in message.payload for each channel.

export interface EmailPayload {
	to: string;
	subject: string;
	text: string;
	html: string;
}

export interface WebhookPayload {
	url: string;
	/** The JSON text to POST, signed exactly as stored. */
	body: string;
}

export interface OfferPayload {
	placement: string;
	title: string;
	body: string;
	skus: string[];
	expiresAt: number;
}
