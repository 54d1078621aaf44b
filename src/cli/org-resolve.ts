/**
 * `--org ID|NAME`: an id is used as it is; a name is matched exactly but case-insensitively
 * against every organization (one request at page size 1000 for most MSPs). An unknown or
 * ambiguous name is an error that lists what it could have meant.
 */
import type { GlueKit } from '../client.js';
import { NotFoundError } from '../core/errors.js';
import { UsageError } from './usage-error.js';

export async function resolveOrganization(client: GlueKit, value: string): Promise<string> {
  const wanted = value.trim();
  if (/^[1-9]\d*$/.test(wanted)) return wanted;
  const organizations = await client.organizations.list().toArray();
  const key = wanted.toLowerCase();
  const matches = organizations.filter((org) => org.name.trim().toLowerCase() === key);
  if (matches.length === 1) return (matches[0] as { id: string }).id;
  if (matches.length > 1) {
    throw new UsageError(
      `--org "${value}" matches ${matches.length} organizations: ${matches.map((org) => `${org.id} (${org.name})`).join(', ')}. Pass the id instead.`,
    );
  }
  const near = organizations
    .filter((org) => org.name.toLowerCase().includes(key) || key.includes(org.name.toLowerCase()))
    .slice(0, 5)
    .map((org) => `${org.name} (${org.id})`);
  throw new NotFoundError(
    404,
    { method: 'GET', path: '/organizations' },
    [],
    `No organization is named "${value}".${near.length ? ` Did you mean: ${near.join(', ')}?` : ''}`,
  );
}
