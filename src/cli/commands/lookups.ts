/**
 * `gluekit lookups [kind]`. The lookup lists are real IT Glue routes outside the API document
 * (client.lookups); document folders are per organization. Models, operating systems and
 * locations are real IT Glue lists too, but neither the document nor the emulator has them yet,
 * so they are named with that reason rather than passed over in silence.
 */
import type { LookupList } from '../../resources/lookups.js';
import { resolveOrganization } from '../../resources/organization-names.js';
import type { CliContext } from '../context.js';
import { printList } from '../output/render.js';
import { UsageError } from '../usage-error.js';

type LookupKind =
  | { kind: string; list: LookupList; description: string }
  | { kind: 'document-folders'; folders: true; description: string }
  | { kind: string; missing: string; description: string };

const MISSING =
  'not readable yet: IT Glue has this list, but the API document gluekit follows does not, and neither does its emulator';

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
  { kind: 'models', missing: MISSING, description: 'models (model-id)' },
  { kind: 'operating-systems', missing: MISSING, description: 'operating systems (operating-system-id)' },
  { kind: 'locations', missing: MISSING, description: "an organization's locations (location-id)" },
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
    const kinds = LOOKUP_KINDS.map((kind) => ({
      kind: kind.kind,
      description: kind.description,
      available: !('missing' in kind),
    }));
    printList(ctx, kinds, { source: 'local', next: null }, ['kind', 'available', 'description']);
    return;
  }
  const kind = kindNamed(name);
  if ('missing' in kind) throw new UsageError(`${kind.kind}: ${kind.missing}.`);
  if (flags.org !== undefined && !('folders' in kind))
    throw new UsageError(`${kind.kind} is one list for the whole account; drop --org`);
  const client = ctx.client();
  if ('folders' in kind) {
    if (flags.org === undefined)
      throw new UsageError('document-folders belong to an organization: add --org ID|NAME');
    const organization = await resolveOrganization(client.organizations, flags.org);
    const folders = await client.organizations.documents.folders(organization.id);
    printList(ctx, folders, { source: 'live', next: null }, ['id', 'name', 'parentId']);
    return;
  }
  const entries = await client.lookups.list(kind.list);
  printList(ctx, entries, { source: 'live', next: null }, ['id', 'name']);
}
