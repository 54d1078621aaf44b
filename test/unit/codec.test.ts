import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { camelKey, kebabKey } from '../../src/jsonapi/case.js';
import { deserialize, JsonApiFormatError, readListMeta } from '../../src/jsonapi/deserialize.js';
import { describeErrors, parseErrorDocument } from '../../src/jsonapi/errors.js';
import { parseJson, stringifyJsonApi } from '../../src/jsonapi/json.js';
import { serializeResource } from '../../src/jsonapi/serialize.js';

const word = fc.stringMatching(/^[a-z]{1,8}$/);
const camelName = fc
  .array(word, { minLength: 1, maxLength: 4 })
  .map(([first, ...rest]) => first + rest.map((w) => w[0]?.toUpperCase() + w.slice(1)).join(''))
  .filter((name) => name !== 'id' && name !== 'type' && name !== 'relationships' && !name.endsWith('Id'));
const idName = camelName.map((name) => `${name}Id`);
const digits = fc.stringMatching(/^[1-9][0-9]{0,19}$/);
const hostileString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('"organization-id":"9007199254740993"', '\\"x-id\\":\\"1\\"', '12345678901234567890', ''),
);
const plainValue = fc.oneof(
  hostileString,
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: -1e6, max: 1e6 }),
);
const emailEntry = fc.record({
  value: fc.emailAddress(),
  primary: fc.boolean(),
  labelName: fc.constantFrom('Work', 'Home'),
});

const attributes = fc
  .tuple(
    fc.dictionary(camelName, plainValue, { maxKeys: 8 }),
    fc.dictionary(idName, fc.oneof(digits, fc.constant(null)), { maxKeys: 4 }),
    fc.option(fc.array(emailEntry, { maxLength: 3 }), { nil: undefined }),
  )
  .map(([plain, ids, emails]) => ({ ...plain, ...ids, ...(emails ? { contactEmails: emails } : {}) }));

describe('the JSON:API codec', () => {
  it('round-trips: serialize, send over the wire, deserialize gives the same record, ids exact', () => {
    fc.assert(
      fc.property(attributes, digits, (attrs, id) => {
        const wire = stringifyJsonApi(serializeResource('contacts', attrs, { id }));
        const { data } = deserialize<Record<string, unknown>>(parseJson(wire));
        expect(data).toEqual({ id, type: 'contacts', ...attrs });
      }),
      { numRuns: 400 },
    );
  });

  it('uses kebab-case on the wire and camelCase in TypeScript', () => {
    const body = serializeResource('configurations', {
      organizationId: '2',
      serialNumber: 'SN1',
      contactEmails: [{ labelName: 'Work' }],
    });
    expect(body).toEqual({
      data: {
        type: 'configurations',
        attributes: {
          'organization-id': '2',
          'serial-number': 'SN1',
          'contact-emails': [{ 'label-name': 'Work' }],
        },
      },
    });
    expect(camelKey('organization_type_name')).toBe('organizationTypeName');
    expect(kebabKey('passwordUpdatedAt')).toBe('password-updated-at');
  });

  it('leaves undefined attributes out and keeps null (null clears a field)', () => {
    expect(serializeResource('contacts', { title: undefined, notes: null }).data.attributes).toEqual({
      notes: null,
    });
  });

  it('flattens lists, turns numeric *-id attributes into strings and resolves included relationships', () => {
    const { data } = deserialize<Array<Record<string, unknown>>>({
      data: [
        {
          id: '455',
          type: 'configurations',
          attributes: {
            'organization-id': 2,
            'configuration-type-id': 65,
            name: 'HF-1',
            'serial-number': 'C03',
          },
          relationships: {
            'configuration-interfaces': { data: [{ id: '68', type: 'configuration-interfaces' }] },
            organization: { data: null },
          },
        },
      ],
      included: [{ id: '68', type: 'configuration-interfaces', attributes: { 'ip-address': '10.0.0.1' } }],
    });
    expect(data[0]).toEqual({
      id: '455',
      type: 'configurations',
      organizationId: '2',
      configurationTypeId: '65',
      name: 'HF-1',
      serialNumber: 'C03',
      relationships: {
        configurationInterfaces: [{ id: '68', type: 'configuration-interfaces', ipAddress: '10.0.0.1' }],
        organization: null,
      },
    });
  });

  it('does not mutate its input', () => {
    const body = { data: { id: '1', type: 'contacts', attributes: { 'first-name': 'Ann' } } };
    const copy = structuredClone(body);
    deserialize(body);
    expect(body).toEqual(copy);
  });

  it('refuses documents that are not JSON:API, saying what is wrong', () => {
    expect(() => deserialize('nope')).toThrow(JsonApiFormatError);
    expect(() => deserialize({ meta: {} })).toThrow(/no "data" member/);
    expect(() => deserialize({ data: [{ id: '1' }] })).toThrow(/data\[0\] is not a JSON:API resource object/);
    expect(() => deserialize({ data: { type: 'x', id: {} } })).toThrow(/data.id must be a string/);
  });

  it('reads IT Glue list meta, including an empty list', () => {
    const { meta } = deserialize({
      data: [],
      meta: {
        'current-page': 1,
        'next-page': null,
        'prev-page': null,
        'total-pages': 0,
        'total-count': 0,
        filters: {},
      },
    });
    expect(readListMeta(meta, 0)).toEqual({
      currentPage: 1,
      nextPage: null,
      prevPage: null,
      totalPages: 0,
      totalCount: 0,
      filters: {},
    });
  });
});

describe('JSON:API error documents', () => {
  it('accepts numeric and string statuses and pointers with or without a leading slash', () => {
    const errors = parseErrorDocument({
      errors: [
        {
          status: 422,
          title: 'Valid organization_id is required',
          source: { pointer: 'data/attributes/organization_id' },
        },
        {
          source: { pointer: '/data/attributes/configuration-type' },
          detail: 'must exist',
          title: 'Unprocessable Entity',
          status: 422,
        },
        {
          status: 'unprocessable_entity',
          title: 'Duplicate Parameters Specified',
          source: { pointer: 'data' },
        },
        { status: '404', title: 'Not Found' },
      ],
    });
    expect(errors).toEqual([
      {
        status: 422,
        title: 'Valid organization_id is required',
        pointer: '/data/attributes/organization_id',
        field: 'organizationId',
      },
      {
        status: 422,
        title: 'Unprocessable Entity',
        detail: 'must exist',
        pointer: '/data/attributes/configuration-type',
        field: 'configurationType',
      },
      {
        status: 422,
        code: 'unprocessable_entity',
        title: 'Duplicate Parameters Specified',
        pointer: '/data',
      },
      { status: 404, title: 'Not Found' },
    ]);
    expect(describeErrors(errors.slice(0, 2))).toBe(
      'organizationId: Valid organization_id is required; configurationType: Unprocessable Entity: must exist',
    );
  });

  it('gives an empty list for bodies without errors', () => {
    expect(parseErrorDocument(null)).toEqual([]);
    expect(parseErrorDocument('<html>')).toEqual([]);
    expect(parseErrorDocument({ errors: 'x' })).toEqual([]);
  });
});
