/**
 * What each tool returns, as the `outputSchema` agents are shown and the server checks every
 * result against (`structuredContent`, beside the same JSON as text). Records stay open objects
 * (a compact record leaves out fields without a value, and the mirror may learn new fields); the
 * envelope around them (counts, cursors, freshness, plan ids) is closed and described.
 */
import { z } from 'zod';

/**
 * A count. Not `.int()`: that lists ±2^53 bounds in every schema, tokens each agent pays for with
 * every tool listing.
 */
export const count = z.number().min(0);

/** A compact record: its id and whichever fields have a value. */
export const recordOutput = z
  .looseObject({ id: z.string().describe('The IT Glue record id (a string: ids exceed 2^53).') })
  .describe('A record as compact camelCase fields; fields without a value are left out.');

const nextCursor = z
  .string()
  .nullable()
  .describe('Pass back as `cursor` with the same arguments for the next page; null on the last one.');

/** How fresh the local mirror a view answered from is (src/mcp/mirror.ts). */
export const freshnessOutput = z
  .object({
    syncedAt: z
      .string()
      .nullable()
      .describe('When the oldest synced record type was last synced; null before the first sync.'),
    ageSeconds: z.number().nullable(),
    stale: z.boolean().describe('True when older than the freshness limit: call sync_mirror.'),
    note: z.string().optional(),
  })
  .describe('How fresh the local mirror is.');

/** list_* operation tools. */
export const listOutput = z.object({
  records: z.array(recordOutput),
  count: count.describe('Records in this result.'),
  total: count.nullable().describe('All matching records, when IT Glue says.'),
  nextCursor,
});

/** A view's result always says how fresh the mirror is; `fields` are the view's own. */
export function viewOutput<Shape extends z.ZodRawShape>(fields: Shape) {
  return z.object({ mirror: freshnessOutput, ...fields });
}

/** The fields of a windowed view list besides its items: how many in all, and the cursor. */
export const windowFields = {
  total: count.describe('Items in all, before the window.'),
  nextCursor,
};

export const syncOutput = z.object({
  ok: z.boolean().describe('False when some record type failed (see failures).'),
  durationMs: z.number(),
  requests: count.describe('Requests sent to IT Glue.'),
  resources: z.array(z.looseObject({ resource: z.string() })),
  failures: z.array(z.object({ resource: z.string(), code: z.string(), message: z.string() })),
  mirror: freshnessOutput,
});

const summaryOutput = z
  .record(z.string(), count)
  .describe('Actions by kind: create, update, deactivate, unchanged, skip, conflict.');

/** plan_* tools: the plan id to review and apply, its counts and the actions that do something. */
export const planOutput = z.looseObject({
  planId: z.string().describe('Pass to apply_plan.'),
  workflow: z.string(),
  target: z.string().describe('The IT Glue base URL the plan is for.'),
  expiresAt: z.string(),
  summary: summaryOutput,
  writes: count.describe('Actions that write (create, update, deactivate).'),
  actions: z.array(
    z.looseObject({
      action: z.string(),
      resource: z.string(),
      organizationId: z.string(),
      key: z.string().describe('The natural key the record was matched on.'),
      reason: z.string(),
    }),
  ),
  actionsNotListed: count.optional(),
  warnings: z.array(z.string()).optional(),
  next: z.string().describe('What to do next.'),
});

/** apply_plan: the run, its counts and each write's outcome. */
export const applyOutput = z.looseObject({
  runId: z.string().describe('The journal run (gluekit runs show, gluekit undo).'),
  counts: z.record(z.string(), count).describe('Writes by outcome: done, adopted, failed, …'),
  interrupted: z.boolean(),
  recovered: z.array(z.looseObject({ runId: z.string(), key: z.string() })).optional(),
  outcomes: z.array(
    z.looseObject({
      key: z.string(),
      action: z.string(),
      state: z.string(),
      recordId: z.string().optional(),
      error: z.string().optional(),
    }),
  ),
  outcomesNotListed: count.optional(),
  undo: z.string(),
});
