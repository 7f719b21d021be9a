import { useDb } from '../../utils/db';
import { randomSecret, sha256Hex } from '../../utils/secrets';

export type MailedTokenPurpose = 'email_verification' | 'password_reset';

/**
 * A single-use secret for an e-mailed link. Only its sha256 is stored, and
 * issuing a new one for the same purpose retires the user's older ones.
 */
export async function issueMailedToken(
  userId: string,
  purpose: MailedTokenPurpose,
  ttlSeconds: number,
): Promise<string> {
  const token = randomSecret();
  const now = new Date();
  await useDb().$transaction([
    useDb().verificationToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } }),
    useDb().verificationToken.create({
      data: { userId, purpose, tokenHash: sha256Hex(token), expiresAt: new Date(now.getTime() + ttlSeconds * 1000) },
    }),
  ]);
  return token;
}

/**
 * Uses a token up: the user id when it was live (right purpose, unused,
 * unexpired), undefined otherwise. The conditional update makes a second
 * use fail even when two requests race.
 */
export async function consumeMailedToken(token: string, purpose: MailedTokenPurpose): Promise<string | undefined> {
  const rows = await useDb().$queryRaw<{ user_id: string }[]>`
    UPDATE verification_tokens SET used_at = now()
     WHERE token_hash = ${sha256Hex(token)} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > now()
    RETURNING user_id::text`;
  return rows[0]?.user_id;
}
