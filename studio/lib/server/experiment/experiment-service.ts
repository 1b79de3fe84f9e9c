import type { ExperimentConfig } from '@regulars/sdk/core';
import {
	toSdkExperiment,
	validateExperiment,
	type ExperimentInput,
	type ExperimentProblem,
	type ExperimentVariant
} from '../../experiment/definition';
import type { Db } from '../db/connect';
import { readJson } from '../db/json';
import type { ExperimentStatus } from '../db/schema';
import {
	findExperimentByKey,
	insertExperiment,
	listRunningExperiments
} from './experiment-repository';

export type CreateExperimentResult =
	| { ok: true; id: number }
	| {
			ok: false;
			error: { code: 'invalid'; problems: ExperimentProblem[] } | { code: 'key_taken' };
	  };

export async function createExperiment(
	db: Db,
	input: ExperimentInput & {
		workspaceId: number;
		status: ExperimentStatus;
		createdBy: number | null;
	},
	now = Date.now()
): Promise<CreateExperimentResult> {
	const problems = validateExperiment(input);
	if (problems.length) return { ok: false, error: { code: 'invalid', problems } };
	if (await findExperimentByKey(db, input.workspaceId, input.key))
		return { ok: false, error: { code: 'key_taken' } };
	const id = await insertExperiment(db, { ...input, now });
	return { ok: true, id };
}

/** The running experiments as the storefront SDK reads them. */
export async function sdkExperiments(db: Db, workspaceId: number): Promise<ExperimentConfig[]> {
	const rows = await listRunningExperiments(db, workspaceId);
	return rows.map((row) =>
		toSdkExperiment({ ...row, variants: readJson<ExperimentVariant[]>(row.variants, []) })
	);
}
