import { randomBytes } from 'node:crypto';
import type { AddPaymentMethodBody, PaymentMethodResource } from '@billstream/contracts';
import { tokenizeBankAccount, tokenizeCard } from '@billstream/payments';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { findAccount } from '../accounts/findAccount';
import { enqueueDefaultMethod, publishDefaultMethods } from './publishDefaultMethod';
import { toPaymentMethodResource } from './toPaymentMethodResource';

/** Live methods one account may keep. */
export const PAYMENT_METHODS_PER_ACCOUNT_MAX = 20;

/**
 * Tokenizes the instrument through the gateway adapter at the edge and keeps
 * only brand, last 4, expiry and the token: the card number is never stored
 * or produced anywhere. The first method of an account becomes its default.
 */
export async function addPaymentMethod(
  body: AddPaymentMethodBody,
  organizationId: string,
): Promise<PaymentMethodResource> {
  const account = await findAccount(body.accountId, organizationId);
  if (!account)
    throw problems.notFound(`There is no account ${body.accountId}`, {
      name: 'body.accountId',
      reason: 'no such account',
    });
  const nonce = randomBytes(16).toString('hex');
  const tokenized =
    body.method.type === 'card' ? tokenizeCard(body.method, nonce) : tokenizeBankAccount(body.method, nonce);
  if (!tokenized.ok) throw problems.invalid([{ name: tokenized.field, reason: tokenized.reason }]);
  const { method } = tokenized;
  const db = useDb();
  const row = await db.$transaction(async (tx) => {
    const live = await tx.paymentMethod.count({ where: { accountId: account.id, removedAt: null } });
    if (live >= PAYMENT_METHODS_PER_ACCOUNT_MAX)
      throw problems.invalid([
        {
          name: 'body.accountId',
          reason: `an account keeps at most ${PAYMENT_METHODS_PER_ACCOUNT_MAX} payment methods`,
        },
      ]);
    const makeDefault = body.makeDefault === true || live === 0;
    if (makeDefault)
      await tx.paymentMethod.updateMany({ where: { accountId: account.id }, data: { isDefault: false } });
    const created = await tx.paymentMethod.create({
      data: {
        organizationId,
        accountId: account.id,
        type: method.type,
        brand: method.brand,
        last4: method.last4,
        expMonth: method.expMonth,
        expYear: method.expYear,
        gateway: method.type === 'card' ? 'card' : 'bank',
        gatewayToken: method.token,
        isDefault: makeDefault,
      },
    });
    await enqueueDefaultMethod(tx, organizationId, account.id);
    return created;
  });
  await publishDefaultMethods();
  return toPaymentMethodResource(row);
}
