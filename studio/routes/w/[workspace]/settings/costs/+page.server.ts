import { fail } from '@sveltejs/kit';
import { UNIT_COST_KINDS, type UnitCostKind } from '$lib/dashboard/costs';
import {
	costSettings,
	removeMonthlyCost,
	saveMonthlyCost,
	saveUnitCosts
} from '$lib/server/dashboard/cost-service';
import { requireWorkspace } from '$lib/server/http/guards';
import { field } from '$lib/server/http/form';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workspace } = await requireWorkspace(event);
	return { costs: await costSettings(runtime().db, workspace.id) };
};

export const actions: Actions = {
	units: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'content.edit');
		const form = await event.request.formData();
		const values = Object.fromEntries(
			UNIT_COST_KINDS.map((kind) => [kind, field(form, kind, 40)])
		) as Record<UnitCostKind, string>;
		const result = await saveUnitCosts(runtime().db, {
			workspaceId: workspace.id,
			currency: workspace.currency,
			userId: user.id,
			values
		});
		if (!result.ok)
			return fail(400, { action: 'units' as const, values, problems: result.problems });
		return { action: 'units' as const, saved: true };
	},
	monthly: async (event) => {
		const { user, workspace } = await requireWorkspace(event, 'content.edit');
		const form = await event.request.formData();
		const values = {
			kind: field(form, 'kind', 20),
			month: field(form, 'month', 20),
			journey: field(form, 'journey', 20),
			amount: field(form, 'amount', 40)
		};
		const result = await saveMonthlyCost(runtime().db, {
			workspaceId: workspace.id,
			currency: workspace.currency,
			userId: user.id,
			values
		});
		if (!result.ok)
			return fail(400, {
				action: 'monthly' as const,
				monthly: values,
				monthlyProblems: result.problems
			});
		return { action: 'monthly' as const, saved: true };
	},
	remove: async (event) => {
		const { workspace } = await requireWorkspace(event, 'content.edit');
		const form = await event.request.formData();
		const result = await removeMonthlyCost(
			runtime().db,
			workspace.id,
			Number(field(form, 'id', 20))
		);
		if (!result.ok) return fail(404, { action: 'remove' as const, missing: true });
		return { action: 'remove' as const, saved: true };
	}
};
