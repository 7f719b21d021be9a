import { EmptyCommandBody } from '@billstream/contracts';
import { changeSubscription } from '../../../../services/subscriptions/subscriptionCommands';
import { commandResponse } from '../../../../utils/commandResponse';
import { readIdCommand } from '../../../../utils/idCommand';

/** POST /api/v1/subscriptions/:id/pause: stop renewals until resumed (202; the processor decides, a refusal is kept in Redis). */
export default defineEventHandler(async (event) => {
  const { id, request } = await readIdCommand(event, EmptyCommandBody);
  return commandResponse(event, await changeSubscription(request, id, { kind: 'pause' }));
});
