/**
 * Helpers for the emulator's own tests: an emulator per suite on 127.0.0.1:0, and a small client
 * that sends real HTTP and reads JSON:API bodies losslessly (ids above 2^53 stay exact).
 */
import { afterAll, beforeAll } from 'vitest';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { parseJson } from '../../src/jsonapi/json.js';

export const BIG_ORG = '9007199254740993';
export const HAPPY_FROG = 'Happy Frog Dental';
export const JSON_API = 'application/vnd.api+json';

export function useEmulator(options: EmulatorOptions = {}): { current: RunningEmulator } {
  const holder = {} as { current: RunningEmulator };
  beforeAll(async () => {
    holder.current = await startEmulator(options);
  });
  afterAll(async () => {
    await holder.current?.stop();
  });
  return holder;
}

export interface Resource {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
}

export interface ApiError {
  status?: unknown;
  title?: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: {
    data?: unknown;
    meta?: Record<string, unknown>;
    links?: Record<string, string>;
    errors?: ApiError[];
  };
  /** `data` as one resource (throws when it is not). */
  one(): Resource;
  /** `data` as a list (throws when it is not). */
  many(): Resource[];
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  rawBody?: string;
  apiKey?: string | null;
  contentType?: string | null;
  headers?: Record<string, string>;
}

export async function call(
  emulator: RunningEmulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  const apiKey = options.apiKey === undefined ? emulator.apiKey : options.apiKey;
  if (apiKey !== null) headers['x-api-key'] = apiKey;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined && options.contentType !== null)
    headers['content-type'] = options.contentType ?? JSON_API;
  const response = await fetch(`${emulator.url}${path}`, { method, headers, body });
  const text = await response.text();
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  const json = (isJson && text !== '' ? parseJson(text) : {}) as Reply['json'];
  return {
    status: response.status,
    headers: response.headers,
    text,
    json,
    one() {
      if (typeof json.data !== 'object' || json.data === null || Array.isArray(json.data)) {
        throw new Error(`expected one resource, got ${text.slice(0, 200)}`);
      }
      return json.data as Resource;
    },
    many() {
      if (!Array.isArray(json.data)) throw new Error(`expected a list, got ${text.slice(0, 200)}`);
      return json.data as Resource[];
    },
  };
}

export const get = (emulator: RunningEmulator, path: string, options?: CallOptions) =>
  call(emulator, 'GET', path, options);

export const post = (emulator: RunningEmulator, path: string, body: unknown, options?: CallOptions) =>
  call(emulator, 'POST', path, { ...options, body });

export const patch = (emulator: RunningEmulator, path: string, body: unknown, options?: CallOptions) =>
  call(emulator, 'PATCH', path, { ...options, body });

/** `{"data": {"type", "attributes"}}`. */
export function resource(type: string, attributes: Record<string, unknown>) {
  return { data: { type, attributes } };
}

/** Calls a control route (`/__emulator/...`) and returns its JSON. */
export async function control<T = Record<string, unknown>>(
  emulator: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  apiKey?: string,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (apiKey !== undefined) headers['x-api-key'] = apiKey;
  const response = await fetch(`${emulator.url}/__emulator${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** The id of the first record of `path` named `name` (exact). */
export async function idNamed(emulator: RunningEmulator, path: string, name: string): Promise<string> {
  const reply = await get(emulator, `${path}?filter[name]=${encodeURIComponent(name.replace(/,/g, '\\,'))}`);
  const id = reply.many()[0]?.id;
  if (!id) throw new Error(`nothing named ${name} at ${path}`);
  return id;
}

export function attributesOf(reply: Reply): Record<string, unknown> {
  return reply.one().attributes;
}
