import { assignVariant } from '../core/index.js';
import type { ExperimentConfig } from '../core/index.js';
import { resolveWindow, studioGet } from '../studio.js';
import { createStorage, EXPOSED_KEY } from '../tracker/storage.js';
import type { Tracker } from '../tracker/tracker.js';

/** Remembered exposures; old ones fall off so the entry stays small. */
const MAX_EXPOSURES = 100;

/**
 * `variant(key)` resolves to the visitor's variant key, or null when the experiment is not running
 * or the visitor falls outside its coverage (show the default experience then). The config is
 * fetched once per page (the studio lets the browser cache it for a minute). The exposure event
 * goes out once per visitor, experiment and variant, remembered across pages when storage is allowed.
 */
export function createVariants(
	tracker: Tracker,
	target?: Window
): (experimentKey: string) => Promise<string | null> {
	let config: Promise<{ experiments?: ExperimentConfig[] } | null> | undefined;
	let exposed: string[] | undefined;

	const expose = (win: Window, key: string, variant: string, index: number): void => {
		const state = tracker.state();
		const storage = createStorage(win);
		const granted = state.consent === 'granted';
		if (!exposed) {
			try {
				exposed = (granted && (JSON.parse(storage.get(EXPOSED_KEY)!) as string[])) || [];
			} catch {
				exposed = [];
			}
		}
		const id = `${state.anonymousId}|${key}|${variant}`;
		if (exposed.indexOf(id) >= 0) return;
		exposed = exposed.concat(id).slice(-MAX_EXPOSURES);
		if (granted) storage.set(EXPOSED_KEY, JSON.stringify(exposed));
		tracker.track('Experiment Viewed', {
			experiment_id: key,
			variation_id: variant,
			variation_index: index
		});
	};

	return (experimentKey) =>
		new Promise((resolve) => {
			tracker.ready(() => {
				const win = resolveWindow(target)!;
				const state = tracker.state();
				// Who the visitor is goes to the studio only with consent (segment-targeted
				// experiments need it; without it the visitor gets the default experience there).
				const known = state.consent === 'granted';
				// A failed fetch is forgotten so the next call tries again.
				config ??= studioGet<{ experiments?: ExperimentConfig[] }>(
					win,
					state.options!,
					'/sdk/v1/config',
					{
						anonymousId: known ? state.anonymousId : undefined,
						userId: known ? state.userId : undefined
					}
				).catch(() => {
					config = undefined;
					return null;
				});
				config
					.then((body) => {
						const experiment = (body?.experiments || []).find((e) => e.key === experimentKey);
						const unit = tracker.state().anonymousId;
						if (!experiment || !unit) return resolve(null);
						const index = assignVariant(experiment, unit);
						const variant = experiment.variants[index];
						if (!variant) return resolve(null);
						expose(win, experiment.key, variant.key, index);
						resolve(variant.key);
					})
					.catch(() => resolve(null));
			});
		});
}
