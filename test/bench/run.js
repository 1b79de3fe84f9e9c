// `npm run bench [-- <name>]`: runs test/bench/<name>.bench.ts (all of them without a name). Each
// benchmark prints its figures last, one per line, as `metric: value unit`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv[2];
const all = readdirSync(here)
	.filter((f) => f.endsWith('.bench.ts'))
	.map((f) => f.replace(/\.bench\.ts$/, ''));
const chosen = wanted ? all.filter((name) => name === wanted) : all;
if (!chosen.length) {
	console.error(`No benchmark named "${wanted}". There are: ${all.join(', ')}`);
	process.exit(1);
}
let failed = 0;
for (const name of chosen) {
	console.log(`\n# ${name}`);
	const result = spawnSync('npx', ['tsx', join(here, `${name}.bench.ts`)], { stdio: 'inherit' });
	if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
