import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Target } from './ssrfGuard.ts';

/** One attempt's limit: a receiver that takes longer is a failed attempt, retried later. */
export const WEBHOOK_REQUEST_TIMEOUT_MS = 10_000;
/** Characters of the receiver's answer kept in the delivery log. */
export const RESPONSE_EXCERPT_MAX = 500;

export interface SendOutcome {
  readonly statusCode: number | null;
  readonly responseExcerpt: string | null;
  readonly error: string | null;
}

/** Resolves to the address the SSRF guard checked, never to a fresh DNS answer. */
function pinnedLookup(target: Target): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

/**
 * POSTs once. Redirects are not followed (a 3xx is a failed attempt: a
 * redirect could point anywhere the guard refused); only the first
 * RESPONSE_EXCERPT_MAX characters of the answer are read.
 */
export function postWebhook(
  url: URL,
  target: Target,
  headers: Record<string, string>,
  body: string,
  timeoutMs = WEBHOOK_REQUEST_TIMEOUT_MS,
): Promise<SendOutcome> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        lookup: pinnedLookup(target),
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        timeout: timeoutMs,
      },
      (response) => {
        let excerpt = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          excerpt += chunk;
          if (excerpt.length >= RESPONSE_EXCERPT_MAX) response.destroy();
        });
        const done = () =>
          resolve({
            statusCode: response.statusCode ?? null,
            responseExcerpt: excerpt.slice(0, RESPONSE_EXCERPT_MAX),
            error: null,
          });
        response.on('end', done);
        response.on('close', done);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) =>
      resolve({ statusCode: null, responseExcerpt: null, error: error.message.slice(0, 300) }),
    );
    request.end(body);
  });
}
