/** The MCP server's small parts: the secrets guard, error messages, cursors, the plan store, loopback. */
import { describe, expect, it } from 'vitest';
import { AuthenticationError, RateLimitError } from '../../src/core/errors.js';
import { CursorError, decodeCursor, encodeCursor, queryDigest, windowOf } from '../../src/mcp/cursor.js';
import { endpointUrl, isLoopback, tokenMatches } from '../../src/mcp/http-guard.js';
import { PlanStore } from '../../src/mcp/plan-store.js';
import { compactRecord, errorMessage, errorResult, toolResult } from '../../src/mcp/results.js';
import type { Plan } from '../../src/workflows/engine/plan.js';

describe('results', () => {
  it('drops every secret attribute, at any depth and in any spelling, unless revealing', () => {
    const data = {
      id: '1',
      password: 'p1',
      nested: [{ otpSecret: 'o1', 'otp-secret': 'o2', otp_secret: 'o3' }],
    };
    const text = toolResult(data).content[0]?.text;
    expect(JSON.parse(text ?? '')).toEqual({ id: '1', nested: [{}] });
    expect(JSON.parse(toolResult(data, { reveal: true }).content[0]?.text ?? '').password).toBe('p1');
    expect(
      toolResult({ note: 'the key is KEY-123456' }, { scrub: ['KEY-123456'] }).content[0]?.text,
    ).not.toContain('KEY-123456');
  });

  it('makes records compact and flat', () => {
    expect(
      compactRecord({
        id: '7',
        type: 'contacts',
        title: null,
        notes: '',
        contactEmails: [
          { value: 'b@x.example', primary: false, labelName: 'Home' },
          { value: 'a@x.example', primary: true, labelName: 'Work' },
        ],
        contactPhones: [{ value: '555', extension: '12', primary: true, labelName: 'Work' }],
        tags: [],
      }),
    ).toEqual({
      id: '7',
      type: 'contacts',
      emails: ['a@x.example', 'b@x.example'],
      phones: ['555 x12 (Work)'],
    });
  });

  it('says when to come back after a rate limit, and checks the region on a 401/403', () => {
    const retryAt = new Date('2030-01-01T00:05:00Z');
    const limited = new RateLimitError({ method: 'GET', path: '/contacts' }, [], retryAt);
    expect(errorMessage(limited)).toMatch(
      /^RateLimitError: .*rate-limited until 2030-01-01T00:05:00\.000Z.*Try again after 2030-01-01T00:05:00\.000Z\./,
    );
    const denied = new AuthenticationError(403, { method: 'GET', path: '/organizations' }, []);
    expect(errorMessage(denied)).toMatch(/region/);
    const bug = new TypeError('x is undefined');
    expect(errorResult(bug).content[0]?.text).toBe('InternalError: x is undefined');
    expect(errorResult(new Error('leaked KEY-999999'), ['KEY-999999']).content[0]?.text).not.toContain(
      'KEY-999999',
    );
  });
});

describe('cursors', () => {
  it('round-trip, and refuse a cursor of another query or a forged one', () => {
    const digest = queryDigest({ name: 'x', limit: 5 });
    expect(queryDigest({ limit: 5, name: 'x', cursor: 'whatever' })).toBe(digest);
    const cursor = encodeCursor(digest, { page: 3, skip: 2 });
    expect(decodeCursor(cursor, digest)).toEqual({ page: 3, skip: 2 });
    expect(() => decodeCursor(cursor, queryDigest({ name: 'y', limit: 5 }))).toThrow(CursorError);
    expect(() => decodeCursor('not-a-cursor', digest)).toThrow(/not one this server made/);
    const all = Array.from({ length: 5 }, (_, i) => i);
    const first = windowOf(all, { limit: 2 });
    expect(first).toMatchObject({ items: [0, 1], total: 5 });
    expect(windowOf(all, { limit: 2, cursor: first.nextCursor as string }).items).toEqual([2, 3]);
  });
});

describe('plan store', () => {
  const plan = (keyFingerprint: string): Plan => ({
    version: 1,
    workflow: 'contacts',
    createdAt: '2026-01-01T00:00:00Z',
    target: { baseUrl: 'https://api.itglue.com', keyFingerprint },
    options: {},
    sourceId: 'contacts:csv',
    summary: { create: 0, update: 0, deactivate: 0, unchanged: 0, skip: 0, conflict: 0 },
    actions: [],
  });

  it('gives a plan only to the tenant it was made for, until it expires', () => {
    let now = 0;
    const store = new PlanStore({ ttlMs: 1000, now: () => now });
    const stored = store.add(plan('sha256:aaaaaaaaaaaa'), new Map([['rows:2', { password: 'v' }]]));
    expect(stored.id).toMatch(/^plan_[A-Za-z0-9_-]{16}$/);
    expect(
      store.get(stored.id, { baseUrl: 'https://api.itglue.com', keyFingerprint: 'sha256:aaaaaaaaaaaa' }),
    ).toBe(stored);
    expect(
      store.get(stored.id, { baseUrl: 'https://api.itglue.com', keyFingerprint: 'sha256:bbbbbbbbbbbb' }),
    ).toBeUndefined();
    expect(
      store.get(stored.id, { baseUrl: 'https://api.eu.itglue.com', keyFingerprint: 'sha256:aaaaaaaaaaaa' }),
    ).toBeUndefined();
    store.dropSecrets(stored);
    expect(stored.secrets).toBeUndefined();
    now = 1001;
    expect(store.get(stored.id, stored.plan.target)).toBeUndefined();
  });

  it('keeps at most max plans, dropping the oldest', () => {
    const store = new PlanStore({ max: 2 });
    const first = store.add(plan('sha256:aaaaaaaaaaaa'));
    store.add(plan('sha256:aaaaaaaaaaaa'));
    store.add(plan('sha256:aaaaaaaaaaaa'));
    expect(store.get(first.id, first.plan.target)).toBeUndefined();
  });
});

describe('http guard', () => {
  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'example.com', '128.0.0.1'])
      expect(isLoopback(host), host).toBe(false);
    expect(endpointUrl('::1', 8080)).toBe('http://[::1]:8080/mcp');
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abcd')).toBe(false);
  });
});
