/**
 * The error object every surface shares (CLI `--json` stderr, MCP `_meta`): a stable code, the
 * HTTP status only when IT Glue answered, and the list the error carries.
 */
import { describe, expect, it } from 'vitest';
import { errorObject } from '../../src/core/error-object.js';
import { GlueKitError, NotFoundError, ValidationError } from '../../src/core/errors.js';

const request = { method: 'GET', path: '/organizations/5' };

describe('errorObject', () => {
  it('gives the class name as code and the status IT Glue answered', () => {
    const error = new NotFoundError(404, request, [{ title: 'Record not found' }]);
    expect(errorObject(error)).toMatchObject({ code: 'NotFoundError', status: 404 });
  });

  it('leaves status out when nothing was sent, never 0 or null', () => {
    const local = ValidationError.local({ method: 'POST', path: '/contacts' }, 'firstName', 'is required');
    const object = errorObject(local);
    expect(object.code).toBe('ValidationError');
    expect('status' in object).toBe(false);
    expect(object.details).toEqual([{ field: 'firstName', message: 'is required' }]);
    expect('status' in errorObject(new GlueKitError('x'))).toBe(false);
  });

  it('carries a workflow error’s list, and names anything else an internal error', () => {
    class PlanConflictError extends GlueKitError {
      override name = 'PlanConflictError';
      conflicts = [{ key: 'email:a@b.example', reason: 'changed since planned' }];
    }
    expect(errorObject(new PlanConflictError('conflicts'))).toEqual({
      code: 'PlanConflictError',
      message: 'conflicts',
      details: [{ key: 'email:a@b.example', reason: 'changed since planned' }],
    });
    expect(errorObject(new TypeError('x is undefined'))).toEqual({
      code: 'InternalError',
      message: 'x is undefined',
      details: null,
    });
  });
});
