import { randomUUID } from 'node:crypto';
import type { ImportFormat, ImportJob, ImportRowError } from '@billstream/contracts';
import { ProblemError } from '../../utils/problem';
import { redisKey, useRedis } from '../../utils/redis';
import { commitChange, refuse } from './commitChange';
import { readImportFile, validateRows } from './importRows';
import type { ApplyResult, ImportResource, ImportSpec } from './importSpec';

/** How long a finished import's report can be read. */
export const IMPORT_JOB_TTL_SECONDS = 3600;
/** Progress is written to Redis every this many rows (and at each phase's end). */
export const IMPORT_PROGRESS_EVERY_ROWS = 100;

const jobKey = (organizationId: string, id: string) => redisKey('import', organizationId, id);

async function store(organizationId: string, job: ImportJob): Promise<void> {
  await useRedis().set(jobKey(organizationId, job.id), JSON.stringify(job), 'EX', IMPORT_JOB_TTL_SECONDS);
}

/** The organization's import job of this resource, or undefined (unknown, expired or another's). */
export async function findImportJob(
  organizationId: string,
  resource: ImportResource,
  id: string,
): Promise<ImportJob | undefined> {
  const text = await useRedis().get(jobKey(organizationId, id));
  if (text === null) return undefined;
  const job = JSON.parse(text) as ImportJob;
  return job.resource === resource ? job : undefined;
}

/** Writes progress at most every IMPORT_PROGRESS_EVERY_ROWS rows; failures to report never fail the import. */
function progressReporter(organizationId: string, job: ImportJob, status: ImportJob['status']) {
  return (done: number) => {
    if (done % IMPORT_PROGRESS_EVERY_ROWS !== 0 && done !== job.total) return;
    Object.assign(job, { status, processed: done });
    store(organizationId, job).catch(() => undefined);
  };
}

async function finish(organizationId: string, job: ImportJob, changes: Partial<ImportJob>): Promise<ImportJob> {
  Object.assign(job, changes);
  await store(organizationId, job);
  return job;
}

/** Carries the per-row report out of the transaction, rolling it back. */
class RowsRefused extends ProblemError {
  constructor(readonly errors: ImportRowError[]) {
    super({ type: 'import-rows', title: 'Rows refused', status: 422 });
  }
}

async function run(organizationId: string, job: ImportJob, spec: ImportSpec, format: ImportFormat, text: string) {
  const file = readImportFile(format, text, spec.columns);
  if (!file.ok) return finish(organizationId, job, { status: 'failed', message: file.message });
  Object.assign(job, { total: file.rows.length });
  const { valid, errors } = validateRows(
    file.rows,
    spec.rowSchema,
    progressReporter(organizationId, job, 'validating'),
  );
  if (errors.length > 0) {
    return finish(organizationId, job, {
      status: 'failed',
      errors,
      message: 'Nothing was imported: fix the rows listed and import the file again',
    });
  }
  // All rows in one transaction: any refused row, or any failure, rolls all of them back.
  const result = await commitChange<ApplyResult>(organizationId, [spec.resource], async (tx) => {
    const applied = await spec.apply(tx, organizationId, valid, progressReporter(organizationId, job, 'applying'));
    if (!applied.ok) refuse(new RowsRefused(applied.errors));
    return applied;
  });
  if (result instanceof RowsRefused) {
    return finish(organizationId, job, {
      status: 'failed',
      errors: result.errors,
      message: 'Nothing was imported: fix the rows listed and import the file again',
    });
  }
  if (result instanceof ProblemError) {
    // 503: committed, publication pending (the outbox retries).
    return finish(organizationId, job, { status: 'succeeded', processed: job.total, message: result.message });
  }
  if (!result.ok) throw new Error('import refused rows without rolling back');
  return finish(organizationId, job, {
    status: 'succeeded',
    processed: job.total,
    created: result.created,
    updated: result.updated,
  });
}

/**
 * Starts an import in the background and returns its job at once; progress
 * and the final report are read with findImportJob. A crash mid-import rolls
 * the transaction back, so nothing is half-imported.
 */
export async function startImport(
  organizationId: string,
  spec: ImportSpec,
  format: ImportFormat,
  text: string,
): Promise<ImportJob> {
  const job: ImportJob = {
    id: randomUUID(),
    resource: spec.resource,
    status: 'validating',
    total: 0,
    processed: 0,
    created: 0,
    updated: 0,
    errors: [],
    message: null,
  };
  await store(organizationId, job);
  run(organizationId, { ...job }, spec, format, text).catch(async (error: unknown) => {
    console.error('[import] failed:', error instanceof Error ? error.message : error);
    await finish(
      organizationId,
      { ...job },
      { status: 'failed', message: 'The import failed and nothing was imported; try again' },
    ).catch(() => undefined);
  });
  return job;
}
