import { type ApiResponse, BASE_URL, toApiResponse } from './api';

/** The seeded demo logins (prisma/src/seed.ts): SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD and viewer@<same domain>. */
export const SEED_ADMIN = {
  email: process.env.SEED_ADMIN_EMAIL || 'admin@billstream.local',
  password: process.env.SEED_ADMIN_PASSWORD || 'billstream-admin',
};
export const SEED_VIEWER = {
  email: `viewer@${SEED_ADMIN.email.slice(SEED_ADMIN.email.lastIndexOf('@') + 1)}`,
  password: SEED_ADMIN.password,
};

export interface RequestOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Send the session's CSRF token on writes (default true). */
  readonly csrf?: boolean;
}

/**
 * An HTTP client with a cookie jar, like a browser: it logs in, keeps the
 * HttpOnly session cookies, and echoes the CSRF cookie on writes.
 */
export class Session {
  readonly cookies = new Map<string, string>();

  get csrfToken(): string | undefined {
    return this.cookies.get('bst_csrf');
  }

  /** A session signed in with these credentials; throws unless the login answers 200. */
  static async login(email: string, password: string, headers: Record<string, string> = {}): Promise<Session> {
    const session = new Session();
    const response = await session.request('POST', '/api/auth/login', { body: { email, password }, headers });
    if (response.status !== 200)
      throw new Error(`login of ${email} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return session;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    if (options.csrf !== false && method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await fetch(`${BASE_URL}${path}`, { method, headers, body, redirect: 'manual' });
    this.remember(response);
    return toApiResponse<T>(response);
  }

  get<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }

  post<T = unknown>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', path, { ...options, body });
  }
}

let admin: Promise<Session> | undefined;

/** One signed-in session of the seeded admin per test file. */
export function adminSession(): Promise<Session> {
  admin ??= Session.login(SEED_ADMIN.email, SEED_ADMIN.password);
  return admin;
}

/** A client holding only a personal API token. */
export function bearer(token: string) {
  return async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      ...extraHeaders,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${BASE_URL}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return toApiResponse<T>(response);
  };
}
