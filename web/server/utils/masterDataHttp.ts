import type { ImportFormat } from '@billstream/contracts';
import type { H3Event } from 'h3';
import { IMPORT_BODY_BYTES_MAX } from '#shared/auth/rateBudgets';
import type { Precondition } from '../services/masterData/precondition';
import { ProblemError, problemOf } from './problem';

/** If-Match from the headers and updatedAt from the body, for optimistic concurrency. */
export function preconditionOf(event: H3Event, updatedAt?: string): Precondition {
  const ifMatch = getRequestHeader(event, 'if-match');
  return { ...(ifMatch ? { ifMatch } : {}), ...(updatedAt ? { updatedAt } : {}) };
}

/** A service answer: the value, or its expected failure thrown as the problem response. */
export function unwrap<T>(result: T | ProblemError): T {
  if (result instanceof ProblemError) throw result;
  return result;
}

/** The upload of POST .../import: CSV (text/csv) or JSON (application/json), at most IMPORT_BODY_BYTES_MAX. */
export async function readImportUpload(event: H3Event): Promise<{ format: ImportFormat; text: string }> {
  const contentType = (getRequestHeader(event, 'content-type') ?? '').toLowerCase();
  const format: ImportFormat | undefined = contentType.startsWith('text/csv')
    ? 'csv'
    : /^application\/([\w.+-]+\+)?json\b/.test(contentType)
      ? 'json'
      : undefined;
  if (!format) {
    throw new ProblemError(
      problemOf(415, 'Send the file as text/csv or application/json', {
        errors: [{ name: 'header.content-type', reason: 'must be text/csv or application/json' }],
      }),
    );
  }
  const text = (await readRawBody(event, 'utf8')) ?? '';
  if (Buffer.byteLength(text, 'utf8') > IMPORT_BODY_BYTES_MAX) {
    throw new ProblemError(
      problemOf(413, `The file must be at most ${IMPORT_BODY_BYTES_MAX} bytes`, {
        errors: [{ name: 'body', reason: `must be at most ${IMPORT_BODY_BYTES_MAX} bytes` }],
      }),
    );
  }
  return { format, text };
}

/** Answers a download named `<name>-<date>.<format>`. */
export function sendDownload(
  event: H3Event,
  name: string,
  format: ImportFormat,
  file: { contentType: string; body: string },
) {
  const date = new Date().toISOString().slice(0, 10);
  setResponseHeader(event, 'Content-Type', file.contentType);
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="${name}-${date}.${format}"`);
  setResponseHeader(event, 'Cache-Control', 'private, no-store');
  return file.body;
}
