/**
 * The local secret behind password fingerprints. Stored apart from the journal, in a 0600 file in
 * the data directory, so the journal alone says nothing about any password: an HMAC keyed by an
 * unknown 32-byte secret cannot be checked against guesses.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { GlueKitError } from '../../core/errors.js';
import { ensurePrivateDir, tightenFile } from '../../core/private-files.js';

export type Fingerprinter = (value: string) => string;

export function loadFingerprintKey(path: string): Buffer {
  if (!existsSync(path)) {
    ensurePrivateDir(dirname(path));
    writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  tightenFile(path);
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length < 32)
    throw new GlueKitError(`${path} is not a gluekit fingerprint key; move it aside and run again.`);
  return key;
}

/** HMAC-SHA256 of a secret, keyed by the local key: byte-exact, never reversible. */
export function fingerprinter(key: Buffer): Fingerprinter {
  return (value) => createHmac('sha256', key).update(value, 'utf8').digest('hex');
}
