import { randomUUID } from 'node:crypto';
import { PROBLEM_CONTENT_TYPE, TOPICS, topicName } from '@billstream/contracts';
import { gatewayWebhookSecret, signatureHeader } from '@billstream/payments';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, BASE_URL, toApiResponse } from './support/api';
import { endOffsets } from './support/commandLog';
import { closeFixtures, db } from './support/fixtures';
import { adminSession, SEED_ADMIN, type Session } from './support/session';

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
const HUGE_STRING_CHARS = 100_000;
const NESTING_DEPTH_MAX = 2_000;
/** Path params stay far below Node's 16 KB header limit, which answers before the app. */
const PARAM_CHARS_MAX = 2_000;
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
].map((spec) => topicName(spec, process.env.KAFKA_TOPIC_PREFIX ?? ''));
const PROCESSOR_PORT_ENVS = [
  'LEDGER_PORT',
  'BILLING_PORT',
  'ANALYTICS_PORT',
  'ACTIVITY_PORT',
  'SUBSCRIPTIONS_PORT',
  'PAYMENTS_PORT',
  'WEBHOOKS_PORT',
] as const;

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';
const JSON_TYPES: readonly JsonType[] = ['string', 'number', 'boolean', 'null', 'array', 'object'];
interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}
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
/** What goes on the wire: always text, so malformed JSON is possible too. */
interface HostileBody {
  readonly raw: string;
}

// ─── Hostile values ──────────────────────────────────────────────────────────

const ODD_STRINGS = [
  '\u202Eevil\u202C',
  'مرحبا بالعالم',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uFEFF',
  '𝕳𝖊𝖑𝖑𝖔',
  'e\u0301\u0301\u0301\u0301',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection probe, meant literally.
  '${7*7}{{7*7}}',
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  ' ',
  '',
];
const NUMERIC_STRINGS = [
  '999999999999999.9999',
  '9999999999999999.9999',
  '0.00001',
  '-1',
  '-0.0001',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '0x10',
  '1,000.00',
  '١٢٣',
  '99999999999999999999999999999.99999',
];
const EXTREME_NUMBERS = [1e308, -1e308, 2 ** 53 + 2, -(2 ** 53), 5e-324, -1, -0, 0.1 + 0.2, 999999999999999.9];
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', '$where', '', '\u0000', 'a'.repeat(1_000), '𝕳'];

const hugeString = fc
  .constantFrom(1_000, 10_000, HUGE_STRING_CHARS)
  .chain((chars) => fc.constantFrom('a', '\u202E', '𝕳', '\u0000', '\uD800').map((unit) => unit.repeat(chars)));
const hostileString = fc.oneof(
  fc.constantFrom(...ODD_STRINGS),
  fc.constantFrom(...NUMERIC_STRINGS),
  fc.string({ unit: 'binary', maxLength: 64 }),
  hugeString,
);
const hostileNumber = fc.oneof(
  fc.constantFrom(...EXTREME_NUMBERS),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Arrays or objects `depth` levels deep, built in a loop (no recursion). */
const deepNesting = fc.tuple(fc.integer({ min: 50, max: NESTING_DEPTH_MAX }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = arrays ? [value] : { a: value };
  return value;
});
const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  deepNesting,
  fc.array(hostileString, { maxLength: 4 }),
  fc.dictionary(fc.constantFrom(...ODD_KEYS), hostileString, { maxKeys: 3 }),
);

function valueOfType(type: JsonType): fc.Arbitrary<unknown> {
  if (type === 'string') return hostileString;
  if (type === 'number') return hostileNumber;
  if (type === 'boolean') return fc.boolean();
  if (type === 'null') return fc.constant(null);
  if (type === 'array') return fc.oneof(fc.array(hostileLeaf, { maxLength: 3 }), deepNesting.filter(Array.isArray));
  return fc.dictionary(fc.constantFrom(...ODD_KEYS), hostileLeaf, { maxKeys: 3 });
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

/** The JSON types a schema accepts, or null when it cannot tell (then no value is surely wrong). */
function allowedTypes(schema: JsonSchema | undefined): Set<JsonType> | null {
  if (!schema) return null;
  if ('const' in schema) return new Set([jsonTypeOf(schema.const)]);
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map(jsonTypeOf));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const union = new Set<JsonType>();
    for (const alternative of alternatives) {
      const types = allowedTypes(alternative);
      if (!types) return null;
      for (const type of types) union.add(type);
    }
    return union;
  }
  if (schema.allOf?.[0]) return allowedTypes(schema.allOf[0]);
  if (schema.type === undefined) return null;
  const types = [schema.type].flat().map((type) => (type === 'integer' ? 'number' : type) as JsonType);
  return new Set(types);
}

/** A value of a JSON type the schema refuses, or null when every type might pass. */
function wrongValue(schema: JsonSchema | undefined): fc.Arbitrary<unknown> | null {
  const allowed = allowedTypes(schema);
  if (!allowed) return null;
  const wrong = JSON_TYPES.filter((type) => !allowed.has(type));
  return wrong.length > 0 ? fc.oneof(...wrong.map(valueOfType)) : null;
}

/** An object the schema refuses: one field wrong-typed or a required one missing, hostile values around it. */
function invalidObject(schema: JsonSchema): fc.Arbitrary<unknown> | null {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const candidates = required.length > 0 ? required : Object.keys(properties);
  const breakable = candidates.filter((name) => wrongValue(properties[name]) !== null);
  const others = fc.dictionary(fc.constantFrom(...Object.keys(properties), ...ODD_KEYS), hostileLeaf, { maxKeys: 6 });
  const variants: fc.Arbitrary<unknown>[] = [];
  if (breakable.length > 0) {
    variants.push(
      fc
        .constantFrom(...breakable)
        .chain((name) => fc.tuple(fc.constant(name), wrongValue(properties[name])!, others))
        .map(([name, wrong, rest]) => ({ ...rest, [name]: wrong })),
    );
  }
  if (required.length > 0) {
    variants.push(
      fc.tuple(fc.constantFrom(...required), others).map(([name, rest]) => {
        const body: Record<string, unknown> = { ...rest };
        delete body[name];
        return body;
      }),
    );
  }
  return variants.length > 0 ? fc.oneof(...variants) : null;
}

const MALFORMED_JSON = ['{"a":', '{', '[1,2', '{"amount": 1e999999}', 'nul', '\u0000', '{"a":"\\ud800"', '{}}'];

/** Bodies a route must refuse, by its documented schema (none documented: only the root and malformed ones). */
function hostileBodies(schema: JsonSchema | undefined): fc.Arbitrary<HostileBody> {
  const roots: fc.Arbitrary<unknown>[] = [hostileString, hostileNumber, fc.constant(null), fc.boolean(), deepNesting];
  if (schema?.type === 'array') {
    const row = schema.items ? invalidObject(schema.items) : null;
    if (row) roots.push(fc.array(row, { minLength: 1, maxLength: 3 }));
    roots.push(fc.dictionary(fc.constantFrom(...ODD_KEYS), hostileLeaf, { maxKeys: 3 }));
  } else {
    const object = schema ? invalidObject(schema) : null;
    if (object) roots.push(object, object, object);
    roots.push(fc.array(hostileLeaf, { maxLength: 3 }));
  }
  return fc.oneof(
    fc.oneof(...roots).map((value) => ({ raw: JSON.stringify(value) ?? 'null' })),
    fc.constantFrom(...MALFORMED_JSON).map((raw) => ({ raw })),
  );
}

const hostileParam = fc
  .oneof(
    fc.constantFrom('..', '%2e%2e%2f', 'null', 'undefined', '-1', '0', '99999999999999999999', `${randomUUID()}x`),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
    fc.constantFrom('a', '\u202E', '𝕳').map((unit) => unit.repeat(PARAM_CHARS_MAX / 2)),
  )
  .map((value) => encodeURIComponent(value));

// ─── The stack ───────────────────────────────────────────────────────────────

let admin: Session;
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
      'SELECT id::text AS id FROM users WHERE organization_id = $1::uuid AND email <> $2 LIMIT 1',
      organizationId,
      SEED_ADMIN.email,
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
  for (const [index, segment] of segments.entries()) {
    if (!segment.startsWith('{')) filled.push(segment);
    else if (route.key === WEBHOOK_ROUTE) filled.push('bank');
    else if (!route.operation.requestBody) filled.push(param);
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
      throw new Error(`${path} ${wrong}: ${JSON.stringify(response.body)?.slice(0, 300)}; body ${shown}`);
    }
  });
  const details = await fc.check(property, { seed: HOSTILE_SEED, numRuns: HOSTILE_RUNS_PER_ROUTE, endOnFailure: true });
  if (!details.failed) return null;
  const reason = String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance);
  return `${route.key}: ${reason.slice(0, FAILURE_CHARS_MAX)} [HOSTILE_SEED=${details.seed} path ${details.counterexamplePath}]`;
}

beforeAll(async () => {
  admin = await adminSession();
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
