import type { z } from 'zod';
import { stringSerde } from './primitive.ts';
import { type Serde, SerdeError } from './serde.ts';

/** Kafka's default max.message.bytes; a larger record cannot be produced anyway. */
export const JSON_RECORD_BYTES_MAX = 1024 * 1024;

function stringify(value: unknown): string {
  let json: string | undefined;
  try {
    // Decimal has toJSON() returning its string form, so decimals travel as strings.
    json = JSON.stringify(value);
  } catch (error) {
    throw new SerdeError('serialize', `not JSON-serializable: ${(error as Error).message}`);
  }
  if (json === undefined) throw new SerdeError('serialize', `not JSON-serializable: ${typeof value}`);
  if (json.length > JSON_RECORD_BYTES_MAX)
    throw new SerdeError('serialize', `JSON longer than ${JSON_RECORD_BYTES_MAX}`);
  return json;
}

function parse(bytes: Buffer | null): unknown {
  const text = stringSerde.deserialize(bytes);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SerdeError('deserialize', `invalid JSON: ${(error as Error).message}`);
  }
}

/** Untyped JSON. Prefer zodSerde at topic boundaries; the cast here is unchecked. */
export function jsonSerde<T>(): Serde<T> {
  return {
    serialize: (value) => Buffer.from(stringify(value), 'utf8'),
    deserialize: (bytes) => parse(bytes) as T,
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/**
 * JSON validated by a zod schema in both directions. Serialize validates the
 * JSON form that readers will see (after toJSON, e.g. Decimal -> string), so we
 * never produce a record our own deserializer would dead-letter.
 */
export function zodSerde<S extends z.ZodType>(schema: S): Serde<z.output<S>> {
  return {
    serialize(value) {
      const json = stringify(value);
      const parsed = schema.safeParse(JSON.parse(json));
      if (!parsed.success) throw new SerdeError('serialize', `schema violation: ${describeIssues(parsed.error)}`);
      return Buffer.from(json, 'utf8');
    },
    deserialize(bytes) {
      const parsed = schema.safeParse(parse(bytes));
      if (!parsed.success) throw new SerdeError('deserialize', `schema violation: ${describeIssues(parsed.error)}`);
      return parsed.data;
    },
  };
}
