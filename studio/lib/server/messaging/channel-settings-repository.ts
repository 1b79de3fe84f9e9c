import type { Selectable } from 'kysely';
import type { Db } from '../db/connect';
import type { ChannelSettingsTable } from '../db/schema';

export type ChannelSettingsRow = Selectable<ChannelSettingsTable>;

/** The stored row, with the password and webhook secret still sealed. */
export async function findChannelSettingsRow(
	db: Db,
	workspaceId: number
): Promise<ChannelSettingsRow | undefined> {
	return db
		.selectFrom('channel_settings')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.executeTakeFirst();
}

/**
 * Gives the workspace a webhook secret unless it already has one. Two instances doing this at once
 * both end up reading the one that won, so receivers never see the secret change under them.
 */
export async function ensureWebhookSecret(
	db: Db,
	workspaceId: number,
	sealedSecret: string,
	now: number
): Promise<void> {
	await db
		.insertInto('channel_settings')
		.values({ workspace_id: workspaceId, webhook_secret: sealedSecret, updated_at: now })
		.onConflict((oc) => oc.column('workspace_id').doNothing())
		.execute();
	await db
		.updateTable('channel_settings')
		.set({ webhook_secret: sealedSecret, updated_at: now })
		.where('workspace_id', '=', workspaceId)
		.where('webhook_secret', 'is', null)
		.execute();
}

export interface ChannelSettingsWrite {
	smtpHost: string | null;
	smtpPort: number | null;
	smtpSecure: boolean;
	smtpUser: string | null;
	/** Sealed. */
	smtpPassword: string | null;
	fromAddress: string | null;
	capPerDay: number | null;
	capPerWeek: number | null;
	globalHoldout: number;
}

/** Writes everything but the webhook secret, which only `replaceWebhookSecret` changes. */
export async function upsertChannelSettings(
	db: Db,
	workspaceId: number,
	values: ChannelSettingsWrite,
	now: number
): Promise<void> {
	const columns = {
		smtp_host: values.smtpHost,
		smtp_port: values.smtpPort,
		smtp_secure: values.smtpSecure ? 1 : 0,
		smtp_user: values.smtpUser,
		smtp_password: values.smtpPassword,
		from_address: values.fromAddress,
		cap_per_day: values.capPerDay,
		cap_per_week: values.capPerWeek,
		global_holdout: values.globalHoldout,
		updated_at: now
	};
	await db
		.insertInto('channel_settings')
		.values({ workspace_id: workspaceId, webhook_secret: null, ...columns })
		.onConflict((oc) => oc.column('workspace_id').doUpdateSet(columns))
		.execute();
}

export async function replaceWebhookSecret(
	db: Db,
	workspaceId: number,
	sealedSecret: string,
	now: number
): Promise<void> {
	await db
		.insertInto('channel_settings')
		.values({ workspace_id: workspaceId, webhook_secret: sealedSecret, updated_at: now })
		.onConflict((oc) =>
			oc.column('workspace_id').doUpdateSet({ webhook_secret: sealedSecret, updated_at: now })
		)
		.execute();
}
