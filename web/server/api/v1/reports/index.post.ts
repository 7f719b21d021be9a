import { CreateReportBody, type ReportResource } from '@billstream/contracts';
import { createReportJob, saveReportJob, toReportResource } from '../../../services/reports/reportJobs';
import { enqueueReport } from '../../../services/reports/reportRunner';
import { requirePrincipal } from '../../../utils/principal';
import { ProblemError, problemOf, problems } from '../../../utils/problem';
import { readValidatedJson } from '../../../utils/request';

/** POST /api/v1/reports: starts a CSV report in the background; 202 with the job to poll. */
export default defineEventHandler(async (event): Promise<ReportResource> => {
  const principal = requirePrincipal(event);
  const body = await readValidatedJson(event, CreateReportBody);
  const created = await createReportJob(principal.organizationId, principal.email, body);
  if ('error' in created) {
    throw problems.notFound('No such account', { name: 'accountId', reason: 'no such account' });
  }
  if (!enqueueReport(created.job)) {
    await saveReportJob({ ...created.job, status: 'failed', error: 'the report queue is full' });
    throw new ProblemError(problemOf(503, 'Too many reports are waiting; try again in a minute'));
  }
  setResponseStatus(event, 202);
  setResponseHeader(event, 'Location', `/api/v1/reports/${created.job.id}`);
  return toReportResource(created.job);
});
