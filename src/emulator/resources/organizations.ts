/**
 * Organizations: read-only through the API (the seed document has no writes for them). Attributes
 * per facts §5.1; lists truncate `quick-notes` to 250 characters, a single record has it whole.
 */
import type { OrganizationRecord } from '../store/records.js';
import { field, type ResourceModel, recordFields } from './model.js';

const QUICK_NOTES_LIST_LIMIT = 250;

export const organizationModel: ResourceModel<OrganizationRecord> = {
  type: 'organizations',
  fields: recordFields<OrganizationRecord>(
    {
      name: 'text',
      organization_type_id: 'id',
      organization_status_id: 'id',
      short_name: 'text',
      my_glue_account_id: 'id',
      psa_id: 'text',
      psa_integration_type: 'text',
      primary: 'boolean',
    },
    {
      organization_type_name: field('text', (org, tenant) =>
        tenant.lookupName('organization_types', org.organizationTypeId),
      ),
      organization_status_name: field('text', (org, tenant) =>
        tenant.lookupName('organization_statuses', org.organizationStatusId),
      ),
      // Emulator organizations belong to no group: the filter is accepted and matches nothing.
      group_id: field('id', () => null),
    },
  ),
  attributes(org, view) {
    const notes =
      view.mode === 'list' && org.quickNotes !== null && org.quickNotes.length > QUICK_NOTES_LIST_LIMIT
        ? org.quickNotes.slice(0, QUICK_NOTES_LIST_LIMIT)
        : org.quickNotes;
    const { tenant } = view;
    return {
      name: org.name,
      alert: org.alert,
      description: org.description,
      'organization-type-id': org.organizationTypeId,
      'organization-type-name': tenant.lookupName('organization_types', org.organizationTypeId),
      'organization-status-id': org.organizationStatusId,
      'organization-status-name': tenant.lookupName('organization_statuses', org.organizationStatusId),
      'my-glue-account-id': org.myGlueAccountId,
      primary: org.primary,
      logo: '',
      'quick-notes': notes,
      'short-name': org.shortName,
      'created-at': org.createdAt,
      'updated-at': org.updatedAt,
      'parent-id': null,
      'ancestor-ids': '[]',
    };
  },
};
