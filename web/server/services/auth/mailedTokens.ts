import { useDb } from '../../utils/db';
import { randomSecret, sha256Hex } from '../../utils/secrets';

export type MailedTokenPurpose = 'email_verification' | 'password_reset' | 'invitation' | 'email_change';

export interface IssueOptions {
  /** email_change: the address the link confirms. */
  readonly newEmail?: string;
}

/**
 * A single-use secret for an e-mailed link. Only its sha256 is stored, and
 * issuing a new one for the same purpose retires the user's older ones.
 */
export async function issueMailedToken(
  userId: string,
  purpose: MailedTokenPurpose,
  ttlSeconds: number,
  options: IssueOptions = {},
): Promise<string> {
  const token = randomSecret();
  const now = new Date();
  await useDb().$transaction([
    useDb().verificationToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } }),
    useDb().verificationToken.create({
      data: {
        userId,
        purpose,
        tokenHash: sha256Hex(token),
        expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
        newEmail: options.newEmail ?? null,
      },
    }),
  ]);
  return token;
}

export interface ConsumedToken {
  readonly userId: string;
  readonly purpose: MailedTokenPurpose;
  readonly newEmail: string | null;
}

/**
 * Uses a token up when it is live (one of `purposes`, unused, unexpired);
 * undefined otherwise. The conditional update makes a second use fail even
 * when two requests race.
 */
export async function consumeMailedToken(
  token: string,
  purposes: readonly MailedTokenPurpose[],
): Promise<ConsumedToken | undefined> {
  const rows = await useDb().$queryRaw<{ user_id: string; purpose: MailedTokenPurpose; new_email: string | null }[]>`
    UPDATE verification_tokens SET used_at = now()
     WHERE token_hash = ${sha256Hex(token)} AND purpose = ANY(${[...purposes]}::text[])
       AND used_at IS NULL AND expires_at > now()
    RETURNING user_id::text, purpose, new_email`;
  const row = rows[0];
  return row ? { userId: row.user_id, purpose: row.purpose, newEmail: row.new_email } : undefined;
}

/** The address of a live email_change token of the user, if any (shown on the profile as pending). */
export async function pendingEmailOf(userId: string): Promise<string | null> {
  const row = await useDb().verificationToken.findFirst({
    where: { userId, purpose: 'email_change', usedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    select: { newEmail: true },
  });
  return row?.newEmail ?? null;
}
