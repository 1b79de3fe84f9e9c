// How a churn probability reads in the studio, shared by the profile page and the rule-based
// score (which is anchored on the same thresholds, so "declining" reads as medium risk).

export type ChurnLevel = 'low' | 'medium' | 'high';
export const CHURN_LEVELS: readonly ChurnLevel[] = ['low', 'medium', 'high'];

/** Below `medium`: low; below `high`: medium; from `high` on: high. */
export const CHURN_THRESHOLDS = { medium: 0.3, high: 0.6 } as const;

export function churnLevel(risk: number): ChurnLevel {
	if (risk < CHURN_THRESHOLDS.medium) return 'low';
	return risk < CHURN_THRESHOLDS.high ? 'medium' : 'high';
}

/** Whole percent for display: 0.0704 -> 7. */
export function churnPercent(risk: number): number {
	return Math.round(risk * 100);
}
