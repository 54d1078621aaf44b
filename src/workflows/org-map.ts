/**
 * `--org-map FILE`: vault containers (a Bitwarden folder or collection, a KeePass group path, a
 * 1Password vault, a LastPass grouping) to IT Glue organizations. JSON (`{"Clients/Acme": "Acme
 * Corp"}`) or a two-column CSV. A container maps by its longest mapped prefix of path segments,
 * so one line covers a client's whole subtree; what is left of the path is returned too (it may
 * name a device to embed the password in). An unmapped container is never defaulted.
 */
import { InputError } from '../core/errors.js';
import { parseTypeMap } from './type-map.js';

export class OrgMapError extends InputError {
  override name = 'OrgMapError';
}

const segments = (path: string) =>
  path
    .split(/[/\\]+/)
    .map((part) => part.trim())
    .filter(Boolean);

export interface OrgMap {
  /** The organization (id or name, resolved later) and the rest of the path, or undefined. */
  lookup(container: string | undefined): { organization: string; rest: string[] } | undefined;
  readonly size: number;
}

export function parseOrgMap(text: string, file: string): OrgMap {
  let entries: Map<string, string>;
  try {
    entries = parseTypeMap(text, file);
  } catch (error) {
    throw new OrgMapError((error as Error).message.replace('type', 'organization'));
  }
  const byPath = new Map<string, string>();
  for (const [container, organization] of entries) {
    byPath.set(segments(container).join('/').toLowerCase(), organization);
  }
  return {
    size: byPath.size,
    lookup(container) {
      const parts = segments(container ?? '');
      for (let length = parts.length; length >= 0; length--) {
        const organization = byPath.get(parts.slice(0, length).join('/').toLowerCase());
        if (organization !== undefined) return { organization, rest: parts.slice(length) };
      }
      return undefined;
    },
  };
}
