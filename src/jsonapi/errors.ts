/**
 * JSON:API `errors[]` as IT Glue really sends them: `status` as a number (422) or a string ("422",
 * "unprocessable_entity"), `detail` often missing, `source.pointer` with or without a leading `/`
 * and in snake_case or kebab-case (`data/attributes/organization_id`).
 */
import { camelKey } from './case.js';

export interface ErrorDetail {
  status?: number;
  code?: string;
  title?: string;
  detail?: string;
  /** Normalized to start with `/`. */
  pointer?: string;
  /** The camelCase attribute the pointer names, e.g. `organizationId`. */
  field?: string;
}

const STATUS_NAMES: Record<string, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unsupported_media_type: 415,
  unprocessable_entity: 422,
  too_many_requests: 429,
  internal_server_error: 500,
};

function readStatus(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    if (/^\d{3}$/.test(value)) return Number(value);
    return STATUS_NAMES[value.toLowerCase()];
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Pointer `data/attributes/organization_id` → `/data/attributes/organization_id`, field `organizationId`. */
export function normalizePointer(pointer: string): { pointer: string; field?: string } {
  const normalized = pointer.startsWith('/') ? pointer : `/${pointer}`;
  const match = /^\/data(?:\/\d+)?\/attributes\/([^/]+)/.exec(normalized);
  return match?.[1] ? { pointer: normalized, field: camelKey(match[1]) } : { pointer: normalized };
}

/** Reads `errors[]` from a response body; anything unreadable gives an empty list. */
export function parseErrorDocument(body: unknown): ErrorDetail[] {
  if (typeof body !== 'object' || body === null) return [];
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((error): error is Record<string, unknown> => typeof error === 'object' && error !== null)
    .map((error) => {
      const detail: ErrorDetail = {};
      const status = readStatus(error.status);
      if (status !== undefined) detail.status = status;
      const code =
        text(error.code) ??
        (typeof error.status === 'string' && !/^\d+$/.test(error.status) ? error.status : undefined);
      if (code !== undefined) detail.code = code;
      const title = text(error.title);
      if (title !== undefined) detail.title = title;
      const description = text(error.detail);
      if (description !== undefined) detail.detail = description;
      const source = error.source;
      const pointer =
        typeof source === 'object' && source !== null
          ? text((source as { pointer?: unknown }).pointer)
          : undefined;
      if (pointer !== undefined) Object.assign(detail, normalizePointer(pointer));
      return detail;
    });
}

/** One line per error: `organization_id: Valid organization_id is required`. */
export function describeErrors(errors: readonly ErrorDetail[]): string {
  return errors
    .map((error) => {
      const message = [error.title, error.detail].filter(Boolean).join(': ') || 'error';
      return error.field ? `${error.field}: ${message}` : message;
    })
    .join('; ');
}
