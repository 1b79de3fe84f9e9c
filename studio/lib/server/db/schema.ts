import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../../auth/permissions';

/**
 * Every table the app uses. Times are epoch milliseconds and money is in minor units (cents), both
 * as integers, so the two dialects read and write the same values. JSON columns are text on SQLite
 * and jsonb on PostgreSQL; repositories parse them with `readJson`.
 */
export interface Database {
	workspace: WorkspaceTable;
	app_user: UserTable;
	membership: MembershipTable;
	session: SessionTable;
	invitation: InvitationTable;
	api_key: ApiKeyTable;
	audit_log: AuditLogTable;
	login_throttle: LoginThrottleTable;
	customer: CustomerTable;
	identity: IdentityTable;
	product: ProductTable;
	event: EventTable;
	shop_order: OrderTable;
	order_line: OrderLineTable;
	segment: SegmentTable;
	segment_membership: SegmentMembershipTable;
	segment_change: SegmentChangeTable;
	experiment: ExperimentTable;
	recommender_model: RecommenderModelTable;
	recommender_run: RecommenderRunTable;
	recommendation_interaction: RecommendationInteractionTable;
	import_job: ImportJobTable;
	import_error: ImportErrorTable;
	import_preset: ImportPresetTable;
	job_lease: JobLeaseTable;
	journey: JourneyTable;
	journey_version: JourneyVersionTable;
	enrollment: EnrollmentTable;
	journey_step: JourneyStepTable;
	message: MessageTable;
	journey_offer: JourneyOfferTable;
	loyalty_ledger: LoyaltyLedgerTable;
	channel_settings: ChannelSettingsTable;
	engine_cursor: EngineCursorTable;
	exposure: ExposureTable;
	marketing_cost: MarketingCostTable;
	lifecycle_snapshot: LifecycleSnapshotTable;
}

export type { Role };
export type ApiKeyKind = 'write' | 'secret';
export type Json = string | Record<string, unknown> | unknown[];

export interface WorkspaceTable {
	id: Generated<number>;
	slug: string;
	name: string;
	currency: string;
	time_zone: string;
	created_at: number;
	/** Per-workspace lifecycle thresholds; null means the documented defaults. */
	lifecycle_rules: Json | null;
}

export interface UserTable {
	id: Generated<number>;
	email: string;
	name: string;
	password_hash: string;
	locale: string | null;
	last_workspace_id: number | null;
	created_at: number;
	password_changed_at: number;
}

export interface MembershipTable {
	workspace_id: number;
	user_id: number;
	role: Role;
	created_at: number;
}

export interface SessionTable {
	/** Hex SHA-256 of the cookie token; the token itself is never stored. */
	id: string;
	user_id: number;
	expires_at: number;
	created_at: number;
}

export interface InvitationTable {
	id: Generated<number>;
	workspace_id: number;
	token_hash: string;
	role: Role;
	email: string | null;
	created_by: number;
	created_at: number;
	expires_at: number;
	accepted_at: number | null;
	accepted_by: number | null;
	revoked_at: number | null;
}

export interface ApiKeyTable {
	id: Generated<number>;
	workspace_id: number;
	kind: ApiKeyKind;
	name: string;
	/** The first characters of the key, shown so people can tell keys apart. */
	prefix: string;
	key_hash: string;
	created_by: number | null;
	created_at: number;
	last_used_at: number | null;
	revoked_at: number | null;
}

export interface AuditLogTable {
	id: Generated<number>;
	workspace_id: number;
	actor_user_id: number | null;
	action: string;
	target: string | null;
	ip: string | null;
	detail: Json | null;
	created_at: number;
}

export interface LoginThrottleTable {
	/** `account:<email>` or `ip:<address>`. */
	key: string;
	failures: number;
	window_started_at: number;
	locked_until: number | null;
}

export interface CustomerTable {
	id: Generated<number>;
	workspace_id: number;
	/** The shop's own user id (Segment `userId`); null for anonymous visitors. */
	external_id: string | null;
	email: string | null;
	name: string | null;
	traits: Json;
	consent: 'unknown' | 'granted' | 'denied';
	first_seen_at: number;
	last_seen_at: number;
	orders_count: Generated<number>;
	revenue_minor: Generated<number>;
	first_order_at: number | null;
	last_order_at: number | null;
	created_at: number;
	updated_at: number;
	avg_days_between_orders: number | null;
	/** RFM quintile scores, 1 (lowest) to 5 (best); null for customers without orders. */
	rfm_recency: number | null;
	rfm_frequency: number | null;
	rfm_monetary: number | null;
	value_tier: ValueTier | null;
	lifecycle_stage: Generated<LifecycleStage>;
	churn_risk: number | null;
	loyalty_points: Generated<number>;
	/** Set when events or orders changed the customer; the facts job recomputes and clears it. */
	facts_stale_at: number | null;
	/** Lower-cased email, name and user id, for the customers search box. */
	search_text: Generated<string>;
}

export type ValueTier = 'core' | 'potential' | 'regular' | 'lost';
export type LifecycleStage = 'prospect' | 'new' | 'growing' | 'mature' | 'declining' | 'churned';

export interface IdentityTable {
	workspace_id: number;
	anonymous_id: string;
	customer_id: number;
	created_at: number;
}

export interface ProductTable {
	id: Generated<number>;
	workspace_id: number;
	sku: string;
	name: string;
	category: string | null;
	price_minor: number;
	image_url: string | null;
	url: string | null;
	in_stock: number;
	created_at: number;
	updated_at: number;
}

export interface EventTable {
	id: Generated<number>;
	workspace_id: number;
	message_id: string;
	customer_id: number | null;
	anonymous_id: string | null;
	user_id: string | null;
	type: 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias';
	name: string | null;
	properties: Json;
	timestamp: number;
	received_at: number;
}

export interface OrderTable {
	id: Generated<number>;
	workspace_id: number;
	external_id: string;
	customer_id: number | null;
	source: 'web' | 'pos' | 'import';
	status: 'completed' | 'refunded' | 'cancelled';
	total_minor: number;
	currency: string;
	placed_at: number;
	created_at: number;
}

export interface OrderLineTable {
	id: Generated<number>;
	workspace_id: number;
	order_id: number;
	product_id: number | null;
	sku: string;
	name: string;
	quantity: number;
	price_minor: number;
}

export type Workspace = Selectable<WorkspaceTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type ApiKey = Selectable<ApiKeyTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type Invitation = Selectable<InvitationTable>;

export interface SegmentTable {
	id: Generated<number>;
	workspace_id: number;
	name: string;
	description: Generated<string>;
	/** The rule tree, validated by studio/lib/segment. */
	definition: Json;
	member_count: Generated<number>;
	evaluated_at: number | null;
	created_by: number | null;
	created_at: number;
	updated_at: number;
}

export interface SegmentMembershipTable {
	workspace_id: number;
	segment_id: number;
	customer_id: number;
	entered_at: number;
}

export interface SegmentChangeTable {
	id: Generated<number>;
	workspace_id: number;
	segment_id: number;
	customer_id: number;
	change: 'entered' | 'left';
	at: number;
}

export type ImportKind = 'customers' | 'products' | 'orders';

export interface ImportJobTable {
	id: Generated<number>;
	workspace_id: number;
	kind: ImportKind;
	file_name: string;
	preset: string | null;
	mapping: Json;
	status: 'running' | 'done' | 'failed';
	bytes_total: Generated<number>;
	bytes_done: Generated<number>;
	rows_ok: Generated<number>;
	rows_skipped: Generated<number>;
	rows_failed: Generated<number>;
	summary: Json | null;
	created_by: number | null;
	created_at: number;
	finished_at: number | null;
}

export interface ImportErrorTable {
	job_id: number;
	workspace_id: number;
	row_number: number;
	message: string;
	raw: string | null;
}

export interface ImportPresetTable {
	id: Generated<number>;
	workspace_id: number;
	kind: ImportKind;
	name: string;
	mapping: Json;
	created_at: number;
}

export interface JobLeaseTable {
	name: string;
	/** Which process holds the lease (host:pid:random). */
	holder: string;
	until: number;
}

export type ExperimentStatus = 'draft' | 'running' | 'stopped';

export interface ExperimentTable {
	id: Generated<number>;
	workspace_id: number;
	/** What storefronts pass to `regulars.variant(key)`; unique in the workspace. */
	key: string;
	name: string;
	description: Generated<string>;
	status: Generated<ExperimentStatus>;
	/** `[{ key, name, weight }]`, validated by studio/lib/experiment. */
	variants: Json;
	coverage: Generated<number>;
	/** The hash seed; the key unless the experiment was restarted with a fresh shuffle. */
	seed: string;
	created_by: number | null;
	created_at: number;
	updated_at: number;
	started_at: number | null;
	stopped_at: number | null;
	/** Only this segment's members take part (others see the default experience). */
	segment_id: number | null;
	/** `{ event, windowDays, guardrails }`; null: Order Completed within 7 days. */
	metric: Json | null;
	/** Set when the experiment mirrors a journey's A/B split node. */
	journey_id: number | null;
	node_id: string | null;
	/** The variant rolled out when the test ended. */
	winner: string | null;
}

export type ExposureSource = 'sdk' | 'journey';

/** One row per unit, experiment and variant: the first time the unit saw that variant. */
export interface ExposureTable {
	id: Generated<number>;
	workspace_id: number;
	experiment_id: number;
	/** The SDK's anonymous id, or `c:<customer id>` for journeys. */
	unit: string;
	customer_id: number | null;
	variant: string;
	source: ExposureSource;
	exposed_at: number;
}

export type CostKind =
	'email' | 'webhook' | 'offer' | 'point' | 'conversion' | 'fixed' | 'acquisition';

export interface MarketingCostTable {
	id: Generated<number>;
	workspace_id: number;
	kind: CostKind;
	/** For journey-specific costs (fixed, or a unit cost that differs per journey). */
	journey_id: number | null;
	/** `YYYY-MM` for fixed and acquisition costs. */
	month: string | null;
	/** Thousandths of the currency's minor unit. */
	amount_milli: number;
	updated_by: number | null;
	updated_at: number;
}

/** Customers per lifecycle stage and value tier at the end of a month. */
export interface LifecycleSnapshotTable {
	workspace_id: number;
	month: string;
	stage: string;
	tier: string;
	customers: number;
}

export interface RecommenderModelTable {
	id: Generated<number>;
	workspace_id: number;
	trained_at: number;
	/** `serialize()` of @regulars/recommender: typed arrays behind a JSON header. */
	snapshot: Uint8Array;
	snapshot_bytes: number;
	/** Offline evaluation on a hold-out of the training data (nDCG@10 and friends). */
	metrics: Json;
	/** Sizes and timings of the training run. */
	stats: Json;
}

export type RecommenderRunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface RecommenderRunTable {
	id: Generated<number>;
	workspace_id: number;
	trigger: 'schedule' | 'manual';
	status: RecommenderRunStatus;
	stage: Generated<string>;
	progress: Generated<number>;
	error: string | null;
	model_id: number | null;
	requested_by: number | null;
	created_at: number;
	started_at: number | null;
	finished_at: number | null;
}

export interface RecommendationInteractionTable {
	workspace_id: number;
	message_id: string;
	recommendation_id: string;
	sku: string;
	kind: 'view' | 'click';
	placement: string;
	customer_id: number | null;
	at: number;
}

export type JourneyStatus = 'draft' | 'live' | 'paused' | 'archived';

export interface JourneyTable {
	id: Generated<number>;
	workspace_id: number;
	name: string;
	status: JourneyStatus;
	/** The working copy the canvas edits (a JourneyDefinition). */
	draft: Json;
	live_version_id: number | null;
	created_by: number | null;
	created_at: number;
	updated_at: number;
}

export interface JourneyVersionTable {
	id: Generated<number>;
	workspace_id: number;
	journey_id: number;
	number: number;
	/** Frozen at publishing; customers inside keep theirs. */
	definition: Json;
	published_by: number | null;
	published_at: number;
}

export type EnrollmentStatus =
	'active' | 'completed' | 'converted' | 'exited' | 'failed' | 'holdout';

export interface EnrollmentTable {
	id: Generated<number>;
	workspace_id: number;
	journey_id: number;
	version_id: number;
	customer_id: number;
	status: EnrollmentStatus;
	node_id: string;
	visit: Generated<number>;
	wake_at: number | null;
	waiting_for: string | null;
	claimed_until: number | null;
	/** The entry event's properties and anything a step keeps for later (EnrollmentContext). */
	context: Json;
	entered_at: number;
	updated_at: number;
	ended_at: number | null;
	error: string | null;
}

export interface JourneyStepTable {
	id: Generated<number>;
	workspace_id: number;
	journey_id: number;
	version_id: number;
	enrollment_id: number;
	customer_id: number;
	node_id: string;
	outcome: string;
	detail: Json | null;
	at: number;
}

export type MessageChannel = 'email' | 'webhook' | 'offer';
export type MessageStatus = 'pending' | 'sending' | 'sent' | 'unconfirmed' | 'failed';

export interface MessageTable {
	id: Generated<number>;
	workspace_id: number;
	journey_id: number | null;
	enrollment_id: number | null;
	customer_id: number | null;
	node_id: string | null;
	channel: MessageChannel;
	idempotency_key: string;
	status: MessageStatus;
	attempts: Generated<number>;
	next_attempt_at: number | null;
	claimed_until: number | null;
	recipient: string | null;
	subject: string | null;
	payload: Json;
	error: string | null;
	provider_id: string | null;
	created_at: number;
	sent_at: number | null;
}

export interface JourneyOfferTable {
	id: Generated<number>;
	workspace_id: number;
	customer_id: number;
	message_id: number | null;
	placement: string;
	content: Json;
	expires_at: number;
	created_at: number;
}

export interface LoyaltyLedgerTable {
	id: Generated<number>;
	workspace_id: number;
	customer_id: number;
	points: number;
	reason: string;
	idempotency_key: string;
	created_at: number;
}

export interface ChannelSettingsTable {
	workspace_id: number;
	smtp_host: string | null;
	smtp_port: number | null;
	smtp_secure: Generated<number>;
	smtp_user: string | null;
	/** Encrypted (secret-box.ts): it must be usable, so it cannot be hashed. */
	smtp_password: string | null;
	from_address: string | null;
	/** Encrypted signing secret for webhooks (HMAC-SHA256). */
	webhook_secret: string | null;
	cap_per_day: number | null;
	cap_per_week: number | null;
	global_holdout: Generated<number>;
	updated_at: number;
}

export interface EngineCursorTable {
	name: string;
	position: number;
}
