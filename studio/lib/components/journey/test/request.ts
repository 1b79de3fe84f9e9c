import type { JourneyProblem } from '$lib/journey/problems';

export interface PanelFailure {
	code: string;
	message: string;
	problems?: JourneyProblem[];
}

export type PanelAnswer<T> = { ok: true; value: T } | { ok: false; error: PanelFailure };

/** POSTs JSON to a studio endpoint and reads its answer or its `{ error }`. */
export async function postJson<T>(
	url: string,
	body: unknown,
	signal?: AbortSignal
): Promise<PanelAnswer<T>> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(body),
			signal
		});
		const data = (await response.json().catch(() => null)) as
			(T & { error?: undefined }) | { error?: PanelFailure } | null;
		if (response.ok && data) return { ok: true, value: data as T };
		const error = data && 'error' in data && data.error ? data.error : null;
		return { ok: false, error: error ?? { code: 'generic', message: String(response.status) } };
	} catch (failure) {
		if ((failure as Error).name === 'AbortError') throw failure;
		return { ok: false, error: { code: 'generic', message: (failure as Error).message } };
	}
}
