/** Processor apps and the port each serves /metrics on by default (the seed's ports). */
export const PROCESSOR_DEFAULT_PORTS: Readonly<Record<string, number>> = {
  billing: 9001,
  ledger: 9002,
  payments: 9003,
  analytics: 9004,
  subscriptions: 9005,
  activity: 9006,
  usage: 9007,
};

export interface ProcessorEndpoint {
  readonly app: string;
  readonly url: string;
}

/** Endpoints one monitoring answer may scrape. */
export const PROCESSOR_ENDPOINTS_MAX = 32;

/**
 * Where the processors serve /metrics: STREAMS_METRICS_URLS ("ledger=http://h:9002,ledger=http://h2:9002,...";
 * an app named twice has two instances), or else http://127.0.0.1:<NAME>_PORT for each app whose port
 * variable is set.
 */
export function processorEndpoints(env: Readonly<Record<string, string | undefined>>): ProcessorEndpoint[] {
  const configured = (env.STREAMS_METRICS_URLS ?? '').trim();
  const endpoints = configured
    ? configured
        .split(',')
        .map((pair) => pair.trim().split('='))
        .filter((pair): pair is [string, string] => pair.length === 2 && pair[0] !== '' && pair[1] !== '')
        .map(([app, url]) => ({ app: app.trim(), url: url.trim().replace(/\/+$/, '') }))
    : Object.keys(PROCESSOR_DEFAULT_PORTS)
        .filter((app) => env[`${app.toUpperCase()}_PORT`])
        .map((app) => ({ app, url: `http://127.0.0.1:${env[`${app.toUpperCase()}_PORT`]}` }));
  return endpoints.slice(0, PROCESSOR_ENDPOINTS_MAX);
}
