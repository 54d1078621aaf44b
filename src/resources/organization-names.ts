/**
 * Which organization a person means: the one place that turns what they type (an id, a name, a
 * short name) into an organization, for the CLI, the workflows and the mirror views alike.
 *
 * - digits: the organization with that id;
 * - otherwise its name, exactly but ignoring case and runs of spaces ("happy frog dental");
 * - otherwise its short name, the same way ("HFD").
 *
 * A miss lists the close names ("did you mean"); a value that fits several organizations lists
 * them and asks for the id. Messages name no command-line flag: the caller knows which of its
 * inputs the value came from and can say so (`value` and the candidates are on the error).
 */
import { ConfigurationError, NotFoundError, type RequestInfo } from '../core/errors.js';
import type { RequestOptions } from '../core/transport.js';
import type { Organization } from '../spec/models.js';

export interface OrganizationCandidate {
  id: string;
  name: string | null;
  shortName?: string | null | undefined;
}

export type OrganizationMatch<T extends OrganizationCandidate> =
  | { status: 'found'; organization: T; matchedOn: 'id' | 'name' | 'shortName' }
  | { status: 'ambiguous'; candidates: T[] }
  | { status: 'unknown'; suggestions: T[] };

export interface MatchOptions<T> {
  /**
   * Among several organizations with the same name, the preferred ones win (the mirror prefers
   * live organizations to deleted ones). Suggestions come from preferred organizations only.
   */
  preferred?: (organization: T) => boolean;
}

/** How many near names a miss lists. */
const MAX_SUGGESTIONS = 5;

/** A name as people compare it: runs of whitespace as one space, trimmed, NFC, lowercased. */
export function organizationNameKey(name: string | null | undefined): string {
  return (name ?? '').replace(/\s+/g, ' ').trim().normalize('NFC').toLowerCase();
}

const DIGITS = /^\d+$/;

function preferredOf<T>(items: T[], preferred: ((item: T) => boolean) | undefined): T[] {
  if (!preferred) return items;
  const kept = items.filter(preferred);
  return kept.length > 0 ? kept : items;
}

/**
 * Organizations indexed by id, name and short name, for matching many values (a file's
 * organization column) against one read of the list. Pure.
 */
export class OrganizationDirectory<T extends OrganizationCandidate> {
  private readonly byId = new Map<string, T>();
  private readonly byName = new Map<string, T[]>();
  private readonly byShortName = new Map<string, T[]>();
  /** Suggestions per missed key: a file may name the same unknown organization on every row. */
  private readonly misses = new Map<string, T[]>();

  constructor(
    readonly organizations: readonly T[],
    private readonly options: MatchOptions<T> = {},
  ) {
    for (const organization of organizations) {
      this.byId.set(organization.id, organization);
      add(this.byName, organizationNameKey(organization.name), organization);
      add(this.byShortName, organizationNameKey(organization.shortName), organization);
    }
  }

  /** The organization `value` names, or why there is none. */
  match(value: string): OrganizationMatch<T> {
    const wanted = value.trim();
    if (DIGITS.test(wanted)) {
      const byId = this.byId.get(wanted);
      if (byId) return { status: 'found', organization: byId, matchedOn: 'id' };
    }
    const key = organizationNameKey(wanted);
    if (key !== '') {
      for (const [field, index] of [
        ['name', this.byName],
        ['shortName', this.byShortName],
      ] as const) {
        const matches = preferredOf(index.get(key) ?? [], this.options.preferred);
        if (matches.length === 1) return { status: 'found', organization: matches[0] as T, matchedOn: field };
        if (matches.length > 1) return { status: 'ambiguous', candidates: matches };
      }
    }
    let suggestions = this.misses.get(key);
    if (!suggestions) {
      suggestions = suggestOrganizations(this.organizations, key, this.options.preferred);
      this.misses.set(key, suggestions);
    }
    return { status: 'unknown', suggestions };
  }
}

function add<T>(index: Map<string, T[]>, key: string, organization: T): void {
  if (key === '') return;
  const list = index.get(key);
  if (list) list.push(organization);
  else index.set(key, [organization]);
}

/** The organization `value` names among `organizations`, or why there is none. Pure. */
export function matchOrganization<T extends OrganizationCandidate>(
  organizations: readonly T[],
  value: string,
  options: MatchOptions<T> = {},
): OrganizationMatch<T> {
  return new OrganizationDirectory(organizations, options).match(value);
}

/**
 * Optimal string alignment distance (Levenshtein with adjacent swaps): "hapy frog" and "happy
 * frgo" are each one or two edits from "happy frog". Stops early past `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, (previous2[j - 2] as number) + 1);
      current.push(distance);
      best = Math.min(best, distance);
    }
    if (best > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/** How far `key` is from one name: 0 for a containment either way, else edits; undefined when not close. */
function closeness(key: string, candidate: string): number | undefined {
  if (key === '' || candidate === '') return undefined;
  if (key.length >= 3 && (candidate.includes(key) || key.includes(candidate))) return 0;
  const limit = Math.max(1, Math.floor(Math.min(key.length, candidate.length) / 4));
  const distance = editDistance(key, candidate, limit);
  if (distance <= limit) return distance;
  // The start of a longer name, mistyped: "hapy frog" for "Happy Frog Dental".
  if (key.length < 4 || candidate.length <= key.length) return undefined;
  const start = editDistance(key, candidate.slice(0, key.length), limit);
  return start <= limit ? start + 0.5 : undefined;
}

function suggestOrganizations<T extends OrganizationCandidate>(
  organizations: readonly T[],
  key: string,
  preferred: ((organization: T) => boolean) | undefined,
): T[] {
  const scored: Array<{ organization: T; score: number }> = [];
  for (const organization of organizations) {
    if (preferred && !preferred(organization)) continue;
    const scores = [organization.name, organization.shortName]
      .map((name) => closeness(key, organizationNameKey(name)))
      .filter((score): score is number => score !== undefined);
    if (scores.length > 0) scored.push({ organization, score: Math.min(...scores) });
  }
  return scored
    .sort((a, b) => a.score - b.score || (a.organization.name ?? '').localeCompare(b.organization.name ?? ''))
    .slice(0, MAX_SUGGESTIONS)
    .map((entry) => entry.organization);
}

function describe(organization: OrganizationCandidate): string {
  const short = organization.shortName ? `, ${organization.shortName}` : '';
  return `${organization.name?.trim() || '(no name)'} (${organization.id}${short})`;
}

/** No organization has that id, name or short name. `suggestions` are the close ones. */
export class UnknownOrganizationError extends NotFoundError {
  override name = 'UnknownOrganizationError';
  readonly value: string;
  readonly suggestions: ReadonlyArray<{ id: string; name: string | null }>;

  constructor(
    value: string,
    suggestions: readonly OrganizationCandidate[],
    request: RequestInfo,
    where: { place?: string | undefined; otherwise?: string | undefined } = {},
  ) {
    const near = suggestions.length > 0 ? ` Did you mean: ${suggestions.map(describe).join('; ')}?` : '';
    const otherwise = where.otherwise ? ` ${where.otherwise}` : '';
    super(
      404,
      request,
      [],
      `${where.place ?? 'IT Glue'} has no organization with the id, name or short name "${value.trim()}".${near}${otherwise}`,
    );
    this.value = value;
    this.suggestions = suggestions.map(({ id, name }) => ({ id, name }));
  }
}

/** The value fits several organizations (a shared name): only the id can say which. */
export class AmbiguousOrganizationError extends ConfigurationError {
  override name = 'AmbiguousOrganizationError';
  readonly value: string;
  readonly candidates: ReadonlyArray<{ id: string; name: string | null }>;

  constructor(value: string, candidates: readonly OrganizationCandidate[]) {
    super(
      `"${value.trim()}" fits ${candidates.length} organizations: ${candidates.map(describe).join('; ')}. Use the id instead.`,
    );
    this.value = value;
    this.candidates = candidates.map(({ id, name }) => ({ id, name }));
  }
}

export interface ResolveOptions<T> extends MatchOptions<T> {
  /** Where the list came from, for the not-found error (`GET /organizations`, the mirror). */
  request?: RequestInfo;
  /** Where the organizations were looked for ("IT Glue", "The mirror"). */
  place?: string;
  /** What to do when none fits, after the suggestions. */
  otherwise?: string;
}

/** `matchOrganization`, or the error that says why not. */
export function resolveOrganizationIn<T extends OrganizationCandidate>(
  organizations: readonly T[],
  value: string,
  options: ResolveOptions<T> = {},
): T {
  const match = matchOrganization(organizations, value, options);
  if (match.status === 'found') return match.organization;
  if (match.status === 'ambiguous') throw new AmbiguousOrganizationError(value, match.candidates);
  throw new UnknownOrganizationError(value, match.suggestions, options.request ?? LIST_REQUEST, {
    place: options.place,
    otherwise: options.otherwise,
  });
}

const LIST_REQUEST: RequestInfo = { method: 'GET', path: '/organizations', operationId: 'listOrganizations' };

/** What the online resolver needs of `client.organizations`. */
export interface OrganizationLister {
  get(id: string, options?: RequestOptions): Promise<Organization>;
  list(params: Record<string, never>, options?: RequestOptions): AsyncIterable<Organization>;
}

/**
 * Resolves against IT Glue: an id with one get; anything else (or an id that is not one) with one
 * list of every organization (one request at page size 1000 for most MSPs), never a lookup per
 * record. Callers with many values read the list once themselves and use `resolveOrganizationIn`.
 */
export async function resolveOrganization(
  organizations: OrganizationLister,
  value: string,
  options: RequestOptions = {},
): Promise<Organization> {
  if (DIGITS.test(value.trim())) {
    try {
      return await organizations.get(value.trim(), options);
    } catch (error) {
      // Not an id after all: it may still be a name or a short name made of digits.
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  const all: Organization[] = [];
  for await (const organization of organizations.list({}, options)) all.push(organization);
  return resolveOrganizationIn(all, value);
}
