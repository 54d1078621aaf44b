/**
 * `gluekit runs export` through the real binary: plans applied against the emulator (from a saved
 * plan, directly with --apply, and a password mirror), then the audit trail as JSON and CSV:
 * one row per changed field with when, key fingerprint, record, organization, before and after,
 * plan and source line; never a password value; CSV quoting; --since filtering.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envelope, jsonError, runCli, tempHome } from '../helpers/cli.js';
import { newTenantKey, useEmulator } from '../helpers/emulator.js';

const HEADER = 'organization,first_name,last_name,email,title';
const BITWARDEN_HEADER =
  'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
const CANARY = 'CANARY-export-7c1f09d3';
const TITLE = 'Head of "Ops", North';

interface AuditRow {
  at: string;
  runId: string;
  keyFingerprint: string;
  action: string;
  resource: string;
  recordId: string | null;
  organizationId: string;
  organizationName: string | null;
  key: string;
  field: string | null;
  before: unknown;
  after: unknown;
  planDigest: string;
  planFile: string | null;
  sourceFile: string | null;
  sourceLine: number | null;
}

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('gluekit runs export', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('exports every write with its fields, fingerprint, plan and source line, as JSON and CSV', async () => {
    const apiKey = await newTenantKey(emulator.current);
    const home = tempHome();
    const env = { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: apiKey };
    const cli = (args: string[]) => runCli(args, { env, home });
    const file = (name: string, content: string) => {
      const path = join(home, name);
      writeFileSync(path, content);
      return path;
    };

    // Nothing written yet: an empty trail, not an error.
    const empty = envelope<AuditRow[]>(await cli(['runs', 'export', '--output', 'json']));
    expect(empty.data).toEqual([]);

    // Run 1: a saved plan, applied from its file.
    const people = file('people.csv', `${HEADER}\nHappy Frog Dental,Ada,Lovelace,ada@hfd.example,CTO\n`);
    const planFile = join(home, 'plan.json');
    expect((await cli(['contacts', 'sync', '--from', people, '--plan-out', planFile])).code).toBe(0);
    expect((await cli(['apply', planFile, '--yes'])).code).toBe(0);

    // Run 2: an update, applied directly; its title needs CSV quoting.
    const changed = file(
      'people2.csv',
      `${HEADER}\nHappy Frog Dental,Ada,Lovelace,ada@hfd.example,"${TITLE.replace(/"/g, '""')}"\n`,
    );
    const second = await cli(['contacts', 'sync', '--from', changed, '--apply', '--yes']);
    expect(second.code).toBe(0);

    // Run 3: a password mirror; its value must never reach the export.
    const vault = file(
      'vault.csv',
      `${BITWARDEN_HEADER}\nClients/HFD,,login,Firewall,,,0,https://fw.hfd.example,admin,${CANARY},\n`,
    );
    const orgMap = file('clients.json', JSON.stringify({ 'Clients/HFD': 'Happy Frog Dental' }));
    const mirrored = await cli([
      'passwords',
      'mirror',
      '--from',
      vault,
      '--org-map',
      orgMap,
      '--apply',
      '--yes',
    ]);
    expect(mirrored.code).toBe(0);

    const exported = await cli(['runs', 'export', '--output', 'json']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).not.toContain(CANARY);
    expect(exported.stdout).not.toContain(apiKey);
    const { data: rows, meta } = envelope<AuditRow[]>(exported);
    expect(meta).toMatchObject({ source: 'local', count: rows.length, since: null });

    const created = rows.filter((row) => row.key === 'email:ada@hfd.example' && row.action === 'create');
    expect(created.length).toBeGreaterThan(1);
    const createdTitle = created.find((row) => row.field === 'title');
    expect(createdTitle).toMatchObject({
      resource: 'contacts',
      organizationId: '1009',
      organizationName: null, // no mirror on this machine yet
      before: null,
      after: 'CTO',
      planFile,
      sourceFile: people,
      sourceLine: 2,
    });
    expect(createdTitle?.keyFingerprint).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(createdTitle?.planDigest).toMatch(/^[0-9a-f]{16}$/);
    expect(createdTitle?.recordId).toMatch(/^\d+$/);

    const updated = rows.filter((row) => row.action === 'update' && row.key === 'email:ada@hfd.example');
    expect(updated).toEqual([
      expect.objectContaining({
        field: 'title',
        before: 'CTO',
        after: TITLE,
        recordId: createdTitle?.recordId,
        planFile: null,
        sourceFile: changed,
        sourceLine: 2,
      }),
    ]);

    const secret = rows.find((row) => row.resource === 'passwords' && row.field === 'password');
    expect(secret).toMatchObject({ action: 'create', before: null, after: '(changed)' });
    // Oldest first.
    expect(rows.map((row) => row.at)).toEqual([...rows.map((row) => row.at)].sort());

    // With a mirror of this key, organizations have their names (no request to IT Glue).
    expect((await cli(['sync', '--resources', 'organizations'])).code).toBe(0);
    const named = envelope<AuditRow[]>(await cli(['runs', 'export', '-o', 'json']));
    expect(new Set(named.data.map((row) => row.organizationName))).toEqual(new Set(['Happy Frog Dental']));

    // CSV: the same rows, every column, values quoted where they must be.
    const csv = await cli(['runs', 'export', '--output', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).not.toContain(CANARY);
    expect(csv.stdout).toContain('"Head of ""Ops"", North"');
    const [header, ...cells] = parseCsv(csv.stdout.trimEnd());
    expect(header?.slice(0, 6)).toEqual(['at', 'runId', 'workflow', 'undoOf', 'target', 'keyFingerprint']);
    expect(header).toEqual(
      expect.arrayContaining(['organizationName', 'field', 'before', 'after', 'planFile', 'sourceLine']),
    );
    expect(cells).toHaveLength(rows.length);
    const column = (name: string) => header?.indexOf(name) as number;
    const csvUpdate = cells.find((cell) => cell[column('action')] === 'update');
    expect(csvUpdate?.[column('after')]).toBe(TITLE);
    expect(csvUpdate?.[column('before')]).toBe('CTO');
    expect(csvUpdate?.[column('sourceLine')]).toBe('2');

    // --since: from the update's time on, the first run is left out.
    const since = updated[0]?.at as string;
    const recent = envelope<AuditRow[]>(await cli(['runs', 'export', '--since', since, '--output', 'json']));
    expect(recent.data.length).toBeGreaterThan(0);
    expect(recent.data.every((row) => row.at >= since)).toBe(true);
    expect(recent.data.some((row) => row.action === 'create' && row.resource === 'contacts')).toBe(false);
    expect(recent.data.some((row) => row.resource === 'passwords')).toBe(true);
    expect(recent.meta.since).toBe(new Date(since).toISOString());
    const month = envelope<AuditRow[]>(await cli(['runs', 'export', '--since', '30d', '-o', 'json']));
    expect(month.data).toHaveLength(rows.length);

    const bad = await cli(['runs', 'export', '--since', 'last tuesday', '--output', 'json']);
    expect(bad.code).toBe(2);
    expect(jsonError(bad).error.message).toMatch(/--since "last tuesday" is neither a duration nor a date/);
    expect(readFileSync(planFile, 'utf8')).not.toContain('planFile');
  });
});
