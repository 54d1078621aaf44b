/**
 * sync_mirror: brings the caller's mirror up to date through the SDK (`syncMirror`, as `gluekit
 * sync` does). It reads IT Glue and writes only the local copy, so it is not a write tool.
 */
import { z } from 'zod';
import { MIRROR_RESOURCES, MirrorStore, syncMirror } from '../../mirror/index.js';
import { freshnessOf, mirrorPathOf } from '../mirror.js';
import { syncOutput } from '../output-schemas.js';
import { compactRecord } from '../results.js';
import { defineTool, type ToolDefinition } from '../tool.js';

const syncTool = defineTool({
  name: 'sync_mirror',
  title: 'Refresh the mirror',
  description:
    "Brings this key's local mirror of IT Glue up to date (only what changed, unless full), so the views answer from fresh data. It reads IT Glue and writes only the local mirror: nothing is ever written to IT Glue. Password values are never copied.",
  input: z.strictObject({
    full: z
      .boolean()
      .default(false)
      .describe('Read every record again and reconcile deletions (slower; default: only what changed).'),
    resources: z
      .array(z.enum(MIRROR_RESOURCES))
      .min(1)
      .optional()
      .describe('Only these record types (default: all five).'),
  }),
  output: syncOutput,
  // Reads IT Glue; the only thing it changes is the local cache.
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  toolsets: ['mirror'],
  run: async (args, ctx) => {
    const client = ctx.client();
    const store = MirrorStore.open(mirrorPathOf(client, ctx.settings.dataDir), {
      tenant: { baseUrl: client.baseUrl, keyFingerprint: client.keyFingerprint },
    });
    try {
      const summary = await syncMirror({
        client,
        store,
        full: args.full,
        resources: args.resources,
        signal: ctx.signal,
      });
      return {
        ok: summary.ok,
        durationMs: summary.durationMs,
        requests: summary.requests,
        resources: summary.resources.map(compactRecord),
        failures: summary.failures.map(({ resource, code, message }) => ({ resource, code, message })),
        mirror: freshnessOf(store),
      };
    } finally {
      store.close();
    }
  },
});

export function syncTools(): ToolDefinition[] {
  return [syncTool];
}
