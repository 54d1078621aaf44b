/**
 * `gluekit doctor`: one line per check, a non-zero exit when any fails.
 * configuration → host reachable → key works (one cheap request) → wrong region? → clock → budget.
 */
import { GlueKit } from '../../client.js';
import { REGION_BASE_URLS } from '../../core/config.js';
import { AuthenticationError, GlueKitError } from '../../core/errors.js';
import { nodeHttpFetch } from '../../core/http.js';
import { keyFingerprint } from '../../core/redact.js';
import { describeNetworkError } from '../../core/retry.js';
import { terminalText } from '../../core/terminal-text.js';
import type { CliContext, Connection } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { printList } from '../output/render.js';

type Status = 'ok' | 'warn' | 'fail' | 'skip';

interface Check {
  check: string;
  status: Status;
  detail: string;
}

const CLOCK_SKEW_LIMIT_S = 60;

async function reachable(baseUrl: string): Promise<{ ok: boolean; date?: string; detail: string }> {
  try {
    const response = await nodeHttpFetch(new URL(baseUrl), {
      method: 'GET',
      headers: {},
      signal: AbortSignal.timeout(10_000),
    });
    // The probe sends no key, so IT Glue's usual answer is a 401 or 403: the host is fine.
    const status = response.status;
    return {
      ok: true,
      date: response.headers.get('date') ?? undefined,
      detail:
        status === 401 || status === 403
          ? `${baseUrl} is reachable (HTTP ${status} without a key, as expected; with a key, HTTP 403 means the key or the region)`
          : `${baseUrl} is reachable (HTTP ${status})`,
    };
  } catch (error) {
    return { ok: false, detail: `${baseUrl} is unreachable (${describeNetworkError(error)})` };
  }
}

/** With a 403 on a known region host, tries the key on the other regions' hosts. */
async function findKeyRegion(apiKey: string, baseUrl: string): Promise<string | undefined> {
  const current = Object.entries(REGION_BASE_URLS).find(([, url]) => url === baseUrl);
  if (!current) return undefined;
  for (const [region, url] of Object.entries(REGION_BASE_URLS)) {
    if (url === baseUrl) continue;
    try {
      const probe = new GlueKit({ apiKey, baseUrl: url, maxRetries: 0, timeoutMs: 10_000 });
      await probe.organizations.list({ pageSize: 1 });
      return region;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const HOW_TO_SET_A_KEY =
  'set one with: printf %s "$KEY" | gluekit config set api-key (stored 0600), or export ITGLUE_API_KEY';

export async function runDoctor(ctx: CliContext): Promise<void> {
  const checks: Check[] = [];
  let connection: Connection | undefined;
  // A configuration problem (no key, an unknown profile or region) is a usage error, as for any
  // other command; the checks that need no key still run.
  let exitCode: number = ExitCode.OK;
  try {
    connection = ctx.connection();
    const key = connection.apiKey
      ? `${keyFingerprint(connection.apiKey)} from ${connection.sources.apiKey}`
      : `none: ${HOW_TO_SET_A_KEY}`;
    checks.push({
      check: 'configuration',
      status: connection.apiKey ? 'ok' : 'fail',
      detail: `profile ${connection.profile}; ${connection.baseUrl} (from ${connection.sources.baseUrl}); key ${key}`,
    });
    if (!connection.apiKey) exitCode = ExitCode.USAGE;
  } catch (error) {
    checks.push({ check: 'configuration', status: 'fail', detail: (error as Error).message });
    exitCode = ExitCode.USAGE;
  }

  if (connection) {
    const host = await reachable(connection.baseUrl);
    checks.push({ check: 'host reachable', status: host.ok ? 'ok' : 'fail', detail: host.detail });
    if (!host.ok && exitCode === ExitCode.OK) exitCode = ExitCode.API;
    const serverDate = host.date;
    if (host.ok && connection.apiKey) {
      const client = new GlueKit({
        apiKey: connection.apiKey,
        baseUrl: connection.baseUrl,
        maxRetries: 1,
        timeoutMs: 15_000,
        rateLimit: { store: ctx.rateStore() },
      });
      try {
        const page = await client.organizations.list({ pageSize: 1 });
        checks.push({
          check: 'API key',
          status: 'ok',
          detail: `accepted; the account has ${page.meta.totalCount} organizations`,
        });
      } catch (error) {
        const message = error instanceof GlueKitError ? error.message : String(error);
        checks.push({ check: 'API key', status: 'fail', detail: message });
        exitCode = error instanceof AuthenticationError ? ExitCode.AUTHENTICATION : ExitCode.API;
        if (error instanceof AuthenticationError) {
          const region = await findKeyRegion(connection.apiKey, connection.baseUrl);
          checks.push({
            check: 'region',
            status: region ? 'fail' : 'skip',
            detail: region
              ? `the key works in the ${region} data centre: set ITGLUE_REGION=${region} (or --region ${region})`
              : 'no other data centre accepted the key either (or none could be reached): the key itself is wrong, paused or revoked',
          });
        }
      }
      const budget = await client.rateBudget();
      if (budget) {
        const shared =
          budget.store === 'memory'
            ? 'counted in this process only'
            : `shared by every gluekit process using ${budget.storeDescription}`;
        checks.push({
          check: 'rate budget',
          status: 'ok',
          detail: `${budget.remaining} of ${budget.limit} requests per ${budget.windowMs / 1000} s left, ${shared} (IT Glue does not report the budget other integrations use)`,
        });
      }
    }
    if (serverDate) {
      const skew = Math.round((Date.now() - Date.parse(serverDate)) / 1000);
      const fine = Math.abs(skew) <= CLOCK_SKEW_LIMIT_S;
      checks.push({
        check: 'clock',
        status: fine ? 'ok' : 'warn',
        detail: fine
          ? `within ${Math.abs(skew)} s of the server`
          : `${skew} s off the server's clock: incremental syncs and "changed since" views will be off`,
      });
    }
  }
  if (checks.some((c) => c.status === 'fail') && exitCode === ExitCode.OK) exitCode = ExitCode.ERROR;

  if (ctx.format === 'table') {
    for (const c of checks)
      process.stdout.write(`${c.status.padEnd(4)}  ${c.check.padEnd(14)}  ${terminalText(c.detail)}\n`);
  } else {
    printList(ctx, checks, { source: 'live', ok: exitCode === ExitCode.OK }, ['check', 'status', 'detail']);
  }
  process.exitCode = exitCode;
}
