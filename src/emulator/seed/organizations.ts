/** Seed organizations with their locations and a document folder. */
import type { LookupRecord, OrganizationRecord } from '../store/records.js';
import { catalogId } from './catalog.js';
import type { SeedContext } from './context.js';

export interface OrganizationPlan {
  id?: string;
  name: string;
  shortName: string;
  type: 'Internal' | 'Customer' | 'Prospect' | 'Vendor' | 'Partner';
  status?: 'Active' | 'Inactive';
  primary?: boolean;
  quickNotes?: string | null;
  alert?: string | null;
  description?: string | null;
}

/** What the child builders need to know about an organization. */
export interface SeededOrganization {
  record: OrganizationRecord;
  /** Email domain, e.g. `happyfrog.example`. */
  domain: string;
  /** Upper-case prefix for device names and asset tags, e.g. `HFD`. */
  prefix: string;
  locations: LookupRecord[];
  folder: LookupRecord;
}

export function seedOrganization(context: SeedContext, plan: OrganizationPlan): SeededOrganization {
  const id = plan.id ?? context.nextId();
  const times = context.times(2200);
  const record: OrganizationRecord = {
    id,
    name: plan.name,
    alert: plan.alert ?? null,
    description: plan.description ?? null,
    organizationTypeId: catalogId('organization_types', plan.type),
    organizationStatusId: catalogId('organization_statuses', plan.status ?? 'Active'),
    primary: plan.primary ?? false,
    shortName: plan.shortName,
    quickNotes: plan.quickNotes ?? null,
    myGlueAccountId: null,
    psaId: null,
    psaIntegrationType: null,
    ...times,
  };
  context.tenant.organizations.insert(record);
  const slug = plan.shortName.toLowerCase().replace(/[^a-z0-9]/g, '');
  const place = (name: string): LookupRecord => {
    const row: LookupRecord = { id: context.nextId(id), name, organizationId: id, ...times };
    context.tenant.locations.insert(row);
    return row;
  };
  const locations = [place('Head Office')];
  if (context.random() < 0.4) locations.push(place('Branch Office'));
  const folder: LookupRecord = { id: context.nextId(id), name: 'Procedures', organizationId: id, ...times };
  context.tenant.documentFolders.insert(folder);
  return {
    record,
    domain: `${slug}.example`,
    prefix: plan.shortName
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 4),
    locations,
    folder,
  };
}
