/**
 * The CLI as a real child process against the emulator: every command family, every output mode,
 * filters, writes from flags, files and stdin, passwords, and --dry-run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envelope, jsonError, runCli, tempHome } from '../helpers/cli.js';
import { requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

const BIG_ORG_ID = '9007199254740993';
type Rec = Record<string, unknown>;

describe('gluekit <resource> <verb>', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const env = () => ({ ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey });
  const cli = (args: string[], input?: string) =>
    runCli(args, { env: env(), ...(input !== undefined ? { input } : {}) });

  it('lists organizations as one JSON envelope when piped, ids exact', async () => {
    const result = await cli(['orgs', 'list']);
    expect(result.code).toBe(0);
    const out = envelope<Rec[]>(result);
    expect(out.meta).toMatchObject({ source: 'live', count: out.data.length, next: null });
    expect(out.data.map((org) => org.id)).toContain(BIG_ORG_ID);
    expect(result.stdout).toContain(`"id": "${BIG_ORG_ID}"`);
  });

  it('prints ndjson, csv and a table, and selects dotted paths', async () => {
    const ndjson = await cli(['organizations', 'list', '--output', 'ndjson', '--select', 'id,name']);
    const lines = ndjson.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(JSON.parse(lines[0] as string))).toEqual(['id', 'name']);

    const csv = await cli([
      'contacts',
      'list',
      '--org',
      BIG_ORG_ID,
      '-o',
      'csv',
      '--select',
      'id,name,organization.name',
    ]);
    const [header, first] = csv.stdout.trim().split('\n');
    expect(header).toBe('id,name,organization.name');
    expect(first).toMatch(/,Fabrikam/);

    const table = await cli(['configs', 'list', '--org', BIG_ORG_ID, '-o', 'table']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^ID\s+NAME\s+HOSTNAME\s+SERIAL\s+TYPE\s+ORGANIZATION\s+ARCHIVED$/,
    );
  });

  it('resolves --org by exact, case-insensitive name and refuses an unknown one with suggestions', async () => {
    const byName = envelope<Rec[]>(await cli(['contacts', 'list', '--org', 'happy frog DENTAL']));
    expect(byName.data.length).toBeGreaterThan(0);
    expect(new Set(byName.data.map((c) => c.organizationName))).toEqual(new Set(['Happy Frog Dental']));
    const unknown = await cli(['contacts', 'list', '--org', 'Happy Frog']);
    expect(unknown.code).toBe(3);
    expect(jsonError(unknown).error.message).toMatch(
      /no organization with the id, name or short name "Happy Frog"\. Did you mean: Happy Frog Dental/,
    );
  });

  it('refuses an ambiguous organization name, listing the candidates', async () => {
    const orgs = envelope<Rec[]>(await cli(['orgs', 'list'])).data;
    const [a, b] = orgs;
    await fetch(`${emulator.current.url}/__emulator/records/organizations/${b?.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ attributes: { name: String(a?.name).toUpperCase() } }),
    });
    const result = await cli(['contacts', 'list', '--org', String(a?.name)]);
    expect(result.code).toBe(2);
    expect(jsonError(result).error.message).toMatch(/fits 2 organizations/);
    await fetch(`${emulator.current.url}/__emulator/records/organizations/${b?.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ attributes: { name: b?.name } }),
    });
  });

  it('filters with named flags and --filter, and pages with --page-size, --limit and --all', async () => {
    const configs = envelope<Rec[]>(await cli(['configs', 'list', '--org', BIG_ORG_ID])).data;
    const device = configs.find((c) => c.serialNumber && c.hostname) as Rec;
    const bySerial = envelope<Rec[]>(await cli(['configs', 'list', '--serial', String(device.serialNumber)]));
    expect(bySerial.data.map((c) => c.id)).toEqual([device.id]);
    const byHost = envelope<Rec[]>(
      await cli(['configs', 'list', '--hostname', String(device.hostname).toLowerCase()]),
    );
    expect(byHost.data.map((c) => c.id)).toEqual([device.id]);
    const generic = envelope<Rec[]>(
      await cli(['configs', 'list', '--filter', `serial-number=${device.serialNumber}`]),
    );
    expect(generic.data.map((c) => c.id)).toEqual([device.id]);

    const all = envelope<Rec[]>(await cli(['contacts', 'list', '--all', '--page-size', '2']));
    const first = envelope<Rec[]>(await cli(['contacts', 'list', '--page-size', '2']));
    expect(first.data).toHaveLength(2);
    expect(first.meta.next).toBe(2);
    const second = envelope<Rec[]>(await cli(['contacts', 'list', '--page-size', '2', '--page', '2']));
    expect(second.data[0]?.id).toBe(all.data[2]?.id);
    const limited = envelope<Rec[]>(await cli(['contacts', 'list', '--limit', '3', '--page-size', '2']));
    expect(limited.data.map((c) => c.id)).toEqual(all.data.slice(0, 3).map((c) => c.id));
    expect(all.meta.count).toBe(all.data.length);
    const sorted = envelope<Rec[]>(await cli(['contacts', 'list', '--all', '--sort', '-id']));
    expect(sorted.data.map((c) => c.id)).toEqual([...all.data.map((c) => c.id)].reverse());
  });

  it('gets a record by id, and says so when it does not exist (exit 3)', async () => {
    const org = envelope<Rec>(await cli(['orgs', 'get', BIG_ORG_ID]));
    expect(org.data.id).toBe(BIG_ORG_ID);
    expect(org.meta).toMatchObject({ source: 'live', count: 1 });
    const missing = await cli(['contacts', 'get', '424242']);
    expect(missing.code).toBe(3);
    expect(jsonError(missing).error).toMatchObject({ code: 'NotFoundError', status: 404 });
  });

  it('creates and updates from --set (typed, kebab or camel keys), --unset, --file and stdin', async () => {
    const created = envelope<Rec>(
      await cli([
        'contacts',
        'create',
        '--org',
        'Fabrikam Architects',
        '--set',
        'name=Ada Lovelace',
        '--set',
        'email=ada@example.com',
        '--set',
        'important=true',
        '--set',
        'notes=first',
      ]),
    ).data;
    expect(created).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      important: true,
      organizationId: BIG_ORG_ID,
    });
    const updated = envelope<Rec>(
      await cli(['contacts', 'update', String(created.id), '--set', 'title=CTO', '--unset', 'notes']),
    );
    expect(updated.data).toMatchObject({ title: 'CTO', notes: null });

    const home = tempHome();
    const file = join(home, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({
        data: {
          type: 'configurations',
          attributes: {
            name: 'GK-CLI-01',
            'serial-number': 'GKCLI0001',
            configuration_type_id: await typeId('Managed Workstation'),
          },
        },
      }),
    );
    const fromFile = envelope<Rec>(
      await cli(['configs', 'create', '--org', BIG_ORG_ID, '--file', file]),
    ).data;
    expect(fromFile).toMatchObject({ name: 'GK-CLI-01', serialNumber: 'GKCLI0001' });
    const fromStdin = envelope<Rec>(
      await cli(
        ['configs', 'update', String(fromFile.id), '--file', '-'],
        JSON.stringify({ archived: true }),
      ),
    ).data;
    expect(fromStdin.archived).toBe(true);

    const doc = envelope<Rec>(
      await cli([
        'docs',
        'create',
        '--org',
        BIG_ORG_ID,
        '--set',
        'name=CLI doc',
        '--set',
        'content=<p>Hello</p>',
      ]),
    ).data;
    expect(envelope<Rec>(await cli(['docs', 'get', String(doc.id)])).data.content).toBe('<p>Hello</p>');
  });

  it('refuses unknown attributes and values of the wrong type, naming the field (exit 2 / 6)', async () => {
    const unknown = await cli(['contacts', 'create', '--org', BIG_ORG_ID, '--set', 'nickname=x']);
    expect(unknown.code).toBe(2);
    expect(jsonError(unknown).error.message).toMatch(/no attribute "nickname".*first-name/);
    const wrong = await cli([
      'contacts',
      'create',
      '--org',
      BIG_ORG_ID,
      '--set',
      'name=A',
      '--set',
      'important=maybe',
    ]);
    expect(wrong.code).toBe(6);
    expect(jsonError(wrong).error.message).toMatch(/important/);
  });

  it('takes a password only from stdin, an environment variable or a prompt, never from argv', async () => {
    const refused = await cli([
      'passwords',
      'create',
      '--org',
      BIG_ORG_ID,
      '--set',
      'name=x',
      '--set',
      'password=hunter2-argv',
    ]);
    expect(refused.code).toBe(2);
    expect(jsonError(refused).error.message).toMatch(/--password-stdin/);

    const viaStdin = await cli(
      ['passwords', 'create', '--org', BIG_ORG_ID, '--set', 'name=Via stdin', '--password-stdin'],
      'stdin-secret-1\n',
    );
    expect(viaStdin.code).toBe(0);
    const created = envelope<Rec>(viaStdin).data;
    expect(viaStdin.stdout).not.toContain('stdin-secret-1');
    const revealed = envelope<Rec>(await cli(['passwords', 'get', String(created.id), '--reveal']));
    expect(revealed.data.password).toBe('stdin-secret-1');
    const masked = await cli(['passwords', 'get', String(created.id)]);
    expect(envelope<Rec>(masked).data.password).toBeUndefined();
    expect(masked.stdout).not.toContain('stdin-secret-1');

    const viaEnv = await runCli(['passwords', 'update', String(created.id), '--password-env', 'NEW_SECRET'], {
      env: { ...env(), NEW_SECRET: 'env-secret-2' },
    });
    expect(viaEnv.code).toBe(0);
    expect(envelope<Rec>(await cli(['passwords', 'get', String(created.id), '--reveal'])).data.password).toBe(
      'env-secret-2',
    );

    const noValue = await cli(['passwords', 'create', '--org', BIG_ORG_ID, '--set', 'name=none']);
    expect(noValue.code).toBe(6);
  });

  it('--dry-run prints the exact request with the key and secrets masked, and writes nothing', async () => {
    await resetCounts(emulator.current);
    const result = await runCli(
      [
        'passwords',
        'create',
        '--org',
        'Fabrikam Architects',
        '--set',
        'name=Dry',
        '--password-env',
        'S',
        '--dry-run',
        '-o',
        'table',
      ],
      { env: { ...env(), S: 'dry-run-secret-3' } },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`POST ${emulator.current.url}/passwords`);
    expect(result.stdout).toContain('"organization-id": 9007199254740993');
    expect(result.stdout).toContain('"password": "[redacted]"');
    expect(result.stdout).toContain('x-api-key: [redacted]');
    for (const text of [result.stdout, result.stderr]) {
      expect(text).not.toContain('dry-run-secret-3');
      expect(text).not.toContain(emulator.current.apiKey);
    }
    const counts = await requestCounts(emulator.current);
    expect(counts.byMethod.POST ?? 0).toBe(0);

    const json = envelope<{ dryRun: boolean; requests: Array<{ method: string; url: string; body: Rec }> }>(
      await cli([
        'docs',
        'create',
        '--org',
        BIG_ORG_ID,
        '--set',
        'name=Dry doc',
        '--set',
        'content=<p>x</p>',
        '--dry-run',
      ]),
    );
    expect(json.data.dryRun).toBe(true);
    expect(json.data.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `POST /organizations/${BIG_ORG_ID}/relationships/documents`,
      'POST /documents/0/relationships/sections',
    ]);
    expect((await requestCounts(emulator.current)).byMethod.POST ?? 0).toBe(0);
  });

  async function typeId(name: string): Promise<string> {
    const response = await fetch(
      `${emulator.current.url}/configuration_types?filter[name]=${encodeURIComponent(name)}`,
      {
        headers: { 'x-api-key': emulator.current.apiKey },
      },
    );
    return ((await response.json()) as { data: Array<{ id: string }> }).data[0]?.id as string;
  }
});

describe('the password prompt on a terminal', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('asks without echoing, and the answer becomes the password', async () => {
    const { execFile } = await import('node:child_process');
    const { BIN, cliEnv } = await import('../helpers/cli.js');
    const script = new URL('../helpers/answer_prompt.py', import.meta.url).pathname;
    const env = cliEnv({ ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey });
    const secret = 'typed-at-the-prompt-7';
    // Asynchronously: the emulator answering the CLI runs in this process.
    const result = await new Promise<{ status: number; stdout: string }>((resolve) => {
      execFile(
        'python3',
        [
          script,
          'Password (not echoed): ',
          secret,
          '--',
          process.execPath,
          BIN,
          'passwords',
          'create',
          '--org',
          BIG_ORG_ID,
          '--set',
          'name=Prompted',
          '-o',
          'json',
        ],
        { env, encoding: 'utf8' },
        (error, stdout) => resolve({ status: error ? Number(error.code) : 0, stdout }),
      );
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Password (not echoed): ');
    expect(result.stdout).not.toContain(secret);
    const id = /"id": "(\d+)"/.exec(result.stdout)?.[1] as string;
    const revealed = await runCli(['passwords', 'get', id, '--reveal'], {
      env: { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey },
    });
    expect(envelope<Rec>(revealed).data.password).toBe(secret);
  });
});
