import { fnv1a } from '@regulars/sdk/core';

const SKU_PATTERN = /^SKU-\d{5}$/;

/**
 * A placeholder picture for a demo product: a tile whose colours come from the SKU, so every
 * product looks different and the same product always looks the same. Real shops store their own
 * image URLs; this only keeps the demo catalogue from showing broken images. Null for anything
 * but a demo SKU, so the route cannot be made to draw arbitrary text.
 */
export function demoProductSvg(sku: string): string | null {
	if (!SKU_PATTERN.test(sku)) return null;
	const h = fnv1a(sku);
	const hue = h % 360;
	const accent = (hue + 40 + ((h >>> 9) % 80)) % 360;
	const shape = (h >>> 17) % 3;
	const figure =
		shape === 0
			? `<circle cx="200" cy="180" r="90" fill="hsl(${accent} 70% 60%)"/>`
			: shape === 1
				? `<rect x="115" y="95" width="170" height="170" rx="24" fill="hsl(${accent} 70% 60%)"/>`
				: `<path d="M200 80 L300 260 L100 260 Z" fill="hsl(${accent} 70% 60%)"/>`;
	return (
		'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img">' +
		`<rect width="400" height="400" fill="hsl(${hue} 45% 92%)"/>${figure}` +
		`<text x="200" y="340" text-anchor="middle" font-family="sans-serif" font-size="28" fill="hsl(${hue} 30% 30%)">${sku}</text></svg>`
	);
}
