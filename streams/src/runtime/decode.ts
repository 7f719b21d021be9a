import type { z } from 'zod';

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Bytes -> JSON -> schema. A bad record is a value, never an exception. */
export function decodeRecord<T>(schema: z.ZodType<T>, value: Buffer | null): Decoded<T> {
  if (value === null) return { ok: false, reason: 'null value (tombstone) on a command topic' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${(error as Error).message}` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return { ok: false, reason: `schema violation: ${issues.join('; ')}` };
  }
  return { ok: true, value: parsed.data };
}
