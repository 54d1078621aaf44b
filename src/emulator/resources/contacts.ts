/**
 * Contacts: fields for filters and sorts, and the two views. Real IT Glue returns the
 * `contact-emails`/`contact-phones` arrays and a derived `name`; the seed document returns a flat
 * `email` and `name` and knows `archived`. Writes are in contacts-write.ts.
 */
import type { ContactRecord } from '../store/records.js';
import { contactFullName, type Tenant } from '../store/tenant.js';
import { formatPhone, primaryEmail } from './contact-details.js';
import { field, type ResourceModel, type ViewContext } from './model.js';

/** The name a client sees: derived from first and last name, unless the seed profile set one. */
export function contactName(contact: ContactRecord, view: Pick<ViewContext, 'profile'>): string | null {
  if (view.profile === 'seed' && contact.nameOverride !== null) return contact.nameOverride;
  return contactFullName(contact);
}

function commonAttributes(contact: ContactRecord, tenant: Tenant): Record<string, unknown> {
  return {
    'organization-id': contact.organizationId,
    'organization-name': tenant.organizationName(contact.organizationId),
    'first-name': contact.firstName,
    'last-name': contact.lastName,
    title: contact.title,
    'contact-type-id': contact.contactTypeId,
    'contact-type-name': tenant.lookupName('contact_types', contact.contactTypeId),
    'location-id': contact.locationId,
    'location-name':
      contact.locationId === null ? null : (tenant.locations.get(contact.locationId)?.name ?? null),
    important: contact.important,
    notes: contact.notes,
    restricted: contact.restricted,
    'psa-integration': contact.psaIntegration,
  };
}

export const contactModel: ResourceModel<ContactRecord> = {
  type: 'contacts',
  fields: {
    id: field('id', (contact) => contact.id),
    first_name: field('text', (contact) => contact.firstName),
    last_name: field('text', (contact) => contact.lastName),
    title: field('text', (contact) => contact.title),
    contact_type_id: field('id', (contact) => contact.contactTypeId),
    important: field('boolean', (contact) => contact.important),
    primary_email: field('email', primaryEmail),
    organization_id: field('id', (contact) => contact.organizationId),
    psa_id: field('text', (contact) => contact.psaId),
    psa_integration_type: field('text', (contact) => contact.psaIntegration),
    created_at: field('timestamp', (contact) => contact.createdAt),
    updated_at: field('timestamp', (contact) => contact.updatedAt),
    // The seed document's filters (the seed profile only).
    email: field('email', primaryEmail),
    name: field('text', (contact) => contactName(contact, { profile: 'seed' })),
    archived: field('boolean', (contact) => contact.archived),
  },
  attributes(contact, view) {
    const common = commonAttributes(contact, view.tenant);
    const name = contactName(contact, view);
    const times = { 'created-at': contact.createdAt, 'updated-at': contact.updatedAt };
    if (view.profile === 'seed') {
      return { name, email: primaryEmail(contact), ...common, archived: contact.archived, ...times };
    }
    return {
      name,
      ...common,
      ...times,
      'contact-emails': contact.contactEmails.map((entry) => ({
        value: entry.value,
        primary: entry.primary,
        'label-name': entry.labelName,
      })),
      'contact-phones': contact.contactPhones.map((entry) => ({
        value: entry.value,
        extension: entry.extension,
        primary: entry.primary,
        'label-name': entry.labelName,
        'label-type': entry.labelType,
        'formatted-value': formatPhone(entry.value),
      })),
    };
  },
};
