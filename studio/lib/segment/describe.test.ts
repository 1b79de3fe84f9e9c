import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type Params } from '../i18n/translate';
import { describeSegment } from './describe';
import type { SegmentDefinition } from './definition';
import { parseSegment } from './validate';

const en = (key: MessageKey, params?: Params) => translate('en', key, params);
const zh = (key: MessageKey, params?: Params) => translate('zh-CN', key, params);

function definition(children: unknown[], marketing = false, op = 'and'): SegmentDefinition {
	const parsed = parseSegment({ version: 1, marketing, root: { type: 'group', op, children } });
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
	return parsed.definition;
}

describe('describeSegment', () => {
	it('describes an empty segment', () => {
		expect(describeSegment(definition([]), en)).toBe('every customer');
		expect(describeSegment(definition([], true), en)).toBe(
			'every customer (who have not opted out of marketing)'
		);
	});

	it('reads like the issue’s examples, in both languages', () => {
		const rules = definition([
			{
				type: 'event',
				name: 'Order Completed',
				occurred: 'at_least',
				count: 2,
				within: { days: 90 }
			},
			{
				type: 'group',
				op: 'or',
				children: [
					{ type: 'fact', fact: 'lifecycle_stage', operator: 'in', value: ['new', 'growing'] },
					{
						type: 'event',
						name: 'Order Completed',
						occurred: 'none',
						count: 0,
						within: { days: 60 }
					}
				]
			},
			{
				type: 'event',
				name: 'Product Viewed',
				occurred: 'at_least',
				count: 1,
				within: null,
				property: { key: 'category', operator: 'eq', value: 'Tea' }
			}
		]);
		expect(describeSegment(rules, en)).toBe(
			'Order Completed at least 2 times in the last 90 days and (Lifecycle stage is one of New, Growing or no Order Completed in the last 60 days) and Product Viewed at least 1 time with category is “Tea”'
		);
		expect(describeSegment(rules, zh)).toContain('Order Completed 至少 2 次，最近 90 天内');
		expect(describeSegment(rules, zh)).toContain('生命周期阶段属于 新顾客、成长期');
	});

	it('describes facts, column traits and ranges', () => {
		const rules = definition(
			[
				{ type: 'fact', fact: 'revenue_minor', operator: 'between', value: [100, 500] },
				{ type: 'trait', key: 'consent', operator: 'neq', value: 'denied' },
				{ type: 'trait', key: 'birthday', operator: 'exists', value: null }
			],
			false,
			'or'
		);
		expect(describeSegment(rules, en)).toBe(
			'Revenue is between 100 and 500 or Marketing consent is not “denied” or birthday is set'
		);
	});
});
