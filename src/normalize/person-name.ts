/**
 * How a full name splits into the first and last name IT Glue stores. The SDK writes a contact's
 * `name` this way (src/compat/contacts.ts) and the contact sync compares names the same way, so
 * one rule serves both.
 */

/** `Robert Storts` → first `Robert`, last `Storts`; `Ana de la Cruz` → `Ana`, `de la Cruz`. */
export function splitName(name: string): { firstName: string; lastName?: string } {
  const parts = name.trim().split(/\s+/);
  const [first = '', ...rest] = parts;
  return rest.length > 0 ? { firstName: first, lastName: rest.join(' ') } : { firstName: first };
}
