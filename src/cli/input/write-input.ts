/**
 * Builds the attributes of a create or update from `--file`, `--set key=value` and `--unset key`.
 * Keys may be kebab-case or camelCase; values are typed by the operation's schema (`--set
 * important=true` is a boolean, `--set contact-emails='[...]'` an array); the JSON:API `type` is
 * never typed by hand. A password is never accepted on the command line.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { camelKey, deepKeys } from '../../jsonapi/case.js';
import { attributeSchemasOf } from '../../spec/schemas/index.js';
import { isSecretKey } from '../../spec/secrets.js';
import type { OperationSpec } from '../../spec/types.js';
import { UsageError } from '../usage-error.js';

export interface WriteFlags {
  set?: string[];
  unset?: string[];
  file?: string;
}

/** What a write's attributes are checked against: an operation of the table, or another route. */
export interface AttributeTarget {
  /** Named in errors: the operationId, or what the route does. */
  name: string;
  method: string;
  path: string;
  shape: Record<string, z.ZodType>;
}

function targetOf(op: OperationSpec): AttributeTarget {
  const schemas = attributeSchemasOf(op.operationId);
  const shape = { ...(schemas?.attributes.shape ?? {}), ...(schemas?.extensions?.shape ?? {}) } as Record<
    string,
    z.ZodType
  >;
  return { name: op.operationId, method: op.method, path: op.path, shape };
}

function knownKey(target: AttributeTarget, raw: string): string {
  const key = camelKey(raw.trim());
  const { shape } = target;
  if (!(key in shape)) {
    const names = Object.keys(shape).map((name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
    throw new UsageError(`${target.name} has no attribute "${raw}". Attributes: ${names.join(', ')}`);
  }
  return key;
}

/**
 * A `--set` value typed by the schema: as text if the schema takes text, else as JSON. Keys inside
 * JSON objects are converted as `--file` converts them (`label-name` → `labelName`), and a JSON
 * array or object stays one even when the schema refuses it, so validation names what is wrong
 * inside it rather than "expected array, received string".
 */
function typedValue(schema: z.ZodType, raw: string): unknown {
  if (schema.safeParse(raw).success) return raw;
  let parsed: unknown;
  try {
    parsed = deepKeys(JSON.parse(raw), camelKey);
  } catch {
    // not JSON: the text is the value, and validation below explains what is wrong with it
    return raw;
  }
  if (schema.safeParse(parsed).success) return parsed;
  return typeof parsed === 'object' && parsed !== null ? parsed : raw;
}

function refuseSecret(key: string): void {
  if (isSecretKey(key)) {
    throw new UsageError(
      `--set ${key}=… is refused: a secret on the command line lands in shell history and process listings. Use --password-stdin, --password-env NAME, or answer the prompt.`,
    );
  }
}

function readBodyFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read --file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`--file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  // Accept plain attributes, or a whole JSON:API document as IT Glue's docs show it.
  const data = (parsed as { data?: { attributes?: unknown } } | null)?.data;
  const attributes = data && typeof data === 'object' && 'attributes' in data ? data.attributes : parsed;
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw new UsageError(
      `--file ${path} must hold a JSON object of attributes (or {"data": {"attributes": {...}}})`,
    );
  }
  return deepKeys(attributes, camelKey) as Record<string, unknown>;
}

export function buildAttributes(op: OperationSpec, flags: WriteFlags): Record<string, unknown> {
  return buildAttributesFor(targetOf(op), flags);
}

export function buildAttributesFor(target: AttributeTarget, flags: WriteFlags): Record<string, unknown> {
  const { shape } = target;
  const attributes: Record<string, unknown> = flags.file ? readBodyFile(flags.file) : {};
  for (const key of Object.keys(attributes)) {
    knownKey(target, key);
    refuseSecret(key);
  }
  for (const assignment of flags.set ?? []) {
    const at = assignment.indexOf('=');
    if (at <= 0) throw new UsageError(`--set expects key=value, got ${JSON.stringify(assignment)}`);
    const rawKey = assignment.slice(0, at);
    refuseSecret(rawKey);
    const key = knownKey(target, rawKey);
    attributes[key] = typedValue(shape[key] as z.ZodType, assignment.slice(at + 1));
  }
  for (const rawKey of flags.unset ?? []) {
    const key = knownKey(target, rawKey);
    if (!(shape[key] as z.ZodType).safeParse(null).success) {
      throw ValidationError.local(
        { method: target.method, path: target.path },
        key,
        'cannot be cleared (IT Glue does not accept null here)',
      );
    }
    attributes[key] = null;
  }
  return attributes;
}
