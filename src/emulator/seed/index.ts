/**
 * Seeds: `demo` (a small MSP), `scale:N` (N organizations of realistic size) and `empty` (only the
 * lookup lists). The same seed always gives identical records, ids and timestamps.
 */
import { type SeedName, Tenant, type TenantIdentity } from '../store/tenant.js';
import { loadCatalog } from './catalog.js';
import { loadDemo } from './demo.js';
import { loadScale } from './scale.js';

export { BIG_ORGANIZATION_ID } from './context.js';

/** The largest `scale:N` accepted: beyond it memory, not the emulator, becomes the test. */
export const MAX_SCALE_ORGANIZATIONS = 100_000;

export class SeedNameError extends Error {
  override name = 'SeedNameError';
}

export function parseSeedName(value: unknown): SeedName {
  if (value === 'demo' || value === 'empty') return value;
  const match = typeof value === 'string' ? /^scale:(\d{1,6})$/.exec(value) : null;
  const count = match ? Number(match[1]) : Number.NaN;
  if (!Number.isInteger(count) || count > MAX_SCALE_ORGANIZATIONS) {
    throw new SeedNameError(
      `unknown seed ${JSON.stringify(value)}: use "demo", "empty" or "scale:N" (N up to ${MAX_SCALE_ORGANIZATIONS})`,
    );
  }
  return `scale:${count}`;
}

/** A fresh tenant holding the seed's data. */
export function seededTenant(identity: TenantIdentity): Tenant {
  const tenant = new Tenant(identity);
  loadCatalog(tenant);
  if (identity.seed === 'demo') loadDemo(tenant);
  else if (identity.seed !== 'empty') loadScale(tenant, Number(identity.seed.slice('scale:'.length)));
  return tenant;
}
