/**
 * `gluekit ui`: serves the dashboard until Ctrl-C. The mirror is this key's (or --db); Sync runs
 * `syncMirror` with the client every command builds, so it spends the same rate budget as
 * `gluekit sync`. Without an API key the dashboard still serves the mirror, with Sync disabled.
 * stdout gets the URL alone; the rest goes to stderr.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readEnv } from '../../core/env.js';
import { MirrorStore, syncMirror } from '../../mirror/index.js';
import { startUiServer } from '../../ui/server.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../usage-error.js';
import { maxAgeMs, mirrorPath } from './mirror-support.js';

export interface UiFlags {
  port: string;
  host: string;
  db?: string;
  plan?: string[];
  authTokenFile?: string;
  maxAge?: string;
}

function say(line: string): void {
  process.stderr.write(`gluekit ui: ${line}\n`);
}

function authToken(flags: UiFlags): string | undefined {
  if (flags.authTokenFile !== undefined) {
    try {
      return readFileSync(flags.authTokenFile, 'utf8').trim();
    } catch (error) {
      throw new UsageError(
        `--auth-token-file ${flags.authTokenFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  return readEnv('GLUEKIT_UI_AUTH_TOKEN');
}

export async function runUi(ctx: CliContext, flags: UiFlags): Promise<void> {
  if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, got ${JSON.stringify(flags.port)}`);
  const path = mirrorPath(ctx, { db: flags.db });
  const connection = ctx.connection();
  const syncBlocked = connection.apiKey
    ? undefined
    : 'Sync needs an IT Glue API key: set ITGLUE_API_KEY, or `gluekit config set api-key`, and restart gluekit ui.';
  const sync = connection.apiKey
    ? async () => {
        const client = ctx.client();
        const store = MirrorStore.open(path, {
          tenant: { baseUrl: client.baseUrl, keyFingerprint: client.keyFingerprint },
        });
        try {
          return await syncMirror({ client, store });
        } finally {
          store.close();
        }
      }
    : undefined;
  const token = authToken(flags);
  const server = await startUiServer({
    mirrorPath: path,
    host: flags.host,
    port: Number(flags.port),
    authToken: token,
    sync,
    syncBlocked,
    plans: (flags.plan ?? []).map((file) => resolve(file)),
    maxAgeMs: maxAgeMs(flags),
    log: say,
  });
  process.stdout.write(`${server.url}\n`);
  say(`serving ${path} at ${server.url} (read-only; Sync reads IT Glue and writes only the mirror)`);
  if (token !== undefined) say('every visitor needs the token: open the URL with ?token=<token> once');
  if (syncBlocked) say(syncBlocked);
  await new Promise<void>((done) => {
    const stop = () => {
      void server.close().finally(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
