/**
 * Every response shape the emulator sends. API responses are JSON:API with IT Glue's content type;
 * `*-id` attributes go out as exact JSON numbers, whatever their size. Unknown routes get
 * the Rails HTML 404 page, as on real IT Glue.
 *
 * Responses are built with plain header objects so @hono/node-server can take its fast path.
 */
import { stringifyJsonApi } from '../../jsonapi/json.js';
import type { ApiError, ServerErrorKind } from '../support/api-errors.js';

export type { ApiError, ServerErrorKind };

export const JSON_API_CONTENT_TYPE = 'application/vnd.api+json; charset=utf-8';

/**
 * Safe `*-id` attributes are numbers already (see toResourceObject), so a quoted id left in the
 * text is one above 2^53: only then does `stringifyJsonApi` rewrite it, exactly.
 */
function serialize(document: unknown): string {
  const text = JSON.stringify(document);
  return text.includes('-id":"') ? stringifyJsonApi(document) : text;
}

export function jsonApiResponse(
  status: number,
  document: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(serialize(document), {
    status,
    headers: { 'content-type': JSON_API_CONTENT_TYPE, ...headers },
  });
}

export function errorResponse(status: number, errors: readonly ApiError[], headers?: Record<string, string>) {
  return jsonApiResponse(status, { errors }, headers);
}

/** Emulator choice: IT Glue documents 404 for missing records but no body was ever captured. */
export function recordNotFound(): Response {
  return errorResponse(404, [{ status: 404, title: 'Not Found', detail: 'Record not found' }]);
}

/** A 400 naming the query parameter or body member at fault (emulator choice: no body was ever captured). */
export function badRequest(detail: string, source?: ApiError['source']): Response {
  const error: ApiError = { status: 400, title: 'Bad Request', detail };
  if (source !== undefined) error.source = source;
  return errorResponse(400, [error]);
}

export function unprocessable(errors: readonly ApiError[], headers?: Record<string, string>): Response {
  return errorResponse(422, errors, headers);
}

/** The body of a 403 must never echo the key it refused. */
export function forbidden(): Response {
  return errorResponse(403, [
    {
      status: 403,
      title: 'Forbidden',
      detail: 'The x-api-key header is missing or is not a valid API key for this account.',
    },
  ]);
}

export function unsupportedMediaType(): Response {
  return errorResponse(415, [
    {
      status: 415,
      title: 'Unsupported Media Type',
      detail: 'Send the body as application/vnd.api+json (application/json is accepted too).',
    },
  ]);
}

/**
 * A 429. `retryAfterSeconds` null sends no Retry-After header at all (real IT Glue documents none;
 * the header is an emulator extra that clients must not depend on).
 */
export function tooManyRequests(retryAfterSeconds: number | null): Response {
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== null) headers['retry-after'] = String(retryAfterSeconds);
  return errorResponse(
    429,
    [
      {
        status: 429,
        title: 'Too Many Requests',
        detail: 'Too many requests for this API key; retry later.',
      },
    ],
    headers,
  );
}

// Rails' public/404.html, as IT Glue serves it for a route it does not have.
const RAILS_404_PAGE = `<!DOCTYPE html>
<html>
<head>
  <title>The page you were looking for doesn't exist (404)</title>
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <style>
  body { background-color: #EFEFEF; color: #2E2F30; text-align: center; font-family: arial, sans-serif; margin: 0; }
  div.dialog { width: 95%; max-width: 33em; margin: 4em auto 0; }
  h1 { font-size: 100%; color: #730E15; line-height: 1.5em; }
  </style>
</head>
<body>
  <div class="dialog">
    <div>
      <h1>The page you were looking for doesn't exist.</h1>
      <p>You may have mistyped the address or the page may have moved.</p>
    </div>
    <p>If you are the application owner check the logs for more information.</p>
  </div>
</body>
</html>
`;

export function htmlNotFound(): Response {
  return new Response(RAILS_404_PAGE, {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}

export function serverError(kind: ServerErrorKind): Response {
  if (kind === 502) {
    // A gateway page: HTML, not JSON, as a load balancer sends it.
    return new Response(
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n',
      { status: 502, headers: { 'content-type': 'text/html' } },
    );
  }
  if (kind === 503) {
    // Amazon API Gateway style, which sits in front of IT Glue.
    return new Response('{"message":"Service Unavailable"}', {
      status: 503,
      headers: { 'content-type': 'application/json' },
    });
  }
  return errorResponse(500, [{ status: 500, title: 'Internal Server Error' }]);
}

/** Control routes speak plain JSON. */
export function controlJson(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
