import { describe, expect, it } from 'vitest';
import { resultsSummary } from './results-summary';
import { comparison, variantResult, winningResults } from './results-fixture';

describe('resultsSummary', () => {
	it('says which variant wins, by how much, how sure, and that it can be rolled out', () => {
		const summary = resultsSummary('en', winningResults());
		expect(summary.tone).toBe('good');
		expect(summary.sentences).toEqual([
			'Variant B converts 12% better than control (95% interval +3% to +21%).',
			'The chance it is better is 99%.',
			'Sample ratio is fine.',
			'You can roll it out.'
		]);
	});

	it('writes the same in Chinese', () => {
		const summary = resultsSummary('zh-CN', winningResults());
		expect(summary.sentences[0]).toBe('Variant B 的转化率比对照组高 12%（95% 区间 +3% 至 +21%）。');
		expect(summary.sentences).toContain('样本比例正常。');
		expect(summary.sentences.at(-1)).toBe('可以全量发布了。');
	});

	it('says how many more days to wait while collecting', () => {
		const results = winningResults({
			verdict: { status: 'collecting', reasons: [{ code: 'underpowered', value: 9 }] },
			power: { ...winningResults().power, daysToReach: 8.2 }
		});
		const summary = resultsSummary('en', results);
		expect(summary.tone).toBe('neutral');
		expect(summary.sentences).toContain('Too early: keep the test running about 9 more days.');
		expect(summary.sentences[0]).toMatch(/^So far Variant B converts 12% better than control/);
		expect(summary.sentences).not.toContain('You can roll it out.');
	});

	it('uses the reason’s days when the plan has none, and one day at least', () => {
		const base = winningResults();
		const results = winningResults({
			verdict: { status: 'collecting', reasons: [{ code: 'too_few_units', value: 0.2 }] },
			power: { ...base.power, daysToReach: null }
		});
		expect(resultsSummary('en', results).sentences).toContain(
			'Too early: keep the test running about 1 more day.'
		);
	});

	it('asks to wait for traffic when nobody has been exposed', () => {
		const base = winningResults();
		const results = winningResults({
			variants: base.variants.map((v) => ({ ...v, units: 0, conversions: 0, conversion: null })),
			srm: null,
			verdict: { status: 'collecting', reasons: [{ code: 'no_units' }] }
		});
		const summary = resultsSummary('en', results);
		expect(summary.sentences).toEqual([
			'No visitor has seen a variant yet. Start the test and come back once traffic arrives.'
		]);
	});

	it('distrusts everything on a sample ratio mismatch', () => {
		const results = winningResults({
			srm: { chiSquare: 30, pValue: 0.00002, mismatch: true },
			verdict: { status: 'srm', reasons: [{ code: 'srm', value: 0.00002 }] }
		});
		const summary = resultsSummary('en', results);
		expect(summary.tone).toBe('bad');
		expect(summary.sentences[0]).toContain('(p = < 0.001)');
		expect(summary.sentences).not.toContain('Sample ratio is fine.');
	});

	it('warns about a worse guardrail instead of recommending the roll-out', () => {
		const results = winningResults({
			verdict: {
				status: 'guardrail',
				variant: 'b',
				reasons: [{ code: 'guardrail_worse', variant: 'b', event: 'Order Refunded' }]
			}
		});
		const summary = resultsSummary('en', results);
		expect(summary.tone).toBe('warning');
		expect(summary.sentences).toContain(
			'But a guardrail got worse (Order Refunded): look into it before rolling out.'
		);
		expect(summary.sentences).not.toContain('You can roll it out.');
	});

	it('reports a loser and a flat result', () => {
		const base = winningResults();
		const losing = winningResults({
			variants: [
				base.variants[0]!,
				variantResult({
					key: 'b',
					name: 'Variant B',
					conversion: comparison(-0.2, -0.3, -0.1, 0.001)
				})
			],
			verdict: { status: 'loser', variant: 'b', reasons: [] }
		});
		expect(resultsSummary('en', losing).sentences).toEqual([
			'Variant B converts 20% worse than control (95% interval -30% to -10%).',
			'Sample ratio is fine.',
			'Keep the control.'
		]);
		const flat = winningResults({
			power: { ...base.power, mdeNow: 0.05 },
			verdict: { status: 'flat', reasons: [{ code: 'not_significant' }] }
		});
		expect(resultsSummary('en', flat).sentences[0]).toBe(
			'No clear difference: the test could detect a change of about 5% and found none. You can stop it and keep the control.'
		);
	});

	it('uses the always-valid interval, relative to the control, in sequential mode', () => {
		// Difference interval 0.003-0.01 to 0.021+0.01 over a control rate of 0.1.
		const summary = resultsSummary('en', winningResults({ sequential: true }));
		expect(summary.sentences[0]).toBe(
			'Variant B converts 12% better than control (95% interval -7% to +31%).'
		);
	});

	it('mentions contamination and a rolled-out winner', () => {
		const base = winningResults();
		const results = winningResults({
			contaminated: 3,
			experiment: { ...base.experiment, status: 'stopped', winner: 'b' }
		});
		const sentences = resultsSummary('en', results).sentences;
		expect(sentences).toContain('3 visitors saw more than one variant and are left out.');
		expect(sentences.at(-1)).toBe('Variant B has been rolled out to every visitor.');
	});
});
