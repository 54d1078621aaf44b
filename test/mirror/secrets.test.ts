/**
 * The mirror never holds a password value, an OTP secret or the API key: after syncing a tenant
 * that has all three (with the values revealed once through the SDK, as a user might), every byte
 * of the database files is scanned for them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncMirror } from '../../src/mirror/index.js';
import { clientFor, useEmulator } from '../helpers/emulator.js';
import { openMirror, tempMirrorPath } from './support.js';

const CANARY_KEY = 'ITG.mirror-canary-key-4b1d8e2f9a7c';
const CANARY_PASSWORD = 'mirror-canary-pw-Qx7#Lp2!';
const CANARY_OTP = 'JBSWY3DPMIRRORCANARY';

function scan(path: string, needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dirname(path))) {
    const bytes = readFileSync(join(dirname(path), name));
    for (const needle of needles) {
      // UTF-8 and UTF-16 (SQLite can store text either way).
      if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))) {
        found.push(`${needle} in ${name}`);
      }
    }
  }
  return found;
}

describe('mirror secrets', () => {
  const emulator = useEmulator({ seed: 'demo', apiKey: CANARY_KEY });

  it('holds no password value, OTP secret or API key anywhere in its files', async () => {
    const client = clientFor(emulator.current);
    const created = await client.passwords.create({
      organizationId: '1009',
      name: 'Canary vault',
      username: 'canary',
      password: CANARY_PASSWORD,
      otpSecret: CANARY_OTP,
    });
    expect((await client.passwords.get(created.id, { reveal: true })).password).toBe(CANARY_PASSWORD);

    const path = tempMirrorPath();
    const store = openMirror(client, path);
    await syncMirror({ client, store });
    await client.passwords.update(created.id, { password: `${CANARY_PASSWORD}-rotated`, notes: 'rotated' });
    await syncMirror({ client, store });
    expect(store.liveCount('passwords')).toBeGreaterThan(1);
    const needles = [CANARY_KEY, CANARY_PASSWORD, CANARY_OTP, CANARY_KEY.slice(4)];
    // While open (the write-ahead log holds the latest pages) and after closing (checkpointed).
    expect(scan(path, needles)).toEqual([]);
    store.close();
    expect(scan(path, needles)).toEqual([]);
    expect(readFileSync(path).includes(Buffer.from('Canary vault'))).toBe(true);
  });
});
