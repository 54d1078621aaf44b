/**
 * How results and errors reach the model. Records become compact and flat (no nulls, no empty
 * lists, emails and phones as plain strings); every result passes one guard that drops secret
 * attributes (src/spec/secrets.ts) unless it is an explicit reveal; errors become short
 * `isError` results that say what to do, never a stack trace and never the key.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { errorCode } from '../core/error-object.js';
import { APIError, AuthenticationError, RateLimitError, RequestAbortedError } from '../core/errors.js';
import { scrubText } from '../core/redact.js';
import { isSecretKey } from '../spec/secrets.js';
import { mcpMessage } from './words.js';

/** Longer strings (a document body) are cut here, with a note saying how long they were. */
const MAX_STRING = 50_000;

function shorten(text: string): string {
  return text.length > MAX_STRING
    ? `${text.slice(0, MAX_STRING)}… (truncated: ${text.length} characters in all)`
    : text;
}

function phoneText(phone: Record<string, unknown>): string {
  const value = String(phone.formattedValue ?? phone.value ?? '');
  const extension = phone.extension ? ` x${String(phone.extension)}` : '';
  const label = phone.labelName ? ` (${String(phone.labelName)})` : '';
  return `${value}${extension}${label}`;
}

/**
 * One record as the model sees it: fields without a value are left out, and contact emails and
 * phones become lists of strings, primary first.
 */
export function compactRecord(record: object): Record<string, unknown> {
  return compact(record, false);
}

/** An SDK record from a tool that says what it returns: its `type` goes too. */
export function compactResource(record: object): Record<string, unknown> {
  return compact(record, true);
}

function compact(record: object, dropType: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if ((key === 'type' && dropType) || value === null || value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (key === 'contactEmails' && Array.isArray(value)) {
      const sorted = [...value].sort((a, b) => Number(b?.primary === true) - Number(a?.primary === true));
      out.emails = sorted.map((entry) => String(entry?.value ?? ''));
      continue;
    }
    if (key === 'contactPhones' && Array.isArray(value)) {
      const sorted = [...value].sort((a, b) => Number(b?.primary === true) - Number(a?.primary === true));
      out.phones = sorted.map((entry) => phoneText(entry as Record<string, unknown>));
      continue;
    }
    out[key] = typeof value === 'string' ? shorten(value) : value;
  }
  return out;
}

/** A deep copy without any secret attribute, whatever its spelling or depth. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (!isSecretKey(key)) out[key] = withoutSecrets(inner);
  }
  return out;
}

/** A deep copy with each of `secrets` replaced wherever it occurs inside a string value. */
export function scrubValues(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (Array.isArray(value)) return value.map((inner) => scrubValues(inner, secrets));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, scrubValues(inner, secrets)]));
}

/**
 * The one way a tool's data becomes a result. `reveal` is true only for get_password with
 * `reveal: true` on a server started with --allow-password-reveal; `scrub` are strings that must
 * never appear (the caller's key, secret values a plan holds).
 */
export function toolResult(data: unknown, options: { reveal?: boolean; scrub?: readonly string[] } = {}) {
  const safe = options.reveal === true ? data : withoutSecrets(data);
  const text = scrubText(JSON.stringify(safe) ?? 'null', options.scrub ?? []);
  // The structured copy is parsed back from the text, so it can hold nothing the text does not.
  return {
    content: [{ type: 'text', text }],
    structuredContent: JSON.parse(text) as Record<string, unknown>,
  } satisfies CallToolResult;
}

function listed(title: string, items: readonly unknown[], describe: (item: never) => string): string {
  if (items.length === 0) return '';
  const shown = items.slice(0, 20).map((item) => `- ${describe(item as never)}`);
  const more = items.length > 20 ? [`- … and ${items.length - 20} more`] : [];
  return `\n${title}:\n${[...shown, ...more].join('\n')}`;
}

/** What the model reads when a call fails: the error kind, what happened, and what to do. */
export function errorMessage(error: unknown): string {
  if (error instanceof RequestAbortedError) return 'Cancelled: the call was cancelled before it finished.';
  if (!(error instanceof Error)) return `Error: ${String(error)}`;
  const kind = errorCode(error);
  let message = mcpMessage(error);
  if (error instanceof RateLimitError) {
    message += error.retryAt
      ? ` Try again after ${error.retryAt.toISOString()}.`
      : ' Try again in a few minutes.';
  } else if (error instanceof AuthenticationError) {
    message +=
      ' (The key is the one this call carried: check it, and the region the server was started with.)';
  } else if (error instanceof APIError && error.status >= 500) {
    message += ' IT Glue failed; try again shortly.';
  }
  if ('conflicts' in error && Array.isArray(error.conflicts)) {
    message += listed(
      'Conflicts',
      error.conflicts,
      (action: { key?: string; reason?: string; id?: string }) =>
        `${action.key ?? action.id ?? '?'}: ${action.reason ?? 'changed since planned'}`,
    );
  }
  return `${kind}: ${message}`;
}

/** An `isError` result; `scrub` as for toolResult. */
export function errorResult(error: unknown, scrub: readonly string[] = []) {
  return {
    isError: true,
    content: [{ type: 'text', text: scrubText(errorMessage(error), scrub) }],
  } satisfies CallToolResult;
}
