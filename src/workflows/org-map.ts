/**
 * `--org-map FILE`: vault containers (a Bitwarden folder or collection, a KeePass group path, a
 * 1Password vault, a LastPass grouping) to IT Glue organizations. JSON (`{"Clients/Acme": "Acme
 * Corp"}`) or a two-column CSV. A container maps by its longest mapped prefix of path segments,
 * so one line covers a client's whole subtree; what is left of the path is returned too (it may
 * name a device to embed the password in). An unmapped container is never defaulted; one mapped
 * to `null` or `"skip"` (`{"Personal": null}`) is left out on purpose, and the plan counts it.
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

/** The value that leaves a container out (any case), as `null` does in JSON. */
export const SKIP_CONTAINER = 'skip';

export type OrgMapEntry =
  | { organization: string; rest: string[]; skip?: undefined }
  /** `container` is the map's own key, as written (for counts in the plan). */
  | { skip: true; container: string };

export interface OrgMap {
  /** The organization (id or name, resolved later) and the rest of the path; a skip; or undefined. */
  lookup(container: string | undefined): OrgMapEntry | undefined;
  readonly size: number;
}

/** JSON `null` values become "skip", so the shared map reader (which wants strings) takes them. */
function nullsAsSkip(text: string): string {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed.startsWith('{')) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return text; // parseTypeMap says what is wrong, naming the file
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return text;
  const entries = Object.entries(parsed).map(([key, value]) => [
    key,
    value === null ? SKIP_CONTAINER : value,
  ]);
  return JSON.stringify(Object.fromEntries(entries));
}

export function parseOrgMap(text: string, file: string): OrgMap {
  let entries: Map<string, string>;
  try {
    entries = parseTypeMap(nullsAsSkip(text), file);
  } catch (error) {
    throw new OrgMapError(
      (error as Error).message.replace('type', 'organization').replace(' or id', ', id or null (skip)'),
    );
  }
  const byPath = new Map<string, { organization: string; container: string }>();
  for (const [container, organization] of entries) {
    byPath.set(segments(container).join('/').toLowerCase(), { organization, container });
  }
  return {
    size: byPath.size,
    lookup(container) {
      const parts = segments(container ?? '');
      for (let length = parts.length; length >= 0; length--) {
        const entry = byPath.get(parts.slice(0, length).join('/').toLowerCase());
        if (entry === undefined) continue;
        if (entry.organization.toLowerCase() === SKIP_CONTAINER)
          return { skip: true, container: entry.container };
        return { organization: entry.organization, rest: parts.slice(length) };
      }
      return undefined;
    },
  };
}
