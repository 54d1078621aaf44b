/**
 * Fuzzing the JSON:API decoder with malformed, truncated and hostile documents, first as a pure
 * function, then as the SDK meets them: over real HTTP from a server on 127.0.0.1 that answers
 * whatever the property says (deep nesting, `__proto__` keys, ids of hundreds of digits, HTML,
 * lies in the paging meta).
 *
 * The properties: the decoder returns records or throws its own JsonApiFormatError (JSON it
 * cannot parse is a SyntaxError from the parser, never half a document); a record's prototype is
 * never something the server chose and Object.prototype is never touched; `*-id` integers come
 * back as their exact digits; an SDK call resolves or rejects with a GlueKitError, nothing else;
 * and a list asks for ever higher pages, so no server answer can make it loop.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GlueKit, GlueKitError } from '../../src/index.js';
import { deserialize, JsonApiFormatError } from '../../src/jsonapi/deserialize.js';
import { parseJson } from '../../src/jsonapi/json.js';

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Every object reachable from a value, with where it is. */
function* objects(value: unknown, path = '$', seen = new Set<object>()): Generator<[string, object]> {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  yield [path, value];
  for (const [key, inner] of Object.entries(value)) yield* objects(inner, `${path}.${key}`, seen);
}

/** What no decoded document may do: carry a prototype of the server's choosing, or change Object.prototype. */
function expectNoPrototypeTricks(decoded: unknown): void {
  for (const [path, object] of objects(decoded)) {
    const prototype = Object.getPrototypeOf(object);
    expect(prototype === Object.prototype || prototype === Array.prototype, `${path} prototype`).toBe(true);
  }
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** Decodes text as the SDK does; SyntaxError (unparseable) or JsonApiFormatError are the only refusals. */
function decodeOrRefuse(text: string): { decoded?: ReturnType<typeof deserialize>; error?: Error } {
  let body: unknown;
  try {
    body = parseJson(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SyntaxError);
    return { error: error as Error };
  }
  try {
    const decoded = deserialize(body);
    expectNoPrototypeTricks(decoded);
    return { decoded };
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(JsonApiFormatError);
    expect((error as Error).message).toMatch(/JSON:API|must be|resource object/);
    return { error: error as Error };
  }
}

const key = fc.oneof(
  fc.constantFrom(...HOSTILE_KEYS, 'organization-id', 'contact-emails', 'updated-by', 'name', 'id', 'type'),
  fc.string({ maxLength: 12 }),
);
const digits = fc.stringMatching(/^-?[1-9][0-9]{0,400}$/);

/** JSON text built by hand, so numbers can be literals of any length and keys can repeat. */
const { value: jsonText } = fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('null', 'true', 'false', '0', '-0', '1e999', '1.5e-7', '""'),
    digits,
    fc.string({ maxLength: 20 }).map((text) => JSON.stringify(text)),
    tie('object'),
    tie('array'),
  ),
  object: fc
    .array(fc.tuple(key, tie('value')), { maxLength: 5 })
    .map((members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  array: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
}));

/** A resource object whose every part may be wrong: id, type, attributes, relationships. */
const resource = fc
  .record({
    id: fc.oneof(
      digits,
      digits.map((d) => JSON.stringify(d)),
      jsonText,
    ),
    type: fc.oneof(fc.constant('"contacts"'), jsonText),
    attributes: fc.oneof(
      fc
        .array(fc.tuple(key, fc.oneof(digits, jsonText)), { maxLength: 6 })
        .map((members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
      jsonText,
    ),
    relationships: fc.option(jsonText, { nil: undefined }),
  })
  .map(
    (r) =>
      `{"id":${r.id},"type":${r.type},"attributes":${r.attributes}${r.relationships ? `,"relationships":${r.relationships}` : ''}}`,
  );

const hostileDocument = fc.oneof(
  jsonText,
  fc
    .record({
      data: fc.oneof(
        resource,
        fc.array(resource, { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
      ),
      included: fc.option(fc.array(resource, { maxLength: 3 }), { nil: undefined }),
      meta: fc.option(jsonText, { nil: undefined }),
      links: fc.option(jsonText, { nil: undefined }),
    })
    .map(
      (d) =>
        `{"data":${d.data}${d.included ? `,"included":[${d.included.join(',')}]` : ''}${d.meta ? `,"meta":${d.meta}` : ''}${d.links ? `,"links":${d.links}` : ''}}`,
    ),
);

/** A real-looking page of contacts, as IT Glue sends it. */
function contactsPage(count: number, firstId: bigint, organizationId: string): string {
  const data = Array.from({ length: count }, (_, i) => {
    const id = (firstId + BigInt(i)).toString();
    return `{"id":"${id}","type":"contacts","attributes":{"organization-id":${organizationId},"name":"Person ${i}","contact-type-id":24,"updated-by":${organizationId},"contact-emails":[{"value":"p${i}@x.example","primary":true,"label-name":"Work"}],"updated-at":"2025-01-02T09:00:00.000Z"},"relationships":{"organization":{"data":{"type":"organizations","id":${organizationId}}}}}`;
  });
  return `{"data":[${data.join(',')}],"meta":{"current-page":1,"next-page":null,"total-pages":1,"total-count":${count}}}`;
}

describe('the JSON:API decoder, as a function', () => {
  it('decodes or refuses with its own error any document, and never lets a key pick a prototype', () => {
    fc.assert(
      fc.property(hostileDocument, (text) => {
        decodeOrRefuse(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('brings back every *-id integer of any length as its exact digits', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9][0-9]{0,300}$/),
        fc.stringMatching(/^[1-9][0-9]{0,300}$/),
        fc.nat(20),
        (organizationId, firstId, count) => {
          const { decoded } = decodeOrRefuse(contactsPage(count + 1, BigInt(firstId), organizationId));
          const records = decoded?.data as Array<Record<string, unknown>>;
          expect(records).toHaveLength(count + 1);
          for (const [i, record] of records.entries()) {
            expect(record.id).toBe((BigInt(firstId) + BigInt(i)).toString());
            expect(record.organizationId).toBe(organizationId);
            expect(record.updatedBy).toBe(organizationId);
            expect(record.contactTypeId).toBe('24');
            expect(record.relationships).toEqual({
              organization: { type: 'organizations', id: organizationId },
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses every truncation of a page as unparseable, never as half a page', () => {
    const page = contactsPage(5, 9007199254740993n, '9007199254740993');
    fc.assert(
      fc.property(fc.nat(page.length - 1), (cut) => {
        const { decoded, error } = decodeOrRefuse(page.slice(0, cut));
        expect(decoded).toBeUndefined();
        expect(error).toBeInstanceOf(SyntaxError);
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes or refuses a page with bytes flipped', () => {
    const page = contactsPage(3, 1n, '2');
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(page.length - 1),
            fc.constantFrom('"', '{', '}', '[', ']', ':', ',', '9', '\\', ' '),
          ),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        (flips) => {
          const chars = [...page];
          for (const [at, char] of flips) chars[at] = char;
          decodeOrRefuse(chars.join(''));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps __proto__ and friends as plain data at every level', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HOSTILE_KEYS),
        fc.constantFrom('attributes', 'meta', 'nested'),
        (hostile, where) => {
          const payload = `{${JSON.stringify(hostile)}:{"polluted":"yes","organization-id":1}}`;
          const attributes =
            where === 'attributes' ? payload : where === 'nested' ? `{"contact-emails":[${payload}]}` : '{}';
          const meta = where === 'meta' ? payload : '{}';
          const { decoded } = decodeOrRefuse(
            `{"data":{"id":"1","type":"contacts","attributes":${attributes}},"meta":${meta}}`,
          );
          expect(decoded).toBeDefined();
          const record = decoded?.data as Record<string, unknown>;
          expect(record.polluted).toBeUndefined();
          expect(record.organizationId).toBeUndefined();
        },
      ),
    );
  });
});

/** A server on 127.0.0.1 that answers whatever the current property run scripts. */
interface Script {
  status: number;
  contentType: string;
  body: (page: number) => string;
}

describe('the SDK against a hostile server, over HTTP', () => {
  let server: Server;
  let script: Script = { status: 200, contentType: 'application/vnd.api+json', body: () => '{}' };
  let pagesAsked: number[] = [];
  let client: GlueKit;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const page = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('page[number]') ?? '1');
      pagesAsked.push(page);
      response.writeHead(script.status, { 'content-type': script.contentType });
      response.end(script.body(page));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new GlueKit({
      apiKey: 'ITG.fuzz',
      baseUrl: `http://127.0.0.1:${port}`,
      rateLimit: false,
      maxRetries: 1,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 2,
      maxRateLimitWaitMs: 50,
      timeoutMs: 5000,
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const answer = fc.record({
    status: fc.constantFrom(200, 200, 200, 201, 400, 401, 404, 422, 429, 500, 502),
    contentType: fc.constantFrom('application/vnd.api+json', 'application/json', 'text/html'),
    body: fc.oneof(
      hostileDocument,
      fc.constantFrom(
        '',
        'null',
        '[]',
        '<html>Bad Gateway</html>',
        '{"errors":[{"status":"422","detail":"x"}]}',
      ),
      fc
        .tuple(fc.constantFrom(1000, 50_000, 200_000), fc.constantFrom('[', '{"a":'))
        .map(
          ([depth, open]) =>
            `{"data":{"id":"1","type":"contacts","attributes":{"x":${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}}}}`,
        ),
    ),
  });

  it('gets one record: resolves, or rejects with a GlueKitError, whatever comes back', async () => {
    await fc.assert(
      fc.asyncProperty(answer, async (a) => {
        script = { status: a.status, contentType: a.contentType, body: () => a.body };
        try {
          const record = await client.contacts.get('1');
          expectNoPrototypeTricks(record);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(GlueKitError);
        }
      }),
      { numRuns: 250 },
    );
  });

  it('lists: asks for ever higher pages and stops, whatever the paging meta and links claim', async () => {
    const lie = fc.record({
      current: fc.oneof(fc.constant('same'), fc.constant(1), fc.nat(5)),
      next: fc.oneof(fc.constant('same'), fc.constant('+1'), fc.nat(6), fc.constant(null)),
      link: fc.constantFrom('none', 'same', 'first', 'next'),
      lastPage: fc.integer({ min: 1, max: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(lie, fc.boolean(), async (l, ignoresPage) => {
        const base = (server.address() as AddressInfo).port;
        script = {
          status: 200,
          contentType: 'application/vnd.api+json',
          body: (asked) => {
            const page = ignoresPage ? 1 : asked;
            const items =
              page <= l.lastPage ? [`{"id":"${page}","type":"organizations","attributes":{"name":"O"}}`] : [];
            const current = l.current === 'same' ? page : l.current;
            const next = l.next === 'same' ? page : l.next === '+1' ? page + 1 : l.next;
            const href = (n: number) => `http://127.0.0.1:${base}/organizations?page[number]=${n}`;
            const links =
              l.link === 'none'
                ? {}
                : {
                    self: href(page),
                    next: href(l.link === 'same' ? page : l.link === 'first' ? 1 : page + 1),
                  };
            const meta = l.link === 'none' ? { 'current-page': current, 'next-page': next } : {};
            return JSON.stringify({ data: JSON.parse(`[${items.join(',')}]`), meta, links });
          },
        };
        pagesAsked = [];
        try {
          await client.organizations.list().toArray();
        } catch (error) {
          expect(error).toBeInstanceOf(GlueKitError);
        }
        expect(pagesAsked.length).toBeLessThanOrEqual(8);
        // Every page is asked for by number (a link is never requested), and the numbers only go up.
        for (let i = 1; i < pagesAsked.length; i++)
          expect(pagesAsked[i]).toBeGreaterThan(pagesAsked[i - 1] as number);
      }),
      { numRuns: 300 },
    );
  });
});
