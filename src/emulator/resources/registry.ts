/**
 * The five resources of the operation table, each with its model, its writer, its table, and the
 * filters each profile applies. Handlers reach a resource only through `withResource`, which keeps
 * the record type of each one intact.
 */
import { resources } from '../../spec/index.js';
import type { OperationSpec, ResourceType } from '../../spec/types.js';
import type { BaseRecord, OrganizationRecord } from '../store/records.js';
import type { Table } from '../store/table.js';
import type { Tenant } from '../store/tenant.js';
import { configurationWriteModel } from './configurations-write.js';
import { contactWriteModel } from './contacts-write.js';
import { documentWriteModel } from './documents-write.js';
import type { Profile, ResourceModel, WritableModel } from './model.js';
import { organizationModel } from './organizations.js';
import { passwordWriteModel } from './passwords-write.js';

export interface ResourceEntry<R extends BaseRecord> {
  readonly model: ResourceModel<R>;
  readonly writer: WritableModel<R> | undefined;
  table(tenant: Tenant): Table<R>;
  /** Real IT Glue's sort allow-list (snake_case), from src/spec. */
  readonly sortFields: readonly string[];
  /** Filters the top-level route applies on real IT Glue (from src/spec), and no others. */
  readonly realFilters: readonly string[];
  /** Filters the seed document names beyond its operation's own parameters. */
  readonly seedFilters: readonly string[];
  /** Filters real IT Glue applies on the nested organization route (usually none). */
  readonly nestedFilters: readonly string[];
  /** Whether the nested organization route honours `sort` (only documents, per facts §4). */
  readonly nestedSort: boolean;
  /**
   * What the nested route lists on real IT Glue when no folder filter is given: documents at the
   * root level only (facts §4, [CEL]).
   */
  readonly nestedDefault?: (record: R) => boolean;
}

/**
 * A resource's entry: its sorts and real filters from the operation table, and by default no
 * seed-only filters and nothing on the nested route (real IT Glue ignores filters and sort there).
 */
function entry<R extends BaseRecord>(
  type: ResourceType,
  model: ResourceModel<R>,
  writer: WritableModel<R> | undefined,
  table: (tenant: Tenant) => Table<R>,
  differences: Partial<
    Pick<ResourceEntry<R>, 'seedFilters' | 'nestedFilters' | 'nestedSort' | 'nestedDefault'>
  > = {},
): ResourceEntry<R> {
  const { sortFields, realFilters } = resources[type];
  return {
    model,
    writer,
    table,
    sortFields,
    realFilters,
    seedFilters: [],
    nestedFilters: [],
    nestedSort: false,
    ...differences,
  };
}

const organizations = entry<OrganizationRecord>(
  'organizations',
  organizationModel,
  undefined,
  (tenant) => tenant.organizations,
);
const contacts = entry('contacts', contactWriteModel, contactWriteModel, (tenant) => tenant.contacts, {
  seedFilters: ['email', 'name', 'archived'],
});
const passwords = entry('passwords', passwordWriteModel, passwordWriteModel, (tenant) => tenant.passwords);
const configurations = entry(
  'configurations',
  configurationWriteModel,
  configurationWriteModel,
  (tenant) => tenant.configurations,
  {
    seedFilters: ['hostname'],
  },
);
// Real IT Glue has no top-level documents index; the seed profile's one applies these and the document's.
const documents = entry('documents', documentWriteModel, documentWriteModel, (tenant) => tenant.documents, {
  nestedFilters: ['document_folder_id'],
  nestedSort: true,
  nestedDefault: (document) => document.documentFolderId === null,
});

export function withResource<T>(
  type: ResourceType,
  use: <R extends BaseRecord>(entry: ResourceEntry<R>) => T,
): T {
  switch (type) {
    case 'organizations':
      return use(organizations);
    case 'contacts':
      return use(contacts);
    case 'passwords':
      return use(passwords);
    case 'configurations':
      return use(configurations);
    case 'documents':
      return use(documents);
  }
}

/** The `filter[...]` fields the document declares on one operation (snake_case). */
function documentFilters(operation: OperationSpec): string[] {
  return operation.query.filter((param) => param.kind === 'filter').map((param) => param.wire.slice(7, -1));
}

/**
 * Which filters a list route applies. Real IT Glue: its own filters on top-level routes, none on the
 * nested ones (KB: "filtering in nested relationship routes is not possible") except the document
 * folder. Seed profile: the document's filters for that operation, plus the real ones on top-level routes.
 */
export function appliedFilters<R extends BaseRecord>(
  entry: ResourceEntry<R>,
  operation: OperationSpec,
  profile: Profile,
): ReadonlySet<string> {
  if (operation.scope === 'organization') {
    return new Set(
      profile === 'seed' ? [...documentFilters(operation), ...entry.nestedFilters] : entry.nestedFilters,
    );
  }
  if (profile === 'real') return new Set(entry.realFilters);
  return new Set([...documentFilters(operation), ...entry.realFilters, ...entry.seedFilters]);
}
