import { randomUUID } from 'node:crypto';
import { type CreateReportBody, ReportJob, type ReportResource } from '@billstream/contracts';
import { redisKey, useRedis } from '../../utils/redis';
import { findAccount } from '../accounts/findAccount';

/** How long a report (its record and its file) is kept. */
export const REPORT_TTL_SECONDS = 7 * 24 * 60 * 60;
/** Reports one organization's list shows (newest first); older ones age out with their TTL. */
export const REPORTS_LISTED_MAX = 50;

const jobKey = (id: string) => redisKey('report', id);
const heartbeatKey = (id: string) => redisKey('report-alive', id);

/**
 * The web process that queued or runs a report renews its heartbeat this
 * often; a queued or running report whose heartbeat has lapsed lost its
 * process (a restart, a crash) and is shown as failed instead of spinning for
 * ever. Reports are rebuilt from the views, so running it again is safe.
 */
export const REPORT_HEARTBEAT_MS = 15_000;
const REPORT_HEARTBEAT_TTL_SECONDS = 60;
export const REPORT_INTERRUPTED = 'interrupted: the server running it stopped; run the report again';

export async function beatReportHearts(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const pipeline = useRedis().pipeline();
  for (const id of ids) pipeline.set(heartbeatKey(id), '1', 'EX', REPORT_HEARTBEAT_TTL_SECONDS);
  await pipeline.exec();
}

async function presented(job: ReportJob): Promise<ReportJob> {
  if (job.status !== 'queued' && job.status !== 'running') return job;
  if ((await useRedis().exists(heartbeatKey(job.id))) === 1) return job;
  return { ...job, status: 'failed', error: REPORT_INTERRUPTED, finishedAt: job.finishedAt ?? job.createdAt };
}
const listKey = (organizationId: string) => redisKey('reports', organizationId);

export function toReportResource(job: ReportJob): ReportResource {
  const { organizationId: _organization, ...rest } = job;
  const self = `/api/v1/reports/${job.id}`;
  return { ...rest, links: { self, download: job.status === 'done' ? `${self}/download` : null } };
}

export async function saveReportJob(job: ReportJob): Promise<void> {
  await useRedis().set(jobKey(job.id), JSON.stringify(ReportJob.parse(job)), 'EX', REPORT_TTL_SECONDS);
}

/** The organization's report, or null: another organization's report does not exist for the caller. */
export async function getReportJob(organizationId: string, id: string): Promise<ReportJob | null> {
  const text = await useRedis().get(jobKey(id));
  if (text === null) return null;
  const job = ReportJob.parse(JSON.parse(text));
  return job.organizationId === organizationId ? presented(job) : null;
}

export async function listReportJobs(organizationId: string): Promise<ReportJob[]> {
  const ids = await useRedis().zrevrange(listKey(organizationId), 0, REPORTS_LISTED_MAX - 1);
  const jobs = await Promise.all(ids.map((id) => getReportJob(organizationId, id)));
  return jobs.filter((job): job is ReportJob => job !== null);
}

/** A queued report job, or `account_not_found` when a statement names another organization's account. */
export async function createReportJob(
  organizationId: string,
  createdBy: string,
  body: CreateReportBody,
): Promise<{ job: ReportJob } | { error: 'account_not_found' }> {
  const accountId = body.kind === 'account_statement' ? (body.accountId ?? null) : null;
  if (accountId !== null && !(await findAccount(accountId, organizationId))) return { error: 'account_not_found' };
  const job: ReportJob = {
    id: randomUUID(),
    organizationId,
    kind: body.kind,
    from: body.from,
    to: body.to,
    accountId,
    status: 'queued',
    rows: 0,
    totalRows: null,
    error: null,
    createdBy,
    createdAt: new Date().toISOString(),
    finishedAt: null,
  };
  await beatReportHearts([job.id]);
  await saveReportJob(job);
  const redis = useRedis();
  await redis.zadd(listKey(organizationId), Date.parse(job.createdAt), job.id);
  await redis.zremrangebyrank(listKey(organizationId), 0, -REPORTS_LISTED_MAX - 1);
  await redis.expire(listKey(organizationId), REPORT_TTL_SECONDS);
  return { job };
}
