import { IdempotencyKey } from '@billstream/contracts';
import { importCustomers } from '../../../services/accounts/importCustomers';
import { commandResponse } from '../../../utils/commandResponse';
import { readImportUpload } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedHeader } from '../../../utils/request';
import { useRequestId } from '../../../utils/requestId';

/** POST /api/v1/accounts/import (text/csv or application/json): open every row's customer (202), or a per-row report (422). */
export default defineEventHandler(async (event) => {
  const { organizationId, userId } = requirePrincipal(event);
  const idempotencyKey = getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey);
  const { format, text } = await readImportUpload(event);
  const result = await importCustomers({
    operation: 'POST /api/v1/accounts/import',
    organizationId,
    userId,
    idempotencyKey,
    rawBody: text,
    requestId: useRequestId(event),
    action: 'account.imported',
    format,
    text,
  });
  return commandResponse(event, result);
});
