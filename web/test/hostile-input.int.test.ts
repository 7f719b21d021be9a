import { randomUUID } from 'node:crypto';
import { PROBLEM_CONTENT_TYPE, TOPICS, topicName } from '@billstream/contracts';
import { gatewayWebhookSecret, signatureHeader } from '@billstream/payments';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, BASE_URL, toApiResponse } from './support/api';
import { endOffsets } from './support/commandLog';
import { closeFixtures, createUser, db } from './support/fixtures';
import { type HostileBody, hostileBodies, hostileParam, type JsonSchema } from './support/hostileValues';
import { SEED_ADMIN, Session } from './support/session';

/**
 * Hostile input on the real stack: every POST/PUT/PATCH route of the OpenAPI
 * document gets seeded property-based bodies that are invalid by
 * construction (a wrong-typed or missing field, a non-object root, malformed
 * JSON), with extremes, odd Unicode, 100 KB strings, deep nesting and extra
 * fields around it. Each answer must be a 4xx problem, never a 5xx (imports,
 * which answer 202 and validate in the background, must end `failed` by
 * refusal with nothing imported); nothing may be written or published; every
 * processor must still be ready after.
 * A failure prints its seed: HOSTILE_SEED=<seed> replays the whole run.
 */

/** Runs per route: ~50 routes stay inside the seeded admin's command budget (600 per minute) and two minutes. */
const HOSTILE_RUNS_PER_ROUTE = 10;
const HOSTILE_SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : Date.now() % 2 ** 31;
/** A 429 waits out its Retry-After at most this often per request (other files may have spent the budget). */
const RATE_LIMIT_RETRIES_MAX = 2;
const FAILURE_CHARS_MAX = 1_500;
/** Imports answer 202 with a job and validate the file in the background: polls of 100 ms for its verdict. */
const IMPORT_POLLS_MAX = 300;
/** What a job says when the import crashed instead of refusing rows (importJobs.ts): a 500 in disguise. */
const IMPORT_CRASH_MESSAGE = 'The import failed and nothing was imported; try again';
const SUITE_TIMEOUT_MS = 240_000;

/** Routes that end or rotate the caller's own session: sent without one, as any stranger could. */
const SESSION_ENDING = new Set(['POST /api/auth/logout', 'POST /api/auth/logout-all', 'POST /api/auth/refresh']);
const WEBHOOK_ROUTE = 'POST /api/v1/webhooks/{gateway}';
/** The first path segment before an id, and the table real ids come from (the admin's organization). */
const PARAM_TABLES: Record<string, string> = {
  accounts: 'billing_accounts',
  holds: 'holds',
  categories: 'categories',
  products: 'products',
  invoices: 'invoices',
  plans: 'plans',
  subscriptions: 'subscriptions',
  'payment-methods': 'payment_methods',
  payments: 'payments',
  roles: 'roles',
};
/** Tables only the web app writes: an invalid request must leave their row counts alone. */
const WEB_TABLES = [
  'categories',
  'products',
  'configurations',
  'roles',
  'users',
  'api_tokens',
  'payment_methods',
  'verification_tokens',
  'master_data_outbox',
  'idempotency_keys',
] as const;
/** Topics the web app publishes commands to: an invalid request must add nothing. */
const COMMAND_TOPICS = [
  TOPICS.transactionCommands,
  TOPICS.billingCommands,
  TOPICS.subscriptionCommands,
  TOPICS.paymentCommands,
  TOPICS.masterData,
  TOPICS.usageEvents,
].map((spec) => topicName(spec, process.env.KAFKA_TOPIC_PREFIX ?? ''));
const PROCESSOR_PORT_ENVS = [
  'LEDGER_PORT',
  'BILLING_PORT',
  'ANALYTICS_PORT',
  'ACTIVITY_PORT',
  'SUBSCRIPTIONS_PORT',
  'PAYMENTS_PORT',
  'USAGE_PORT',
  'WEBHOOKS_PORT',
] as const;

interface Operation {
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
interface Route {
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly operation: Operation;
}

// ─── The stack ───────────────────────────────────────────────────────────────

let admin: Session;
let hostileAdminEmail = '';
let organizationId: string;
let routes: Route[];
const realIds = new Map<string, string>();

async function realIdFor(segment: string): Promise<string> {
  const cached = realIds.get(segment);
  if (cached) return cached;
  let rows: { id: string }[] = [];
  if (segment === 'configurations') {
    rows = await db().$queryRawUnsafe(
      'SELECT key AS id FROM configurations WHERE organization_id = $1::uuid LIMIT 1',
      organizationId,
    );
  } else if (segment === 'users') {
    // Never the admin itself: a body that slipped through must not lock the suite out.
    rows = await db().$queryRawUnsafe(
      'SELECT id::text AS id FROM users WHERE organization_id = $1::uuid AND email <> $2 AND email <> $3 LIMIT 1',
      organizationId,
      SEED_ADMIN.email,
      hostileAdminEmail,
    );
  } else if (PARAM_TABLES[segment]) {
    rows = await db().$queryRawUnsafe(
      `SELECT id::text AS id FROM ${PARAM_TABLES[segment]} WHERE organization_id = $1::uuid LIMIT 1`,
      organizationId,
    );
  }
  const id = rows[0]?.id ?? randomUUID();
  realIds.set(segment, id);
  return id;
}

/** The route's path with real ids where a body is validated, hostile ones where the route takes no body. */
async function pathFor(route: Route, param: string): Promise<string> {
  const segments = route.path.split('/');
  const filled: string[] = [];
  let hostileSent = false;
  for (const [index, segment] of segments.entries()) {
    if (!segment.startsWith('{')) filled.push(segment);
    else if (route.key === WEBHOOK_ROUTE) filled.push('bank');
    // One hostile param per path: two of the longest (2 × 12,000 encoded
    // chars) pass Node's 16 KiB header limit, which answers 431 before the app.
    else if (!route.operation.requestBody && !hostileSent) {
      filled.push(param);
      hostileSent = true;
    } else if (!route.operation.requestBody) filled.push(randomUUID());
    else filled.push(encodeURIComponent(await realIdFor(segments[index - 1] ?? '')));
  }
  return filled.join('/');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isAnonymous(route: Route): boolean {
  return route.operation.security?.length === 0 || SESSION_ENDING.has(route.key) || route.key === WEBHOOK_ROUTE;
}

async function send(route: Route, path: string, body: HostileBody): Promise<ApiResponse> {
  const anonymous = isAnonymous(route);
  for (let attempt = 0; ; attempt += 1) {
    let response: ApiResponse;
    if (route.key === WEBHOOK_ROUTE) {
      // Signed, so the hostile body gets past the signature check into the parser.
      const secret = gatewayWebhookSecret(process.env.PAYMENTS_WEBHOOK_SECRET ?? '', 'bank');
      const signature = signatureHeader(secret, Math.floor(Date.now() / 1000), body.raw);
      const answer = await fetch(`${BASE_URL}${path}`, {
        method: route.method,
        headers: { 'content-type': 'application/json', 'billstream-signature': signature },
        body: body.raw,
      });
      response = await toApiResponse(answer);
    } else if (anonymous) {
      const answer = await fetch(`${BASE_URL}${path}`, {
        method: route.method,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: body.raw,
      });
      response = await toApiResponse(answer);
    } else {
      response = await admin.request(route.method, path, { body: body.raw });
    }
    if (response.status !== 429 || attempt >= RATE_LIMIT_RETRIES_MAX) return response;
    await sleep(Number(response.headers.get('retry-after') ?? 1) * 1_000);
  }
}

interface ImportJobAnswer {
  status: string;
  created: number;
  updated: number;
  message: string | null;
  links?: { self: string };
}

/** An import job's final state: a hostile file must fail whole, by refusal, not by a crash. */
async function wrongImport(response: ApiResponse): Promise<string | null> {
  const self = (response.body as ImportJobAnswer).links?.self;
  if (!self) return `answered 202 without a job link`;
  for (let poll = 0; poll < IMPORT_POLLS_MAX; poll += 1) {
    const job = (await admin.get<ImportJobAnswer>(self)).body;
    if (job.status === 'failed' && job.message === IMPORT_CRASH_MESSAGE) return 'crashed the import job';
    if (job.status === 'failed') return job.created + job.updated === 0 ? null : 'imported rows, then failed';
    if (job.status === 'succeeded') return `imported it (${job.created} created, ${job.updated} updated)`;
    await sleep(100);
  }
  return 'left the import job unfinished';
}

/** Why an answer to a hostile body is wrong, or null when it is a proper refusal. */
async function wrongAnswer(route: Route, response: ApiResponse): Promise<string | null> {
  const type = response.headers.get('content-type') ?? '';
  // Logging out without a session may well succeed: those routes read no body.
  const mayAccept = SESSION_ENDING.has(route.key);
  if (response.status >= 500) return `answered ${response.status}`;
  // Refusals that never looked at the body would make the run prove nothing.
  if (response.status === 429) return 'stayed rate limited: the body was never tried';
  if (response.status === 401 && !isAnonymous(route)) return 'lost the admin session: the body was never tried';
  if (response.status === 202 && route.path.endsWith('/import')) return wrongImport(response);
  if (response.status < 400 && !mayAccept) return `accepted it (${response.status})`;
  if (response.status >= 400 && !type.includes(PROBLEM_CONTENT_TYPE)) return `answered ${response.status} as ${type}`;
  return null;
}

async function tableCounts(): Promise<Record<string, number>> {
  const select = WEB_TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ');
  const rows = await db().$queryRawUnsafe<Record<string, number>[]>(`SELECT ${select}`);
  return rows[0]!;
}

async function commandOffsets(): Promise<Record<string, string>> {
  const entries = await Promise.all(
    COMMAND_TOPICS.map(async (topic) => {
      const offsets = await endOffsets(topic);
      return [...offsets].map(([partition, end]) => [`${topic}/${partition}`, end.toString()] as const);
    }),
  );
  return Object.fromEntries(entries.flat());
}

async function checkRoute(route: Route): Promise<string | null> {
  const body = route.operation.requestBody?.content['application/json']?.schema;
  const property = fc.asyncProperty(hostileBodies(body), hostileParam, async (hostile, param) => {
    const path = await pathFor(route, param);
    const response = await send(route, path, hostile);
    const wrong = await wrongAnswer(route, response);
    if (wrong) {
      const shown =
        hostile.raw.length > 300 ? `${hostile.raw.slice(0, 300)}… (${hostile.raw.length} chars)` : hostile.raw;
      // The verdict first: a long hostile path would push it past FAILURE_CHARS_MAX.
      const shownPath = path.length > 300 ? `${path.slice(0, 300)}… (${path.length} chars)` : path;
      throw new Error(`${wrong} at ${shownPath}: ${JSON.stringify(response.body)?.slice(0, 300)}; body ${shown}`);
    }
  });
  const details = await fc.check(property, { seed: HOSTILE_SEED, numRuns: HOSTILE_RUNS_PER_ROUTE, endOnFailure: true });
  if (!details.failed) return null;
  const reason = String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance);
  return `${route.key}: ${reason.slice(0, FAILURE_CHARS_MAX)} [HOSTILE_SEED=${details.seed} path ${details.counterexamplePath}]`;
}

beforeAll(async () => {
  // An admin of the seeded organization of this file's own: the command budget
  // is per caller and per minute, and this file spends much of it, so the
  // seeded admin's stays whole for the files that run next.
  const seeded = await db().user.findFirstOrThrow({ where: { email: SEED_ADMIN.email } });
  const user = await createUser(seeded.organizationId, ['admin'], 'hostile-admin');
  hostileAdminEmail = user.email;
  admin = await Session.login(user.email, user.password);
  const document = await admin.get<{ paths: Record<string, Record<string, Operation>> }>('/api/v1/openapi.json');
  expect(document.status).toBe(200);
  routes = Object.entries(document.body.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ['post', 'put', 'patch'].includes(method))
      .map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        operation,
      })),
  );
  const rows = await db().$queryRawUnsafe<{ id: string }[]>(
    'SELECT organization_id::text AS id FROM users WHERE email = $1',
    SEED_ADMIN.email,
  );
  organizationId = rows[0]!.id;
});

afterAll(async () => {
  await closeFixtures();
});

describe(`hostile input on every POST/PUT/PATCH route (HOSTILE_SEED=${HOSTILE_SEED})`, () => {
  it(
    'answers every invalid body with a 4xx problem, writes and publishes nothing',
    async () => {
      expect(routes.length).toBeGreaterThan(40);
      const countsBefore = await tableCounts();
      const offsetsBefore = await commandOffsets();
      const failures: string[] = [];
      for (const route of routes) {
        const failure = await checkRoute(route);
        if (failure) failures.push(failure);
      }
      expect(failures, `replay with HOSTILE_SEED=${HOSTILE_SEED}`).toEqual([]);
      expect(await tableCounts()).toEqual(countsBefore);
      expect(await commandOffsets()).toEqual(offsetsBefore);
    },
    SUITE_TIMEOUT_MS,
  );

  it('leaves every processor ready', async () => {
    for (const name of PROCESSOR_PORT_ENVS) {
      const port = process.env[name];
      expect(port, `${name} is not set: run through npm test`).toBeTruthy();
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(response.status, `${name} :${port}/readyz`).toBe(200);
    }
  });
});
