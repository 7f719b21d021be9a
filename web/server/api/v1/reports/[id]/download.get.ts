import fs from 'node:fs';
import { IdParams } from '@billstream/contracts';
import { getReportJob } from '../../../../services/reports/reportJobs';
import { reportFile } from '../../../../services/reports/reportRunner';
import { requirePrincipal } from '../../../../utils/principal';
import { ProblemError, problemOf, problems } from '../../../../utils/problem';
import { getValidatedParams } from '../../../../utils/request';

/** GET /api/v1/reports/:id/download: the finished CSV, streamed from disk. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const job = await getReportJob(organizationId, id);
  if (!job) throw problems.notFound('No such report');
  const file = reportFile(job.id);
  if (job.status !== 'done') throw new ProblemError(problemOf(409, `The report is ${job.status}, not done`));
  if (!fs.existsSync(file)) throw new ProblemError(problemOf(410, 'The report file is gone; run the report again'));
  setResponseHeader(event, 'Content-Type', 'text/csv; charset=utf-8');
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="${job.kind}-${job.from}-${job.to}.csv"`);
  setResponseHeader(event, 'Content-Length', fs.statSync(file).size);
  return sendStream(event, fs.createReadStream(file));
});
