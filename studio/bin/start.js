// `npm start`: check the configuration, build when the sources changed since the last build, then
// serve. The server itself migrates the database and seeds the demo workspace (hooks `init`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { publicUrl, readConfig } = await tsImport('../lib/server/config.ts', import.meta.url);

const result = readConfig(process.env);
if (!result.ok) {
	console.error('Regulars cannot start: the configuration is invalid.');
	for (const error of result.errors) console.error(`  - ${error}`);
	process.exit(1);
}

const SOURCES = [
	'studio',
	'sdk/src',
	'recommender/src',
	'package.json',
	'package-lock.json',
	'svelte.config.js',
	'vite.config.ts'
];

/** @param {string} path @returns {number} */
function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = stat.mtimeMs;
	for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
	return latest;
}

const built = join(root, 'build', 'handler.js');
const sourcesChanged = Math.max(...SOURCES.map((p) => newest(join(root, p))));
if (!existsSync(built) || statSync(built).mtimeMs < sourcesChanged) {
	console.log('Building the studio (first start, or the sources changed)…');
	const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

// adapter-node reads ORIGIN as it loads and would otherwise assume https, breaking forms and
// links on a plain-http install.
process.env.ORIGIN ||= publicUrl(result.config);
// CSV uploads stream hundreds of megabytes; hooks.server.ts keeps every other route at 2 MB.
process.env.BODY_SIZE_LIMIT ||= '210M';
await import('./serve.js');
