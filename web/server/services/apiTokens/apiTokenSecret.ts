import { API_TOKEN_PREFIX } from '@billstream/contracts';
import { randomSecret, sha256Hex } from '../../utils/secrets';

/** A new personal API token and the hash that is all we keep of it. */
export function newApiTokenSecret(): { token: string; hash: string } {
  const token = `${API_TOKEN_PREFIX}${randomSecret()}`;
  return { token, hash: sha256Hex(token) };
}

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(API_TOKEN_PREFIX) && /^[\w-]{20,200}$/.test(value.slice(API_TOKEN_PREFIX.length));
}
