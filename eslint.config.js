import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'data/',
			'sdk/dist/',
			'recommender/dist/',
			'test-results/',
			'playwright-report/',
			'node_modules/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommendedTypeChecked,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				// The packages' tests sit outside their build tsconfigs (so no test .d.ts ships).
				projectService: {
					allowDefaultProject: [
						'sdk/src/*.test.ts',
						'sdk/src/core/*.test.ts',
						'recommender/src/*.test.ts'
					]
				},
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		}
	},
	{
		// The packages' build tsconfigs leave their tests out (so no test .d.ts ships); their
		// tsconfig.test.json files cover sources and tests alike.
		files: ['sdk/src/**/*.ts', 'recommender/src/**/*.ts'],
		languageOptions: {
			parserOptions: {
				projectService: false,
				project: ['./sdk/tsconfig.test.json', './recommender/tsconfig.test.json'],
				tsconfigRootDir: import.meta.dirname
			}
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { parser: ts.parser, svelteConfig }
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			// Pages link with plain hrefs built from the workspace slug; resolve() adds nothing here.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
		...ts.configs.disableTypeChecked
	}
);
