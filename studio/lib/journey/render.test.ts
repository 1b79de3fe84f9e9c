import { describe, expect, it } from 'vitest';
import {
	escapeHtml,
	escapeJsonString,
	isKnownPlaceholder,
	placeholdersIn,
	renderTemplate,
	type TemplateVars
} from './render';

const vars: TemplateVars = {
	first_name: 'Ada',
	last_name: 'Lovelace',
	name: 'Ada Lovelace',
	email: 'ada@example.com',
	user_id: 'u-1',
	points: 1250,
	traits: { size: 'M', vip: true, score: 4.5, tags: ['a'], address: { city: 'X' }, none: null },
	entry: { cart_id: 'c-9', total: 59.9 }
};

describe('placeholdersIn', () => {
	it('lists trimmed names once, in order of appearance', () => {
		expect(placeholdersIn('Hi {{ first_name }}, {{traits.shoe size}} {{first_name}} {{}}')).toEqual(
			['first_name', 'traits.shoe size', '']
		);
		expect(placeholdersIn('no {placeholders} here {{ a }')).toEqual([]);
		// The shared global pattern carries no state from one call to the next.
		expect(placeholdersIn('{{a}}')).toEqual(['a']);
		expect(placeholdersIn('{{a}}')).toEqual(['a']);
	});
});

describe('isKnownPlaceholder', () => {
	it.each([
		['first_name', true],
		['points', true],
		['traits.size', true],
		['entry.order id', true],
		['traits.', false],
		['traits.__proto__', false],
		['entry.a"b', false],
		['coupon', false],
		['Traits.size', false]
	])('%s -> %s', (name, known) => {
		expect(isKnownPlaceholder(name)).toBe(known);
	});
});

describe('renderTemplate', () => {
	it('fills customer fields, traits and entry properties', () => {
		expect(
			renderTemplate(
				'{{first_name}} {{ last_name }} <{{email}}> #{{user_id}} has {{points}} points, size {{traits.size}}, cart {{entry.cart_id}} ({{entry.total}})',
				vars
			)
		).toBe('Ada Lovelace <ada@example.com> #u-1 has 1250 points, size M, cart c-9 (59.9)');
		expect(renderTemplate('{{name}}', vars)).toBe('Ada Lovelace');
	});

	it('prints scalars and nothing for anything else', () => {
		expect(
			renderTemplate(
				'[{{traits.vip}}|{{traits.score}}|{{traits.tags}}|{{traits.address}}|{{traits.none}}]',
				vars
			)
		).toBe('[true|4.5|||]');
		expect(renderTemplate('[{{traits.off}}]', { traits: { off: false }, entry: {} })).toBe(
			'[false]'
		);
		expect(renderTemplate('[{{points}}]', { points: NaN, traits: {}, entry: {} })).toBe('[]');
	});

	it('turns unknown and missing names into empty text', () => {
		const bare: TemplateVars = { traits: {}, entry: {} };
		expect(renderTemplate('Hi {{first_name}}!{{coupon}}{{traits.x}}{{entry.y}}{{}}', bare)).toBe(
			'Hi !'
		);
		expect(renderTemplate('Hi {{first_name}}', { ...bare, first_name: null })).toBe('Hi ');
	});

	it('never reads prototype properties', () => {
		const polluted = JSON.parse('{"__proto__": "gotcha", "own": "yes"}') as Record<string, unknown>;
		const bare: TemplateVars = { traits: polluted, entry: {} };
		expect(
			renderTemplate(
				'[{{traits.__proto__}}|{{traits.toString}}|{{traits.constructor}}|{{entry.hasOwnProperty}}|{{traits.own}}]',
				bare
			)
		).toBe('[||||yes]');
		expect(
			renderTemplate('[{{traits.x}}]', {
				traits: Object.create({ x: 'inherited' }) as Record<string, unknown>,
				entry: {}
			})
		).toBe('[]');
	});

	it('escapes values, not the template', () => {
		const evil: TemplateVars = { first_name: '<b>"Tom" & \'Jerry\'</b>', traits: {}, entry: {} };
		expect(renderTemplate('<p>{{first_name}}</p>', evil, escapeHtml)).toBe(
			'<p>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</p>'
		);
		const body = renderTemplate('{"name": "{{first_name}}"}', evil, escapeJsonString);
		expect(body).toBe('{"name": "<b>\\"Tom\\" & \'Jerry\'</b>"}');
		expect(JSON.parse(body)).toEqual({ name: '<b>"Tom" & \'Jerry\'</b>' });
	});
});

describe('escapes', () => {
	it('escapes HTML special characters', () => {
		expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
		expect(escapeHtml('&amp;')).toBe('&amp;amp;');
	});

	it('produces the inside of a JSON string literal', () => {
		expect(escapeJsonString('line\nbreak "quoted" \\ tab\t')).toBe(
			'line\\nbreak \\"quoted\\" \\\\ tab\\t'
		);
		expect(escapeJsonString('\u2028')).toBe('\u2028');
		expect(escapeJsonString('\u0001')).toBe('\\u0001');
	});
});
