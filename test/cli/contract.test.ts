/**
 * One scripting contract, through the real binary: every command's JSON is the `{data, meta}`
 * envelope (workflow plans too), every error in JSON mode is the error object on stderr (parser
 * errors too), exit codes follow the table, `--select` refuses a field no record has, CSV keeps
 * values while guarding formulas, and `--field` prints exactly one value.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envelope, jsonError, runCli, tempHome } from '../helpers/cli.js';
import { newTenantKey, requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

const HEADER =
  'organization,first_name,last_name,email,additional_emails,title,phone,mobile,contact_type,active,external_id';

describe('the scripting contract', () => {
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
    return {
      apiKey,
      home,
      file,
      cli: (args: string[], input?: string) => runCli(args, { env, home, ...(input ? { input } : {}) }),
    };
  }

  it('prints a workflow plan as the envelope, and an applied run in meta.run', async () => {
    const t = await tenant();
    const csv = t.file('people.csv', `${HEADER}\n,Ada,Lovelace,ada@hfd.example,,CTO,,,,,\n`);
    const planned = await t.cli(['contacts', 'sync', '--from', csv, '--org', '1009', '--json']);
    expect(planned.code).toBe(0);
    const plan = envelope<{ workflow: string; actions: unknown[] }>(planned);
    expect(plan.data.workflow).toBe('contacts');
    expect(plan.meta).toMatchObject({ source: 'live', count: 1 });
    expect(plan.meta.run).toBeUndefined();

    const applied = await t.cli(['contacts', 'sync', '--from', csv, '--org', '1009', '--apply', '--yes']);
    expect(applied.code).toBe(0);
    const result = envelope<{ workflow: string; summary: Record<string, number> }>(applied);
    expect(result.data).toMatchObject({ workflow: 'contacts', summary: { create: 1 } });
    expect(result.meta.run).toMatchObject({ counts: { done: 1 }, outcomes: [{ state: 'done' }] });
  });

  it('reports parser errors as the JSON error object with --json and --agent (exit 2), as text on a table', async () => {
    const t = await tenant();
    const unknown = await t.cli(['contacts', 'list', '--bogus', '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).not.toMatch(/^error:/m);
    expect(jsonError(unknown).error).toMatchObject({
      code: 'UsageError',
      message: expect.stringContaining("unknown option '--bogus'"),
    });
    expect(jsonError(unknown).error).not.toHaveProperty('status');

    const missing = await t.cli(['contacts', 'get', '--agent']);
    expect(missing.code).toBe(2);
    expect(jsonError(missing).error.message).toMatch(/missing required argument 'id'/);

    const noCommand = await t.cli(['contacts', '--json']);
    expect(noCommand.code).toBe(2);
    expect(jsonError(noCommand).error.message).toMatch(/A command is missing.*gluekit contacts/);

    const text = await t.cli(['contacts', 'list', '--bogus', '-o', 'table']);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/^error: unknown option '--bogus'/m);
  });

  it('exits 2 for a malformed id and a page size over 1000, before any request, with no status', async () => {
    const t = await tenant();
    await resetCounts(emulator.current);
    const id = await t.cli(['contacts', 'get', 'abc']);
    expect(id.code).toBe(2);
    expect(jsonError(id).error).toMatchObject({
      code: 'UsageError',
      message: expect.stringMatching(/"abc"/),
    });
    expect(jsonError(id).error).not.toHaveProperty('status');
    const update = await t.cli(['contacts', 'update', '12x', '--set', 'title=x']);
    expect(update.code).toBe(2);
    const pageSize = await t.cli(['orgs', 'list', '--page-size', '5000']);
    expect(pageSize.code).toBe(2);
    expect(jsonError(pageSize).error.message).toMatch(/--page-size must be at most 1000/);
    expect((await requestCounts(emulator.current)).total).toBe(0);

    // An HTTP answer keeps its status.
    const notFound = await t.cli(['configs', 'get', '777777']);
    expect(notFound.code).toBe(3);
    expect(jsonError(notFound).error.status).toBe(404);
  });

  it('exits 9 (input) for a missing --from file, a bad --org-map and a missing one, a missing plan', async () => {
    const t = await tenant();
    const missingSource = await t.cli([
      'contacts',
      'sync',
      '--from',
      join(t.home, 'nope.csv'),
      '--org',
      '1009',
    ]);
    expect(missingSource.code).toBe(9);
    expect(jsonError(missingSource).error).toMatchObject({
      code: 'SourceInputError',
      message: expect.stringMatching(/nope\.csv.*no such file/),
    });

    const vault = t.file('vault.csv', 'folder,type,name,login_username,login_password\nA,login,B,u,p\n');
    const badMap = await t.cli([
      'passwords',
      'mirror',
      '--from',
      vault,
      '--org-map',
      t.file('map.json', '{bad'),
    ]);
    expect(badMap.code).toBe(9);
    expect(jsonError(badMap).error.code).toBe('OrgMapError');
    const noMap = await t.cli([
      'passwords',
      'mirror',
      '--from',
      vault,
      '--org-map',
      join(t.home, 'no-map.json'),
    ]);
    expect(noMap.code).toBe(9);
    expect(jsonError(noMap).error).toMatchObject({
      code: 'InputError',
      message: expect.stringMatching(/Cannot read .*no-map\.json: no such file/),
    });
    expect(jsonError(noMap).error).not.toHaveProperty('status');

    const noPlan = await t.cli(['apply', join(t.home, 'no-plan.json'), '--yes']);
    expect(noPlan.code).toBe(9);
  });

  it('refuses --select and --field names no record has, listing the fields (exit 2)', async () => {
    const t = await tenant();
    const select = await t.cli(['orgs', 'list', '--select', 'id,nme']);
    expect(select.code).toBe(2);
    expect(select.stdout).toBe('');
    const error = jsonError(select).error;
    expect(error.message).toMatch(/--select: no record has the field "nme"/);
    expect(error.message).toMatch(/The fields are: .*\bname\b/);
    // A field that exists but is empty on these records is fine.
    const empty = envelope<Array<Record<string, unknown>>>(
      await t.cli(['orgs', 'list', '--select', 'id,parentId']),
    );
    expect(empty.data[0]).toHaveProperty('parentId');

    const field = await t.cli(['orgs', 'get', '1009', '--field', 'nme']);
    expect(field.code).toBe(2);
    expect(jsonError(field).error.message).toMatch(/--field: no record has the field "nme"/);
  });

  it('guards CSV formulas but keeps numbers and phones; --csv-formula-guard off keeps every cell', async () => {
    const t = await tenant();
    const body = t.file(
      'contact.json',
      JSON.stringify({
        name: 'Phone Guard',
        title: '=HYPERLINK("http://x")',
        notes: '-12.5',
        'contact-phones': [{ value: '+1 (509) 555-3916', 'label-name': 'Work', primary: true }],
      }),
    );
    const created = await t.cli(['contacts', 'create', '--org', '1009', '--file', body, '--field', 'id']);
    expect(created.code).toBe(0);
    const id = created.stdout;
    expect(id).toMatch(/^\d+$/);
    const select = ['--select', 'title,notes,contactPhones.0.formattedValue', '-o', 'csv'];
    const guarded = await t.cli(['contacts', 'get', id, ...select]);
    expect(guarded.stdout.trim().split('\n')[1]).toBe(`"'=HYPERLINK(""http://x"")",-12.5,+1 (509) 555-3916`);

    const secret = '-XwK+Am64Hwnh3d8';
    const password = await t.cli(
      ['passwords', 'create', '--org', '1009', '--set', 'name=Guarded', '--password-stdin', '--field', 'id'],
      secret,
    );
    expect(password.code).toBe(0);
    const reveal = ['passwords', 'get', password.stdout, '--reveal', '--select', 'password', '-o', 'csv'];
    // Not a number or a phone: a spreadsheet would run it, so the guard stays by default.
    expect((await t.cli(reveal)).stdout).toBe(`password\n'${secret}\n`);
    expect((await t.cli([...reveal, '--csv-formula-guard=off'])).stdout).toBe(`password\n${secret}\n`);
    const off = await t.cli(['contacts', 'get', id, ...select, '--csv-formula-guard', 'off']);
    expect(off.stdout.trim().split('\n')[1]).toBe(`"=HYPERLINK(""http://x"")",-12.5,+1 (509) 555-3916`);
    const bad = await t.cli(['orgs', 'list', '-o', 'csv', '--csv-formula-guard', 'maybe']);
    expect(bad.code).toBe(2);
  });

  it('--field prints exactly one value and nothing else', async () => {
    const t = await tenant();
    const secret = 'Tr1cky "pass", with  spaces ';
    const created = await t.cli(
      ['passwords', 'create', '--org', '1009', '--set', 'name=Field', '--password-stdin', '--field', 'id'],
      secret,
    );
    const id = created.stdout;
    const revealed = await t.cli(['passwords', 'get', id, '--reveal', '--field', 'password']);
    expect(revealed.code).toBe(0);
    expect(revealed.stdout).toBe(secret);
    expect(revealed.stderr).toBe('');

    const hidden = await t.cli(['passwords', 'get', id, '--field', 'password']);
    expect(hidden.code).toBe(2);
    expect(hidden.stdout).toBe('');
    expect(jsonError(hidden).error.message).toMatch(/--reveal/);

    expect((await t.cli(['orgs', 'get', '1009', '--field', 'name'])).stdout).toBe('Happy Frog Dental');
    const names = await t.cli(['orgs', 'list', '--field', 'shortName']);
    expect(names.stdout.trim().split('\n')).toContain('HFD');
  });
});
