/**
 * The zod side of the parameters: ids, emails, and each query parameter's schema, derived from
 * its descriptor (../params.ts) so the two cannot drift apart.
 */
import { z } from 'zod';
import { ID_DIGITS_MESSAGE, ID_PATTERN, ID_UNSAFE_MESSAGE } from '../ids.js';
import type { QueryParamSpec } from '../params.js';

/** A positive integer id, given as a string of digits or as a safe integer; always a string after parsing. */
export const idSchema = z
  .union([
    z.string().regex(ID_PATTERN, ID_DIGITS_MESSAGE),
    z.number().int().positive().refine(Number.isSafeInteger, ID_UNSAFE_MESSAGE),
  ])
  .transform((value) => String(value));

/** An email attribute (`format: email` in the document): trimmed, then checked. */
export const emailSchema = z.string().trim().pipe(z.email('must be a valid email address'));

/** A filter value: one value, or several (sent comma-separated, which IT Glue reads as OR). */
const filterValue = <T extends z.ZodType>(one: T) => z.union([one, z.array(one).min(1)]);

const updatedAtRange = z
  .strictObject({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((range) => range.from !== undefined || range.to !== undefined, 'give from, to, or both')
  .transform((range) => [range.from ?? '*', range.to ?? '*']);

function buildQuerySchema(spec: QueryParamSpec): z.ZodType {
  if (spec.format === 'date-time-range') return updatedAtRange;
  if (spec.kind === 'sort') return z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
  if (spec.kind === 'page') {
    let page = z.number().int();
    if (spec.minimum !== undefined) page = page.min(spec.minimum);
    if (spec.maximum !== undefined) page = page.max(spec.maximum);
    return page;
  }
  const one = spec.type === 'integer' ? idSchema : spec.type === 'boolean' ? z.boolean() : z.string().min(1);
  return spec.anyOf ? filterValue(one) : one;
}

const querySchemas = new WeakMap<QueryParamSpec, z.ZodType>();

/** The schema of one query parameter, built once per descriptor. */
export function querySchemaOf(spec: QueryParamSpec): z.ZodType {
  let schema = querySchemas.get(spec);
  if (!schema) {
    schema = buildQuerySchema(spec);
    querySchemas.set(spec, schema);
  }
  return schema;
}

/** Real IT Glue's attributes beyond the document: each optional. */
export function extensionsOf<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape).partial();
}

/**
 * A resource's request schemas from the attributes the document lists for it besides
 * `organizationId`: a create on the top-level route requires `organizationId` and `name`; on the
 * organization's route the path names the organization, so only `name`; an update requires nothing.
 */
export function requestSchemas<F extends { name: z.ZodString }>(fieldsInOrganization: F) {
  const fields = { organizationId: idSchema, ...fieldsInOrganization };
  // zod checks a mask's keys against the shape, which it cannot see through the type parameter.
  type Mask<K extends string> = Record<K, true> & Record<Exclude<K, 'organizationId' | keyof F>, never>;
  return {
    create: z
      .strictObject(fields)
      .partial()
      .required({ organizationId: true, name: true } as Mask<'organizationId' | 'name'>),
    update: z.strictObject(fields).partial(),
    createInOrganization: z
      .strictObject(fieldsInOrganization)
      .partial()
      .required({ name: true } as Mask<'name'>),
    updateInOrganization: z.strictObject(fieldsInOrganization).partial(),
  };
}
