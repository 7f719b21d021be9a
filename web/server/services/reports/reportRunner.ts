import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReportJob } from '@billstream/contracts';
import { serverConfig } from '../../utils/config';
import { csvLine } from './csv';
import { forEachPage } from './pager';
import { beatReportHearts, REPORT_HEARTBEAT_MS, saveReportJob } from './reportJobs';
import { REPORT_SOURCES } from './reportKinds';

/** Reports generated at once by one web process; the rest wait in its queue. */
export const REPORT_WORKERS_MAX = 2;
/** Reports waiting in one web process's queue; beyond that a new report is refused. */
export const REPORT_QUEUE_MAX = 100;

const queue: ReportJob[] = [];
let running = 0;
/** Ids of the reports this process runs now (the queued ones are in `queue`). */
const runningIds = new Set<string>();
let heartbeat: NodeJS.Timeout | undefined;

/** Keeps this process's reports alive in Redis while it has any; stops when it has none. */
function keepHeartbeat(): void {
  if (heartbeat || (queue.length === 0 && runningIds.size === 0)) return;
  heartbeat = setInterval(() => {
    const ids = [...runningIds, ...queue.map((job) => job.id)];
    if (ids.length === 0) {
      clearInterval(heartbeat);
      heartbeat = undefined;
      return;
    }
    void beatReportHearts(ids).catch((error: Error) => console.error('[reports] heartbeat failed:', error.message));
  }, REPORT_HEARTBEAT_MS);
  heartbeat.unref();
}

/** Where finished reports are kept: REPORTS_DIR, or a folder under the system's temp dir per topic prefix. */
export function reportsDir(): string {
  const dir =
    process.env.REPORTS_DIR ||
    path.join(os.tmpdir(), 'billstream-reports', serverConfig().kafkaTopicPrefix.replace(/\W/g, '') || 'default');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export const reportFile = (id: string) => path.join(reportsDir(), `${id}.csv`);

/** Queues a report; false when the queue is full. */
export function enqueueReport(job: ReportJob): boolean {
  if (queue.length >= REPORT_QUEUE_MAX) return false;
  queue.push(job);
  drainQueue();
  keepHeartbeat();
  return true;
}

function drainQueue(): void {
  while (running < REPORT_WORKERS_MAX && queue.length > 0) {
    const job = queue.shift()!;
    running++;
    runningIds.add(job.id);
    runReport(job)
      .catch((error) => console.error('[reports]', job.id, error))
      .finally(() => {
        running--;
        runningIds.delete(job.id);
        drainQueue();
      });
  }
}

/** Writes the report to a .part file page by page, then renames it: a download never sees half a file. */
export async function runReport(queued: ReportJob): Promise<ReportJob> {
  const source = REPORT_SOURCES[queued.kind];
  let job: ReportJob = { ...queued, status: 'running' };
  const target = reportFile(job.id);
  const partial = `${target}.part`;
  const out = fs.createWriteStream(partial);
  try {
    job = { ...job, totalRows: await source.count(job) };
    await saveReportJob(job);
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    await write(csvLine(source.header));
    await forEachPage(
      (after, limit) => source.page(job, after, limit),
      async (rows) => {
        await write(rows.map((row) => csvLine(valuesOf(row.values))).join(''));
        job = { ...job, rows: job.rows + rows.length };
        await saveReportJob(job);
      },
    );
    out.end();
    await once(out, 'finish');
    fs.renameSync(partial, target);
    job = { ...job, status: 'done', finishedAt: new Date().toISOString() };
  } catch (error) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    job = { ...job, status: 'failed', error: message.slice(0, 500), finishedAt: new Date().toISOString() };
  }
  await saveReportJob(job);
  return job;
}

/** json_build_array arrives parsed from the driver, or as text from some drivers. */
function valuesOf(values: unknown): (string | number | null)[] {
  const parsed = typeof values === 'string' ? JSON.parse(values) : values;
  return (parsed as unknown[]).map((value) =>
    value === null || typeof value === 'number' ? value : String(value),
  ) as (string | number | null)[];
}
