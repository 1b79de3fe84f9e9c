// The journeys REST API over HTTP against the built server: templates to published versions,
// the validator, status changes, stats, bad input, and one workspace never seeing another's.
import { createHash, randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrackingServer, type TrackingServer } from './tracking-server';

const TEMPLATES = [
	'welcome',
	'abandoned_cart',
	'post_purchase',
	'loyalty_milestone',
	'birthday',
	'win_back'
] as const;

interface Step {
	id: string;
	type: string;
	label?: string;
	[field: string]: unknown;
}
interface Definition {
	version: number;
	nodes: Step[];
	edges: { from: string; output: string; to: string }[];
	settings: Record<string, unknown>;
}
interface Problem {
	code: string;
	nodeId?: string;
	field?: string;
	message: string;
}
interface Journey {
	id: number;
	name: string;
	status: string;
	liveVersionId: number | null;
	draft: Definition;
}
interface Body extends Journey {
	version: number;
	versions: { id: number; number: number; publishedBy: string | null; definition: Definition }[];
	journeys: Journey[];
	valid: boolean;
	problems: Problem[];
	goalWindowDays: number;
	nodes: Record<string, unknown>;
	runs: Record<string, number>;
	conversionRate: number | null;
	revenueMinor: number;
	error: { code: string; message: string; problems?: Problem[] };
}

let server: TrackingServer;

/** A string body goes as it is (malformed JSON on purpose); anything else as JSON. */
async function api(
	path: string,
	method = 'GET',
	body?: unknown,
	key: string | null = server.secretKey
) {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (key) headers.authorization = `Bearer ${key}`;
	const response = await fetch(`${server.url}/api/v1/journeys${path}`, {
		method,
		headers,
		body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body)
	});
	return { status: response.status, body: (await response.json()) as Body };
}

async function create(input: Record<string, unknown>): Promise<Body> {
	const { status, body } = await api('', 'POST', input);
	expect(status, JSON.stringify(body).slice(0, 300)).toBe(201);
	return body;
}

/** The abandoned-cart template as the server hands it out, to edit into broken copies. */
async function cartDefinition(): Promise<Definition> {
	return (await create({ template: 'abandoned_cart' })).draft;
}

/** Without its last exit: order_goal's not_converted output leads nowhere. */
function unfinished(definition: Definition): Definition {
	return {
		...definition,
		nodes: definition.nodes.filter((n) => n.id !== 'done'),
		edges: definition.edges.filter((e) => e.to !== 'done')
	};
}

/**
 * A second shop with a secret key of its own, written into the database the way
 * tracking-server.ts writes the first (the key stored as its SHA-256); keys are looked up per
 * request, so the running server accepts it at once.
 */
function addWorkspace(): string {
	const key = `rg_secret_${randomBytes(20).toString('hex')}`;
	const db = new SQLite(server.dbFile);
	db.pragma('busy_timeout = 5000');
	try {
		const now = Date.now();
		const workspaceId = db
			.prepare(
				`insert into workspace (slug, name, currency, time_zone, created_at) values (?, ?, 'USD', 'UTC', ?)`
			)
			.run(`other-shop-${now}`, 'Another shop', now).lastInsertRowid;
		db.prepare(
			`insert into api_key (workspace_id, kind, name, prefix, key_hash, created_at) values (?, 'secret', ?, ?, ?, ?)`
		).run(
			workspaceId,
			'Other back office',
			key.slice(0, 16),
			createHash('sha256').update(key).digest('hex'),
			now
		);
	} finally {
		db.close();
	}
	return key;
}

beforeAll(async () => {
	server = await startTrackingServer({ port: 4631 });
}, 60_000);
afterAll(async () => server?.dispose());

describe('journeys over HTTP', () => {
	it('creates a draft from each of the six templates, lists them and reads one', async () => {
		const created: Body[] = [];
		for (const template of TEMPLATES) {
			const journey = await create({ template });
			expect(journey).toMatchObject({ status: 'draft', liveVersionId: null });
			expect(journey.name.length).toBeGreaterThan(0);
			expect(journey.draft.nodes.filter((n) => n.type.startsWith('entry_'))).toHaveLength(1);
			created.push(journey);
		}
		expect(new Set(created.map((j) => j.name)).size).toBe(6);
		const named = await create({ name: '  Cart reminder (EU)  ', template: 'abandoned_cart' });
		expect(named.name).toBe('Cart reminder (EU)');

		const list = await api('');
		expect(list.status).toBe(200);
		const ids = list.body.journeys.map((j) => j.id);
		for (const journey of created) expect(ids).toContain(journey.id);
		expect(ids).toEqual([...ids].sort((a, b) => b - a));

		const one = await api(`/${created[1]!.id}`);
		expect(one.status).toBe(200);
		expect(one.body).toMatchObject({ id: created[1]!.id, name: 'Abandoned cart', status: 'draft' });
		expect(one.body.draft).toEqual(created[1]!.draft);
		expect(one.body.versions).toEqual([]);
	});

	it('publishes a template as version 1 and a saved draft as version 2, newest first', async () => {
		const journey = await create({ template: 'abandoned_cart' });
		const first = await api(`/${journey.id}/publish`, 'POST');
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ id: journey.id, status: 'live', version: 1 });
		const v1 = await api(`/${journey.id}`);
		expect(v1.body.versions).toHaveLength(1);
		expect(v1.body.versions[0]).toMatchObject({
			number: 1,
			id: first.body.liveVersionId,
			publishedBy: null
		});
		expect(v1.body.versions[0]!.definition).toEqual(journey.draft);

		const draft = {
			...journey.draft,
			nodes: journey.draft.nodes.map((n) =>
				n.id === 'reminder_email' ? { ...n, label: 'Gentle reminder' } : n
			)
		};
		const saved = await api(`/${journey.id}`, 'PUT', { definition: draft });
		expect(saved.status).toBe(200);
		// Saving the draft leaves the live version alone until it is published.
		expect(saved.body).toMatchObject({ status: 'live', liveVersionId: first.body.liveVersionId });
		expect(saved.body.draft.nodes.find((n) => n.id === 'reminder_email')!.label).toBe(
			'Gentle reminder'
		);
		expect((await api(`/${journey.id}`)).body.versions).toHaveLength(1);

		const second = await api(`/${journey.id}/publish`, 'POST');
		expect(second.status).toBe(200);
		expect(second.body).toMatchObject({ status: 'live', version: 2 });
		const { body } = await api(`/${journey.id}`);
		expect(body.versions.map((v) => v.number)).toEqual([2, 1]);
		expect(body.liveVersionId).toBe(body.versions[0]!.id);
		const label = (v: number) =>
			body.versions[v]!.definition.nodes.find((n) => n.id === 'reminder_email')!.label;
		expect(label(0)).toBe('Gentle reminder');
		expect(label(1)).toBeUndefined();
	});

	it('lists problems: unreadable steps never save, wiring problems save but do not publish', async () => {
		const template = await cartDefinition();
		const sms = { ...template, nodes: [...template.nodes, { id: 'send_sms', type: 'sms' }] };
		const refused = await api('', 'POST', { name: 'SMS', definition: sms });
		expect(refused.status).toBe(400);
		expect(refused.body.error.code).toBe('definition_invalid');
		const problems = refused.body.error.problems!;
		expect(problems.length).toBeGreaterThan(0);
		for (const p of problems) {
			expect(typeof p.code).toBe('string');
			expect(p.message.length).toBeGreaterThan(0);
		}
		expect(problems).toContainEqual(
			expect.objectContaining({ code: 'node_type_unknown', nodeId: 'send_sms' })
		);

		const broken = unfinished(template);
		const checked = await api('/validate', 'POST', { definition: broken });
		expect(checked.status).toBe(200);
		expect(checked.body.valid).toBe(false);
		expect(checked.body.problems).toContainEqual(
			expect.objectContaining({ code: 'output_unconnected', nodeId: 'order_goal' })
		);
		expect((await api('/validate', 'POST', { definition: template })).body).toEqual({
			valid: true,
			problems: []
		});
		const garbage = await api('/validate', 'POST', { definition: 'not a journey' });
		expect(garbage.body.valid).toBe(false);
		expect(garbage.body.problems[0]!.code).toBe('definition_invalid');

		const draft = await create({ name: 'Unfinished cart', definition: broken });
		expect(draft.status).toBe('draft');
		const publish = await api(`/${draft.id}/publish`, 'POST');
		expect(publish.status).toBe(400);
		expect(publish.body.error.code).toBe('definition_invalid');
		expect(publish.body.error.problems).toContainEqual(
			expect.objectContaining({ code: 'output_unconnected', nodeId: 'order_goal' })
		);
		const after = await api(`/${draft.id}`);
		expect(after.body).toMatchObject({ status: 'draft', liveVersionId: null, versions: [] });
	});

	it('pauses, resumes and archives, refusing transitions that do not apply', async () => {
		const journey = await create({ template: 'welcome' });
		const act = async (action: string) => api(`/${journey.id}/${action}`, 'POST');
		for (const action of ['pause', 'resume']) {
			const refused = await act(action);
			expect(refused.status, `${action} a draft`).toBe(409);
			expect(refused.body.error.code).toBe('state_invalid');
		}
		expect((await act('publish')).body.status).toBe('live');
		expect((await act('resume')).status).toBe(409);
		const paused = await act('pause');
		expect([paused.status, paused.body.status]).toEqual([200, 'paused']);
		expect((await act('pause')).status).toBe(409);
		const resumed = await act('resume');
		expect([resumed.status, resumed.body.status]).toEqual([200, 'live']);
		const archived = await act('archive');
		expect([archived.status, archived.body.status]).toEqual([200, 'archived']);

		for (const [action, method, body] of [
			['edit', 'PUT', { name: 'Renamed' }],
			['publish', 'POST', undefined],
			['archive', 'POST', undefined],
			['resume', 'POST', undefined]
		] as const) {
			const path = action === 'edit' ? `/${journey.id}` : `/${journey.id}/${action}`;
			const refused = await api(path, method, body);
			expect(refused.status, `${action} an archived journey`).toBe(409);
			expect(refused.body.error.code).toBe('state_invalid');
		}
		expect((await api(`/${journey.id}`)).body).toMatchObject({
			status: 'archived',
			name: 'Welcome series'
		});
	});

	it('reports empty stats for a published journey nobody has entered', async () => {
		const journey = await create({ template: 'abandoned_cart' });
		expect((await api(`/${journey.id}/publish`, 'POST')).status).toBe(200);
		const { status, body } = await api(`/${journey.id}/stats`);
		expect(status).toBe(200);
		expect(body).toEqual({
			goalWindowDays: 3,
			nodes: {},
			runs: { total: 0, active: 0, completed: 0, converted: 0, exited: 0, failed: 0, holdout: 0 },
			conversionRate: null,
			revenueMinor: 0
		});
		// The runs of one version: the same empty answer for the one published.
		const first = await api(`/${journey.id}/stats?version=1`);
		expect(first.status).toBe(200);
		expect(first.body).toEqual(body);
		const missing = await api(`/${journey.id}/stats?version=2`);
		expect(missing.status).toBe(404);
		expect(missing.body.error.code).toBe('version_not_found');
	});

	it('refuses bad input with clear errors and never answers 500', async () => {
		const { id } = await create({ template: 'birthday' });
		const cases: [string, string, unknown, number, string][] = [
			['', 'POST', '{"name": ', 400, 'invalid_json'],
			['', 'POST', '[]', 400, 'invalid_body'],
			['', 'POST', 'null', 400, 'invalid_body'],
			['', 'POST', { name: 'x'.repeat(201), template: 'welcome' }, 400, 'name_invalid'],
			['', 'POST', { name: '   ', template: 'welcome' }, 400, 'name_invalid'],
			['', 'POST', { name: 'Cart', template: 'black_friday' }, 400, 'template_unknown'],
			['', 'POST', { name: 'Nothing' }, 400, 'definition_invalid'],
			['/validate', 'POST', '{"definition": }', 400, 'invalid_json'],
			['/validate', 'POST', '[]', 400, 'invalid_body'],
			['/validate', 'POST', { name: 'no definition' }, 400, 'invalid_body'],
			[`/${id}`, 'PUT', '[1]', 400, 'invalid_body'],
			[`/${id}`, 'PUT', { name: 'x'.repeat(201) }, 400, 'name_invalid'],
			[`/${id}`, 'PUT', { definition: { version: 1, nodes: [{}] } }, 400, 'definition_invalid'],
			['/abc', 'GET', undefined, 404, 'not_found'],
			['/0', 'GET', undefined, 404, 'not_found'],
			['/1.5', 'GET', undefined, 404, 'not_found'],
			['/999999', 'GET', undefined, 404, 'not_found'],
			['/abc/stats', 'GET', undefined, 404, 'not_found'],
			['/999999/stats', 'GET', undefined, 404, 'not_found'],
			[`/${id}/stats?version=0`, 'GET', undefined, 400, 'invalid_query'],
			[`/${id}/stats?version=-1`, 'GET', undefined, 400, 'invalid_query'],
			[`/${id}/stats?version=1.5`, 'GET', undefined, 400, 'invalid_query'],
			[`/${id}/stats?version=two`, 'GET', undefined, 400, 'invalid_query'],
			[`/${id}/stats?version=`, 'GET', undefined, 400, 'invalid_query'],
			[`/${id}/stats?version=1`, 'GET', undefined, 404, 'version_not_found'],
			['/abc/publish', 'POST', undefined, 404, 'not_found'],
			[`/${id}/frobnicate`, 'POST', undefined, 404, 'not_found'],
			[`/999999`, 'PUT', { name: 'Ghost' }, 404, 'not_found']
		];
		for (const [path, method, body, status, code] of cases) {
			const response = await api(path, method, body);
			const what = `${method} ${path} ${typeof body === 'string' ? body : JSON.stringify(body)}`;
			expect(response.status, what).toBe(status);
			expect(response.body.error.code, what).toBe(code);
		}

		// `__proto__` arrives as an ordinary key: it must neither crash nor sneak in a definition.
		const template = (await api(`/${id}`)).body.draft;
		for (const raw of [
			'{"name": "Proto", "template": "welcome", "__proto__": {"definition": {"version": 9}}}',
			`{"name": "Proto", "__proto__": {"template": "welcome"}, "definition": ${JSON.stringify(template)}}`,
			`{"name": "Proto", "definition": ${JSON.stringify(template).replace('"nodes":[{', '"nodes":[{"__proto__":{"type":"exit"},')}}`
		]) {
			const response = await api('', 'POST', raw);
			expect([201, 400], raw.slice(0, 120)).toContain(response.status);
			if (response.status === 201)
				expect(JSON.stringify(response.body.draft)).not.toContain('__proto__');
		}
		expect((await api('')).status).toBe(200);

		const big = { name: 'Big', definition: { ...template, padding: 'x'.repeat(1_100_000) } };
		for (const [path, method] of [
			['', 'POST'],
			[`/${id}`, 'PUT'],
			['/validate', 'POST']
		]) {
			const huge = await api(path!, method, big);
			expect(huge.status, `${method} ${path}`).toBe(400);
			expect(huge.body.error.code).toBe('payload_too_large');
		}

		for (const [path, method] of [
			['', 'GET'],
			['', 'POST'],
			[`/${id}`, 'GET'],
			[`/${id}/publish`, 'POST'],
			[`/${id}/stats`, 'GET'],
			['/validate', 'POST']
		] as const) {
			const body = method === 'POST' ? { template: 'welcome' } : undefined;
			const write = await api(path, method, body, server.writeKey);
			expect(write.status, `${method} ${path} with a write key`).toBe(403);
			expect(write.body.error.code).toBe('key_kind_not_allowed');
			const none = await api(path, method, body, null);
			expect(none.status, `${method} ${path} without a key`).toBe(401);
			expect(none.body.error.code).toBe('key_missing');
		}
		expect((await api('', 'GET', undefined, 'rg_secret_nosuchkey')).body.error.code).toBe(
			'key_invalid'
		);
		// None of the refused calls changed the journey.
		expect((await api(`/${id}`)).body).toMatchObject({ status: 'draft', name: 'Birthday' });
	});

	it('keeps each workspace’s journeys to itself', async () => {
		const mine = await create({ template: 'win_back' });
		const otherKey = addWorkspace();
		const theirs = await api('', 'GET', undefined, otherKey);
		expect(theirs.status).toBe(200);
		expect(theirs.body.journeys).toEqual([]);
		for (const [path, method, body] of [
			[`/${mine.id}`, 'GET', undefined],
			[`/${mine.id}/stats`, 'GET', undefined],
			[`/${mine.id}/publish`, 'POST', undefined],
			[`/${mine.id}/archive`, 'POST', undefined],
			[`/${mine.id}`, 'PUT', { name: 'Taken over' }]
		] as const) {
			const response = await api(path, method, body, otherKey);
			expect(response.status, `${method} ${path} from another workspace`).toBe(404);
			expect(response.body.error.code).toBe('not_found');
		}
		const own = await api('', 'POST', { template: 'welcome' }, otherKey);
		expect(own.status).toBe(201);
		expect((await api('', 'GET', undefined, otherKey)).body.journeys.map((j) => j.id)).toEqual([
			own.body.id
		]);
		expect((await api('')).body.journeys.map((j) => j.id)).not.toContain(own.body.id);
		expect((await api(`/${own.body.id}`)).status).toBe(404);
		// What the other workspace tried changed nothing here.
		expect((await api(`/${mine.id}`)).body).toMatchObject({
			name: 'Win-back',
			status: 'draft',
			versions: []
		});
	});
});
