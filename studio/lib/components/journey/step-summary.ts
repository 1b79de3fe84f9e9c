/**
 * The one line a node shows under its type: what it listens for, waits for or sends. Pure, with
 * the translator passed in, so the node component stays markup.
 */
import type { JourneyNode } from '$lib/journey/definition';

type Translate = (key: string, values?: Record<string, string | number>) => string;

const HOUR = 60;
const DAY = 24 * HOUR;

/** `1 d 2 h`, `45 min`: the largest two units, which is all a node has room for. */
export function formatMinutes(minutes: number, t: Translate): string {
	const days = Math.floor(minutes / DAY);
	const hours = Math.floor((minutes % DAY) / HOUR);
	const mins = minutes % HOUR;
	const parts: string[] = [];
	if (days) parts.push(t('journeyCanvas.unit.days', { n: days }));
	if (hours) parts.push(t('journeyCanvas.unit.hours', { n: hours }));
	if (mins && parts.length < 2) parts.push(t('journeyCanvas.unit.minutes', { n: mins }));
	return parts.slice(0, 2).join(' ') || t('journeyCanvas.unit.minutes', { n: 0 });
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

export function stepSummary(
	step: JourneyNode,
	t: Translate,
	segments: ReadonlyMap<number, string>
): string {
	const missing = t('journeyCanvas.summary.missing');
	const event = (name: string) => name || missing;
	switch (step.type) {
		case 'entry_event':
			return step.filters.length
				? t('journeyCanvas.summary.eventFiltered', {
						event: event(step.event),
						n: step.filters.length
					})
				: event(step.event);
		case 'entry_segment':
			return segments.get(step.segmentId) ?? missing;
		case 'entry_date':
			return t('journeyCanvas.summary.date', { trait: step.trait, days: step.offsetDays });
		case 'entry_inactivity':
			return t('journeyCanvas.summary.inactivity', { event: event(step.event), days: step.days });
		case 'entry_churn':
			return t('journeyCanvas.summary.churn', { percent: Math.round(step.threshold * 100) });
		case 'delay':
			if (step.delay.kind === 'duration') return formatMinutes(step.delay.minutes, t);
			if (step.delay.kind === 'time_of_day')
				return t('journeyCanvas.summary.until', {
					time: `${pad(step.delay.hour)}:${pad(step.delay.minute)}`
				});
			return t('journeyCanvas.summary.untilDate', {
				trait: step.delay.trait,
				days: step.delay.offsetDays
			});
		case 'wait_event':
			return t('journeyCanvas.summary.wait', {
				event: event(step.event),
				time: formatMinutes(step.timeoutMinutes, t)
			});
		case 'condition':
			return t(`journeyCanvas.summary.checks.${step.match}`, { n: step.checks.length });
		case 'split':
			return [
				...step.variants.map((v) => `${v.key} ${Math.round(v.weight * 100)}%`),
				...(step.holdout > 0
					? [`${t('journeyCanvas.output.holdout')} ${Math.round(step.holdout * 100)}%`]
					: [])
			].join(' · ');
		case 'goal':
			return t('journeyCanvas.summary.goal', {
				event: event(step.event),
				time: formatMinutes(step.windowMinutes, t)
			});
		case 'email':
			return step.subject || missing;
		case 'webhook':
			return step.url || missing;
		case 'offer':
			return step.title || missing;
		case 'update_profile':
			if (step.change.kind === 'set_trait')
				return `${step.change.key || missing} = ${String(step.change.value)}`;
			return `${step.change.kind === 'add_tag' ? '+' : '−'} ${step.change.tag || missing}`;
		case 'award_points':
			return t('journeyCanvas.summary.points', { n: step.points });
		case 'exit':
			return '';
	}
}
