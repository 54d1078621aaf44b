/**
 * The operation table (src/spec) against the contract (spec/itglue.openapi.yaml), both ways:
 * operationIds, methods, paths, parameter names, types and bounds, and request attribute names,
 * types, nullability and required lists. Types are checked by behaviour: each zod schema must
 * accept a value of the document's type and refuse one of another.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { kebabKey } from '../../src/jsonapi/case.js';
import { operations } from '../../src/spec/index.js';
import { type AttributeSchemas, attributeSchemasOf, querySchemaOf } from '../../src/spec/schemas/index.js';
import type { OperationSpec } from '../../src/spec/types.js';

type Json = Record<string, unknown>;
const doc = parse(readFileSync(new URL('../../spec/itglue.openapi.yaml', import.meta.url), 'utf8')) as Json;

function resolve(node: unknown): Json {
  let current = node as Json;
  while (current && typeof current.$ref === 'string') {
    const path = current.$ref.replace(/^#\//, '').split('/');
    current = path.reduce<Json>((at, key) => at[key] as Json, doc);
  }
  return current;
}

interface DocOperation {
  operationId: string;
  method: string;
  path: string;
  parameters: Json[];
  requestBody?: Json;
}

const documentOperations: DocOperation[] = Object.entries(doc.paths as Json).flatMap(([path, methods]) =>
  Object.entries(methods as Json).map(([method, raw]) => {
    const op = raw as Json;
    return {
      operationId: op.operationId as string,
      method: method.toUpperCase(),
      path,
      parameters: ((op.parameters as unknown[]) ?? []).map(resolve),
      ...(op.requestBody ? { requestBody: op.requestBody as Json } : {}),
    };
  }),
);

const table = new Map<string, OperationSpec>(operations.map((op) => [op.operationId, op]));

function sampleOf(type: string): unknown {
  return type === 'integer' ? '123' : type === 'boolean' ? true : 'text';
}
function wrongFor(type: string): unknown {
  return type === 'integer' ? 'not-a-number' : type === 'boolean' ? 'yes' : 42;
}
function accepts(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success;
}

describe('the operation table matches spec/itglue.openapi.yaml', () => {
  it('has the same 25 operationIds, in both directions', () => {
    const inDocument = documentOperations.map((op) => op.operationId).sort();
    const inTable = operations.map((op) => op.operationId).sort();
    expect(inDocument).toHaveLength(25);
    expect(inTable).toEqual(inDocument);
    expect(new Set(inTable).size).toBe(inTable.length);
  });

  describe.each(documentOperations)('$operationId', (docOp) => {
    const op = table.get(docOp.operationId) as OperationSpec;

    it('has the same method and path', () => {
      expect(op.method).toBe(docOp.method);
      expect(op.path).toBe(docOp.path);
      expect(op.method).not.toBe('DELETE');
    });

    it('has the same path parameters, typed as the document types them', () => {
      const fromDocument = docOp.parameters.filter((p) => p.in === 'path');
      expect(op.pathParams.map((p) => p.wire).sort()).toEqual(fromDocument.map((p) => p.name).sort());
      for (const param of fromDocument) {
        expect(param.required).toBe(true);
        expect((param.schema as Json).type).toBe(op.pathParams.find((p) => p.wire === param.name)?.type);
      }
    });

    it('keeps real IT Glue query parameters apart from the document', () => {
      const inDocument = docOp.parameters.map((p) => p.name);
      for (const extension of op.queryExtensions ?? []) expect(inDocument).not.toContain(extension.wire);
    });

    it('has the same query parameters, with the same types and bounds', () => {
      const fromDocument = docOp.parameters.filter((p) => p.in === 'query');
      expect(op.query.map((q) => q.wire).sort()).toEqual(fromDocument.map((p) => p.name as string).sort());
      for (const param of fromDocument) {
        const schema = param.schema as Json;
        const spec = op.query.find((q) => q.wire === param.name);
        expect(spec, String(param.name)).toBeDefined();
        if (!spec) continue;
        expect(spec.type).toBe(schema.type);
        expect(spec.minimum).toBe(schema.minimum);
        expect(spec.maximum).toBe(schema.maximum);
        if (spec.kind === 'page') {
          // Integers within the document's bounds pass; anything outside them is refused.
          const min = schema.minimum as number;
          expect(accepts(querySchemaOf(spec), min)).toBe(true);
          expect(accepts(querySchemaOf(spec), min - 1)).toBe(false);
          expect(accepts(querySchemaOf(spec), 1.5)).toBe(false);
          if (schema.maximum !== undefined) {
            expect(accepts(querySchemaOf(spec), schema.maximum)).toBe(true);
            expect(accepts(querySchemaOf(spec), (schema.maximum as number) + 1)).toBe(false);
          }
        } else if (spec.kind === 'filter') {
          expect(accepts(querySchemaOf(spec), sampleOf(spec.type))).toBe(true);
          if (spec.type === 'integer') expect(accepts(querySchemaOf(spec), wrongFor('integer'))).toBe(false);
        }
      }
    });

    it('has the same request attributes, types, nullability and required list', () => {
      const body = docOp.requestBody;
      const schemas = attributeSchemasOf(op.operationId);
      if (!body) {
        expect(schemas).toBeUndefined();
        return;
      }
      const content = body.content as Json;
      expect(Object.keys(content).sort()).toEqual(['application/json', 'application/vnd.api+json']);
      const request = resolve((content['application/vnd.api+json'] as Json).schema);
      const data = resolve((request.properties as Json).data);
      expect(resolve((data.properties as Json).type).enum).toEqual([op.resource]);
      const attributes = resolve((data.properties as Json).attributes);
      const properties = attributes.properties as Record<string, Json>;
      expect(schemas, 'a body in the document needs attribute schemas').toBeDefined();
      const shape = (schemas as AttributeSchemas).attributes.shape as Record<string, z.ZodType>;
      const byWireName = new Map(Object.entries(shape).map(([key, schema]) => [kebabKey(key), schema]));

      expect([...byWireName.keys()].sort()).toEqual(Object.keys(properties).sort());
      const required = Object.entries(shape)
        .filter(([, schema]) => !accepts(schema, undefined))
        .map(([key]) => kebabKey(key))
        .sort();
      expect(required).toEqual(((attributes.required as string[]) ?? []).slice().sort());

      for (const [name, property] of Object.entries(properties)) {
        const schema = byWireName.get(name) as z.ZodType;
        const type = property.type as string;
        expect(
          accepts(
            schema,
            sampleOf(type) === 'text' && property.format === 'email' ? 'a@example.com' : sampleOf(type),
          ),
          name,
        ).toBe(true);
        expect(accepts(schema, wrongFor(type)), name).toBe(false);
        expect(accepts(schema, null), `${name} nullable`).toBe(property.nullable === true);
        if (property.format === 'email') expect(accepts(schema, 'not an email'), name).toBe(false);
      }

      // Real IT Glue's extra attributes are kept apart, and none of them is in the document.
      for (const key of Object.keys(schemas?.extensions?.shape ?? {})) {
        expect(Object.keys(properties)).not.toContain(kebabKey(key));
      }
    });
  });

  it('takes ids above 2^53 exactly, as strings, and refuses unsafe numbers', () => {
    const get = table.get('getOrganization') as OperationSpec;
    const filter = (table.get('listContacts') as OperationSpec).query.find(
      (q) => q.wire === 'filter[organization_id]',
    );
    expect(get.pathParams[0]?.type).toBe('integer');
    const schema = querySchemaOf(filter as NonNullable<typeof filter>);
    expect(schema.parse('9007199254740993')).toBe('9007199254740993');
    // 2^53 + 1 cannot be held by a number: it arrives as 2^53, so a number that large is refused.
    expect(accepts(schema, Number('9007199254740993'))).toBe(false);
  });
});
