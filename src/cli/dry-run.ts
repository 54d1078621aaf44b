/**
 * `--dry-run`: the command runs through the SDK as usual (validation, compat, serialization), but
 * writes are captured instead of sent. Reads a write depends on (a contact's current emails, an
 * organization name to resolve) still go to IT Glue, since they change nothing. What is printed
 * is exactly what would be sent, with the key and every secret masked.
 */

import { type HttpFetch, type HttpResponse, nodeHttpFetch } from '../core/http.js';
import { REDACTED, redactSecrets } from '../core/redact.js';
import { parseJson, stringifyJsonApi } from '../jsonapi/json.js';

export interface CapturedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Stands in for the id IT Glue would give a created record, so later steps can be shown. */
export const NEW_ID = '0';

export function dryRunFetch(captured: CapturedRequest[], realFetch: HttpFetch = nodeHttpFetch): HttpFetch {
  return async (url, init) => {
    const method = init.method.toUpperCase();
    if (method === 'GET') return realFetch(url, init);
    const headers = { ...init.headers };
    if (headers['x-api-key'] !== undefined) headers['x-api-key'] = REDACTED;
    const body = typeof init.body === 'string' ? redactSecrets(parseJson(init.body)) : null;
    captured.push({ method, url: String(url), headers, body });
    // Answer as IT Glue would, echoing what was sent, so a multi-step write can show every step.
    const data = (body as { data?: Record<string, unknown> } | null)?.data ?? { type: 'unknown' };
    const echoed = JSON.stringify({ data: { ...data, id: data.id ?? NEW_ID } });
    const answer: HttpResponse = {
      status: method === 'POST' ? 201 : 200,
      ok: true,
      headers: { get: (name) => (name.toLowerCase() === 'content-type' ? 'application/vnd.api+json' : null) },
      text: async () => echoed,
    };
    return answer;
  };
}

export function describeDryRun(captured: readonly CapturedRequest[]): string {
  const lines = ['Dry run: nothing was written. These requests would be sent:'];
  for (const request of captured) {
    lines.push('', `${request.method} ${request.url}`);
    for (const [name, value] of Object.entries(request.headers)) lines.push(`  ${name}: ${value}`);
    if (request.body !== null) lines.push(stringifyJsonApi(request.body, 2));
  }
  if (captured.some((request) => request.url.includes(`/${NEW_ID}/`))) {
    lines.push('', `(${NEW_ID} stands for the id IT Glue assigns to the record created first.)`);
  }
  return lines.join('\n');
}
