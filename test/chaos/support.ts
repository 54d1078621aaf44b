/**
 * Chaos support: every fault at once, a client that keeps retrying through them, and the checks
 * every workflow must pass after a run under them.
 *
 * The faults are those of issue 8 (10% 5xx, 5% connection resets, 20% lost responses on writes,
 * a 429 burst, latency with jitter), except the latency: 20-40 ms instead of 100 ms with jitter,
 * so a suite of several hundred requests stays within CI time. Latency changes when things
 * happen, not what: the invariants are the same.
 */
import { expect } from 'vitest';
import type { ClientOptions } from '../../src/index.js';
import { applyPlan } from '../../src/workflows/engine/apply.js';
import type { ResourceExecutor } from '../../src/workflows/engine/executor.js';
import type { WriteRecord } from '../../src/workflows/engine/journal.js';
import type { Plan, PlanResource } from '../../src/workflows/engine/plan.js';
import {
  clientFor,
  type Emulator,
  NO_FAULTS,
  type RequestCounts,
  requestCounts,
  resetCounts,
  setFaults,
} from '../helpers/emulator.js';
import { printSeedOnFailure } from '../helpers/seed.js';
import { newTenant, type Tenant } from '../workflows/support.js';

export const CHAOS = {
  latencyMs: 20,
  jitterMs: 20,
  errorRate: 0.1,
  resetRate: 0.05,
  lostResponseRate: 0.2,
  rateLimitBurst: 6,
  // Real IT Glue sends no Retry-After; a short one keeps the burst from costing seconds here.
  burstRetryAfterSeconds: 0.1,
};

/**
 * A client that rides out the chaos: more retries than the default 4 (at 15% failed attempts,
 * four retries still fail a GET about once in 13,000 — often enough to flake a CI suite of
 * hundreds), with short pauses.
 */
export const CHAOS_CLIENT: ClientOptions = {
  maxRetries: 10,
  retryBaseDelayMs: 5,
  retryMaxDelayMs: 40,
  timeoutMs: 10_000,
};

/** Creates whose answer keeps getting lost are tried this often (default 5) before giving up. */
export const CHAOS_CREATE_ATTEMPTS = 10;

export interface ChaosTenant extends Tenant {
  emulator: Emulator;
}

export async function chaosTenant(emulator: Emulator, seed = 'demo'): Promise<ChaosTenant> {
  const tenant = await newTenant(emulator, seed);
  return {
    ...tenant,
    emulator,
    client: clientFor(emulator, { apiKey: tenant.apiKey, ...CHAOS_CLIENT }),
  };
}

/** A plan and the writers that apply it (a password mirror's writer needs the plan's secrets). */
export interface Planned {
  plan: Plan;
  executors: Partial<Record<PlanResource, ResourceExecutor>>;
}

/** One emulator record type as the checks see it: raw records (values included), by natural key. */
export interface Observed {
  /** Natural key → every record answering to it, in the scope the source syncs. */
  byKey: Map<string, Array<Record<string, unknown>>>;
  /** Records in scope (for "nothing but the planned creates appeared"). */
  count: number;
}

/**
 * One workflow under chaos. A new one (password mirror, onboarding documents) is one more object
 * in a suite's CASES list: write its source in `setup`, plan in `plan`, and say in `observe`
 * how to find its records by key and in `desired` what each must hold.
 */
export interface ChaosCase {
  name: string;
  seed?: string;
  /** Writes the source (faults off) and returns what it needs later. */
  setup(t: ChaosTenant): Promise<void>;
  /** Plans from the source; run once under faults, then again with faults off for the re-run. */
  plan(t: ChaosTenant): Promise<Planned>;
  observe(t: ChaosTenant): Promise<Observed>;
  /** Natural key → the fields its one record must hold after the run. */
  desired(t: ChaosTenant): Map<string, Record<string, unknown>>;
  /**
   * Which committed writes the journal must account for, one create or update per record
   * (default: all). A workflow whose one action takes several requests (a document, then its
   * sections) names the requests that stand for the action here, by operationId or path.
   */
  journaled?(write: { method: string; path: string; operationId?: string | undefined }): boolean;
}

export interface ChaosReport {
  counts: RequestCounts;
  writes: WriteRecord[];
}

function committedWrites(counts: RequestCounts, method: 'POST' | 'PATCH', chaos: ChaosCase) {
  return counts.writes.filter(
    (write) => write.method === method && write.committed && (chaos.journaled?.(write) ?? true),
  );
}

/**
 * Runs a case: plan and apply under every fault, then checks the invariants of issue 8 and makes
 * sure the faults really happened (a chaos test without chaos would prove nothing).
 */
export async function runChaosCase(emulator: Emulator, chaos: ChaosCase, faultSeed: number) {
  printSeedOnFailure(faultSeed);
  const t = await chaosTenant(emulator, chaos.seed);
  await chaos.setup(t);
  const before = await chaos.observe(t);

  await resetCounts(emulator);
  await setFaults(emulator, { ...CHAOS, seed: faultSeed });
  let planned: Planned;
  let result: Awaited<ReturnType<typeof applyPlan>>;
  try {
    planned = await chaos.plan(t);
    // A second burst lands on the writes.
    await setFaults(emulator, { rateLimitBurst: CHAOS.rateLimitBurst });
    result = await applyPlan({
      plan: planned.plan,
      target: planned.plan.target,
      journal: t.journal,
      executors: planned.executors,
      checkPreconditions: false,
      maxCreateAttempts: CHAOS_CREATE_ATTEMPTS,
    });
  } finally {
    await setFaults(emulator, NO_FAULTS);
  }
  const counts = await requestCounts(emulator);
  const after = await chaos.observe(t);
  const creates = planned.plan.summary.create;

  // The chaos happened: 5xx answers, resets, lost write responses and 429s were all seen.
  const statuses = Object.keys(counts.byStatus);
  expect(statuses.filter((status) => status.startsWith('5')).length, 'no 5xx').toBeGreaterThan(0);
  expect(counts.byStatus.reset ?? 0, 'no connection reset').toBeGreaterThan(0);
  expect(counts.byStatus['429'] ?? 0, 'no 429').toBeGreaterThanOrEqual(2 * CHAOS.rateLimitBurst);
  expect(
    counts.writes.filter((write) => write.committed && write.delivered === false).length,
    'no lost response',
  ).toBeGreaterThan(0);
  expect(planned.plan.summary.create + planned.plan.summary.update, 'nothing to write').toBeGreaterThan(10);

  // Every write of the run landed, by itself, under the faults.
  expect(result.outcomes.filter((o) => o.state !== 'done' && o.state !== 'adopted')).toEqual([]);
  expect(result.interrupted).toBe(false);

  // The final state equals the desired state: one record per key, holding the desired values.
  for (const [key, fields] of chaos.desired(t)) {
    const records = after.byKey.get(key) ?? [];
    expect(records, `records answering to ${key}`).toHaveLength(1);
    expect(records[0], key).toMatchObject(fields);
  }
  // Zero duplicates: nothing appeared but the planned creates.
  expect(after.count).toBe(before.count + creates);

  // Zero DELETE requests.
  expect(counts.byMethod.DELETE ?? 0).toBe(0);

  // The journal accounts for every write IT Glue committed.
  const { run, writes } = t.journal.getRun(result.runId);
  expect(run.status).toBe('done');
  expect(writes.filter((w) => w.state === 'pending')).toEqual([]);
  const journalCreates = writes.filter((w) => w.action === 'create').map((w) => w.recordId);
  const postedIds = committedWrites(counts, 'POST', chaos).flatMap((write) => write.ids ?? []);
  expect(journalCreates).toHaveLength(creates);
  expect([...postedIds].sort(), 'committed creates = journaled creates').toEqual(
    [...(journalCreates as string[])].sort(),
  );
  const journalUpdates = new Set(writes.filter((w) => w.action !== 'create').map((w) => w.recordId));
  const patchedIds = new Set(committedWrites(counts, 'PATCH', chaos).flatMap((write) => write.ids ?? []));
  // A PATCH whose answer was lost is sent again (it is idempotent): the same ids, maybe twice.
  expect([...patchedIds].sort(), 'committed updates = journaled updates').toEqual([...journalUpdates].sort());

  // A re-run, faults off, plans only `unchanged` and writes nothing.
  await resetCounts(emulator);
  const again = await chaos.plan(t);
  expect(again.plan.summary).toMatchObject({ create: 0, update: 0, deactivate: 0, conflict: 0, skip: 0 });
  expect(again.plan.summary.unchanged).toBe(chaos.desired(t).size);
  const rerun = await applyPlan({
    plan: again.plan,
    target: again.plan.target,
    journal: t.journal,
    executors: again.executors,
    checkPreconditions: false,
  });
  expect(rerun.outcomes).toEqual([]);
  const quiet = await requestCounts(emulator);
  expect((quiet.byMethod.POST ?? 0) + (quiet.byMethod.PATCH ?? 0) + (quiet.byMethod.DELETE ?? 0)).toBe(0);
  return { counts, result };
}

/** The organization id of a name, read with the chaos-free control route. */
export async function organizationId(t: ChaosTenant, name: string): Promise<string> {
  const response = await fetch(`${t.emulator.url}/__emulator/records/organizations`, {
    headers: { 'x-api-key': t.apiKey },
  });
  const { data } = (await response.json()) as { data: Array<{ id: string; name: string }> };
  const found = data.find((org) => org.name === name);
  if (!found) throw new Error(`no organization ${name}`);
  return String(found.id);
}
