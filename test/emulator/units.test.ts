/**
 * Pure units of the emulator: id ordering, the timestamp formatter, the logical clock, query
 * parsing and links, the rate limiter, the fault PRNG and the ordered table.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery, withPageNumber } from '../../src/emulator/http/query.js';
import { Table } from '../../src/emulator/store/table.js';
import { isoTimestamp, LogicalClock } from '../../src/emulator/support/clock.js';
import { compareIds, readId } from '../../src/emulator/support/ids.js';
import { FaultConfigError, FaultInjector } from '../../src/emulator/traffic/faults.js';
import { SlidingWindowLimiter } from '../../src/emulator/traffic/rate-limit.js';

describe('ids', () => {
  it('orders digit strings numerically, across magnitudes and past 2^53', () => {
    const ids = ['9007199254740993', '10', '9', '100', '9007199254740992', '99', '1000000000000000000'];
    expect([...ids].sort(compareIds)).toEqual([
      '9',
      '10',
      '99',
      '100',
      '9007199254740992',
      '9007199254740993',
      '1000000000000000000',
    ]);
  });

  it('agrees with BigInt order for any two ids', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 19n }),
        fc.bigInt({ min: 1n, max: 10n ** 19n }),
        (a, b) => {
          const expected = a < b ? -1 : a > b ? 1 : 0;
          expect(Math.sign(compareIds(String(a), String(b)))).toBe(expected);
        },
      ),
    );
  });

  it('reads ids from exact numbers and digit strings only', () => {
    expect(readId(42)).toBe('42');
    expect(readId('9007199254740993')).toBe('9007199254740993');
    expect(readId(2 ** 53 + 2)).toBeUndefined();
    expect(readId('12a')).toBeUndefined();
    expect(readId(0)).toBeUndefined();
    expect(readId(1.5)).toBeUndefined();
  });
});

describe('timestamps', () => {
  it('formats exactly like Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }), (ms) => {
        expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });

  it('ticks strictly upward even when the wall clock stands still or goes back', () => {
    let wall = Date.UTC(2026, 0, 1);
    const clock = new LogicalClock(() => wall);
    const first = clock.tick();
    const second = clock.tick();
    wall -= 5000;
    const third = clock.tick();
    expect(first < second && second < third).toBe(true);
    expect(Date.parse(second) - Date.parse(first)).toBe(1);
    clock.observe('2030-01-01T00:00:00.000Z');
    expect(clock.tick()).toBe('2030-01-01T00:00:00.001Z');
  });
});

describe('query strings', () => {
  it('reads literal and percent-encoded keys, kebab-case fields, + as space', () => {
    const query = parseQuery(
      'filter%5Bserial-number%5D=A%2CB&filter[first_name]=Ann+Lee&page%5Bsize%5D=5&sort=-id',
    );
    expect(Object.fromEntries(query.filters)).toEqual({ serial_number: 'A,B', first_name: 'Ann Lee' });
    expect(query.params.get('page[size]')).toBe('5');
    expect(query.params.get('sort')).toBe('-id');
  });

  it('keeps nested filter keys apart from the plain field, snake-casing each segment', () => {
    const undocumented = parseQuery('filter[document-folder-id][ne]=null').filters;
    expect([...undocumented.keys()]).toEqual(['document_folder_id[ne]']);
    expect(undocumented.has('document_folder_id')).toBe(false);
    const documented = parseQuery(
      'filter%5Bexclude%5D%5Borganization-type-id%5D=3&filter[range][my_glue_account_id]=1,*',
    );
    expect(Object.fromEntries(documented.filters)).toEqual({
      'exclude[organization_type_id]': '3',
      'range[my_glue_account_id]': '1,*',
    });
  });

  it('changes only page[number] in links, keeping the rest byte for byte', () => {
    expect(withPageNumber('filter[name]=A%2C&page[number]=2&page[size]=1', 3)).toBe(
      'filter[name]=A%2C&page[number]=3&page[size]=1',
    );
    expect(withPageNumber('page%5Bsize%5D=1', 2)).toBe('page%5Bsize%5D=1&page%5Bnumber%5D=2');
    expect(withPageNumber('', 1)).toBe('page[number]=1');
    expect(withPageNumber('page%5Bnumber%5D=9&x=1', 1)).toBe('page%5Bnumber%5D=1&x=1');
  });
});

describe('sliding-window rate limit', () => {
  it('admits the limit, refuses the next with Retry-After until the oldest leaves, counts no refusals', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter({ limit: 3, windowSeconds: 10 }, () => now);
    expect([limiter.admit('k'), limiter.admit('k')].every((a) => a.ok)).toBe(true);
    now = 4000;
    expect(limiter.admit('k').ok).toBe(true);
    now = 6500;
    expect(limiter.admit('k')).toEqual({ ok: false, retryAfterSeconds: 4 });
    expect(limiter.admit('other').ok).toBe(true);
    now = 10_001;
    // The first two left the window; the refused request was not counted.
    expect(limiter.admit('k').ok).toBe(true);
    expect(limiter.admit('k').ok).toBe(true);
    expect(limiter.admit('k').ok).toBe(false);
  });
});

describe('fault injector', () => {
  it('gives the same faults for the same seed and request order', () => {
    const rolls = (seed: number) => {
      const faults = new FaultInjector({
        errorRate: 0.3,
        resetRate: 0.2,
        lostResponseRate: 0.5,
        jitterMs: 40,
        seed,
      });
      return Array.from({ length: 50 }, () => faults.roll());
    };
    expect(rolls(7)).toEqual(rolls(7));
    expect(rolls(7)).not.toEqual(rolls(8));
    const errors = rolls(7).filter((roll) => roll.serverError !== null);
    expect(new Set(errors.map((roll) => roll.serverError)).size).toBeGreaterThan(1);
  });

  it('counts a 429 burst down and refuses bad settings without changing anything', () => {
    const faults = new FaultInjector({ rateLimitBurst: 2, burstRetryAfterSeconds: null });
    expect([faults.takeBurst(), faults.takeBurst(), faults.takeBurst()]).toEqual([null, null, false]);
    expect(() => faults.update({ errorRate: 2 })).toThrow(FaultConfigError);
    expect(() => faults.update({ nonsense: 1 } as never)).toThrow(FaultConfigError);
    expect(faults.config().errorRate).toBe(0);
  });
});

describe('ordered table', () => {
  it('keeps id order and groups through inserts, moves and removals', () => {
    const table = new Table<{ id: string; group: string }>((row) => row.group);
    for (const [id, group] of [
      ['100', 'a'],
      ['9', 'b'],
      ['9007199254740993', 'a'],
      ['50', 'a'],
    ] as const) {
      table.insert({ id, group });
    }
    expect(table.all().map((row) => row.id)).toEqual(['9', '50', '100', '9007199254740993']);
    expect(table.inGroup('a').map((row) => row.id)).toEqual(['50', '100', '9007199254740993']);
    table.replace({ id: '100', group: 'b' });
    expect(table.inGroup('b').map((row) => row.id)).toEqual(['9', '100']);
    table.remove('9');
    expect(table.all().map((row) => row.id)).toEqual(['50', '100', '9007199254740993']);
    expect(() => table.insert({ id: '50', group: 'a' })).toThrow(/duplicate/);
  });
});
