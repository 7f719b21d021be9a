import { adminSession } from './session';

interface OutboxPage {
  data: { to: string; subject: string; kind: string; text: string }[];
}

/** The newest link to `path` (e.g. /verify-email) mailed to `to`, read from the dev outbox as the seeded admin. */
export async function mailedLink(to: string, path: string, timeoutMs = 10_000): Promise<URL> {
  const admin = await adminSession();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await admin.get<OutboxPage>(`/api/v1/outbox?to=${encodeURIComponent(to)}&limit=10`);
    const link = page.body.data
      ?.flatMap((message) => message.text.match(/https?:\/\/\S+/g) ?? [])
      .find((candidate) => new URL(candidate).pathname === path);
    if (link) return new URL(link);
    if (Date.now() > deadline)
      throw new Error(`no mail to ${to} with a ${path} link (outbox: ${JSON.stringify(page.body)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The token of the newest mailed link. */
export async function mailedToken(to: string, path: string): Promise<string> {
  const token = (await mailedLink(to, path)).searchParams.get('token');
  if (!token) throw new Error(`the ${path} link to ${to} has no token`);
  return token;
}
