import { describe, expect, it } from 'vitest';
import {
	checkExperimentForm,
	emptyExperimentForm,
	emptyVariant,
	formProblems,
	hasProblems,
	readExperimentForm,
	splitSkus,
	toDraftInput,
	type ExperimentFormValues
} from './experiment-form';

function filled(overrides: Partial<ExperimentFormValues> = {}): ExperimentFormValues {
	return { ...emptyExperimentForm(), key: 'home-offer', name: 'Home offer', ...overrides };
}

describe('readExperimentForm', () => {
	it('pairs the repeated variant fields by position', () => {
		const form = new FormData();
		form.set('key', 'home-offer');
		form.set('name', 'Home offer');
		form.set('coverage', '50');
		form.set('event', 'Order Completed');
		form.set('window_days', '7');
		for (const [key, title] of [
			['control', ''],
			['ten-off', '10% off']
		]) {
			form.append('variant_key', key!);
			form.append('variant_name', key!.toUpperCase());
			form.append('variant_weight', '1');
			form.append('variant_offer_title', title!);
			form.append('variant_offer_body', '');
			form.append('variant_offer_skus', title ? 'SKU-1, SKU-2' : '');
		}
		form.append('guardrail', 'Order Refunded');
		form.append('guardrail', '');
		const values = readExperimentForm(form);
		expect(values.variants).toHaveLength(2);
		expect(values.variants[1]).toMatchObject({
			key: 'ten-off',
			name: 'TEN-OFF',
			offerTitle: '10% off'
		});
		expect(values.guardrails).toEqual(['Order Refunded', '']);
		expect(values.segmentId).toBe('');
	});
});

describe('toDraftInput', () => {
	it('normalises weights to shares, coverage to a fraction, and keeps offers with content', () => {
		const values = filled({
			coverage: '25',
			variants: [
				emptyVariant('control', 'Control', '90'),
				{
					...emptyVariant('b', '', '10'),
					offerTitle: ' Free gift ',
					offerSkus: 'SKU-1,SKU-2 SKU-3'
				}
			]
		});
		const input = toDraftInput(values);
		expect(input.coverage).toBe(0.25);
		expect(input.variants.map((v) => v.weight)).toEqual([0.9, 0.1]);
		expect(input.variants[0]!.offer).toBeNull();
		// A variant without a name is called by its key.
		expect(input.variants[1]).toMatchObject({
			name: 'b',
			offer: { title: 'Free gift', body: '', skus: ['SKU-1', 'SKU-2', 'SKU-3'] }
		});
		// The default metric is stored as null ("Order Completed within 7 days").
		expect(input.metric).toBeNull();
		expect(input.segmentId).toBeNull();
	});

	it('keeps a chosen metric and segment', () => {
		const input = toDraftInput(
			filled({
				segmentId: '12',
				event: 'Signed Up',
				windowDays: '3',
				guardrails: ['Unsubscribed', ' ']
			})
		);
		expect(input.segmentId).toBe(12);
		expect(input.metric).toEqual({
			event: 'Signed Up',
			windowDays: 3,
			guardrails: ['Unsubscribed']
		});
	});

	it('turns what is not a number into NaN so validation names the field', () => {
		const input = toDraftInput(
			filled({
				coverage: 'all',
				windowDays: '7 days',
				variants: [emptyVariant('a', '', 'x'), emptyVariant('b')]
			})
		);
		expect(input.coverage).toBeNaN();
		expect(input.variants[0]!.weight).toBeNaN();
		expect(input.metric!.windowDays).toBeNaN();
	});
});

describe('form problems', () => {
	it('a filled default form has none', () => {
		const values = filled();
		expect(checkExperimentForm(values)).toEqual([]);
		expect(hasProblems(formProblems(values, []))).toBe(false);
	});

	it('puts each problem under its field, and variant problems under their variant', () => {
		const values = filled({
			key: 'Bad Key',
			name: '',
			coverage: '0',
			windowDays: '0',
			variants: [
				emptyVariant('control', '', '50'),
				{ ...emptyVariant('control', '', '-1'), offerSkus: 'SKU-1' }
			]
		});
		const problems = formProblems(values, checkExperimentForm(values));
		expect(problems.fields.key).toEqual(['key_invalid']);
		expect(problems.fields.name).toEqual(['name_missing']);
		expect(problems.fields.coverage).toEqual(['coverage_invalid']);
		expect(problems.fields.windowDays).toEqual(['metric_window_invalid']);
		expect(problems.variants[0]).toEqual([]);
		expect(problems.variants[1]).toEqual(
			expect.arrayContaining(['variant_key_duplicate', 'weight_invalid', 'offer_title_missing'])
		);
		expect(hasProblems(problems)).toBe(true);
	});

	it('maps the server’s own refusals', () => {
		const values = filled();
		const problems = formProblems(values, ['key_taken', 'segment_not_found', 'not_found']);
		expect(problems.fields).toEqual({
			key: ['key_taken'],
			segment: ['segment_not_found'],
			form: ['not_found']
		});
	});

	it('refuses a single variant and all-zero weights', () => {
		const one = filled({ variants: [emptyVariant('control')] });
		expect(formProblems(one, checkExperimentForm(one)).fields.variants).toEqual(['variants_count']);
		const zero = filled({ variants: [emptyVariant('a', '', '0'), emptyVariant('b', '', '0')] });
		expect(formProblems(zero, checkExperimentForm(zero)).fields.variants).toEqual(['weights_zero']);
	});
});

describe('splitSkus', () => {
	it('splits on commas, spaces and Chinese separators', () => {
		expect(splitSkus(' SKU-1, SKU-2\nSKU-3，SKU-4、SKU-5 ')).toEqual([
			'SKU-1',
			'SKU-2',
			'SKU-3',
			'SKU-4',
			'SKU-5'
		]);
		expect(splitSkus('  ')).toEqual([]);
	});
});
