/**
 * The workflow runtime (src/workflows/workspace.ts) against the emulator: one workspace of a data
 * directory plans, applies, resumes a run killed between a write and its outcome, and undoes, for
 * each of the four workflows; and the CLI and the MCP server share it (a run applied over MCP is
 * listed and undone by the CLI in the same data directory).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { GlueKit } from '../../src/index.js';
import { parseConfigurationSource, parseContactSource, parseVaultSource } from '../../src/sources/index.js';
import { parseTemplate } from '../../src/workflows/documents/index.js';
import type { Plan, PlanAction } from '../../src/workflows/engine/plan.js';
import { secretsFromMap } from '../../src/workflows/passwords/index.js';
import { openWorkspace, type Workspace } from '../../src/workflows/workspace.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { clientFor, type Emulator, useEmulator } from '../helpers/emulator.js';
import { inMemorySession, newTenantKey } from '../mcp/support.js';

const ORG = 'Happy Frog Dental';

/** A workflow as these tests drive it: a plan of two creates, and how to find what it wrote. */
interface Case {
  name: 'contacts' | 'configurations' | 'passwords' | 'documents';
  plan(
    workspace: Workspace,
    client: GlueKit,
  ): Promise<{ plan: Plan; secrets?: Map<string, Record<string, string>> }>;
  /** How many records answer to each of the plan's keys now, and whether each is archived or deactivated. */
  written(client: GlueKit): Promise<Array<{ name: string; gone: boolean }>>;
  /**
   * Whether its undo plan can be applied. Not for documents yet: the document writer writes a body
   * and a publish only, and refuses the undo's `archived: true` (a gap of its own, reported).
   */
  undoApplies: boolean;
}

async function orgId(client: GlueKit): Promise<string> {
  return (await client.organizations.list({ filter: { name: ORG } })).data[0]?.id as string;
}

const CASES: Case[] = [
  {
    name: 'contacts',
    plan: async (workspace, client) => {
      const text = `organization,first_name,last_name,email\n${ORG},Ada,Lovelace,ada@ws.example\n${ORG},Alan,Turing,alan@ws.example`;
      const source = parseContactSource(text, 'users.csv');
      return {
        plan: await workspace.planContactSync(
          client,
          { file: 'users.csv', format: source.format, rows: source.rows },
          {},
        ),
      };
    },
    written: async (client) =>
      (await client.contacts.list({ filter: { organizationId: await orgId(client) } }).toArray())
        .filter((c) => /@ws\.example$/.test(c.email ?? ''))
        .map((c) => ({ name: c.email as string, gone: c.contactTypeName === 'Terminated' })),
    undoApplies: true,
  },
  {
    name: 'configurations',
    plan: async (workspace, client) => {
      const text = `organization,name,hostname,serial_number,type\n${ORG},WS-1,ws-1,WSTEST0001,Managed Workstation\n${ORG},WS-2,ws-2,WSTEST0002,Managed Workstation`;
      const source = parseConfigurationSource(text, 'devices.csv');
      return {
        plan: await workspace.planConfigurationImport(
          client,
          { file: 'devices.csv', format: source.format, rows: source.rows },
          {},
        ),
      };
    },
    written: async (client) =>
      (await client.configurations.list({ filter: { organizationId: await orgId(client) } }).toArray())
        .filter((c) => /^WSTEST/.test(c.serialNumber ?? ''))
        .map((c) => ({ name: c.serialNumber as string, gone: c.archived === true })),
    undoApplies: true,
  },
  {
    name: 'passwords',
    plan: async (workspace, client) => {
      const text =
        'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n' +
        ',,login,Workspace firewall,,,0,https://fw.example,admin,ws-test-value-1,\n' +
        ',,login,Workspace switch,,,0,https://sw.example,admin,ws-test-value-2,\n';
      const source = parseVaultSource(text, 'vault.csv');
      const { plan, secrets } = await workspace.planPasswordMirror(
        client,
        { file: 'vault.csv', format: source.format, rows: source.rows },
        { org: ORG },
      );
      return { plan, secrets };
    },
    written: async (client) =>
      (await client.passwords.list({ filter: { organizationId: await orgId(client) } }).toArray())
        .filter((p) => /^Workspace /.test(p.name))
        .map((p) => ({ name: p.name, gone: p.archived === true })),
    undoApplies: true,
  },
  {
    name: 'documents',
    plan: async (workspace, client) => {
      const templates = ['Workspace one', 'Workspace two'].map((name, index) =>
        parseTemplate(`---\nname: ${name}\n---\n# ${name}\n\nFor {{ organization.name }}.\n`, `t${index}.md`),
      );
      return {
        plan: await workspace.planOnboarding(client, templates, { org: ORG, templatesLabel: 'inline' }),
      };
    },
    written: async (client) =>
      (await client.organizations.documents.list(await orgId(client), { allFolders: true }).toArray())
        .filter((d) => /^Workspace /.test(d.name))
        .map((d) => ({ name: d.name, gone: d.archived === true })),
    undoApplies: false,
  },
];

function creates(plan: Plan): Array<{ action: PlanAction; seq: number }> {
  return plan.actions
    .map((action, seq) => ({ action, seq }))
    .filter(({ action }) => action.action === 'create');
}

/** Makes a run look like the process that started it was killed: its pid is one that exited. */
function orphanRun(dataDir: string, runId: string): void {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  const db = new Database(join(dataDir, 'journal.sqlite'));
  try {
    db.prepare('UPDATE runs SET pid = ? WHERE id = ?').run(pid, runId);
  } finally {
    db.close();
  }
}

async function tenantClient(emulator: Emulator): Promise<GlueKit> {
  return clientFor(emulator, { apiKey: await newTenantKey(emulator) });
}

describe('one workspace per data directory', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it.each(CASES)('$name: plans, applies, resumes a killed run and undoes it', async (workflow) => {
    const client = await tenantClient(emulator.current);
    const dataDir = join(tempHome(), 'data');

    // A run killed between its first write and the outcome: the intent is journaled, IT Glue has
    // the record, the journal never heard back.
    const killed = openWorkspace(dataDir);
    const first = await workflow.plan(killed, client);
    const planned = creates(first.plan);
    expect(planned).toHaveLength(2);
    const runId = killed.journal.startRun(first.plan);
    const lost = planned[0] as { action: PlanAction; seq: number };
    killed.journal.recordIntent(runId, lost.seq, lost.action);
    const executor = killed.executors(client, secretsFromMap(first.secrets ?? new Map()))[
      lost.action.resource
    ];
    await executor?.create(lost.action, {});
    killed.close();
    orphanRun(dataDir, runId);

    // The next process: a fresh plan creates only what is missing, and applying it settles the
    // killed run's intent as adopted first.
    const workspace = openWorkspace(dataDir);
    try {
      const again = await workflow.plan(workspace, client);
      expect(creates(again.plan).map(({ action }) => action.key)).toEqual([planned[1]?.action.key]);
      const outcome = await workspace.apply(client, again.plan, {
        checkPreconditions: false,
        secrets: secretsFromMap(again.secrets ?? new Map()),
      });
      if (outcome.kind !== 'applied') throw new Error(`not applied: ${outcome.kind}`);
      expect(outcome.result.recovered).toEqual([
        { runId, key: lost.action.key, state: 'adopted', recordId: expect.any(String) },
      ]);
      expect(outcome.result.counts).toEqual({ done: 1 });
      expect(workspace.getRun(runId).run.status).not.toBe('running');
      const written = await workflow.written(client);
      expect(written.map((record) => record.gone)).toEqual([false, false]);

      // Undo the run that resumed: what it created is archived (contacts: deactivated).
      const deactivateType = await client.lookups.resolve('contact_types', 'Terminated');
      const undo = await workspace.planUndo(client, outcome.result.runId, { deactivateType });
      expect(undo.summary.deactivate).toBe(1);
      expect(undo.options.undoOf).toBe(outcome.result.runId);
      if (!workflow.undoApplies) return;
      const undone = await workspace.apply(client, undo, { checkPreconditions: true });
      if (undone.kind !== 'applied') throw new Error(`undo not applied: ${undone.kind}`);
      expect(undone.result.counts).toEqual({ done: 1 });
      expect((await workflow.written(client)).filter((record) => record.gone)).toHaveLength(1);
      expect(workspace.listRuns(10).map((run) => run.undoOf)).toContain(outcome.result.runId);
    } finally {
      workspace.close();
    }
  });

  it('asks for approval only before writing, and writes nothing when refused', async () => {
    const client = await tenantClient(emulator.current);
    const workspace = openWorkspace(join(tempHome(), 'data'));
    try {
      const { plan } = await (CASES[0] as Case).plan(workspace, client);
      const asked: Plan[] = [];
      const outcome = await workspace.apply(client, plan, {
        checkPreconditions: false,
        approve: async (toApply) => {
          asked.push(toApply);
          return false;
        },
      });
      expect(outcome).toEqual({ kind: 'not-approved' });
      expect(asked).toEqual([plan]);
      expect(await (CASES[0] as Case).written(client)).toEqual([]);
      expect(workspace.listRuns(10)).toEqual([]);
    } finally {
      workspace.close();
    }
  });

  it('is the one the CLI and the MCP server share: a run applied over MCP is listed and undone by the CLI', async () => {
    const apiKey = await newTenantKey(emulator.current);
    const home = tempHome();
    const dataDir = join(home, 'data');
    mkdirSync(dataDir, { recursive: true });
    const session = await inMemorySession(emulator.current, apiKey, { allowWrites: true, dataDir });
    const plan = await session.ok('plan_configuration_import', {
      rows: `organization,name,serial_number,type\n${ORG},MCP-1,WSMCP0001,Managed Workstation`,
    });
    const applied = await session.ok('apply_plan', { planId: plan.planId });
    await session.close();

    const env = { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: apiKey };
    const listed = await runCli(['runs', 'list', '--json'], { home, env });
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).data.map((run: { id: string }) => run.id)).toEqual([applied.runId]);

    const undone = await runCli(['undo', applied.runId, '--apply', '--yes', '--json'], { home, env });
    expect(undone.code, undone.stderr).toBe(0);
    const client = clientFor(emulator.current, { apiKey });
    const [record] = (await client.configurations.list({ filter: { serialNumber: 'WSMCP0001' } })).data;
    expect(record?.archived).toBe(true);

    // And the other way round: the CLI's undo run is in the journal the MCP server opens.
    const workspace = openWorkspace(dataDir);
    try {
      expect(workspace.listRuns(10).map((run) => run.undoOf)).toEqual([applied.runId, null]);
    } finally {
      workspace.close();
    }
  });
});
