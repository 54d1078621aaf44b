/**
 * Contacts: fields for filters and sorts, and the two views. Real IT Glue returns the
 * `contact-emails`/`contact-phones` arrays and a derived `name`; the seed document returns a flat
 * `email` and `name` and knows `archived`. Writes are in contacts-write.ts.
 */
import type { ContactRecord } from '../store/records.js';
import { contactFullName, type Tenant } from '../store/tenant.js';
import { formatPhone, primaryEmail } from './contact-details.js';
import { field, type ResourceModel, recordFields, type ViewContext } from './model.js';

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
  fields: recordFields<ContactRecord>(
    {
      first_name: 'text',
      last_name: 'text',
      title: 'text',
      contact_type_id: 'id',
      important: 'boolean',
      organization_id: 'id',
      psa_id: 'text',
      // The seed document's filter (the seed profile only).
      archived: 'boolean',
    },
    {
      primary_email: field('email', primaryEmail),
      psa_integration_type: field('text', (contact) => contact.psaIntegration),
      // The seed document's filters (the seed profile only).
      email: field('email', primaryEmail),
      name: field('text', (contact) => contactName(contact, { profile: 'seed' })),
    },
  ),
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
