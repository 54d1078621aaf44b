/**
 * Contact types, read once (one lookups request) when the plan needs them: for
 * `--deactivate-type` and for a `contact_type` column. An unknown name is an input problem that
 * lists the valid ones.
 */
import type { GlueKit } from '../../client.js';
import type { ProblemList } from '../engine/input-errors.js';
import type { ContactPlanOptions, ContactRow } from './plan-types.js';

export interface ContactTypes {
  byName: Map<string, string>;
  deactivateType: ContactPlanOptions['deactivateType'];
}

const isId = (value: string) => /^\d+$/.test(value);

export async function readContactTypes(
  client: GlueKit,
  rows: readonly ContactRow[],
  deactivateTypeOption: string | undefined,
  problems: ProblemList,
  signal?: AbortSignal,
): Promise<ContactTypes> {
  const byName = new Map<string, string>();
  const wanted = deactivateTypeOption?.trim();
  const named = rows.some((row) => row.contactType?.trim());
  if (wanted === undefined && !named) return { byName, deactivateType: undefined };
  const types = await client.lookups.list('contact_types', { signal });
  for (const type of types) byName.set(type.name.trim().toLowerCase(), type.id);
  const valid = `valid contact types: ${types.map((type) => `"${type.name}"`).join(', ') || 'none (add one in IT Glue)'}`;
  let deactivateType: ContactPlanOptions['deactivateType'];
  if (wanted !== undefined) {
    const found = types.find(
      (type) => type.id === wanted || type.name.trim().toLowerCase() === wanted.toLowerCase(),
    );
    if (found) deactivateType = { id: found.id, name: found.name };
    else
      problems.add({
        option: 'deactivateType',
        message: `"${deactivateTypeOption}" is not a contact type in IT Glue; ${valid}`,
        fix: 'Pass one of them, by name or id (the contact-types lookup lists them).',
      });
  }
  // Every unknown contact type, reported with the other input problems before anything is read.
  for (const row of rows) {
    const type = row.contactType?.trim();
    if (type && !byName.has(type.toLowerCase()) && !isId(type)) {
      problems.add({
        source: row.source,
        field: 'contact_type',
        message: `"${type}" is not a contact type in IT Glue; ${valid}`,
        fix: 'Use one of them, by name or id.',
      });
    }
  }
  return { byName, deactivateType };
}
