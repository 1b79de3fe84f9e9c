import { expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { VERSION } from './index.js';

it('reports the package version', () => {
	expect(VERSION).toBe(pkg.version);
});
