/** The contact writer the engine applies a contact plan with, and the keys a contact answers to. */
import type { GlueKit } from '../../client.js';
import { normalizeEmail, normalizeName } from '../../normalize/keys.js';
import type { Contact } from '../../spec/models.js';
import type { ResourceExecutor, TargetRecord } from '../engine/executor.js';

export function contactKeys(record: TargetRecord): string[] {
  const contact = record as unknown as Contact;
  const keys = (contact.contactEmails ?? [])
    .map((entry) => normalizeEmail(entry.value))
    .filter((email): email is string => !!email)
    .map((email) => `email:${email}`);
  const name = contact.name ? normalizeName(contact.name) : undefined;
  if (name) keys.push(`name:${name}`);
  return keys;
}

export function contactExecutor(client: GlueKit): ResourceExecutor {
  return {
    resource: 'contacts',
    create: async (action, options) =>
      (await client.organizations.contacts.create(
        action.organizationId,
        action.attributes as never,
        options,
      )) as unknown as TargetRecord,
    update: async (action, options) =>
      (await client.contacts.update(
        action.id as string,
        action.attributes as never,
        options,
      )) as unknown as TargetRecord,
    listOrganization: async (organizationId, options) =>
      (await client.contacts.list({ organizationId }, options).toArray()) as unknown as TargetRecord[],
    keysOf: contactKeys,
    get: async (id, options) => (await client.contacts.get(id, options)) as unknown as TargetRecord,
  };
}
