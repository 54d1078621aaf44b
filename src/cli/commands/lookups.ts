/**
 * `gluekit lookups [kind]`. The lookup lists are real IT Glue routes outside the API document
 * (client.lookups); document folders and locations are per organization; models carry the
 * manufacturer they belong to.
 */
import type { LookupList } from '../../resources/lookups.js';
import { resolveOrganization } from '../../resources/organization-names.js';
import type { CliContext } from '../context.js';
import { printList } from '../output/render.js';
import { UsageError } from '../usage-error.js';

type LookupKind =
  | { kind: string; list: LookupList; description: string }
  | { kind: 'document-folders'; folders: true; description: string }
  | { kind: 'locations'; locations: true; description: string }
  | { kind: 'models'; models: true; description: string };

export const LOOKUP_KINDS: readonly LookupKind[] = [
  { kind: 'contact-types', list: 'contact_types', description: 'contact types (contact-type-id)' },
  {
    kind: 'configuration-types',
    list: 'configuration_types',
    description: 'configuration types (configuration-type-id)',
  },
  {
    kind: 'configuration-statuses',
    list: 'configuration_statuses',
    description: 'configuration statuses (configuration-status-id)',
  },
  { kind: 'manufacturers', list: 'manufacturers', description: 'manufacturers (manufacturer-id)' },
  {
    kind: 'password-categories',
    list: 'password_categories',
    description: 'password categories (password-category-id)',
  },
  {
    kind: 'organization-types',
    list: 'organization_types',
    description: 'organization types (organization-type-id)',
  },
  {
    kind: 'organization-statuses',
    list: 'organization_statuses',
    description: 'organization statuses (organization-status-id)',
  },
  {
    kind: 'document-folders',
    folders: true,
    description: "an organization's document folders (needs --org)",
  },
  { kind: 'models', models: true, description: 'models, with their manufacturer (model-id)' },
  {
    kind: 'operating-systems',
    list: 'operating_systems',
    description: 'operating systems (operating-system-id)',
  },
  { kind: 'locations', locations: true, description: "an organization's locations (needs --org)" },
];

function kindNamed(name: string): LookupKind {
  const wanted = name.trim().toLowerCase().replace(/_/g, '-');
  const found = LOOKUP_KINDS.find((kind) => kind.kind === wanted || kind.kind === `${wanted}s`);
  if (!found)
    throw new UsageError(
      `There is no lookup list "${name}". Lists: ${LOOKUP_KINDS.map((kind) => kind.kind).join(', ')}.`,
    );
  return found;
}

export async function runLookups(
  ctx: CliContext,
  name: string | undefined,
  flags: { org?: string },
): Promise<void> {
  if (name === undefined) {
    const kinds = LOOKUP_KINDS.map((kind) => ({ kind: kind.kind, description: kind.description }));
    printList(ctx, kinds, { source: 'local', next: null }, ['kind', 'description']);
    return;
  }
  const kind = kindNamed(name);
  const perOrganization = 'folders' in kind || 'locations' in kind;
  if (flags.org !== undefined && !perOrganization)
    throw new UsageError(`${kind.kind} is one list for the whole account; drop --org`);
  const client = ctx.client();
  if (perOrganization) {
    if (flags.org === undefined)
      throw new UsageError(`${kind.kind} belong to an organization: add --org ID|NAME`);
    const organization = await resolveOrganization(client.organizations, flags.org);
    if ('locations' in kind) {
      const locations = await client.lookups.locations(organization.id);
      printList(ctx, locations, { source: 'live', next: null }, ['id', 'name']);
      return;
    }
    const folders = await client.organizations.documents.folders(organization.id);
    printList(ctx, folders, { source: 'live', next: null }, ['id', 'name', 'parentId']);
    return;
  }
  if ('models' in kind) {
    const models = await client.lookups.models();
    printList(ctx, models, { source: 'live', next: null }, ['id', 'name', 'manufacturerId']);
    return;
  }
  const entries = await client.lookups.list(kind.list);
  printList(ctx, entries, { source: 'live', next: null }, ['id', 'name']);
}
