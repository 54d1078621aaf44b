/** `gluekit sync`: brings this tenant's mirror up to date and prints what changed. */

import { terminalText } from '../../core/terminal-text.js';
import {
  MirrorStore,
  parseResourceList,
  type SyncProgress,
  type SyncSummary,
  syncMirror,
} from '../../mirror/index.js';
import type { CliContext } from '../context.js';
import { withGracefulInterrupt } from '../interrupt.js';
import { printList, printRecord } from '../output/render.js';
import { exitCodeFor } from '../report-error.js';
import { cliText } from '../words.js';
import { type MirrorFlags, mirrorPath, positiveIntegerFlag } from './mirror-support.js';

export interface SyncFlags extends MirrorFlags {
  full?: boolean;
  resources?: string;
  concurrency?: string;
}

const COLUMNS = ['resource', 'mode', 'new', 'updated', 'deleted', 'requests', 'localCount', 'reason'];

export async function runSync(ctx: CliContext, flags: SyncFlags): Promise<void> {
  const resources = flags.resources !== undefined ? parseResourceList(flags.resources) : undefined;
  // Without --concurrency the client chooses from the rate budget and the latency it measures.
  const concurrency = positiveIntegerFlag('--concurrency', flags.concurrency);
  const path = mirrorPath(ctx, flags);
  const client = ctx.client(concurrency !== undefined ? { concurrency } : {});
  const store = MirrorStore.open(path, {
    tenant: { baseUrl: client.baseUrl, keyFingerprint: client.keyFingerprint },
  });
  const progress = progressLine(ctx);
  let summary: SyncSummary;
  try {
    summary = await withGracefulInterrupt((signal) =>
      syncMirror({
        client,
        store,
        full: flags.full === true,
        resources,
        signal,
        concurrency,
        onProgress: progress.update,
      }),
    );
  } finally {
    progress.clear();
    store.close();
  }
  for (const tally of summary.resources)
    for (const warning of tally.warnings) ctx.warn(`${tally.resource}: ${warning}`);
  const failures = summary.failures.map(({ resource, code, message }) => ({ resource, code, message }));
  if (ctx.format === 'table' || ctx.format === 'csv') {
    // A reason may name an option (`full`): the table says it as the flag.
    const rows = summary.resources.map((tally) => ({
      ...tally,
      reason: tally.reason && cliText(tally.reason),
    }));
    printList(ctx, rows, { source: 'live' }, COLUMNS);
    if (ctx.format === 'table') {
      process.stdout.write(
        `${summary.requests} requests in ${(summary.durationMs / 1000).toFixed(1)} s; mirror: ${summary.mirror}\n`,
      );
    }
  } else {
    printRecord(ctx, { ...summary, failures }, { source: 'live' });
  }
  if (summary.failures.length > 0) {
    for (const failure of failures) ctx.warn(`${failure.resource} failed: ${failure.message}`);
    process.exitCode = exitCodeFor(summary.failures[0]?.error);
  }
}

/** One self-updating line on stderr, only for a person at a terminal. */
function progressLine(ctx: CliContext): { update: (progress: SyncProgress) => void; clear: () => void } {
  if (ctx.agent || process.stderr.isTTY !== true) return { update: () => {}, clear: () => {} };
  const states = new Map<string, string>();
  let shown = false;
  let lastDraw = 0;
  // [one, many]: `1 page`, `2/5 pages`.
  const units: Record<SyncProgress['phase'], [string, string]> = {
    full: ['page', 'pages'],
    incremental: ['page', 'pages'],
    confirm: ['checked', 'checked'],
    documents: ['organization', 'organizations'],
  };
  return {
    update(progress) {
      const total = progress.total === null ? '' : `/${progress.total}`;
      const [one, many] = units[progress.phase];
      const unit = (progress.total ?? progress.done) === 1 ? one : many;
      states.set(progress.resource, `${progress.resource} ${progress.done}${total} ${unit}`);
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      const line = terminalText(`sync: ${[...states.values()].join(' · ')}`);
      // A terminal that reports no size (0) gets the usual width rather than an empty line.
      const width = process.stderr.columns || 120;
      process.stderr.write(`\r\u001b[2K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`);
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write('\r\u001b[2K');
    },
  };
}
