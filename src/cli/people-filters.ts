/**
 * List filters the way people type them and the import matches them. IT Glue compares filters
 * exactly (and whether it ignores case is unknown), so `configs list --serial eptjpxhfvj` would
 * miss `EPTJPXHFVJ`. Here:
 *
 * - organization `--name`: exact but ignoring case and runs of spaces, over the full list of
 *   organizations (one request at page size 1000 for most MSPs);
 * - configuration `--serial` and `--asset-tag`: whitespace removed and case ignored, as the
 *   configurations import compares them. With `--org` the organization's configurations are read
 *   and matched here; across all organizations, IT Glue is asked for the value as typed, in upper
 *   and in lower case (one request), and the answers are checked again here;
 * - configuration `--hostname`: the short name, ignoring case (`pc01` finds `PC01.contoso.local`),
 *   as the import compares hostnames; IT Glue has no hostname filter, so this was a full read anyway.
 *
 * The SDK stays exact: its filters are the document's.
 */

import { normalizeHostname } from '../normalize/keys.js';
import { organizationNameKey } from '../resources/organization-names.js';
import type { ResourceType } from '../spec/types.js';

export interface PeopleFilters {
  /** What to send to the SDK instead. */
  filter: Record<string, string[]>;
  /** Checks each record the SDK returns; undefined when the SDK's answer stands as it is. */
  keep?: (record: Readonly<Record<string, unknown>>) => boolean;
}

/** Serials and asset tags as the import compares them: no whitespace, upper case. */
function compactKey(value: unknown): string | undefined {
  return typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() || undefined : undefined;
}

function hostKey(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return normalizeHostname(value) ?? (value.trim().toLowerCase() || undefined);
}

/** The spellings IT Glue is asked for: as typed, compacted, upper and lower case. */
function spellings(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const trimmed = value.trim();
    const compact = trimmed.replace(/\s+/g, '');
    for (const form of [trimmed, compact]) {
      out.add(form);
      out.add(form.toUpperCase());
      out.add(form.toLowerCase());
    }
  }
  return [...out].filter((value) => value !== '');
}

function matcher(
  field: string,
  values: readonly string[],
  key: (value: unknown) => string | undefined,
): (record: Readonly<Record<string, unknown>>) => boolean {
  const wanted = new Set(values.map(key).filter((value): value is string => value !== undefined));
  return (record) => {
    const have = key(record[field]);
    return have !== undefined && wanted.has(have);
  };
}

export function peopleFilters(
  type: ResourceType,
  filter: Record<string, string[]>,
  scopedToOrganization: boolean,
): PeopleFilters {
  const sent = { ...filter };
  const checks: Array<(record: Readonly<Record<string, unknown>>) => boolean> = [];
  if (type === 'organizations' && sent.name) {
    checks.push(matcher('name', sent.name, (value) => organizationNameKey(value as string) || undefined));
    delete sent.name;
  }
  if (type === 'configurations') {
    for (const [name, field] of [
      ['serialNumber', 'serialNumber'],
      ['assetTag', 'assetTag'],
    ] as const) {
      const values = sent[name];
      if (!values) continue;
      checks.push(matcher(field, values, compactKey));
      if (scopedToOrganization) delete sent[name];
      else sent[name] = spellings(values);
    }
    if (sent.hostname) {
      checks.push(matcher('hostname', sent.hostname, hostKey));
      delete sent.hostname;
    }
  }
  if (checks.length === 0) return { filter };
  return { filter: sent, keep: (record) => checks.every((check) => check(record)) };
}
