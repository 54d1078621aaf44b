/** Pure pieces of the mirror: query quoting, time parsing, normalization, diffs, paths, watermarks. */
import { describe, expect, it } from 'vitest';
import { diffRecords, mergeChanges } from '../../src/mirror/diff.js';
import { classifyTerms, matchExpression, quoteTerm, splitTerms } from '../../src/mirror/fts.js';
import { fullPassWatermark } from '../../src/mirror/full-pass.js';
import {
  defaultMirrorPath,
  describeAge,
  MirrorInputError,
  parseDurationOption,
  parseResourceList,
  parseSince,
} from '../../src/mirror/index.js';
import { storedRecord } from '../../src/mirror/resources.js';
import { foldEmailLeniently, foldNameLeniently } from '../../src/normalize/keys.js';

describe('search query quoting', () => {
  it('quotes every term, doubling inner quotes, so FTS syntax is text', () => {
    expect(quoteTerm('SN-123')).toBe('"SN-123"');
    expect(quoteTerm('say "hi"')).toBe('"say ""hi"""');
    expect(matchExpression(classifyTerms('SN-123 ops: (a*) NEAR'))).toBe(
      '"SN-123" AND "ops:" AND "(a*)" AND "NEAR"',
    );
  });

  it('keeps a balanced "quoted phrase" as one term and an unbalanced quote as a character', () => {
    expect(splitTerms('"Happy Frog" dental')).toEqual(['Happy Frog', 'dental']);
    expect(splitTerms('"10.2.1 x')).toEqual(['"10.2.1', 'x']);
  });

  it('matches terms shorter than three characters outside the trigram index', () => {
    expect(classifyTerms('IT admin 7')).toEqual({ indexed: ['admin'], short: ['IT', '7'] });
    expect(matchExpression(classifyTerms('IT'))).toBeNull();
  });

  it('also looks MAC-like terms up without separators', () => {
    expect(matchExpression(classifyTerms('18:5E:0F:ED'))).toBe('("18:5E:0F:ED" OR "185e0fed")');
  });
});

describe('times', () => {
  const now = new Date('2026-11-28T12:00:00.000Z');

  it('reads durations, UTC dates and RFC 3339 times', () => {
    expect(parseSince('7d', now)).toBe('2026-11-21T12:00:00.000Z');
    expect(parseSince('24h', now)).toBe('2026-11-27T12:00:00.000Z');
    expect(parseSince('2w', now)).toBe('2026-11-14T12:00:00.000Z');
    expect(parseSince('2026-01-01', now)).toBe('2026-01-01T00:00:00.000Z');
    expect(parseSince('2026-01-01T09:30:00+02:00', now)).toBe('2026-01-01T07:30:00.000Z');
    expect(parseSince('2026-01-01 09:30', now)).toBe('2026-01-01T09:30:00.000Z');
  });

  it('says what is wrong with an unreadable or future --since, and how to write it', () => {
    expect(() => parseSince('last tuesday', now)).toThrow(MirrorInputError);
    expect(() => parseSince('last tuesday', now)).toThrow(
      /`since` "last tuesday" is neither a duration nor a date: use e\.g\. 24h, 7d/,
    );
    expect(() => parseSince('2026-13-45', now)).toThrow(/neither a duration nor a date/);
    expect(() => parseSince('2027-01-01', now)).toThrow(/is in the future/);
    expect(() => parseDurationOption('soon', '--max-age')).toThrow(/--max-age "soon" is not a duration/);
  });

  it('describes ages for the stale warning', () => {
    expect(describeAge(3 * 86_400_000 + 5)).toBe('3 days');
    expect(describeAge(3_600_000)).toBe('1 hour');
    expect(describeAge(12_000)).toBe('12 seconds');
  });
});

describe('normalization and differences', () => {
  it('normalizes emails (trim, NFC, lower case) but keeps +tags and dots', () => {
    expect(foldEmailLeniently('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
    expect(foldEmailLeniently('ada+it@example.com')).not.toBe(foldEmailLeniently('ada@example.com'));
    expect(foldEmailLeniently('jose\u0301@example.com')).toBe(foldEmailLeniently('jos\u00e9@example.com'));
    expect(foldNameLeniently('  Ada   LOVELACE ')).toBe('ada lovelace');
  });

  it('diffs fields (not updatedAt) and merges several syncs into first → last', () => {
    const first = diffRecords({ a: 1, b: 'x', updatedAt: '1' }, { a: 2, b: 'x', updatedAt: '2' });
    expect(first).toEqual([{ field: 'a', from: 1, to: 2 }]);
    const second = diffRecords({ a: 2, c: null }, { a: 1, c: ['y'] });
    expect(mergeChanges([first, second])).toEqual([{ field: 'c', from: null, to: ['y'] }]);
  });

  it('never stores a secret attribute, at any depth', () => {
    const stored = storedRecord({
      id: '1',
      name: 'n',
      password: 'p',
      otpSecret: 's',
      nested: { 'otp-secret': 'x', ok: 1 },
    });
    expect(stored).toEqual({ id: '1', name: 'n', nested: { ok: 1 } });
  });
});

describe('mirror location and sync bookkeeping', () => {
  it('names the file by a hash of base URL and key fingerprint, never the key', () => {
    const path = defaultMirrorPath('/data', 'https://api.eu.itglue.com', 'sha256:0123456789ab');
    expect(path).toMatch(/^\/data\/mirror\/[0-9a-f]{16}\.sqlite$/);
    expect(defaultMirrorPath('/data', 'https://api.itglue.com', 'sha256:0123456789ab')).not.toBe(path);
    expect(defaultMirrorPath('/data', 'https://api.eu.itglue.com', 'sha256:ba9876543210')).not.toBe(path);
  });

  it('parses --resources, with aliases, and names the choices for a wrong one', () => {
    expect(parseResourceList('configs, contacts,orgs')).toEqual([
      'organizations',
      'contacts',
      'configurations',
    ]);
    expect(() => parseResourceList('contacts,widgets')).toThrow(
      /`resources` "widgets" is not a mirrored record type: use one of organizations, contacts, passwords, configurations, documents/,
    );
  });

  it('moves the watermark back by the length of the full pass', () => {
    const started = '2026-11-28T12:00:00.000Z';
    const now = new Date('2026-11-28T12:10:00.000Z');
    expect(fullPassWatermark('2026-11-28T12:09:00.000Z', started, now)).toBe('2026-11-28T11:59:00.000Z');
    expect(fullPassWatermark(null, started, now)).toBeNull();
  });
});
