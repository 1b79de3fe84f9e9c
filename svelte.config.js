import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// REGULARS_BUILD_DIR / REGULARS_KIT_DIR let a second build (e.g. a benchmark's) run beside
		// the main one without the two overwriting each other.
		adapter: adapter({ out: process.env.REGULARS_BUILD_DIR ?? 'build', precompress: true }),
		outDir: process.env.REGULARS_KIT_DIR ?? '.svelte-kit',
		files: {
			routes: 'studio/routes',
			lib: 'studio/lib',
			appTemplate: 'studio/app.html',
			errorTemplate: 'studio/error.html',
			assets: 'studio/static',
			hooks: {
				server: 'studio/hooks.server',
				client: 'studio/hooks.client',
				universal: 'studio/hooks'
			},
			params: 'studio/params'
		},
		// The studio uses the packages' sources directly so one build serves all rooms.
		alias: {
			'@regulars/sdk/core': 'sdk/src/core/index.ts',
			'@regulars/sdk/snippet': 'sdk/src/snippet.ts',
			'@regulars/recommender': 'recommender/src/index.ts'
		},
		// The origin check lives in hooks.server.ts (see lib/server/http/csrf.ts): it accepts every
		// name the studio is reached by, where SvelteKit's accepts one fixed origin.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'https:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'frame-ancestors': ['none'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
