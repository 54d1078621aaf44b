/**
 * Fast attribute conversion. A 1000-record page holds 1000 attribute objects of the same shape, so
 * for each distinct list of keys we build, once, a small function that copies an attribute object
 * into a new object literal with camelCase keys, `*-id` numbers turned into strings and nested
 * objects converted the same way. V8 creates such literals far faster than objects grown key by
 * key, which keeps decoding a page within a small factor of `JSON.parse` itself
 * (see bench/codec.ts).
 *
 * The generated code holds only property names, each written as a JSON string literal, and only
 * for keys of letters, digits, `-` and `_`; anything else takes the generic path. No input can
 * inject code.
 */
import { camelKey } from './case.js';
import { isIdKey } from './json.js';

/** Builds a record: `id` and `type` first (for resource objects), then the converted attributes. */
type Converter = (
  source: Record<string, unknown>,
  id: string | undefined,
  type: string | undefined,
) => Record<string, unknown>;

const MAX_SHAPES = 500; // a hostile server must not grow the caches without bound
const SAFE_KEY = /^[A-Za-z0-9_-]+$/;

function idString(value: unknown): unknown {
  return typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
}

/** Converts an attribute value: nested arrays and objects (contact emails, phones) at any depth. */
export function convertValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = convertValue(value[i]);
    return out;
  }
  return convert(value as Record<string, unknown>, undefined, undefined, nestedShapes);
}

function compile(keys: readonly string[], withIdentity: boolean): Converter {
  const properties = keys
    .filter((key) => !(withIdentity && (key === 'id' || key === 'type')))
    .map((key) => {
      const source = `s[${JSON.stringify(key)}]`;
      return `${JSON.stringify(camelKey(key))}: ${isIdKey(key) ? `I(${source})` : `V(${source})`}`;
    });
  if (withIdentity) properties.unshift('"id": id', '"type": type');
  const factory = new Function(
    'I',
    'V',
    `return function (s, id, type) { return { ${properties.join(', ')} }; };`,
  );
  return factory(idString, convertValue) as Converter;
}

function convertGenerically(
  source: Record<string, unknown>,
  id: string | undefined,
  type: string | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (id !== undefined) {
    out.id = id;
    out.type = type;
  }
  for (const key of Object.keys(source)) {
    if (id !== undefined && (key === 'id' || key === 'type')) continue;
    Object.defineProperty(out, camelKey(key), {
      value: isIdKey(key) ? idString(source[key]) : convertValue(source[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** A converter cache: by key signature, plus the few most recent shapes compared key by key. */
interface ShapeCache {
  bySignature: Map<string, Converter>;
  recent: Array<{ keys: string[]; converter: Converter }>;
}

const nestedShapes: ShapeCache = { bySignature: new Map(), recent: [] };
const resourceShapes: ShapeCache = { bySignature: new Map(), recent: [] };
const RECENT = 4;

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function convert(
  source: Record<string, unknown>,
  id: string | undefined,
  type: string | undefined,
  cache: ShapeCache,
): Record<string, unknown> {
  const keys = Object.keys(source);
  // Records of a page share a few shapes (a contact, its emails, its phones): comparing keys is
  // much cheaper than hashing a joined signature for each of them.
  for (const entry of cache.recent) {
    if (sameKeys(entry.keys, keys)) return entry.converter(source, id, type);
  }
  const signature = keys.join('\u0000');
  let converter = cache.bySignature.get(signature);
  if (converter === undefined) {
    if (cache.bySignature.size >= MAX_SHAPES || !keys.every((key) => SAFE_KEY.test(key))) {
      return convertGenerically(source, id, type);
    }
    converter = compile(keys, id !== undefined);
    cache.bySignature.set(signature, converter);
  }
  cache.recent.unshift({ keys, converter });
  if (cache.recent.length > RECENT) cache.recent.pop();
  return converter(source, id, type);
}

/** A flat record: `{id, type, ...camelCase attributes}`. */
export function convertResource(
  id: string,
  type: string,
  attributes: Record<string, unknown>,
): Record<string, unknown> {
  return convert(attributes, id, type, resourceShapes);
}
