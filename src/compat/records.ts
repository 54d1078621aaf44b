/** Shared helpers for normalizing records. */
import type { FlatResource } from '../jsonapi/deserialize.js';

/**
 * Makes every field named in `fields` present on the record (null when IT Glue sent nothing), in
 * place: records come fresh from the decoder and are never shared, and copying a thousand of
 * them per page would cost more than decoding them.
 */
export function withFields<T extends object>(record: FlatResource, fields: readonly string[]): T {
  for (const field of fields) {
    if (record[field] === undefined) record[field] = null;
  }
  return record as unknown as T;
}
