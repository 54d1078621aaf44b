/**
 * Fills a path template from the operation table (`/organizations/{organization_id}/relationships/contacts`).
 * Every value must be an id (digits only), so nothing a caller passes can add a path segment, a
 * query or a traversal.
 */
import { ValidationError } from './errors.js';

export function fillPath(template: string, values: Readonly<Record<string, string>>, method = 'GET'): string {
  return template.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || !/^[1-9]\d{0,19}$/.test(value)) {
      throw ValidationError.local(
        { method, path: template },
        name,
        `must be a positive integer id, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`,
      );
    }
    return value;
  });
}
