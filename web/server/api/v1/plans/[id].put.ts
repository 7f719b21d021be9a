import { UpdatePlanBody } from '@billstream/contracts';
import { updatePlan } from '../../../services/subscriptions/planCommands';
import { commandResponse } from '../../../utils/commandResponse';
import { readIdCommand } from '../../../utils/idCommand';

/** PUT /api/v1/plans/:id: accept a change of name, price, trial or availability (202). */
export default defineEventHandler(async (event) => {
  const { id, body, request } = await readIdCommand(event, UpdatePlanBody);
  return commandResponse(event, await updatePlan(request, id, body));
});
