// What the import pages read and save: jobs, built-in and saved presets, the mapping preview.
import type { Db } from '../db/connect';
import type { ImportKind } from '../db/schema';
import { previewCsv, type CsvPreview } from './csv-source';
import {
	deletePreset,
	findJob,
	listJobs,
	listPresets,
	upsertPreset,
	type ImportJob,
	type SavedPreset
} from './job-repository';
import {
	guessMapping,
	IMPORT_FIELDS,
	normaliseMapping,
	validateMapping,
	type ImportMapping
} from './mapping';
import { BUILT_IN_PRESETS } from './presets';

export interface PresetChoice {
	/** `online-retail` for built-ins, `saved:<id>` for the workspace's own. */
	value: string;
	kind: ImportKind;
	label: string;
	builtIn: boolean;
	mapping: ImportMapping;
}

export async function presetChoices(db: Db, workspaceId: number): Promise<PresetChoice[]> {
	const saved: SavedPreset[] = await listPresets(db, workspaceId);
	return [
		...BUILT_IN_PRESETS.map((p) => ({
			value: p.name,
			kind: p.kind,
			label: p.label,
			builtIn: true,
			mapping: p.mapping
		})),
		...saved.map((p) => ({
			value: `saved:${p.id}`,
			kind: p.kind,
			label: p.name,
			builtIn: false,
			mapping: p.mapping
		}))
	];
}

/** Field names per kind, required ones first, for the mapping form. */
export function importFields(): Record<ImportKind, { field: string; required: boolean }[]> {
	const out = {} as Record<ImportKind, { field: string; required: boolean }[]>;
	for (const [kind, fields] of Object.entries(IMPORT_FIELDS) as [
		ImportKind,
		Record<string, { required: boolean }>
	][])
		out[kind] = Object.entries(fields).map(([field, def]) => ({ field, required: def.required }));
	return out;
}

export type SavePresetError = 'name_required' | 'mapping_invalid';

export async function saveImportPreset(
	db: Db,
	input: { workspaceId: number; kind: ImportKind; name: string; mapping: unknown }
): Promise<{ ok: true; id: number } | { ok: false; error: SavePresetError }> {
	const name = input.name.trim().replace(/\s+/g, ' ').slice(0, 100);
	if (!name) return { ok: false, error: 'name_required' };
	const mapping = normaliseMapping(input.kind, input.mapping);
	if (validateMapping(input.kind, mapping).length) return { ok: false, error: 'mapping_invalid' };
	return {
		ok: true,
		id: await upsertPreset(db, input.workspaceId, input.kind, name, mapping, Date.now())
	};
}

export async function deleteImportPreset(
	db: Db,
	workspaceId: number,
	id: number
): Promise<boolean> {
	return deletePreset(db, workspaceId, id);
}

export function importJobs(db: Db, workspaceId: number): Promise<ImportJob[]> {
	return listJobs(db, workspaceId, 50);
}

export function importJob(db: Db, workspaceId: number, id: number): Promise<ImportJob | null> {
	return findJob(db, workspaceId, id);
}

export function previewImport(
	head: Buffer,
	complete: boolean,
	kind: ImportKind
): CsvPreview & { suggested: ImportMapping } {
	const preview = previewCsv(head, complete);
	return { ...preview, suggested: guessMapping(kind, preview.headers) };
}
