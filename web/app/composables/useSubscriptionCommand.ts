import type { CommandAccepted } from '@billstream/contracts';
import type { z } from 'zod';

/**
 * Sends a plan or subscription command with an Idempotency-Key (reused when
 * the very same body is retried after a failure) and reports the outcome.
 */
export function useSubscriptionCommand() {
  const toast = useToast();
  const { $api } = useNuxtApp();
  const sending = ref(false);
  const polling = usePolling();
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
      if (options.refresh) polling.repeat('view', options.refresh, VIEW_SETTLE_POLL);
      return { ok: true, id: accepted.id };
    } catch (error) {
      const problem = problemFrom(error);
      if (problem && problem.status < 500) retry = undefined;
      toast.add(problemToast(problem, error, 'The command was not accepted'));
      return { ok: false, errors: bodyFieldErrors(problem) };
    } finally {
      sending.value = false;
    }
  }

  return { send, sending };
}
