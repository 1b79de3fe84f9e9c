// `npm run import -- --workspace <slug> --kind orders --preset online-retail <file.csv[.gz]>`:
// imports a CSV file into a workspace through the same service as the studio's upload page.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';

const { readConfig } = await tsImport('../lib/server/config.ts', import.meta.url);
const { connect } = await tsImport('../lib/server/db/connect.ts', import.meta.url);
const { migrateToLatest } = await tsImport('../lib/server/db/migrate.ts', import.meta.url);
const { importFile, resolveMapping } = await tsImport(
	'../lib/server/import/import-service.ts',
	import.meta.url
);
const { isImportKind } = await tsImport('../lib/server/import/mapping.ts', import.meta.url);

const USAGE = `Usage: npm run import -- --workspace <slug> --kind <customers|products|orders>
         (--preset <online-retail|saved:<id>> | --mapping '<json>') <file.csv[.gz]>

  --mapping takes {"columns":{"<field>":"<column header>"},"options":{...}}, e.g.
  {"columns":{"sku":"Code","name":"Title","price":"Price"}}`;

let args;
try {
	args = parseArgs({
		allowPositionals: true,
		options: {
			workspace: { type: 'string' },
			kind: { type: 'string' },
			preset: { type: 'string' },
			mapping: { type: 'string' },
			help: { type: 'boolean', short: 'h' }
		}
	});
} catch (error) {
	console.error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
	process.exit(2);
}
const { values, positionals } = args;
if (values.help) {
	console.log(USAGE);
	process.exit(0);
}
const file = positionals[0];
if (
	!values.workspace ||
	!isImportKind(values.kind) ||
	!file ||
	(!values.preset && !values.mapping)
) {
	console.error(USAGE);
	process.exit(2);
}
let size;
try {
	size = statSync(file).size;
} catch {
	console.error(`Cannot read ${file}.`);
	process.exit(2);
}
let mappingInput;
if (values.mapping) {
	try {
		mappingInput = JSON.parse(values.mapping);
	} catch {
		console.error('--mapping is not valid JSON.');
		process.exit(2);
	}
}

const config = readConfig(process.env);
if (!config.ok) {
	console.error('Cannot import: the configuration is invalid.');
	for (const error of config.errors) console.error(`  - ${error}`);
	process.exit(1);
}
const { db, dialect } = connect(config.config);
let exitCode = 0;
try {
	await migrateToLatest(db);
	const workspace = await db
		.selectFrom('workspace')
		.select(['id', 'currency'])
		.where('slug', '=', values.workspace)
		.executeTakeFirst();
	if (!workspace) {
		console.error(`There is no workspace "${values.workspace}" in the ${dialect} database.`);
		exitCode = 1;
	} else {
		const resolved = await resolveMapping(db, Number(workspace.id), values.kind, {
			preset: values.preset ?? null,
			mapping: mappingInput
		});
		if (!resolved.ok) {
			console.error(`Cannot import: ${resolved.error}`);
			for (const detail of resolved.details ?? []) console.error(`  - ${JSON.stringify(detail)}`);
			exitCode = 1;
		} else {
			const started = Date.now();
			let last = 0;
			const result = await importFile(
				db,
				{
					workspaceId: Number(workspace.id),
					kind: values.kind,
					fileName: basename(file),
					preset: resolved.preset,
					mapping: resolved.mapping,
					workspaceCurrency: workspace.currency,
					bytesTotal: size,
					createdBy: null
				},
				createReadStream(file),
				{
					/** @param {{ bytesDone: number, bytesTotal: number, rowsOk: number, rowsSkipped: number, rowsFailed: number }} p */
					onProgress: (p) => {
						if (Date.now() - last < 1000) return;
						last = Date.now();
						const share = p.bytesTotal ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 0;
						process.stdout.write(
							`  ${share}%  ${p.rowsOk} imported, ${p.rowsSkipped} skipped, ${p.rowsFailed} failed\n`
						);
					}
				}
			);
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			const p = result.progress;
			console.log(
				`Import job ${result.jobId} ${result.status} in ${seconds} s: ${p.rowsOk} rows imported, ` +
					`${p.rowsSkipped} skipped, ${p.rowsFailed} failed.`
			);
			console.log(JSON.stringify(result.summary, null, 2));
			if (p.rowsFailed)
				console.log('The failed rows and why are in the error report on the studio import page.');
			if (result.status !== 'done') exitCode = 1;
		}
	}
} finally {
	await db.destroy();
}
process.exit(exitCode);
