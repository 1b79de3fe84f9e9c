// `npm test`: every check the project has, in the order that fails fastest, on a fresh machine too.
// 1. find a Chromium (or install one), 2. lint + types, 3. vitest (unit, SQLite, PostgreSQL),
// 4. build, 5. Playwright end-to-end against the built server.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** @type {{ name: string, ok: boolean, seconds: number }[]} */
const steps = [];

/**
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
function run(name, command, args, env = {}) {
	console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
	const started = Date.now();
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	const ok = result.status === 0;
	steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 100) / 10 });
	return ok;
}

/** @param {string} binary */
function which(binary) {
	const result = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : null;
}

/** A system Chromium when there is one; else Debian's package; else Playwright's own download. */
function findChromium() {
	const candidates = [
		process.env.REGULARS_CHROMIUM,
		'/usr/bin/chromium',
		'/usr/bin/chromium-browser',
		'/usr/bin/google-chrome',
		'/usr/bin/google-chrome-stable'
	].filter((path) => typeof path === 'string' && path.length > 0);
	const found = candidates.find((path) => existsSync(/** @type {string} */ (path)));
	if (found) {
		console.log(`Browser: using ${found}.`);
		return found;
	}
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (which('apt-get') && isRoot) {
		console.log(
			'Browser: no Chromium found; installing Debian’s chromium and fonts-liberation with apt-get…'
		);
		const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
		const install = spawnSync(
			'apt-get',
			['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation'],
			{ stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }
		);
		if (update.status === 0 && install.status === 0 && existsSync('/usr/bin/chromium')) {
			console.log('Browser: installed /usr/bin/chromium.');
			return '/usr/bin/chromium';
		}
		console.log('Browser: apt-get could not install Chromium.');
	}
	console.log(
		'Browser: falling back to Playwright’s own Chromium download (npx playwright install chromium).'
	);
	const download = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
	if (download.status !== 0) {
		console.error(
			'Browser: no Chromium could be found or installed; the browser tests cannot run.'
		);
		process.exit(1);
	}
	return '';
}

const chromium = findChromium();

// Types first: `check` runs `svelte-kit sync`, whose generated types the linter's rules read.
const ok =
	run('types (svelte-check)', 'npm', ['run', 'check']) &&
	run('format and lint', 'npm', ['run', 'lint']) &&
	// Built before vitest: the HTTP tests in test/api start the built server.
	run('build', 'npm', ['run', 'build']) &&
	run('unit, database and HTTP tests (vitest)', 'npx', ['vitest', 'run']) &&
	run(
		'browser tests (playwright)',
		'npx',
		['playwright', 'test', '-c', 'test/e2e/playwright.config.ts'],
		{
			REGULARS_CHROMIUM: chromium
		}
	);

console.log('\nSummary:');
for (const step of steps)
	console.log(`  ${step.ok ? 'ok  ' : 'FAIL'} ${step.name} (${step.seconds} s)`);
const failed = steps.filter((s) => !s.ok).length;
console.log(`steps: ${steps.length - failed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
