/**
 * 422 bodies, varied as real IT Glue varies them: numeric `status`, `detail` sometimes absent, the
 * pointer sometimes without its leading `/`, keys in either case style. The two verbatim ones were
 * captured from real IT Glue (facts §7).
 */
import { kebabKey } from '../../jsonapi/case.js';
import type { ApiError } from '../support/api-errors.js';

function pointer(base: string, name: string): string {
  return `${base}/attributes/${kebabKey(name)}`;
}

export function invalid(base: string, name: string, detail = 'is invalid'): ApiError {
  return { status: 422, title: 'Unprocessable Entity', detail, source: { pointer: pointer(base, name) } };
}

export function blank(base: string, name: string): ApiError {
  return invalid(base, name, "can't be blank");
}

/** Verbatim real body for a missing or unknown `organization_id` on a top-level route. */
export function organizationRequired(): ApiError {
  return {
    status: 422,
    title: 'Valid organization_id is required',
    source: { pointer: 'data/attributes/organization_id' },
  };
}

/**
 * Verbatim real shape for a `belongs_to` that is missing or unknown, e.g. the configuration type:
 * `{"source":{"pointer":"/data/attributes/configuration-type"},"detail":"must exist",...}`.
 */
export function mustExist(base: string, association: string): ApiError {
  return {
    source: { pointer: `${base}/attributes/${association}` },
    detail: 'must exist',
    title: 'Unprocessable Entity',
    status: 422,
  };
}

export function externallySynced(base: string): ApiError {
  return {
    status: 422,
    title: 'Cannot update an externally synced record',
    detail: 'This record is managed by a PSA integration; change it there.',
    source: { pointer: `${base.slice(1)}/attributes` },
  };
}

export function relationshipsNotAllowed(base: string): ApiError {
  return {
    status: 422,
    title: 'Relationships cannot be updated with this request',
    source: { pointer: `${base.slice(1)}/relationships` },
  };
}

export function typeMismatch(base: string, expected: string): ApiError {
  return {
    status: 422,
    title: 'Unprocessable Entity',
    detail: `type must be "${expected}"`,
    source: { pointer: `${base}/type` },
  };
}
