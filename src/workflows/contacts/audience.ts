/**
 * Who is synced. Rows the source marks as not people (guests, shared and room mailboxes) come
 * with a skip reason already; `--exclude` and `--licensed-only` skip more, and tenant-internal
 * addresses are dropped from the rest. Skipped people stay in the plan as `skip` (never
 * "missing from the source", so never deactivated for it), and one plan note counts them.
 */
import type { ProblemList } from '../engine/input-errors.js';
import type { ContactRow } from './plan-types.js';

/** One `--exclude` value: `domain:contoso.com` (or `@contoso.com`), `group:Sales`, or a UPN pattern. */
interface Exclusion {
  text: string;
  matches(row: ContactRow): boolean;
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** `*` any run of characters, `?` one; a pattern without `@` is matched against the part before it. */
function globMatcher(pattern: string): (email: string) => boolean {
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`, 'i');
  const local = !pattern.includes('@');
  return (email) => regex.test(local ? email.slice(0, email.lastIndexOf('@')) : email);
}

export function parseExclusion(text: string, problems: ProblemList): Exclusion | undefined {
  const value = text.trim();
  const [, kind, rest] = /^(domain|group):(.*)$/i.exec(value) ?? [];
  const domain = kind?.toLowerCase() === 'domain' ? rest : value.startsWith('@') ? value.slice(1) : undefined;
  const argument = (domain ?? (kind ? rest : value))?.trim().toLowerCase();
  if (!argument) {
    problems.add({
      option: 'exclude',
      message: `"${text}" names nothing to exclude`,
      fix: 'Write domain:contoso.com, group:"Shared mailboxes", or a UPN pattern like svc-*@contoso.com.',
    });
    return undefined;
  }
  if (domain !== undefined)
    return { text: value, matches: (row) => row.emails.some((email) => domainOf(email) === argument) };
  if (kind)
    return {
      text: value,
      matches: (row) => (row.groups ?? []).some((group) => group.trim().toLowerCase() === argument),
    };
  const matches = globMatcher(argument);
  return { text: value, matches: (row) => row.emails.some((email) => matches(email.trim())) };
}

export interface AudienceOptions {
  exclude?: readonly string[] | undefined;
  licensedOnly?: boolean | undefined;
  includeOnmicrosoft?: boolean | undefined;
}

/**
 * A Microsoft 365 tenant's internal address (`user@contoso.onmicrosoft.com`): mail routing, not
 * an address anyone writes to, so it is no contact email. Matching on it would not help either:
 * IT Glue never holds it unless a sync put it there.
 */
export function isTenantInternal(email: string): boolean {
  return /@(?:[^@]+\.)?onmicrosoft\.com$/i.test(email.trim());
}

/** The rows to plan (excluded ones turned into skips) and the plan notes on who is not synced. */
export function chooseAudience<Row extends ContactRow>(
  rows: readonly Row[],
  options: AudienceOptions,
  problems: ProblemList,
): { rows: Row[]; notes: string[] } {
  const exclusions = (options.exclude ?? []).flatMap((text) => parseExclusion(text, problems) ?? []);
  checkTheSourceSays(rows, options, exclusions, problems);
  const counts = new Map<string, number>();
  const count = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);
  let tenantInternal = 0;
  const chosen = rows.map((row): Row => {
    if (row.skip) {
      count(notSyncedKind(row.skip.reason));
      return row;
    }
    const excludedBy = exclusions.find((exclusion) => exclusion.matches(row));
    const reason = excludedBy
      ? `excluded by \`exclude\` ${excludedBy.text}`
      : options.licensedOnly && row.licensed !== true
        ? `${row.licensed === false ? 'unlicensed' : 'no licence listed'} (\`licensedOnly\`)`
        : undefined;
    if (reason) {
      count(excludedBy ? 'excluded by `exclude`' : 'not licensed (`licensedOnly`)');
      return { ...row, skip: { reason } };
    }
    if (options.includeOnmicrosoft) return row;
    const emails = row.emails.filter((email) => !isTenantInternal(email));
    tenantInternal += row.emails.length - emails.length;
    return emails.length === row.emails.length ? row : { ...row, emails };
  });
  const notes: string[] = [];
  if (counts.size > 0) {
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    const parts = [...counts].map(([what, n]) => `${n} ${what}`).join(', ');
    notes.push(
      `${total} not synced: ${parts}. They are listed as skip and never deactivated as missing from the source.`,
    );
  }
  if (tenantInternal > 0)
    notes.push(
      `${tenantInternal} tenant-internal address(es) (*.onmicrosoft.com) left out of contact emails; \`includeOnmicrosoft\` keeps them.`,
    );
  return { rows: chosen, notes };
}

/** The sources' skip reasons, grouped for the count. */
function notSyncedKind(reason: string): string {
  if (/^guest/.test(reason)) return 'guest account(s)';
  if (/mailbox/.test(reason)) return 'shared, room or resource mailbox(es)';
  return 'not a person';
}

/** --licensed-only and group: exclusions need a source that says so; otherwise they would skip everyone or no one. */
function checkTheSourceSays(
  rows: readonly ContactRow[],
  options: AudienceOptions,
  exclusions: readonly Exclusion[],
  problems: ProblemList,
): void {
  if (options.licensedOnly && rows.every((row) => row.licensed === undefined)) {
    problems.add({
      option: 'licensedOnly',
      message: 'the source does not say who is licensed (no "Licenses", "licensed" or assignedLicenses)',
      fix: 'Use the Microsoft 365 "Export users" CSV or Graph users with assignedLicenses, or add a licensed column.',
    });
  }
  const groups = exclusions.filter((exclusion) => /^group:/i.test(exclusion.text));
  if (groups.length > 0 && rows.every((row) => row.groups === undefined)) {
    problems.add({
      option: 'exclude',
      message: `${groups.map((g) => g.text).join(', ')}: the source has no groups (no "groups" column or memberOf)`,
      fix: 'Add a groups column (;-separated group names), or exclude by domain or UPN pattern.',
    });
  }
}
