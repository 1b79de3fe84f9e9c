import { fail } from '@sveltejs/kit';
import { field } from '$lib/server/http/form';
import { requireWorkspace } from '$lib/server/http/guards';
import { isImportKind } from '$lib/server/import/mapping';
import {
	deleteImportPreset,
	importFields,
	importJobs,
	presetChoices,
	saveImportPreset
} from '$lib/server/import/preset-service';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event, 'content.edit');
	const { db } = runtime();
	const [jobs, presets] = await Promise.all([
		importJobs(db, workspace.id),
		presetChoices(db, workspace.id)
	]);
	return {
		jobs: jobs.map((j) => ({
			id: j.id,
			kind: j.kind,
			fileName: j.fileName,
			status: j.status,
			rowsOk: j.rowsOk,
			rowsSkipped: j.rowsSkipped,
			rowsFailed: j.rowsFailed,
			createdAt: j.createdAt,
			finishedAt: j.finishedAt
		})),
		presets,
		fields: importFields()
	};
};

export const actions: Actions = {
	savePreset: async (event) => {
		const { workspace } = await requireWorkspace(event, 'content.edit');
		const form = await event.request.formData();
		const kind = field(form, 'kind', 20);
		if (!isImportKind(kind)) return fail(400, { preset: { error: 'mapping_invalid' as const } });
		let mapping: unknown;
		try {
			mapping = JSON.parse(field(form, 'mapping', 20_000));
		} catch {
			return fail(400, { preset: { error: 'mapping_invalid' as const } });
		}
		const result = await saveImportPreset(runtime().db, {
			workspaceId: workspace.id,
			kind,
			name: field(form, 'name', 200),
			mapping
		});
		if (!result.ok) return fail(400, { preset: { error: result.error } });
		return { preset: { saved: `saved:${result.id}` } };
	},
	deletePreset: async (event) => {
		const { workspace } = await requireWorkspace(event, 'content.edit');
		const form = await event.request.formData();
		const id = Number(field(form, 'id', 20));
		const deleted = await deleteImportPreset(
			runtime().db,
			workspace.id,
			Number.isSafeInteger(id) ? id : 0
		);
		if (!deleted) return fail(404, { deleted: false });
		return { deleted: true };
	}
};
