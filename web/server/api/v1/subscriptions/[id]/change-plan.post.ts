import { ChangePlanBody } from '@billstream/contracts';
import { changeSubscription } from '../../../../services/subscriptions/subscriptionCommands';
import { commandResponse } from '../../../../utils/commandResponse';
import { readIdCommand } from '../../../../utils/idCommand';

/** POST /api/v1/subscriptions/:id/change-plan: move to another plan of the same currency and interval, prorated (202; the processor decides, a refusal is kept in Redis). */
export default defineEventHandler(async (event) => {
  const { id, body, request } = await readIdCommand(event, ChangePlanBody);
  return commandResponse(event, await changeSubscription(request, id, { kind: 'change-plan', planId: body.planId }));
});
