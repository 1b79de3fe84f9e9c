import {
	parseLifecycleRules,
	type LifecycleRules,
	type RulesProblem
} from '../../customer/lifecycle';
import { recordAudit } from '../audit/audit-service';
import type { Db } from '../db/connect';
import { refreshSegmentsForCustomers } from '../segment/segment-service';
import { lifecycleRulesOf, saveLifecycleRules } from './facts-repository';
import { refreshCustomerFacts } from './facts-service';

export async function lifecycleRules(db: Db, workspaceId: number): Promise<LifecycleRules> {
	return parseLifecycleRules(await lifecycleRulesOf(db, workspaceId)).rules;
}

/**
 * Saves a workspace's lifecycle thresholds and reclassifies its customers at once, so the lists
 * and segments the marketer looks at next already follow the new rules.
 */
export async function updateLifecycleRules(
	db: Db,
	input: {
		workspaceId: number;
		actorUserId: number;
		ip: string | null;
		values: Record<string, unknown>;
	}
): Promise<{ ok: true; changed: number } | { ok: false; problems: RulesProblem[] }> {
	const { rules, problems } = parseLifecycleRules(input.values);
	if (problems.length) return { ok: false, problems };
	await saveLifecycleRules(db, input.workspaceId, rules);
	const facts = await refreshCustomerFacts(db, input.workspaceId, { full: true });
	await refreshSegmentsForCustomers(db, input.workspaceId, facts.changedIds);
	await recordAudit(db, {
		workspaceId: input.workspaceId,
		actorUserId: input.actorUserId,
		action: 'workspace.updated',
		target: 'lifecycle rules',
		ip: input.ip,
		detail: { ...rules }
	});
	return { ok: true, changed: facts.changedStages };
}
