/**
 * Where a request may go. Every request carries the API key, and the key opens every client's
 * passwords, so this one function decides, before a byte is sent: the target is resolved the way
 * the URL standard (and so fetch) would resolve it, and it must land on the configured base's
 * scheme, host and port, over https unless the base is this machine. Anything else (a link to
 * another host, a protocol-relative `//host`, `/\host`, a leading space or tab the parser drops,
 * `http:` under an https base, credentials in the URL) is refused here rather than trusted to a
 * string test that a parser reads differently.
 */
import { isLoopbackHost } from './config.js';
import { ConnectionError } from './errors.js';

/**
 * The URL for `target`: a path below the base (`/contacts?page[number]=2`, the base's own path
 * is kept in front of it), or an absolute URL that must name the base's origin.
 */
export function requestUrl(baseUrl: string, target: string, method = 'GET'): URL {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const candidate = target.startsWith('/') ? `${basePath}${target}` : target;
  let url: URL;
  try {
    url = new URL(candidate, base);
  } catch {
    throw refusal(method, '(not a URL)', 'a target that is not a URL', base);
  }
  if (url.username !== '' || url.password !== '') {
    throw refusal(method, url.pathname, `a URL carrying credentials for ${url.origin}`, base);
  }
  if (url.protocol !== base.protocol || url.host !== base.host) {
    throw refusal(method, url.pathname, url.origin, base);
  }
  if (url.protocol !== 'https:' && !isLoopbackHost(base.hostname)) {
    throw refusal(method, url.pathname, `plain ${url.origin}`, base);
  }
  return url;
}

function refusal(method: string, path: string, where: string, base: URL): ConnectionError {
  return new ConnectionError(
    { method, path },
    `refusing to send a request to ${where}: gluekit sends the API key only to the configured ${base.origin}`,
  );
}
