import { sql } from 'kysely';
import { createApiKey, KEY_PREFIX } from '../api-key/api-key-service';
import { hashPassword } from '../auth/password';
import { findUserByEmail, insertUser, updateUser } from '../auth/user-repository';
import type { Db } from '../db/connect';
import { createExperiment } from '../experiment/experiment-service';
import { createWorkspace } from '../workspace/workspace-service';
import { generateDemoShop } from './generator';
import { anyWorkspaceExists, insertDemoShop, lockDemoSeed } from './seed-repository';

// The demo credentials are printed at start-up and in the README, so they are public by design,
// like any demo password. Fixed key secrets keep printed keys (and the example storefront that
// uses them) working across restarts. Production installs run with DEMO=0.
export const DEMO_EMAIL = 'demo@regulars.local';
export const DEMO_PASSWORD = 'regulars-demo';
export const DEMO_WRITE_KEY_SECRET = 'demowritekeyforthestorefrontofregulars2';
export const DEMO_SECRET_KEY_SECRET = 'demosecretkeyforthebackofficeofregulars';
export const DEMO_WORKSPACE_NAME = 'Regulars Demo Shop';
export const DEMO_EXPERIMENT_KEY = 'home-banner';
/** Changing it changes every demo shop seeded afterwards; existing ones are never touched. */
export const DEMO_DATA_SEED = 'regulars-demo-shop';

export interface DemoCredentials {
	email: string;
	password: string;
	writeKey: string;
	secretKey: string;
}

export interface DemoSeedResult extends DemoCredentials {
	seeded: boolean;
}

export interface DemoSize {
	customers?: number;
	products?: number;
}

export function demoCredentials(): DemoCredentials {
	return {
		email: DEMO_EMAIL,
		password: DEMO_PASSWORD,
		writeKey: KEY_PREFIX.write + DEMO_WRITE_KEY_SECRET,
		secretKey: KEY_PREFIX.secret + DEMO_SECRET_KEY_SECRET
	};
}

/**
 * Seeds the demo workspace when the database has no workspace at all: a user, a workspace, two
 * API keys and a year of shop data ending at `now`. All of it commits in one transaction, so an
 * interrupted start leaves nothing behind and the next start tries again.
 */
export async function seedDemoIfEmpty(
	db: Db,
	now = Date.now(),
	size: DemoSize = {}
): Promise<DemoSeedResult> {
	const credentials = demoCredentials();
	if (await anyWorkspaceExists(db)) return { seeded: false, ...credentials };

	// The slow, pure parts run before the transaction so it holds its locks only while writing.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const shop = generateDemoShop({ seed: DEMO_DATA_SEED, now, ...size });

	const seeded = await db.transaction().execute(async (trx) => {
		// Instances starting together queue here; all but the first then find a workspace.
		await lockDemoSeed(trx);
		if (await anyWorkspaceExists(trx)) return false;

		// The demo user can outlive its workspace (deleted by hand): reuse it rather than fail.
		const existing = await findUserByEmail(trx, DEMO_EMAIL);
		const userId =
			existing?.id ??
			(await insertUser(trx, {
				email: DEMO_EMAIL,
				name: 'Demo Marketer',
				password_hash: passwordHash,
				locale: null,
				last_workspace_id: null,
				created_at: now,
				password_changed_at: now
			}));

		const workspace = await createWorkspace(
			trx,
			{
				name: DEMO_WORKSPACE_NAME,
				ownerId: userId,
				currency: shop.currency,
				timeZone: 'America/New_York',
				ip: null
			},
			now
		);
		if (!workspace.ok) throw new Error(`demo workspace: ${workspace.error}`);
		const workspaceId = workspace.workspace.id;
		await updateUser(trx, userId, { last_workspace_id: workspaceId });

		for (const [kind, name, secret] of [
			['write', 'Demo storefront', DEMO_WRITE_KEY_SECRET],
			['secret', 'Demo back office', DEMO_SECRET_KEY_SECRET]
		] as const) {
			const key = await createApiKey(
				trx,
				{ workspaceId, kind, name, createdBy: userId, ip: null },
				now,
				secret
			);
			if (!key.ok) throw new Error(`demo ${kind} key: ${key.error}`);
		}

		await insertDemoShop(trx, workspaceId, shop);
		// A running experiment, so the demo storefront's banner shows what `variant()` does.
		const experiment = await createExperiment(
			trx,
			{
				workspaceId,
				key: DEMO_EXPERIMENT_KEY,
				name: 'Home page banner',
				status: 'running',
				coverage: 1,
				variants: [
					{ key: 'control', name: 'New arrivals', weight: 0.5 },
					{ key: 'free-shipping', name: 'Free shipping', weight: 0.5 }
				],
				createdBy: userId
			},
			now
		);
		if (!experiment.ok) throw new Error(`demo experiment: ${experiment.error.code}`);
		return true;
	});
	// Fresh statistics for the planner: without them PostgreSQL picks the wrong index for event
	// counts (seconds instead of milliseconds) until autovacuum gets round to it.
	if (seeded) await sql`analyze`.execute(db);
	return { seeded, ...credentials };
}
