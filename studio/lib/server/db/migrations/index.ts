import type { Migration } from 'kysely';
import * as foundation from './2026-11-22-0001-foundation';
import * as shopData from './2026-11-22-0002-shop-data';
import * as profiles from './2026-11-22-0003-profiles-segments-imports';
import * as experiments from './2026-11-22-0004-experiments';
import * as recommender from './2026-11-22-0005-recommender';
import * as journeys from './2026-11-23-0006-journeys';
import * as measurement from './2026-11-23-0007-measurement';

/** Dated, frozen, applied in name order. Add new files; never edit an applied one. */
export const migrations: Record<string, Migration> = {
	'2026-11-22-0001-foundation': foundation,
	'2026-11-22-0002-shop-data': shopData,
	'2026-11-22-0003-profiles-segments-imports': profiles,
	'2026-11-22-0004-experiments': experiments,
	'2026-11-22-0005-recommender': recommender,
	'2026-11-23-0006-journeys': journeys,
	'2026-11-23-0007-measurement': measurement
};
