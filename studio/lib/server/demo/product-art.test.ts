import { describe, expect, it } from 'vitest';
import { demoProductSvg } from './product-art';

describe('demoProductSvg', () => {
	it('draws the same picture for the same SKU and different ones for different SKUs', () => {
		const a = demoProductSvg('SKU-00001');
		expect(a).toContain('<svg');
		expect(a).toContain('SKU-00001');
		expect(demoProductSvg('SKU-00001')).toBe(a);
		expect(demoProductSvg('SKU-00002')).not.toBe(a);
	});

	it('refuses anything that is not a demo SKU', () => {
		for (const sku of ['', 'SKU-1', '<script>', 'SKU-00001"/><script>', '../etc/passwd'])
			expect(demoProductSvg(sku)).toBeNull();
	});
});
