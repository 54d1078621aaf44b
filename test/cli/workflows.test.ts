/**
 * The workflow commands end to end, through the real binary: plan, --plan-out, apply, runs,
 * undo, exit codes, and convergence after the process is killed mid-apply.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/workflows/engine/journal.js';
import { BIN, cliEnv, envelope, jsonError, runCli, tempHome } from '../helpers/cli.js';
import {
  NO_FAULTS,
  newTenantKey,
  requestCounts,
  resetCounts,
  setFaults,
  useEmulator,
} from '../helpers/emulator.js';

const HEADER =
  'organization,first_name,last_name,email,additional_emails,title,phone,mobile,contact_type,active,external_id';

describe('workflow commands', () => {
  const emulator = useEmulator({ seed: 'demo' });

  async function tenant() {
    const apiKey = await newTenantKey(emulator.current);
    const home = tempHome();
    const env = { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: apiKey };
    const file = (name: string, content: string) => {
      const path = join(home, name);
      writeFileSync(path, content);
      return path;
    };
    return { apiKey, home, env, file, cli: (args: string[]) => runCli(args, { env, home }) };
  }

  it('plans without writing, saves the plan, applies it, lists and shows the run, and undoes it', async () => {
    const t = await tenant();
    const csv = t.file(
      'people.csv',
      `${HEADER}\n,Ada,Lovelace,ada@hfd.example,,CTO,,,,,\n,Alan,Turing,alan@hfd.example,,,,,,,\n`,
    );
    await resetCounts(emulator.current);
    const planned = await t.cli([
      'contacts',
      'sync',
      '--from',
      csv,
      '--org',
      'happy frog dental',
      '--plan-out',
      join(t.home, 'plan.json'),
      '-o',
      'table',
    ]);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(/2 create, 0 update, 0 deactivate, 0 unchanged, 0 skip, 0 conflict/);
    expect(planned.stdout).toMatch(
      /create\s+Happy Frog Dental\s+email:ada@hfd\.example\s+not in IT Glue\s+2$/m,
    );
    expect(planned.stderr).toMatch(/Nothing was written\. Add --apply/);
    expect((await requestCounts(emulator.current)).byMethod.POST ?? 0).toBe(0);

    const plan = JSON.parse(readFileSync(join(t.home, 'plan.json'), 'utf8'));
    expect(plan).toMatchObject({ version: 1, workflow: 'contacts', summary: { create: 2 } });
    expect(JSON.stringify(plan)).not.toContain(t.apiKey);

    const applied = await t.cli(['apply', join(t.home, 'plan.json'), '--yes']);
    expect(applied.code).toBe(0);
    const result = JSON.parse(applied.stdout).meta as { run: { id: string; counts: Record<string, number> } };
    expect(result.run.counts).toEqual({ done: 2 });

    const runs = envelope<Array<{ id: string; status: string }>>(await t.cli(['runs', 'list']));
    expect(runs.data[0]).toMatchObject({ id: result.run.id, status: 'done' });
    const shown = envelope<{ writes: Array<{ state: string; key: string }> }>(
      await t.cli(['runs', 'show', result.run.id]),
    );
    expect(shown.data.writes.map((w) => `${w.state} ${w.key}`)).toEqual([
      'done email:ada@hfd.example',
      'done email:alan@hfd.example',
    ]);

    const undo = await t.cli(['undo', result.run.id, '--deactivate-type', 'Terminated', '--apply', '--yes']);
    expect(undo.code).toBe(0);
    expect((JSON.parse(undo.stdout).meta as { run: { counts: Record<string, number> } }).run.counts).toEqual({
      done: 2,
    });
    const again = JSON.parse((await t.cli(['contacts', 'sync', '--from', csv, '--org', '1009'])).stdout)
      .data as {
      summary: Record<string, number>;
    };
    expect(again.summary.create).toBe(0); // undo deactivated them; it never deleted them
  });

  it('refuses a saved plan whose records changed since (exit 8), and --apply without --yes off a terminal (exit 2)', async () => {
    const t = await tenant();
    const contacts = envelope<
      Array<{ id: string; email: string; firstName: string; lastName: string; psaIntegration: string | null }>
    >(await t.cli(['contacts', 'list', '--org', '1009']));
    const target = contacts.data.find((c) => c.email && !c.psaIntegration) as {
      id: string;
      email: string;
      firstName: string;
      lastName: string;
    };
    const csv = t.file(
      'one.csv',
      `${HEADER}\n,${target.firstName},${target.lastName},${target.email},,Planned,,,,,\n`,
    );
    expect(
      (
        await t.cli([
          'contacts',
          'sync',
          '--from',
          csv,
          '--org',
          '1009',
          '--plan-out',
          join(t.home, 'p.json'),
        ])
      ).code,
    ).toBe(0);
    const noYes = await t.cli(['apply', join(t.home, 'p.json')]);
    expect(noYes.code).toBe(2);
    expect(jsonError(noYes).error.message).toMatch(/--yes/);
    await fetch(`${emulator.current.url}/__emulator/records/contacts/${target.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': t.apiKey },
      body: JSON.stringify({ attributes: { title: 'Changed by hand' } }),
    });
    const stale = await t.cli(['apply', join(t.home, 'p.json'), '--yes']);
    expect(stale.code).toBe(8);
    expect(jsonError(stale).error.message).toMatch(/changed in IT Glue since the plan was made/);
  });

  it('exits 9 on input problems, naming file:line, without writing', async () => {
    const t = await tenant();
    const csv = t.file('bad.csv', `${HEADER}\nNo Such Org,A,B,a@x.example,,,,,,,\n`);
    const result = await t.cli(['contacts', 'sync', '--from', csv, '--apply', '--yes']);
    expect(result.code).toBe(9);
    const error = jsonError(result).error;
    expect(error.code).toBe('PlanInputError');
    expect(error.message).toMatch(/bad\.csv:2: organization: "No Such Org" is not an organization/);
  });

  it('converges with no duplicates after the process is killed mid-apply, leaving no pending intent', async () => {
    const t = await tenant();
    const rows = Array.from({ length: 40 }, (_, i) => `,Crash,Person${i},crash${i}@hfd.example,,,,,,,`).join(
      '\n',
    );
    const csv = t.file('crash.csv', `${HEADER}\n${rows}\n`);
    await setFaults(emulator.current, { latencyMs: 80 });
    await resetCounts(emulator.current);
    try {
      const child = spawn(
        process.execPath,
        [BIN, 'contacts', 'sync', '--from', csv, '--org', '1009', '--apply', '--yes'],
        { env: cliEnv(t.env, t.home), stdio: 'ignore' },
      );
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      let exited = false;
      void closed.then(() => {
        exited = true;
      });
      // Kill it for certain in the middle of the writes: after ten creates have reached IT Glue,
      // however long the start takes (vitest's timeout is the only limit).
      while (!exited && ((await requestCounts(emulator.current)).byMethod.POST ?? 0) < 10) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(exited, 'the sync ended before ten creates').toBe(false);
      child.kill('SIGKILL');
      expect(await closed, 'killed, not exited').toBeNull();
    } finally {
      await setFaults(emulator.current, NO_FAULTS);
    }
    const rerun = await t.cli(['contacts', 'sync', '--from', csv, '--org', '1009', '--apply', '--yes']);
    expect(rerun.code).toBe(0);
    const emails = envelope<Array<{ email: string }>>(
      await t.cli(['contacts', 'list', '--org', '1009', '--all']),
    ).data.map((c) => c.email);
    for (let i = 0; i < 40; i++) expect(emails.filter((e) => e === `crash${i}@hfd.example`)).toHaveLength(1);
    const journal = Journal.open(join(t.home, 'data', 'journal.sqlite'));
    try {
      expect(
        journal.pendingWrites({
          baseUrl: emulator.current.url,
          keyFingerprint: (await import('../../src/index.js')).keyFingerprint(t.apiKey),
        }),
      ).toEqual([]);
      const runs = journal.listRuns();
      expect(runs.map((run) => run.status).sort()).toEqual(['done', 'interrupted']); // the killed run, closed by the next one
    } finally {
      journal.close();
    }
    const final = JSON.parse((await t.cli(['contacts', 'sync', '--from', csv, '--org', '1009'])).stdout)
      .data as {
      summary: Record<string, number>;
    };
    expect(final.summary).toMatchObject({ create: 0, unchanged: 40 });
  });
});

describe.each(['real', 'seed'] as const)('contact ownership through the binary (%s profile)', (profile) => {
  const emulator = useEmulator({ seed: 'demo', profile });

  async function tenantOn(current: { url: string; apiKey: string }) {
    const home = tempHome();
    const env = { ITGLUE_BASE_URL: current.url, ITGLUE_API_KEY: current.apiKey };
    const file = (name: string, content: string) => {
      const path = join(home, name);
      writeFileSync(path, content);
      return path;
    };
    return { home, file, cli: (args: string[]) => runCli(args, { env, home }) };
  }

  it('remembers a contact it matched and left unchanged, so a later block deactivates it', async () => {
    const t = await tenantOn(emulator.current);
    const contacts = envelope<
      Array<{ id: string; email: string; firstName: string; lastName: string; psaIntegration: string | null }>
    >(await t.cli(['contacts', 'list', '--org', '1009']));
    const person = contacts.data.find((c) => c.email && !c.psaIntegration) as {
      id: string;
      email: string;
      firstName: string;
      lastName: string;
    };
    const row = `,${person.firstName},${person.lastName},${person.email},,,,,,`;
    const same = t.file('same.csv', `${HEADER}\n${row},\n`);
    await resetCounts(emulator.current);
    const matched = await t.cli(['contacts', 'sync', '--from', same, '--org', '1009', '--apply', '--yes']);
    expect(matched.code).toBe(0);
    const plan = JSON.parse(matched.stdout).data as { summary: Record<string, number> };
    expect(plan.summary).toMatchObject({ create: 0, update: 0, unchanged: 1 });
    expect((await requestCounts(emulator.current)).writes).toEqual([]); // recording a match costs no request

    const blocked = t.file('blocked.csv', `${HEADER}\n${row}false,\n`);
    const next = JSON.parse(
      (
        await t.cli([
          'contacts',
          'sync',
          '--from',
          blocked,
          '--org',
          '1009',
          '--deactivate-type',
          'Terminated',
        ])
      ).stdout,
    ).data as { actions: Array<{ id?: string; action: string; reason: string }> };
    expect(next.actions.find((a) => a.id === person.id)).toMatchObject({
      action: 'deactivate',
      reason: 'inactive in the source',
    });
  });
});
