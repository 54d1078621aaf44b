/**
 * `contacts dupes`: contacts that are probably the same person.
 *
 * - By email: contacts sharing a normalized email (any of their emails, not only the primary),
 *   linked transitively: A and B share one address, B and C another, so A, B and C are one group.
 *   Normalized means trimmed, NFC and lower-cased; `+tags` and dots are kept, since providers
 *   differ on whether they mean the same mailbox.
 * - By name, reported separately (a weaker signal): the same normalized full name. A name group
 *   whose members are already one email group adds nothing and is left out.
 *
 * Within each organization by default (the same name at two clients is usually two people);
 * `acrossOrganizations` compares the whole fleet.
 */
import { foldEmailLeniently, foldNameLeniently } from '../../normalize/keys.js';
import type { MirrorStore } from '../store.js';
import { organizationName, organizationsById, parseData, type RecordRow, stringOrNull } from './common.js';

export interface DuplicateContactOptions {
  /** Only groups with a member in this organization. */
  organizationId?: string | undefined;
  acrossOrganizations?: boolean | undefined;
}

export interface DuplicateMember {
  id: string;
  name: string | null;
  title: string | null;
  emails: string[];
  organizationId: string | null;
  organizationName: string | null;
}

export interface DuplicateGroup {
  matchedOn: 'email' | 'name';
  /** The shared normalized emails, or the shared normalized name. */
  keys: string[];
  /** For email groups: whether the members also share a name. */
  sameName: boolean;
  members: DuplicateMember[];
}

/** Union-find over indexes, with path halving. */
class DisjointSets {
  readonly #parent: number[];
  constructor(size: number) {
    this.#parent = Array.from({ length: size }, (_, index) => index);
  }
  find(index: number): number {
    let at = index;
    while (this.#parent[at] !== at) {
      const parent = this.#parent[at] as number;
      this.#parent[at] = this.#parent[parent] as number;
      at = parent;
    }
    return at;
  }
  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.#parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  }
}

interface Candidate {
  member: DuplicateMember;
  scope: string;
  emailKeys: string[];
  nameKey: string | null;
}

export function duplicateContacts(
  store: MirrorStore,
  options: DuplicateContactOptions = {},
): DuplicateGroup[] {
  const organizations = organizationsById(store);
  const rows = store.db
    .prepare<[], RecordRow>(
      "SELECT * FROM records WHERE type = 'contacts' AND deleted_at IS NULL ORDER BY length(id), id",
    )
    .all();
  const candidates: Candidate[] = rows.map((row) => {
    const record = parseData(row);
    const emails = Array.isArray(record.contactEmails)
      ? (record.contactEmails as Array<{ value?: unknown }>)
          .map((entry) => stringOrNull(entry?.value))
          .filter((v): v is string => v !== null)
      : [];
    return {
      member: {
        id: row.id,
        name: row.name,
        title: stringOrNull(record.title),
        emails,
        organizationId: row.organization_id,
        organizationName: organizationName(organizations, row.organization_id, record),
      },
      scope: options.acrossOrganizations ? '' : (row.organization_id ?? ''),
      emailKeys: [...new Set(emails.map(foldEmailLeniently).filter(Boolean))],
      nameKey: row.name && foldNameLeniently(row.name) !== '' ? foldNameLeniently(row.name) : null,
    };
  });

  const sets = new DisjointSets(candidates.length);
  const firstWithEmail = new Map<string, number>();
  candidates.forEach((candidate, index) => {
    for (const email of candidate.emailKeys) {
      const key = `${candidate.scope}\u0000${email}`;
      const first = firstWithEmail.get(key);
      if (first === undefined) firstWithEmail.set(key, index);
      else sets.union(first, index);
    }
  });
  const emailGroups = new Map<number, number[]>();
  candidates.forEach((_, index) => {
    const root = sets.find(index);
    const members = emailGroups.get(root);
    if (members) members.push(index);
    else emailGroups.set(root, [index]);
  });

  const groups: DuplicateGroup[] = [];
  const emailGroupOf = new Map<number, number>();
  for (const [root, members] of emailGroups) {
    if (members.length < 2) continue;
    for (const index of members) emailGroupOf.set(index, root);
    const counts = new Map<string, number>();
    for (const index of members)
      for (const email of (candidates[index] as Candidate).emailKeys)
        counts.set(email, (counts.get(email) ?? 0) + 1);
    const names = new Set(members.map((index) => (candidates[index] as Candidate).nameKey));
    groups.push({
      matchedOn: 'email',
      keys: [...counts]
        .filter(([, count]) => count > 1)
        .map(([email]) => email)
        .sort(),
      sameName: names.size === 1 && !names.has(null),
      members: members.map((index) => (candidates[index] as Candidate).member),
    });
  }

  const byName = new Map<string, number[]>();
  candidates.forEach((candidate, index) => {
    if (candidate.nameKey === null) return;
    const key = `${candidate.scope}\u0000${candidate.nameKey}`;
    const members = byName.get(key);
    if (members) members.push(index);
    else byName.set(key, [index]);
  });
  for (const members of byName.values()) {
    if (members.length < 2) continue;
    const emailRoot = emailGroupOf.get(members[0] as number);
    if (emailRoot !== undefined && members.every((index) => emailGroupOf.get(index) === emailRoot)) continue;
    groups.push({
      matchedOn: 'name',
      keys: [(candidates[members[0] as number] as Candidate).nameKey as string],
      sameName: true,
      members: members.map((index) => (candidates[index] as Candidate).member),
    });
  }

  const wanted = options.organizationId;
  return groups
    .filter(
      (group) => wanted === undefined || group.members.some((member) => member.organizationId === wanted),
    )
    .sort(
      (a, b) =>
        (a.matchedOn === b.matchedOn ? 0 : a.matchedOn === 'email' ? -1 : 1) ||
        b.members.length - a.members.length ||
        (a.members[0]?.organizationName ?? '').localeCompare(b.members[0]?.organizationName ?? '') ||
        (a.keys[0] ?? '').localeCompare(b.keys[0] ?? ''),
    );
}
