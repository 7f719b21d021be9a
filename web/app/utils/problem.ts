import type { Problem } from '@billstream/contracts';

/** The RFC 9457 body of a failed $fetch, when the API sent one. */
export function problemFrom(error: unknown): Problem | undefined {
  const data = (error as { data?: unknown } | null)?.data;
  if (data && typeof data === 'object' && 'status' in data && 'title' in data) return data as Problem;
  return undefined;
}

/** Problem fields under `body.` as UForm errors (`body.amount` -> `amount`). */
export function bodyFieldErrors(problem: Problem | undefined): { name: string; message: string }[] {
  return (problem?.errors ?? [])
    .filter((field) => field.name.startsWith('body.'))
    .map((field) => ({ name: field.name.slice('body.'.length), message: field.reason }));
}
