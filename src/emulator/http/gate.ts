/**
 * Everything an API request passes through around its handler, in order: injected latency, an
 * injected connection reset, the API key, an injected 429 burst, the sliding-window rate limit,
 * an injected 5xx, the handler, and an injected lost response (writes only, after commit). Every
 * request, whatever its fate, is counted by route template and operation. Control routes
 * (`/__emulator/...`) never come through here.
 */
import type { Context } from 'hono';
import type { EmulatorState } from '../state.js';
import type { Tenant } from '../store/tenant.js';
import { type AppEnv, dropConnection } from './connection.js';
import { forbidden, serverError, tooManyRequests } from './responses.js';

export interface RouteInfo {
  /** The route template, e.g. `/organizations/{organization_id}/relationships/contacts`. */
  readonly template: string;
  readonly operationId?: string;
}

/** What a handler reports back for the request log. */
export interface RequestReport {
  ids: string[];
  committed: boolean;
  /** Set by a route that exists in the table but not in this profile (real `GET /documents`). */
  unrouted?: boolean;
}

export interface ApiRequest {
  readonly tenant: Tenant;
  readonly state: EmulatorState;
  readonly report: RequestReport;
}

export type ApiHandler = (c: Context<AppEnv>, request: ApiRequest) => Response | Promise<Response>;

/** A route of real IT Glue that the operation table does not describe (sections, lookups, ...). */
export interface ExtraRoute {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly route: RouteInfo;
  readonly handler: ApiHandler;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `/contacts/123/x` → `/contacts/{id}/x`, the route key of a path no route matched. */
function templateOfUnmatched(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, '/{id}');
}

interface Outcome {
  status: number;
  delivered: boolean;
}

export function gated(state: EmulatorState, route: RouteInfo | null, handler: ApiHandler) {
  return async (c: Context<AppEnv>): Promise<Response> => {
    const method = c.req.method;
    const report: RequestReport = { ids: [], committed: false };
    const outcome: Outcome = { status: 0, delivered: false };
    try {
      return await runGated(c, state, method, report, outcome, handler);
    } finally {
      state.requests.record({
        method,
        route: `${method} ${route && !report.unrouted ? route.template : templateOfUnmatched(c.req.path)}`,
        operationId: report.unrouted ? undefined : route?.operationId,
        path: c.req.path,
        status: outcome.status,
        delivered: outcome.delivered,
        ids: report.ids,
        committed: report.committed,
      });
    }
  };
}

async function runGated(
  c: Context<AppEnv>,
  state: EmulatorState,
  method: string,
  report: RequestReport,
  outcome: Outcome,
  handler: ApiHandler,
): Promise<Response> {
  const sent = (response: Response) => {
    outcome.status = response.status;
    outcome.delivered = true;
    return response;
  };
  const faults = state.faults.roll();
  if (faults.delayMs > 0) await sleep(faults.delayMs);
  if (faults.reset) return dropConnection(c);
  const tenant = state.tenant(c.req.header('x-api-key'));
  if (!tenant) return sent(forbidden());
  const burst = state.faults.takeBurst();
  if (burst !== false) return sent(tooManyRequests(burst));
  const admission = state.limiter?.admit(tenant.apiKey);
  if (admission && !admission.ok) return sent(tooManyRequests(admission.retryAfterSeconds));
  if (faults.serverError !== null) return sent(serverError(faults.serverError));
  const response = await handler(c, { tenant, state, report });
  if (faults.loseResponse && (method === 'POST' || method === 'PATCH')) {
    outcome.status = response.status;
    return dropConnection(c);
  }
  return sent(response);
}
