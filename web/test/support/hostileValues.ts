// Hostile values for web/test/hostile-input.int.test.ts: bodies invalid by
// construction against a route's documented JSON schema, and path params.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

const HUGE_STRING_CHARS = 100_000;
const NESTING_DEPTH_MAX = 2_000;
/** Path params stay far below Node's 16 KB header limit, which answers before the app. */
const PARAM_CHARS_MAX = 2_000;

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';
const JSON_TYPES: readonly JsonType[] = ['string', 'number', 'boolean', 'null', 'array', 'object'];
export interface JsonSchema {
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
/** What goes on the wire: always text, so malformed JSON is possible too. */
export interface HostileBody {
  readonly raw: string;
}

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
export function hostileBodies(schema: JsonSchema | undefined): fc.Arbitrary<HostileBody> {
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

export const hostileParam = fc
  .oneof(
    fc.constantFrom('..', '%2e%2e%2f', 'null', 'undefined', '-1', '0', '99999999999999999999', `${randomUUID()}x`),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
    fc.constantFrom('a', '\u202E', '𝕳').map((unit) => unit.repeat(PARAM_CHARS_MAX / 2)),
  )
  .map((value) => encodeURIComponent(value));
