/** Organizations: the wire already matches the document; only response fields are normalized. */
import type { FlatResource } from '../jsonapi/deserialize.js';
import type { Organization } from '../spec/models.js';
import { type ListInput, type ListPlan, serverFilters } from './list-plan.js';
import { withFields } from './records.js';

const ORGANIZATION_FIELDS = [
  'name',
  'alert',
  'description',
  'organizationTypeId',
  'organizationTypeName',
  'organizationStatusId',
  'organizationStatusName',
  'primary',
  'shortName',
  'quickNotes',
  'parentId',
  'createdAt',
  'updatedAt',
];

export function normalizeOrganization(flat: FlatResource): Organization {
  return withFields<Organization>(flat, ORGANIZATION_FIELDS);
}

export function planOrganizationList(input: ListInput): ListPlan {
  return {
    mode: 'server',
    path: '/organizations',
    operationId: 'listOrganizations',
    query: {
      filter: serverFilters(input.filter, { id: 'id', name: 'name', updatedAt: 'updated_at' }),
      sort: input.sort.join(','),
    },
  };
}
