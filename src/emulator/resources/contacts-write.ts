/**
 * Contact writes. Real IT Glue permits `first_name`, `last_name`, `contact_emails[]`, ... and
 * silently drops `name`, `email` and `archived`; only `organization_id` is required. The seed
 * profile also takes the document's flat `name`, `email` and `archived` (deriving a missing name
 * from first and last name) and still accepts everything a real-IT-Glue client sends.
 */

import type { ContactRecord } from '../store/records.js';
import type { ApiError } from '../support/api-errors.js';
import { isValidEmail, readContactEmails, readContactPhones, withFlatEmail } from './contact-details.js';
import { contactModel } from './contacts.js';
import type { RecordDraft, WritableModel, WriteContext } from './model.js';
import { has, type PermitSpec } from './permit.js';
import { blank, externallySynced, invalid, mustExist } from './problems.js';
import { assignSent, checkLookup, ownedWriter } from './write-support.js';

const REAL_ATTRIBUTES: PermitSpec = {
  organizationId: 'id',
  contactTypeId: 'id',
  locationId: 'id',
  firstName: 'string',
  lastName: 'string',
  title: 'string',
  important: 'nullableBoolean',
  notes: 'string',
  restricted: 'boolean',
  contactEmails: 'list',
  contactPhones: 'list',
};

const SEED_ATTRIBUTES: PermitSpec = {
  ...REAL_ATTRIBUTES,
  name: 'string',
  email: 'string',
  archived: 'boolean',
};

const PLAIN_FIELDS = [
  'firstName',
  'lastName',
  'title',
  'contactTypeId',
  'locationId',
  'important',
  'notes',
  'restricted',
  'archived',
] as const satisfies readonly (keyof ContactRecord)[];

/** Applies the sent values to a draft (new or a copy of the stored record), collecting errors. */
function applyValues(
  context: WriteContext,
  draft: RecordDraft<ContactRecord>,
  values: Record<string, unknown>,
  errors: ApiError[],
) {
  const base = context.pointerBase;
  checkLookup(context, 'contact_types', values.contactTypeId, 'contact-type', errors);
  if (typeof values.locationId === 'string' && !context.tenant.locations.get(values.locationId)) {
    errors.push(mustExist(base, 'location'));
  }
  assignSent(draft, values, PLAIN_FIELDS);
  if (has(values, 'contactEmails')) {
    draft.contactEmails = readContactEmails((values.contactEmails ?? []) as [], base, errors);
  }
  if (has(values, 'contactPhones')) {
    draft.contactPhones = readContactPhones((values.contactPhones ?? []) as [], base, errors);
  }
  if (context.profile !== 'seed') return;
  if (has(values, 'email')) {
    const email = values.email === null ? null : String(values.email).trim();
    if (email !== null && !isValidEmail(email)) errors.push(invalid(base, 'email'));
    else draft.contactEmails = withFlatEmail(draft.contactEmails, email);
  }
  // The document's writable name wins; a write of first or last name alone derives it again.
  const namesSent = has(values, 'name') || has(values, 'firstName') || has(values, 'lastName');
  if (has(values, 'name') && values.name !== null && values.name !== '') {
    draft.nameOverride = String(values.name);
  } else if (namesSent) {
    draft.nameOverride = null;
  }
}

export const contactWriteModel: WritableModel<ContactRecord> = {
  ...contactModel,
  ...ownedWriter<ContactRecord>({
    permitted: (context) => (context.profile === 'seed' ? SEED_ATTRIBUTES : REAL_ATTRIBUTES),
    refuseUpdate: (context, current) =>
      context.profile === 'real' && current.psaIntegration !== null
        ? externallySynced(context.pointerBase)
        : undefined,
    apply(context, draft, values, errors, isCreate) {
      applyValues(context, draft, values, errors);
      const hasAnyName = draft.nameOverride !== null || draft.firstName || draft.lastName;
      if (isCreate && context.profile === 'seed' && !hasAnyName)
        errors.push(blank(context.pointerBase, 'name'));
    },
    defaults: () => ({
      firstName: null,
      lastName: null,
      nameOverride: null,
      title: null,
      contactTypeId: null,
      locationId: null,
      important: false,
      notes: null,
      restricted: false,
      psaIntegration: null,
      psaId: null,
      contactEmails: [],
      contactPhones: [],
      archived: false,
    }),
  }),
};
