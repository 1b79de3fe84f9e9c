import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dist = here('./dist');
// An explicit path, so the build never falls back to the root tsconfig, which extends a file
// SvelteKit generates and which may not exist.
const tsconfig = here('./tsconfig.json');

// Files of a deleted module would otherwise linger in dist and ship.
rmSync(dist, { recursive: true, force: true });

/**
 * The TypeScript plugin writes a declaration for every file in the tsconfig, including the
 * script-tag entry, which this build does not ship; drop declarations that lack their module.
 */
const onlyShippedDeclarations = () => ({
	name: 'only-shipped-declarations',
	generateBundle(_options, bundle) {
		for (const fileName of Object.keys(bundle)) {
			if (fileName.endsWith('.d.ts') && !(fileName.replace(/\.d\.ts$/, '.js') in bundle)) {
				delete bundle[fileName];
			}
		}
	}
});

export default [
	{
		// The storefront script tag: one self-contained file with no exports.
		input: here('./src/script.ts'),
		output: {
			file: `${dist}/regulars.min.js`,
			format: 'iife',
			plugins: [terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false } })]
		},
		plugins: [
			nodeResolve({ browser: true }),
			// Declarations come from the package build below; TypeScript rejects a declarationDir
			// without declaration, hence both overrides.
			typescript({ tsconfig, declaration: false, declarationDir: undefined })
		]
	},
	{
		// The npm package: one file per module so bundlers can tree-shake, with declarations.
		input: [here('./src/index.ts'), here('./src/core/index.ts')],
		output: {
			dir: dist,
			format: 'es',
			preserveModules: true,
			preserveModulesRoot: here('./src'),
			entryFileNames: '[name].js'
		},
		plugins: [
			nodeResolve(),
			typescript({ tsconfig, declarationDir: dist }),
			onlyShippedDeclarations()
		]
	}
];
