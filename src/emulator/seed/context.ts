/**
 * What every seed builder shares: the tenant, a PRNG seeded from the seed name, a fixed base date
 * (never `Date.now()`, so the same seed gives identical records, ids and timestamps), and the id
 * sources: a small counter, and one above 2^53 for the big-id organization's records.
 */
import type { Tenant } from '../store/tenant.js';
import { isoDate, isoTimestamp } from '../support/clock.js';
import { offsetId } from '../support/ids.js';
import { createRandom, hashSeed, type Random, randomInt } from '../support/prng.js';

/** "Now" for seeded data: the last moment anything in a seed was touched. */
export const SEED_BASE_MS = Date.UTC(2026, 4, 1, 9, 0, 0);
export const DAY_MS = 86_400_000;

/** The big-id organization: its id and its records' ids are above Number.MAX_SAFE_INTEGER. */
export const BIG_ORGANIZATION_ID = '9007199254740993';

/**
 * Concatenates into one flat string. A template literal leaves V8 a tree of the pieces ("cons
 * string") that each seeded record would keep alive: at 200,000 records that doubles the memory.
 */
export function flat(...parts: ReadonlyArray<string | number>): string {
  return parts.join('');
}

/** `length` characters drawn from `alphabet`, as one flat string. */
export function characters(random: Random, alphabet: string, length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(alphabet[Math.floor(random() * alphabet.length)] as string);
  return out.join('');
}

export class SeedContext {
  readonly tenant: Tenant;
  readonly random: Random;
  #nextSmall: number;
  #nextBig = 2;
  #latestMs = 0;

  constructor(tenant: Tenant, seedName: string, firstId: number) {
    this.tenant = tenant;
    this.random = createRandom(hashSeed(seedName));
    this.#nextSmall = firstId;
  }

  /** The next id: above 2^53 for records of the big-id organization, from the counter otherwise. */
  nextId(organizationId?: string): string {
    if (organizationId === BIG_ORGANIZATION_ID) return offsetId(BIG_ORGANIZATION_ID, this.#nextBig++);
    return String(this.#nextSmall++);
  }

  /** Lets API-created records continue after the seeded ids. */
  finish(): void {
    this.tenant.continueIdsAfter(this.#nextSmall - 1);
    // Writes through the API must come after every seeded time.
    this.tenant.clock.observe(isoTimestamp(this.#latestMs));
  }

  /** A creation time up to `maxDaysAgo` before the base date, and an update time after it. */
  times(maxDaysAgo: number): { createdAt: string; updatedAt: string } {
    const created =
      SEED_BASE_MS - randomInt(this.random, 1, maxDaysAgo) * DAY_MS - randomInt(this.random, 0, DAY_MS);
    const updated = created + Math.floor(this.random() * (SEED_BASE_MS - created));
    if (updated > this.#latestMs) this.#latestMs = updated;
    return { createdAt: isoTimestamp(created), updatedAt: isoTimestamp(updated) };
  }

  /** A date-only value `daysAgo` days before the base date (negative: in the future). */
  date(daysAgo: number): string {
    return isoDate(SEED_BASE_MS - daysAgo * DAY_MS);
  }

  /** A time up to `maxDaysAgo` before the base date. */
  timeWithin(maxDaysAgo: number): string {
    return isoTimestamp(SEED_BASE_MS - Math.floor(this.random() * maxDaysAgo * DAY_MS));
  }
}
