import type { ImportFormat } from '@billstream/contracts';
import type { H3Event } from 'h3';
import { IMPORT_BODY_BYTES_MAX } from '#shared/auth/rateBudgets';
import type { Precondition } from '../services/masterData/precondition';
import { readBodyTextLimited } from './bodyLimit';
import { isJsonContentType, unsupportedMediaType } from './jsonContentType';
import { ProblemError } from './problem';

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
    : isJsonContentType(contentType)
      ? 'json'
      : undefined;
  if (!format) throw unsupportedMediaType('text/csv or application/json');
  // Counted while read: a chunked file is refused at the limit, not buffered first.
  return { format, text: await readBodyTextLimited(event, IMPORT_BODY_BYTES_MAX) };
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
