/**
 * The mirror commands as the real binary: `sync` into this tenant's own file, the offline views
 * with the `local` envelope, `--select`, `--db`, tables, the stale-mirror warning, and clear
 * errors for bad input or a missing mirror.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../src/index.js';
import { defaultMirrorPath } from '../../src/mirror/index.js';
import { envelope, jsonError, runCli, tempHome } from '../helpers/cli.js';
import { requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

type Rec = Record<string, unknown>;

describe('gluekit sync and the mirror views', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const home = tempHome();
  const env = () => ({ ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey });
  const cli = (args: string[], extraEnv: Record<string, string> = {}) =>
    runCli(args, { env: { ...env(), ...extraEnv }, home });

  beforeAll(async () => {
    const result = await cli(['sync', '--json']);
    expect(result.code, result.stderr).toBe(0);
  });

  it('syncs into a file named by base URL and key fingerprint, and reports counts and requests', async () => {
    const path = defaultMirrorPath(
      join(home, 'data'),
      emulator.current.url,
      keyFingerprint(emulator.current.apiKey),
    );
    expect(existsSync(path)).toBe(true);
    expect(path).not.toContain(emulator.current.apiKey);
    await resetCounts(emulator.current);
    const result = await cli(['sync', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const out = envelope<Rec & { resources: Rec[] }>(result);
    expect(out.meta.source).toBe('live');
    expect(out.data).toMatchObject({ mirror: path, ok: true, failures: [] });
    expect(out.data.resources.map((r) => [r.resource, r.mode])).toEqual([
      ['organizations', 'incremental'],
      ['contacts', 'incremental'],
      ['passwords', 'incremental'],
      ['configurations', 'incremental'],
      ['documents', 'full'],
    ]);
    expect(out.data.requests).toBe((await requestCounts(emulator.current)).total);
  });

  it('searches offline with the local envelope, synced_at and --select', async () => {
    await resetCounts(emulator.current);
    const result = await cli([
      'search',
      'HFD-FW-01',
      '--type',
      'configs',
      '--select',
      'type,id,name,organizationName',
    ]);
    expect(result.code).toBe(0);
    const out = envelope<Rec[]>(result);
    expect(out.meta).toMatchObject({ source: 'local', stale: false, count: 1 });
    expect(Date.parse(String(out.meta.synced_at))).toBeGreaterThan(Date.now() - 60_000);
    expect(out.data).toEqual([
      { type: 'configurations', id: '1017', name: 'HFD-FW-01', organizationName: 'Happy Frog Dental' },
    ]);
    expect((await requestCounts(emulator.current)).total).toBe(0);
  });

  it('prints every view as JSON and as a table', async () => {
    // Bluebird's one document is in a folder: it counts, so no organization lacks a kind.
    expect(envelope<Rec[]>(await cli(['coverage', '--below', '1'])).data).toEqual([]);
    const coverage = envelope<Rec[]>(await cli(['coverage', '--org', 'Bluebird Logistics']));
    expect(coverage.data).toEqual([
      expect.objectContaining({ documents: 1, archived: { configurations: 0, passwords: 0, documents: 0 } }),
    ]);
    const hfdCoverage = envelope<Rec[]>(await cli(['coverage', '--org', '1009'])).data[0] as Rec;
    expect((hfdCoverage.archived as Rec).configurations).toBe(1);
    const coverageTable = await cli(['coverage', '--org', '1009', '-o', 'table']);
    expect(coverageTable.stdout.split('\n')[0]).toMatch(/\sARCHIVED\s+MISSING$/);
    expect(coverageTable.stdout).toMatch(/configurations 1/);
    const stale = envelope<Array<Rec & { passwords: Rec[] }>>(
      await cli(['passwords', 'stale', '--days', '30']),
    );
    expect(stale.data.length).toBeGreaterThan(0);
    expect(stale.data[0]?.passwords[0]).toHaveProperty('passwordUpdatedAt');
    expect(envelope<Rec[]>(await cli(['contacts', 'dupes'])).data).toEqual([]);
    expect(envelope<Rec[]>(await cli(['orphans'])).data).toEqual([]);
    const changes = envelope<Rec[]>(await cli(['changes', '--since', '2026-04-01', '--type', 'contacts']));
    expect(changes.meta).toMatchObject({ source: 'local', since: '2026-04-01T00:00:00.000Z' });
    const brief = envelope<Rec & { organization: Rec; counts: Rec; documents: Rec[] }>(
      await cli(['orgs', 'show', 'happy frog dental']),
    );
    expect(brief.data.organization).toMatchObject({ id: '1009', name: 'Happy Frog Dental' });
    expect(brief.data.counts).toMatchObject({
      configurations: hfdCoverage.configurations,
      archived: hfdCoverage.archived,
    });
    expect(brief.data.documents.map((document) => document.folder)).toContain('Procedures');

    const table = await cli(['passwords', 'stale', '--days', '30', '-o', 'table']);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^ORGANIZATION\s+ID\s+NAME\s+USERNAME\s+LAST ROTATED\s+AGE DAYS$/,
    );
    const showTable = await cli(['organizations', 'show', '1009', '-o', 'table']);
    expect(showTable.stdout).toMatch(/^Happy Frog Dental \(1009\)\n/);
    expect(showTable.stdout).toMatch(/\nConfigurations\nID\s+NAME\s+TYPE/);
    expect(showTable.stdout).toMatch(/ · archived: configurations 1/);
    expect(showTable.stdout).toMatch(/\nDocuments\nID\s+NAME\s+FOLDER\s+PUBLISHED/);
    expect(showTable.stdout).toMatch(/\sProcedures\s/);
  });

  it('warns in one line on stderr when the mirror is older than --max-age', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await cli(['coverage', '--max-age', '0s']);
    expect(result.code).toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^gluekit: warning: the mirror was last synced .* ago \(.*\); run `gluekit sync` to refresh it$/,
    );
    expect(envelope(result).meta.stale).toBe(true);
    const fromEnv = await cli(['coverage'], { GLUEKIT_MIRROR_MAX_AGE: '0s' });
    expect(fromEnv.stderr).toMatch(/warning: the mirror was last synced/);
    expect((await cli(['coverage'])).stderr).toBe('');
  });

  it('explains bad input: an unreadable --since, an unknown type, a bad number', async () => {
    const since = await cli(['changes', '--since', 'last week']);
    expect(since.code).toBe(2);
    expect(jsonError(since).error.message).toMatch(
      /--since "last week" is neither a duration nor a date: use e\.g\. 24h, 7d/,
    );
    const type = await cli(['search', 'x', '--type', 'widgets']);
    expect(type.code).toBe(2);
    expect(jsonError(type).error.message).toMatch(/--type "widgets" is not a mirrored record type/);
    const below = await cli(['coverage', '--below', 'few']);
    expect(below.code).toBe(2);
    expect(jsonError(below).error.message).toMatch(/--below must be a positive whole number/);
    const resources = await cli(['sync', '--resources', 'contacts,invoices']);
    expect(resources.code).toBe(2);
    const unknownOrg = await cli(['orgs', 'show', 'Happy Frog']);
    expect(unknownOrg.code).toBe(3);
    expect(jsonError(unknownOrg).error.message).toMatch(/Did you mean: Happy Frog Dental \(1009, HFD\)/);
  });

  it('uses --db for both sync and views, and says how to create a mirror that is missing', async () => {
    const other = tempHome();
    const path = join(other, 'acme.sqlite');
    const missing = await runCli(['search', 'frog', '--db', path], { home: other });
    expect(missing.code).toBe(1);
    expect(jsonError(missing).error.message).toMatch(/No mirror at .*acme\.sqlite.*run `gluekit sync` first/);
    const synced = await runCli(['sync', '--db', path, '--resources', 'orgs'], { env: env(), home: other });
    expect(synced.code).toBe(0);
    // A view with --db needs no key: the file says which tenant it is.
    const found = await runCli(['search', 'frog', '--db', path], { home: other });
    expect(envelope<Rec[]>(found).data.map((hit) => hit.name)).toEqual(['Happy Frog Dental']);
    const noKey = await runCli(['coverage'], { home: other });
    expect(noKey.code).toBe(2);
    expect(jsonError(noKey).error.message).toMatch(/Which mirror\?/);
  });
});
