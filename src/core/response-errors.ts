/**
 * The typed error for an answer IT Glue gave with an error status or a redirect. Everything the
 * server said is text from outside: it may echo the API key (in a title, a detail, a pointer, a
 * Location), so it is scrubbed against the key's forms (`secrets`) before it enters an error.
 */
import { type ErrorDetail, normalizePointer, parseErrorDocument } from '../jsonapi/errors.js';
import { parseJson } from '../jsonapi/json.js';
import { errorForStatus, RedirectError, type RequestInfo } from './errors.js';
import type { HttpResponse } from './http.js';
import { scrubText } from './redact.js';

/** The server's `errors[]`, scrubbed; a pointer that echoes the key must not carry it into `fields`. */
export function errorDetails(text: string, secrets: readonly string[]): ErrorDetail[] {
  let body: unknown;
  try {
    body = parseJson(text);
  } catch {
    return [];
  }
  return parseErrorDocument(body).map((detail) => {
    const clean: ErrorDetail = {};
    if (detail.status !== undefined) clean.status = detail.status;
    for (const key of ['code', 'title', 'detail'] as const) {
      const value = detail[key];
      if (value !== undefined) clean[key] = scrubText(value, secrets);
    }
    if (detail.pointer !== undefined) {
      const pointer = scrubText(detail.pointer, secrets);
      // The field is derived from the pointer: derive it again from the scrubbed one.
      Object.assign(
        clean,
        pointer === detail.pointer ? { pointer, field: detail.field } : normalizePointer(pointer),
      );
      if (clean.field === undefined) delete clean.field;
    }
    return clean;
  });
}

/** A 3xx: never followed, reported with where it pointed. */
export function redirectError(
  response: HttpResponse,
  url: URL,
  info: RequestInfo,
  secrets: readonly string[],
): RedirectError {
  const raw = response.headers.get('location');
  let location: string | undefined;
  if (raw !== null) {
    try {
      location = new URL(raw, url).href;
    } catch {
      location = JSON.stringify(raw);
    }
    location = scrubText(location, secrets);
  }
  return new RedirectError(response.status, info, location);
}

/** Any other error status: the matching APIError subclass, with a message that says what happened. */
export function statusError(
  response: HttpResponse,
  text: string,
  info: RequestInfo,
  secrets: readonly string[],
) {
  const details = errorDetails(text, secrets);
  const isHtml = (response.headers.get('content-type') ?? '').includes('text/html');
  if (response.status === 404 && isHtml) {
    return errorForStatus(
      404,
      info,
      details,
      `IT Glue has no route for ${info.method} ${info.path.split('?')[0]} (it answered with its HTML "page not found")`,
    );
  }
  if (response.status >= 500 && details.length === 0) {
    return errorForStatus(
      response.status,
      info,
      details,
      `IT Glue failed with ${response.status} on ${info.method} ${info.path}`,
    );
  }
  return errorForStatus(response.status, info, details);
}
