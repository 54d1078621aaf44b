/** The contact writer the engine applies a contact plan with, and the keys a contact answers to. */
import type { GlueKit } from '../../client.js';
import { normalizeEmail, normalizeName } from '../../normalize/keys.js';
import type { Contact } from '../../spec/models.js';
import { plainExecutor, type ResourceExecutor, type TargetRecord } from '../engine/executor.js';

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
  return plainExecutor('contacts', client.organizations.contacts, client.contacts, contactKeys);
}
