/**
 * The audit reader over a journal file: writes that happened only, one row per field, secrets as
 * `(changed)` whatever the journal holds, and the one row an older journal's create gives.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAuditTrail } from '../../src/workflows/engine/audit-trail.js';
import { Journal } from '../../src/workflows/engine/journal.js';
import { makePlan, type PlanAction } from '../../src/workflows/engine/plan.js';

const target = { baseUrl: 'http://127.0.0.1:1', keyFingerprint: 'sha256:0123456789ab' };

function action(fields: Partial<PlanAction>): PlanAction {
  return {
    action: 'update',
    resource: 'passwords',
    organizationId: '7',
    id: '70',
    key: 'name:Firewall',
    reason: 'changed',
    source: { file: 'vault.csv', line: 4 },
    ...fields,
  };
}

describe('readAuditTrail', () => {
  it('lists done and adopted writes by field, hides secrets, and keeps an old create as one row', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gluekit-audit-')), 'journal.sqlite');
    expect(readAuditTrail(path)).toEqual([]);
    const journal = Journal.open(path);
    const actions = [
      action({}),
      action({ action: 'create', id: undefined, key: 'name:VPN' }),
      action({ key: 'name:Failed' }),
    ];
    const plan = makePlan({
      workflow: 'passwords',
      target,
      options: { source: 'vault.csv' },
      sourceId: 's',
      actions,
    });
    const runId = journal.startRun(plan);
    for (const [seq, item] of actions.entries()) journal.recordIntent(runId, seq, item);
    journal.recordOutcome(runId, 0, {
      state: 'done',
      before: { username: 'admin', password: 'old-secret-value' },
      after: { username: 'root', password: 'new-secret-value' },
    });
    // As a journal from before creates recorded their fields.
    journal.recordOutcome(runId, 1, { state: 'adopted', recordId: '71' });
    journal.recordOutcome(runId, 2, { state: 'failed', error: 'IT Glue said no' });
    journal.finishRun(runId, 'done');
    journal.close();

    const rows = readAuditTrail(path);
    expect(JSON.stringify(rows)).not.toMatch(/secret-value|redacted/);
    expect(rows.map((row) => [row.key, row.state, row.field, row.before, row.after])).toEqual([
      ['name:Firewall', 'done', 'username', 'admin', 'root'],
      ['name:Firewall', 'done', 'password', '(changed)', '(changed)'],
      ['name:VPN', 'adopted', null, null, null],
    ]);
    expect(rows[0]).toMatchObject({
      runId,
      keyFingerprint: target.keyFingerprint,
      organizationId: '7',
      recordId: '70',
      planSource: 'vault.csv',
      planFile: null,
      sourceFile: 'vault.csv',
      sourceLine: 4,
    });
    const last = rows[rows.length - 1]?.at as string;
    // Writes in the same millisecond are all at or after it.
    expect(readAuditTrail(path, { since: last })).toEqual(rows.filter((row) => row.at >= last));
    const later = new Date(Date.parse(last) + 1).toISOString();
    expect(readAuditTrail(path, { since: later })).toEqual([]);
  });
});
