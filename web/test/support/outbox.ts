import { db } from './fixtures';

/** How long a test waits for a mail to reach the outbox, and how often it looks. */
const MAIL_WAIT_MS = 10_000;
const MAIL_POLL_INTERVAL_MS = 200;

/**
 * The newest link to `path` (e.g. /verify-email) mailed to `to`, read from the
 * dev outbox table itself: the outbox API shows an organization only its own
 * mail, and a sign-up's mail belongs to an organization nobody can sign in to yet.
 */
export async function mailedLink(to: string, path: string, timeoutMs = MAIL_WAIT_MS): Promise<URL> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await db().outboxMessage.findMany({
      where: { toAddress: to.toLowerCase() },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 10,
    });
    const link = mails
      .flatMap((message) => message.textBody.match(/https?:\/\/\S+/g) ?? [])
      .find((candidate) => new URL(candidate).pathname === path);
    if (link) return new URL(link);
    if (Date.now() > deadline) throw new Error(`no mail to ${to} with a ${path} link (${mails.length} mails to it)`);
    await new Promise((resolve) => setTimeout(resolve, MAIL_POLL_INTERVAL_MS));
  }
}

/** The token of the newest mailed link. */
export async function mailedToken(to: string, path: string): Promise<string> {
  const token = (await mailedLink(to, path)).searchParams.get('token');
  if (!token) throw new Error(`the ${path} link to ${to} has no token`);
  return token;
}
