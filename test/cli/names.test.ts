/**
 * Names the way people type them, through the real binary: an organization by id, name (any case)
 * or short name everywhere one is taken (lists, get, writes, workflows, mirror views), one list
 * request to resolve it, "did you mean" on a miss; configuration filters that compare serials,
 * asset tags and hostnames the way the import does.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { envelope, jsonError, runCli, tempHome } from '../helpers/cli.js';
import { requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

type Rec = Record<string, unknown>;
const HFD = '1009';

describe('organizations by id, name or short name', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const home = tempHome();
  const env = () => ({ ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey });
  const cli = (args: string[]) => runCli(args, { env: env(), home });

  beforeAll(async () => {
    const synced = await cli(['sync', '--json']);
    expect(synced.code, synced.stderr).toBe(0);
  });

  it('orgs list --name matches the name ignoring case', async () => {
    const result = await cli(['orgs', 'list', '--name', 'happy frog dental']);
    expect(result.code, result.stderr).toBe(0);
    expect(envelope<Rec[]>(result).data.map((org) => [org.id, org.name])).toEqual([
      [HFD, 'Happy Frog Dental'],
    ]);
  });

  it('orgs get takes a name or a short name as well as an id', async () => {
    for (const value of ['Happy Frog Dental', 'happy  frog dental', 'HFD', 'hfd', HFD]) {
      const result = await cli(['orgs', 'get', value]);
      expect(result.code, `${value}: ${result.stderr}`).toBe(0);
      expect(envelope<Rec>(result).data).toMatchObject({
        id: HFD,
        name: 'Happy Frog Dental',
        shortName: 'HFD',
      });
    }
  });

  it('--org takes the short name, resolved with one list request', async () => {
    await resetCounts(emulator.current);
    const result = await cli(['contacts', 'list', '--org', 'HFD']);
    expect(result.code, result.stderr).toBe(0);
    const contacts = envelope<Rec[]>(result).data;
    expect(contacts.length).toBeGreaterThan(0);
    expect(new Set(contacts.map((c) => c.organizationId))).toEqual(new Set([HFD]));
    const counts = await requestCounts(emulator.current);
    expect(counts.byRoute['GET /organizations']).toBe(1);
    // An id is checked with one get, not a list.
    await resetCounts(emulator.current);
    expect((await cli(['contacts', 'list', '--org', HFD])).code).toBe(0);
    const byId = await requestCounts(emulator.current);
    expect(byId.byRoute['GET /organizations']).toBeUndefined();
    expect(byId.byRoute['GET /organizations/{id}']).toBe(1);
  });

  it('a miss says what it could have meant, without naming a flag; a bare unknown id is not found', async () => {
    const typo = await cli(['contacts', 'list', '--org', 'hapy frog dentl']);
    expect(typo.code).toBe(3);
    const message = jsonError(typo).error.message;
    expect(message).toMatch(/no organization with the id, name or short name "hapy frog dentl"/);
    expect(message).toMatch(/Did you mean: Happy Frog Dental \(1009, HFD\)/);
    expect(message).not.toContain('--org');
    const id = await cli(['contacts', 'list', '--org', '424242']);
    expect(id.code).toBe(3);
    expect(jsonError(id).error.message).toContain('"424242"');
  });

  it('a workflow takes the short name for --org and in the organization column', async () => {
    const file = join(home, 'people.csv');
    writeFileSync(
      file,
      'organization,first_name,last_name,email\nhfd,Ada,Lovelace,ada@hfd.example\n,Alan,Turing,alan@hfd.example\n',
    );
    const result = await cli(['contacts', 'sync', '--from', file, '--org', 'Happy Frog DENTAL']);
    expect(result.code, result.stderr).toBe(0);
    const text = result.stdout;
    expect(text).toContain('ada@hfd.example');
    expect(text).toContain('alan@hfd.example');
    expect(text).not.toMatch(/"organizationId":\s*"(?!1009")/);
  });

  it('search finds a phone number and a MAC address whatever their formatting', async () => {
    const contacts = envelope<Rec[]>(await cli(['contacts', 'list', '--all'])).data;
    const contact = contacts.find((c) => Array.isArray(c.contactPhones) && c.contactPhones.length > 0) as Rec;
    const digits = String((contact.contactPhones as Rec[])[0]?.value).replace(/\D/g, '');
    expect(digits).toMatch(/^\d{10}$/);
    const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
    const found = async (query: string) => {
      const result = await cli(['search', query]);
      expect(result.code, `${query}: ${result.stderr}`).toBe(0);
      return envelope<Rec[]>(result).data.map((hit) => [hit.id, hit.matched]);
    };
    for (const query of [
      `${exchange}-${line}`,
      `(${area}) ${exchange}-${line}`,
      `${area}.${exchange}.${line}`,
      `+1 ${area} ${exchange} ${line}`,
      `+1${digits}`,
    ]) {
      expect(await found(`"${query}"`), query).toContainEqual([contact.id, ['contactPhones']]);
    }
    const configurations = envelope<Rec[]>(await cli(['configs', 'list', '--all'])).data;
    const device = configurations.find((c) => typeof c.macAddress === 'string') as Rec;
    const hex = String(device.macAddress)
      .replace(/[^0-9a-z]/gi, '')
      .toLowerCase();
    for (const query of [hex.match(/../g)?.join(':'), hex.match(/..../g)?.join('.'), hex]) {
      expect(await found(String(query)), query).toContainEqual([device.id, ['macAddress']]);
    }
  });

  it('rebuilds a search index built by an older gluekit at the next sync', async () => {
    const mirror = join(home, 'old-index.sqlite');
    expect((await cli(['sync', '--db', mirror])).code).toBe(0);
    const db = new Database(mirror);
    db.exec("DELETE FROM search; UPDATE meta SET value = '1' WHERE key = 'search_format'");
    db.close();
    const contacts = envelope<Rec[]>(await cli(['contacts', 'list', '--all'])).data;
    const digits = String(
      (
        (contacts.find((c) => Array.isArray(c.contactPhones) && c.contactPhones.length > 0) as Rec)
          .contactPhones as Rec[]
      )[0]?.value,
    );
    const query = `${digits.slice(3, 6)}-${digits.slice(6)}`;
    expect(envelope<Rec[]>(await cli(['search', query, '--db', mirror])).data).toEqual([]);
    expect((await cli(['sync', '--db', mirror])).code).toBe(0);
    expect(envelope<Rec[]>(await cli(['search', query, '--db', mirror])).data.length).toBeGreaterThan(0);
  });

  it('mirror views take the short name and suggest on a miss', async () => {
    const brief = await cli(['orgs', 'show', 'hfd']);
    expect(brief.code, brief.stderr).toBe(0);
    expect(JSON.stringify(envelope<Rec>(brief).data)).toContain('Happy Frog Dental');
    const miss = await cli(['passwords', 'stale', '--org', 'Hapy Frog']);
    expect(miss.code).toBe(3);
    expect(jsonError(miss).error.message).toMatch(
      /The mirror has no organization .*"Hapy Frog"\. Did you mean: Happy Frog Dental/,
    );
  });
});

describe('configuration filters compare the way the import matches', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const env = () => ({ ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey });
  const cli = (args: string[]) => runCli(args, { env: env() });
  const ids = async (args: string[]) => {
    const result = await cli(['configs', 'list', ...args]);
    expect(result.code, result.stderr).toBe(0);
    return envelope<Rec[]>(result).data.map((c) => c.id);
  };

  it('finds a serial or an asset tag typed in another case or with spaces, with or without --org', async () => {
    const all = envelope<Rec[]>(await cli(['configs', 'list', '--all'])).data;
    const device = all.find((c) => c.organizationId === HFD && c.serialNumber && c.assetTag) as Rec;
    const serial = String(device.serialNumber);
    const lower = serial.toLowerCase();
    expect(lower).not.toBe(serial);
    expect(await ids(['--serial', lower])).toEqual([device.id]);
    expect(await ids(['--serial', `${lower.slice(0, 4)} ${lower.slice(4)}`, '--org', 'HFD'])).toEqual([
      device.id,
    ]);
    expect(await ids(['--asset-tag', String(device.assetTag).toLowerCase()])).toEqual([device.id]);
    expect(await ids(['--serial', 'no-such-serial'])).toEqual([]);
  });

  it('finds a hostname by its short name, ignoring case', async () => {
    const all = envelope<Rec[]>(await cli(['configs', 'list', '--all'])).data;
    const device = all.find((c) => typeof c.hostname === 'string' && c.hostname !== '') as Rec;
    const host = String(device.hostname);
    const same = all.filter((c) => String(c.hostname ?? '').toLowerCase() === host.toLowerCase());
    expect(await ids(['--hostname', `${host.toLowerCase()}.corp.example`])).toEqual(same.map((c) => c.id));
  });
});
