/**
 * Where a tenant's mirror lives: one SQLite file per base URL and key, named by a hash of the two,
 * so two regions or two keys never share a mirror and the key itself never appears in a path.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** `<dataDir>/mirror/<first 16 hex of sha256(baseUrl + keyFingerprint)>.sqlite`. */
export function defaultMirrorPath(dataDir: string, baseUrl: string, keyFingerprint: string): string {
  const digest = createHash('sha256')
    .update(baseUrl + keyFingerprint)
    .digest('hex')
    .slice(0, 16);
  return join(dataDir, 'mirror', `${digest}.sqlite`);
}
