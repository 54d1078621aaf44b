/**
 * Where requests go. IT Glue has three data centres, and a key only works in its own: a key for
 * another region gets 403, the same as a wrong key.
 */
import { ConfigurationError } from './errors.js';

export const REGION_BASE_URLS = {
  us: 'https://api.itglue.com',
  eu: 'https://api.eu.itglue.com',
  au: 'https://api.au.itglue.com',
} as const;

export type Region = keyof typeof REGION_BASE_URLS;

export function isRegion(value: string): value is Region {
  return Object.hasOwn(REGION_BASE_URLS, value);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Checks a base URL and returns it without a trailing slash. Plain `http://` would send the key
 * in clear text, so it is allowed only to this machine (the emulator).
 */
export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(
      `The base URL ${JSON.stringify(raw)} is not a valid URL (for example https://api.itglue.com)`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`The base URL must use https://, got ${url.protocol}//`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigurationError(
      `Refusing plain http:// to ${url.hostname}: the API key would travel unencrypted. Use https://, or http:// only for a local emulator on 127.0.0.1.`,
    );
  }
  if (url.username || url.password) {
    throw new ConfigurationError(
      'The base URL must not carry a user name or password; the API key is the only credential gluekit sends.',
    );
  }
  if (url.search || url.hash)
    throw new ConfigurationError('The base URL must not carry a query or a fragment');
  return url.toString().replace(/\/+$/, '');
}

export function resolveBaseUrl(region: string | undefined, baseUrl: string | undefined): string {
  if (baseUrl) return normalizeBaseUrl(baseUrl);
  const chosen = (region ?? 'us').toLowerCase();
  if (!isRegion(chosen)) {
    throw new ConfigurationError(
      `Unknown region ${JSON.stringify(region)}: use "us", "eu" or "au", or pass baseUrl`,
    );
  }
  return REGION_BASE_URLS[chosen];
}
