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

/** The toast of a refused or failed command: the API's problem when it sent one, else the error. */
export function problemToast(problem: Problem | undefined, error: unknown, fallbackTitle: string) {
  return {
    title: problem?.title ?? fallbackTitle,
    description: problem?.detail ?? (error instanceof Error ? error.message : undefined),
    color: 'error' as const,
    icon: 'i-lucide-circle-alert',
  };
}
