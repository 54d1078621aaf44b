/**
 * Crash safety of the real binary: `gluekit contacts sync --apply` of 500 new contacts is killed
 * with SIGKILL at ten points picked by a seeded PRNG (after a given number of creates reached IT
 * Glue, then a random few milliseconds more, so kills land between a journaled intent, its
 * request and its outcome), and run again after each kill. It must converge: 500 contacts, one
 * per address, every create IT Glue committed accounted for exactly once in the journal, and no
 * intent left pending. (test/cli/workflows.test.ts kills one run once; this is the long version.)
 *
 * The binary is dist/, built by `npm test` (or `npm run build`) before vitest runs. The emulator
 * runs in this process; the CLI is spawned asynchronously, so the emulator keeps serving.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../src/index.js';
import { Journal } from '../../src/workflows/engine/journal.js';
import { BIN, cliEnv, envelope, runCli, tempHome } from '../helpers/cli.js';
import { type Emulator, NO_FAULTS, newTenantKey, setFaults, useEmulator } from '../helpers/emulator.js';
import { faultSeed, printSeedOnFailure } from '../helpers/seed.js';

const HEADER = 'first_name,last_name,email';
const ORG = '1009';
const CONTACTS = 500;
const KILLS = 10;
// The long test's limits (600_000 below) are hang guards, not speed limits: eleven runs of the
// binary over 500 contacts went past 120 s once under a load average of 20 on 2 cores. Nothing
// here waits on a clock but the kill points, which count creates, so a slow machine only makes
// the test slower.

/** mulberry32: a small seeded PRNG, so the kill points are the same on every run of the suite. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function tenant(emulator: Emulator) {
  const apiKey = await newTenantKey(emulator);
  const home = tempHome();
  return { apiKey, home, env: { ITGLUE_BASE_URL: emulator.url, ITGLUE_API_KEY: apiKey } };
}

function posts(emulator: Emulator): number {
  return emulator.control.counts().byMethod.POST ?? 0;
}

function startSync(t: { env: Record<string, string>; home: string }, csv: string): ChildProcess {
  return spawn(process.execPath, [BIN, 'contacts', 'sync', '--from', csv, '--org', ORG, '--apply', '--yes'], {
    env: cliEnv(t.env, t.home),
    stdio: 'ignore',
  });
}

/** Waits until IT Glue has received `count` creates in all, then a few ms more, and kills the process. */
async function killAfter(emulator: Emulator, child: ChildProcess, count: number, extraMs: number) {
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let exited: number | null | undefined;
  void closed.then((code) => {
    exited = code;
  });
  while (posts(emulator) < count && exited === undefined) await sleep(2);
  if (exited !== undefined) throw new Error(`the sync exited (${exited}) before ${count} creates`);
  if (extraMs > 0) await sleep(extraMs);
  child.kill('SIGKILL');
  return closed;
}

function openJournal(home: string): Journal {
  return Journal.open(join(home, 'data', 'journal.sqlite'));
}

describe('SIGKILL during an apply of 500 creates', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('converges after ten kills: one contact per address, every committed create journaled once, nothing pending', async () => {
    const t = await tenant(emulator.current);
    const emails = Array.from({ length: CONTACTS }, (_, i) => `crash${i}@kill.example`);
    const csv = join(t.home, 'people.csv');
    writeFileSync(csv, `${HEADER}\n${emails.map((email, i) => `Crash,Person ${i},${email}`).join('\n')}\n`);
    const contactsBefore = emulator.current.control.records('contacts', t.apiKey).length;
    const seed = faultSeed(8);
    printSeedOnFailure(seed);
    const random = prng(seed);
    const points = new Set<number>();
    while (points.size < KILLS) points.add(5 + Math.floor(random() * (CONTACTS - 10)));
    const killAt = [...points].sort((a, b) => a - b);

    emulator.current.control.resetCounts();
    // Latency keeps each create in flight long enough for kills to land anywhere in its cycle.
    await setFaults(emulator.current, { latencyMs: 10, jitterMs: 10 });
    try {
      for (const count of killAt) {
        const signal = await killAfter(emulator.current, startSync(t, csv), count, Math.floor(random() * 25));
        expect(signal).toBeNull(); // killed, not exited
      }
      const last = await runCli(['contacts', 'sync', '--from', csv, '--org', ORG, '--apply', '--yes'], {
        env: t.env,
        home: t.home,
        timeoutMs: 600_000,
      });
      expect(last.code, last.stderr).toBe(0);
    } finally {
      await setFaults(emulator.current, NO_FAULTS);
    }

    // One contact per address, and nothing else appeared.
    const contacts = emulator.current.control.records('contacts', t.apiKey);
    expect(contacts).toHaveLength(contactsBefore + CONTACTS);
    const owners = new Map<string, number>();
    for (const contact of contacts) {
      for (const email of (contact.contactEmails as Array<{ value: string }>) ?? []) {
        owners.set(email.value, (owners.get(email.value) ?? 0) + 1);
      }
    }
    for (const email of emails) expect(owners.get(email), email).toBe(1);

    // Every create IT Glue committed is in the journal exactly once, done or adopted.
    const counts = emulator.current.control.counts();
    expect(counts.byMethod.DELETE ?? 0).toBe(0);
    const committed = counts.writes.filter((w) => w.method === 'POST' && w.committed).flatMap((w) => w.ids);
    expect(committed).toHaveLength(CONTACTS);
    const journal = openJournal(t.home);
    try {
      const target = { baseUrl: emulator.current.url, keyFingerprint: keyFingerprint(t.apiKey) };
      expect(journal.pendingWrites(target)).toEqual([]);
      const runs = journal.listRuns(100);
      expect(runs.filter((run) => run.status === 'running')).toEqual([]);
      expect(runs.filter((run) => run.status === 'interrupted')).toHaveLength(KILLS);
      expect(runs.filter((run) => run.status === 'done')).toHaveLength(1);
      const writes = runs.flatMap((run) => journal.getRun(run.id).writes);
      expect(writes.filter((w) => w.state === 'pending')).toEqual([]);
      const journaled = writes
        .filter((w) => w.action === 'create' && (w.state === 'done' || w.state === 'adopted'))
        .map((w) => w.recordId);
      expect([...journaled].sort()).toEqual([...committed].sort());
      // Creates cut off before they left were marked failed, and created by a later run.
      const failed = writes.filter((w) => w.state === 'failed');
      for (const write of failed) expect(write.error).toMatch(/interrupted before IT Glue created it/);
    } finally {
      journal.close();
    }

    // And a last plan finds everything in place.
    const again = envelope<{ summary: Record<string, number> }>(
      await runCli(['contacts', 'sync', '--from', csv, '--org', ORG], { env: t.env, home: t.home }),
    ).data;
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: CONTACTS });
  }, 600_000);
});

describe('SIGKILL after every create reached IT Glue, before any outcome was journaled', () => {
  const emulator = useEmulator({ seed: 'demo' });
  let t: Awaited<ReturnType<typeof tenant>>;
  let target: { baseUrl: string; keyFingerprint: string };

  it('leaves four pending intents, and the next run, with nothing left to write, exits 0', async () => {
    t = await tenant(emulator.current);
    target = { baseUrl: emulator.current.url, keyFingerprint: keyFingerprint(t.apiKey) };
    const csv = join(t.home, 'four.csv');
    // As many creates as the apply runs at once: all four are in flight together.
    writeFileSync(
      csv,
      `${HEADER}\n${[0, 1, 2, 3].map((i) => `Lost,Answer ${i},lost${i}@kill.example`).join('\n')}\n`,
    );
    emulator.current.control.resetCounts();
    // Every create is committed and its answer lost; the lookups that follow wait 400 ms.
    await setFaults(emulator.current, { lostResponseRate: 1, latencyMs: 400 });
    try {
      await killAfter(emulator.current, startSync(t, csv), 4, 0);
    } finally {
      await setFaults(emulator.current, NO_FAULTS);
    }
    const journal = openJournal(t.home);
    try {
      expect(journal.pendingWrites(target).map((write) => write.key)).toHaveLength(4);
    } finally {
      journal.close();
    }
    const rerun = await runCli(['contacts', 'sync', '--from', csv, '--org', ORG, '--apply', '--yes'], {
      env: t.env,
      home: t.home,
    });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect((JSON.parse(rerun.stdout).data as { summary: Record<string, number> }).summary).toMatchObject({
      create: 0,
      unchanged: 4,
    });
  });

  // A plan with nothing left to write still settles what the killed run left pending.
  it('that run resolves the killed run: no intent pending, no run left running', () => {
    const journal = openJournal(t.home);
    try {
      expect(journal.pendingWrites(target)).toEqual([]);
      expect(journal.listRuns().map((run) => run.status)).not.toContain('running');
    } finally {
      journal.close();
    }
  });
});
