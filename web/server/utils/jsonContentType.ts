import { ProblemError, problemOf } from './problem';

/** application/json and its +json variants (application/merge-patch+json ...), any parameters. */
const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json\b/i;

export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && JSON_MEDIA_TYPE.test(contentType.trim());
}

/** 415 naming the Content-Type header. */
export function unsupportedMediaType(expected = 'application/json'): ProblemError {
  return new ProblemError(
    problemOf(415, `Send the body as ${expected}`, {
      errors: [{ name: 'header.content-type', reason: `must be ${expected}` }],
    }),
  );
}
