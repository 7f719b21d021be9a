import { CancelSubscriptionBody } from '@billstream/contracts';
import { changeSubscription } from '../../../../services/subscriptions/subscriptionCommands';
import { commandResponse } from '../../../../utils/commandResponse';
import { readIdCommand } from '../../../../utils/idCommand';

/** POST /api/v1/subscriptions/:id/cancel: cancel at the period end or now (202; the processor decides, a refusal is kept in Redis). */
export default defineEventHandler(async (event) => {
  const { id, body, request } = await readIdCommand(event, CancelSubscriptionBody);
  return commandResponse(
    event,
    await changeSubscription(request, id, { kind: 'cancel', atPeriodEnd: body.atPeriodEnd }),
  );
});
