/**
 * Checks before anything is sent: ids without zod (every call has one, and loading the schemas
 * for that alone would cost a short-lived process about 100 ms), anything else against the
 * operation table's zod schemas, loaded the first time there is something to check. Every
 * failure is a ValidationError naming the field.
 */
import type { z } from 'zod';
import { type RequestInfo, ValidationError } from '../core/errors.js';
import { readId } from '../spec/ids.js';
import { getOperation, loadSchemas, type OperationId } from '../spec/index.js';
import type { OperationSpec } from '../spec/types.js';

export function requestInfo(operationId: OperationId): RequestInfo {
  const op = getOperation(operationId);
  return { method: op.method, path: op.path, operationId };
}

function fieldOf(path: ReadonlyArray<PropertyKey>): string | undefined {
  return path.length > 0 ? path.map(String).join('.') : undefined;
}

/** Throws a ValidationError naming every offending field, before anything is sent. */
export function check<T>(schema: z.ZodType<T>, input: unknown, request: RequestInfo, prefix?: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const field = [prefix, fieldOf(issue.path)].filter(Boolean).join('.') || undefined;
    return field === undefined ? { title: issue.message } : { title: issue.message, field };
  });
  const summary = errors
    .map((error) => (error.field ? `${error.field}: ${error.title}` : error.title))
    .join('; ');
  throw new ValidationError(0, request, errors, `Invalid ${request.method} ${request.path}: ${summary}`);
}

export function parseId(value: unknown, name: string, request: RequestInfo): string {
  const id = readId(value);
  if ('problem' in id) throw ValidationError.local(request, name, id.problem);
  return id.id;
}

/** Validates write attributes against the document's schema plus real IT Glue's extensions. */
export async function parseAttributes(op: OperationSpec, input: unknown): Promise<Record<string, unknown>> {
  const request = { method: op.method, path: op.path, operationId: op.operationId };
  const schema = (await loadSchemas()).bodySchemaOf(op.operationId);
  if (!schema) throw new Error(`${op.operationId} takes no body`);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw ValidationError.local(request, undefined, 'attributes must be an object');
  }
  return check(schema, input, request) as Record<string, unknown>;
}
