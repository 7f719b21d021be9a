import type { CommandAccepted } from '@billstream/contracts';
import type { z } from 'zod';

/** Views follow a 202 within moments; a few refreshes show the processor's decision without a reload. */
export const VIEW_REFRESHES_MAX = 10;
const VIEW_REFRESH_INTERVAL_MS = 500;

/**
 * Sends a plan or subscription command with an Idempotency-Key (reused when
 * the very same body is retried after a failure) and reports the outcome.
 */
export function useSubscriptionCommand() {
  const toast = useToast();
  const { $api } = useNuxtApp();
  const sending = ref(false);
  let retry: { key: string; fingerprint: string } | undefined;

  function keyFor(url: string, body: object): string {
    const fingerprint = `${url} ${JSON.stringify(body)}`;
    if (retry?.fingerprint !== fingerprint) retry = { key: newIdempotencyKey(), fingerprint };
    return retry.key;
  }

  async function send(
    url: string,
    body: object,
    options: { method?: 'POST' | 'PUT'; success: string; refresh?: () => Promise<unknown> },
  ): Promise<{ ok: true; id: string } | { ok: false; errors: { name: string; message: string }[] }> {
    sending.value = true;
    try {
      const accepted = await $api<z.infer<typeof CommandAccepted>>(url, {
        method: options.method ?? 'POST',
        body,
        headers: { 'Idempotency-Key': keyFor(url, body) },
      });
      retry = undefined;
      toast.add({ title: options.success, color: 'success', icon: 'i-lucide-circle-check' });
      if (options.refresh) void refreshFew(options.refresh);
      return { ok: true, id: accepted.id };
    } catch (error) {
      const problem = problemFrom(error);
      if (problem && problem.status < 500) retry = undefined;
      toast.add({
        title: problem?.title ?? 'The command was not accepted',
        description: problem?.detail ?? (error instanceof Error ? error.message : undefined),
        color: 'error',
        icon: 'i-lucide-circle-alert',
      });
      return { ok: false, errors: bodyFieldErrors(problem) };
    } finally {
      sending.value = false;
    }
  }

  return { send, sending };
}

async function refreshFew(refresh: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; attempt < VIEW_REFRESHES_MAX; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, VIEW_REFRESH_INTERVAL_MS));
    await refresh();
  }
}
