/**
 * Plans a person can review, through the real binary: organizations by name, the WHAT column
 * fitted to the terminal's width (`--wide` and `--all` cut nothing), one `field: old → new` per
 * line, a document update as a diff of its text, a secret as a plain `(changed)`, and `changes`
 * as readable lines rather than JSON.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, envelope, runCli, tempHome } from '../helpers/cli.js';
import { newTenantKey, useEmulator } from '../helpers/emulator.js';

const HEADER =
  'organization,first_name,last_name,email,additional_emails,title,phone,mobile,contact_type,active,external_id';
const LONG_TITLE = 'Chief Technology Officer and Head of Engineering Excellence for All Sites';

describe('plans a person can review', () => {
  const emulator = useEmulator({ seed: 'demo' });

  async function tenant() {
    const apiKey = await newTenantKey(emulator.current);
    const home = tempHome();
    const env = { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: apiKey, COLUMNS: '100' };
    const file = (name: string, content: string) => {
      const path = join(home, name);
      writeFileSync(path, content);
      return path;
    };
    return {
      home,
      file,
      cli: (args: string[], extra: Record<string, string> = {}) =>
        runCli(args, { env: { ...env, ...extra }, home }),
    };
  }

  it('shows organization names, one change per line, and fits WHAT to the width (--wide, --all: all of it)', async () => {
    const t = await tenant();
    const first = t.file('people.csv', `${HEADER}\n,Ada,Lovelace,ada@hfd.example,,CTO,,,,,\n`);
    const created = await t.cli(['contacts', 'sync', '--from', first, '--org', '1009', '--apply', '--yes']);
    expect(created.code).toBe(0);
    const changed = t.file(
      'people2.csv',
      `${HEADER}\n,Ada,Lovelace,ada@hfd.example,,${LONG_TITLE},+1 509 555 0100,,,,\n`,
    );
    const args = ['contacts', 'sync', '--from', changed, '--org', '1009', '-o', 'table'];

    const table = await t.cli(args);
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    const header = lines.find((line) => line.startsWith('ACTION')) ?? '';
    expect(header).toMatch(/ACTION\s+ORG\s+ID\s+KEY\s+WHAT\s+LINE/);
    const update = lines.find((line) => line.startsWith('update')) ?? '';
    expect(update).toMatch(/^update\s+Happy Frog Dental\s+\d+\s+email:ada@hfd\.example\s+title: "CTO" → /);
    expect(update).toContain('…');
    expect(update).not.toContain('All Sites');
    // Each change on its own line, under WHAT.
    const next = lines[lines.indexOf(update) + 1] ?? '';
    expect(next.indexOf('contactPhones:')).toBe(header.indexOf('WHAT'));

    for (const wide of [await t.cli([...args, '--wide']), await t.cli([...args, '--all'])]) {
      expect(wide.stdout).toContain(`title: "CTO" → "${LONG_TITLE}"`);
    }
    const wideTerminal = await t.cli(args, { COLUMNS: '220' });
    expect(wideTerminal.stdout).toContain(`title: "CTO" → "${LONG_TITLE}"`);

    // JSON keeps ids, and carries the names beside them.
    const json = envelope<{
      actions: Array<{ organizationId: string }>;
      organizationNames: Record<string, string>;
    }>(await t.cli(['contacts', 'sync', '--from', changed, '--org', '1009']));
    expect(json.data.actions[0]?.organizationId).toBe('1009');
    expect(json.data.organizationNames).toEqual({ '1009': 'Happy Frog Dental' });
  });

  it('shows a document update as a diff of its text, not two lengths', async () => {
    const t = await tenant();
    const onboard = ['docs', 'onboard', '--org', 'Happy Frog Dental', '--templates', 'builtin'];
    expect((await t.cli([...onboard, '--apply', '--yes'])).code).toBe(0);
    const vars = t.file('vars.yaml', 'isp: Frontier Fiber\n');
    const plan = await t.cli([...onboard, '--vars', vars, '-o', 'table', '--wide']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/1 update/);
    expect(plan.stdout).not.toMatch(/characters/);
    // The heading of the changed section, then the line before and after.
    const body = plan.stdout.slice(plan.stdout.indexOf('update'));
    expect(body).toMatch(
      /# Internet[^\n]*\n[^\n]*- \| ISP \| to be documented \|[^\n]*\n[^\n]*\+ \| ISP \| Frontier Fiber \|/,
    );
  });

  it('shows a password change as a plain (changed), and an entry with no organization with ORG -', async () => {
    const t = await tenant();
    const vault = t.file(
      'vault.csv',
      'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n' +
        'Clients/HFD,,login,Router,,,0,https://router.example,admin,S3cret!,\n' +
        ',,note,Alarm code,1234,,0,,,,\n',
    );
    const map = t.file('map.json', '{"Clients/HFD": "Happy Frog Dental"}');
    const plan = await t.cli(['passwords', 'mirror', '--from', vault, '--org-map', map, '-o', 'table']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^create\s+Happy Frog Dental\s+.*password: \(changed\)/m);
    expect(plan.stdout).not.toContain('"(changed)"');
    expect(plan.stdout).toMatch(/^skip\s+-\s+/m);
    expect(plan.stdout).not.toMatch(/^skip\s+0\s/m);
    expect(plan.stdout).not.toContain('S3cret!');
  });

  it('changes: one `field: old → new` per line, lists as values, never a JSON blob', async () => {
    const t = await tenant();
    expect((await t.cli(['sync'])).code).toBe(0);
    const contact = t.file(
      'contact.json',
      JSON.stringify({
        name: 'Grace Hopper',
        title: 'Rear Admiral',
        'contact-emails': [{ value: 'grace@hfd.example', 'label-name': 'Work', primary: true }],
      }),
    );
    const id = (await t.cli(['contacts', 'create', '--org', '1009', '--file', contact, '--field', 'id']))
      .stdout;
    expect((await t.cli(['sync'])).code).toBe(0);
    // The mirror dates a change by the sync that saw it: only the update's is after this.
    const since = new Date().toISOString();
    const edit = t.file(
      'edit.json',
      JSON.stringify({
        title: 'Commodore',
        'contact-emails': [
          { value: 'grace@hfd.example', 'label-name': 'Work', primary: true },
          { value: 'amazing.grace@hfd.example', 'label-name': 'Home', primary: false },
        ],
      }),
    );
    expect((await t.cli(['contacts', 'update', id, '--file', edit])).code).toBe(0);
    expect((await t.cli(['sync'])).code).toBe(0);

    const table = await t.cli(['changes', '--since', since, '--type', 'contacts', '-o', 'table', '--wide']);
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    const column = (lines[0] ?? '').indexOf('FIELDS');
    const row = lines.findIndex((line) => line.includes(` ${id} `) && line.includes('updated'));
    expect(row).toBeGreaterThan(0);
    // The row's changes, each on its own line in the FIELDS column.
    const fields = [
      lines[row] ?? '',
      ...lines.slice(row + 1).filter((line) => line.slice(0, column).trim() === ''),
    ]
      .slice(0, 2)
      .map((line) => line.slice(column));
    expect(fields.sort()).toEqual([
      'contactEmails: grace@hfd.example → grace@hfd.example, amazing.grace@hfd.example',
      'title: "Rear Admiral" → "Commodore"',
    ]);
    expect(table.stdout).not.toContain('[{');
  });

  it('says `1 page`, not `1 pages`, in the progress a terminal sees', async () => {
    const { execFile } = await import('node:child_process');
    const script = new URL('../helpers/answer_prompt.py', import.meta.url).pathname;
    const env = cliEnv({ ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey });
    // Under a pseudo-terminal, where the progress line is drawn (no prompt comes: nothing to answer).
    const shown = await new Promise<string>((resolve) => {
      execFile(
        'python3',
        [script, 'no prompt comes', '', '--', process.execPath, BIN, 'sync'],
        { env, encoding: 'utf8' },
        (_error, stdout) => resolve(stdout),
      );
    });
    // The first progress line is always drawn: one resource, its first page (of one, in this seed).
    expect(shown).toMatch(/sync: \w+ 1(\/1)? page\b/);
    expect(shown).not.toMatch(/\b1(\/1)? pages\b/);
  });
});
