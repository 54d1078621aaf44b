/**
 * The apply engine with a scripted writer (a pure unit test: no HTTP). It checks the rules that
 * are hard to provoke through the emulator: a write that does not stick, a lost create adopted or
 * retried, duplicates found after a lost create, and a wrong tenant.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmbiguousWriteError } from '../../src/index.js';
import { applyPlan, WrongTargetError } from '../../src/workflows/engine/apply.js';
import type { ResourceExecutor, TargetRecord } from '../../src/workflows/engine/executor.js';
import { Journal } from '../../src/workflows/engine/journal.js';
import { makePlan, type PlanAction } from '../../src/workflows/engine/plan.js';

const target = { baseUrl: 'https://api.itglue.com', keyFingerprint: 'sha256:000000000000' };

function journal(): Journal {
  return Journal.open(join(mkdtempSync(join(tmpdir(), 'gluekit-engine-')), 'journal.sqlite'));
}

/** A writer over an in-memory organization whose behaviour each test scripts. */
function scripted(
  records: TargetRecord[],
  behaviour: { createFails?: number; lose?: boolean; ignoreUpdates?: boolean } = {},
) {
  let failures = behaviour.createFails ?? 0;
  let next = 100;
  const calls = { create: 0, update: 0, list: 0 };
  const executor: ResourceExecutor = {
    resource: 'contacts',
    async create(action) {
      calls.create++;
      const record = {
        id: String(next++),
        organizationId: action.organizationId,
        updatedAt: 't1',
        key: action.key,
      };
      if (failures > 0) {
        failures--;
        if (behaviour.lose) records.push(record); // committed, answer lost
        throw new AmbiguousWriteError({ method: 'POST', path: '/x' }, 'reset', undefined);
      }
      records.push(record);
      return record;
    },
    async update(action) {
      calls.update++;
      const record = records.find((r) => r.id === action.id) as TargetRecord;
      if (!behaviour.ignoreUpdates) Object.assign(record, action.attributes);
      return record;
    },
    async listOrganization() {
      calls.list++;
      return records;
    },
    keysOf: (record) => [String(record.key)],
    async get(id) {
      return records.find((r) => r.id === id) as TargetRecord;
    },
  };
  return { executor, calls, records };
}

function planOf(actions: PlanAction[]) {
  return makePlan({ workflow: 'contacts', target, options: {}, sourceId: 'test', actions });
}

const create = (key: string): PlanAction => ({
  action: 'create',
  resource: 'contacts',
  organizationId: '1',
  key,
  reason: 'new',
  attributes: { name: key },
});

describe('the apply engine', () => {
  it('adopts a create whose answer was lost instead of sending it again', async () => {
    const w = scripted([], { createFails: 1, lose: true });
    const result = await applyPlan({
      plan: planOf([create('email:a@x')]),
      target,
      journal: journal(),
      executors: { contacts: w.executor },
      checkPreconditions: false,
    });
    expect(result.outcomes[0]).toMatchObject({ state: 'adopted', recordId: '100' });
    expect(w.calls.create).toBe(1);
    expect(w.records).toHaveLength(1);
  });

  it('tries a create again when the lookup shows it never landed', async () => {
    const w = scripted([], { createFails: 2, lose: false });
    const result = await applyPlan({
      plan: planOf([create('email:b@x')]),
      target,
      journal: journal(),
      executors: { contacts: w.executor },
      checkPreconditions: false,
    });
    expect(result.outcomes[0]).toMatchObject({ state: 'done' });
    expect(w.calls).toMatchObject({ create: 3, list: 2 });
    expect(w.records).toHaveLength(1);
  });

  it('stops after maxCreateAttempts tries that never landed, with a resumable failure', async () => {
    const w = scripted([], { createFails: 7, lose: false });
    const j = journal();
    const run = () =>
      applyPlan({
        plan: planOf([create('email:d@x')]),
        target,
        journal: j,
        executors: { contacts: w.executor },
        checkPreconditions: false,
        maxCreateAttempts: 3,
      });
    const first = await run();
    expect(first.outcomes[0]).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/after 3 attempts; re-run/),
    });
    expect(w.calls.create).toBe(3);
    expect(w.records).toHaveLength(0);
    // Nothing landed and nothing is left pending: the next run simply tries again.
    expect(j.pendingWrites(target)).toEqual([]);
    expect((await run()).outcomes[0]).toMatchObject({ state: 'failed' });
    expect((await run()).outcomes[0]).toMatchObject({ state: 'done' });
    expect(w.records).toHaveLength(1);
  });

  it('fails, rather than guess, when two records answer to the key after a lost create', async () => {
    const w = scripted([{ id: '7', organizationId: '1', updatedAt: 't', key: 'email:c@x' }], {
      createFails: 1,
      lose: true,
    });
    const result = await applyPlan({
      plan: planOf([create('email:c@x')]),
      target,
      journal: journal(),
      executors: { contacts: w.executor },
      checkPreconditions: false,
    });
    expect(result.outcomes[0]).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/2 records now answer to email:c@x/),
    });
  });

  it('reports a deactivation that does not stick when read back, naming what to check', async () => {
    const w = scripted(
      [{ id: '9', organizationId: '1', updatedAt: 't0', key: 'email:d@x', contactTypeId: '1' }],
      { ignoreUpdates: true },
    );
    const action: PlanAction = {
      action: 'deactivate',
      resource: 'contacts',
      organizationId: '1',
      id: '9',
      key: 'email:d@x',
      reason: 'gone',
      attributes: { contactTypeId: '5' },
      expect: { contactTypeId: '5' },
    };
    const j = journal();
    const result = await applyPlan({
      plan: planOf([action]),
      target,
      journal: j,
      executors: { contacts: w.executor },
      checkPreconditions: false,
    });
    expect(result.outcomes[0]).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/did not stick \(contactTypeId.*`deactivateType`/),
    });
    expect(j.getRun(result.runId).run.status).toBe('failed');
  });

  it('refuses a plan made for another tenant', async () => {
    const w = scripted([]);
    const other = { ...target, keyFingerprint: 'sha256:111111111111' };
    await expect(
      applyPlan({
        plan: planOf([create('email:e@x')]),
        target: other,
        journal: journal(),
        executors: { contacts: w.executor },
        checkPreconditions: false,
      }),
    ).rejects.toBeInstanceOf(WrongTargetError);
    expect(w.calls.create).toBe(0);
  });
});
