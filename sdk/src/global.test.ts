import { describe, expect, it } from 'vitest';
import { hash } from './core/index.js';
import { createGlobal, installGlobal, type RegularsGlobal } from './global.js';
import { VERSION } from './version.js';

describe('installGlobal', () => {
	it('installs version, hash and chooseVariant', () => {
		const target: { regulars?: RegularsGlobal } = {};
		expect(installGlobal(target)).toBe(true);
		expect(target.regulars?.version).toBe(VERSION);
		expect(target.regulars?.hash('seed', 'a')).toBe(hash('seed', 'a'));
		expect(target.regulars?.chooseVariant(0.7, [[0.5, 1]])).toBe(0);
	});

	it('leaves a copy already installed alone', () => {
		const first = createGlobal();
		const target = { regulars: first };
		expect(installGlobal(target)).toBe(false);
		expect(target.regulars).toBe(first);
	});

	it('replaces a value that is not an installed copy', () => {
		const target: { regulars?: unknown } = { regulars: [] };
		expect(installGlobal(target)).toBe(true);
		expect((target.regulars as RegularsGlobal).version).toBe(VERSION);
	});

	it('never throws on a hostile window', () => {
		const frozen = Object.freeze({});
		expect(installGlobal(frozen)).toBe(false);
		const trapped = Object.defineProperty({}, 'regulars', {
			get() {
				throw new Error('trap');
			}
		});
		expect(() => installGlobal(trapped)).not.toThrow();
		expect(installGlobal(trapped)).toBe(false);
	});
});

describe('createGlobal', () => {
	it('turns bad arguments from the host page into harmless fallbacks', () => {
		const api = createGlobal() as unknown as Record<string, (...args: unknown[]) => unknown>;
		expect(api.hash?.(Symbol('seed'), 'a')).toBeNaN();
		expect(api.chooseVariant?.(0.5, null)).toBe(-1);
		expect(api.chooseVariant?.(api.hash?.(Symbol('seed'), 'a'), [[0, 1]])).toBe(-1);
	});
});

describe('script entry', () => {
	it('installs nothing when imported under Node', async () => {
		expect('window' in globalThis).toBe(false);
		await import('./script.js');
		expect('regulars' in globalThis).toBe(false);
	});
});
