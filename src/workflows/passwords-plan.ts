/**
 * Password mirroring, the planning half (pure). A password is matched inside its scope, the
 * organization plus "general" or the record it is embedded in: an embedded "Local Admin" never
 * matches a general one. Names compare trimmed, with NBSP as a space, whitespace collapsed, NFC
 * and case-insensitively; the original is what is written.
 *
 * Values are never in the plan. Whether a value changed is decided without a request when
 * possible: the HMAC fingerprint of the value gluekit last wrote, then the source's
 * last-modified time against IT Glue's password-updated-at; only values still unknown are
 * fetched, and only with --compare-values (the driver does that, then plans again).
 */

import { normalizeOtp, normalizePasswordName } from '../sources/normalize.js';
import type { Password } from '../spec/models.js';
import type { Fingerprinter } from './fingerprint-key.js';
import type { FieldChange, PlanAction, SourceRef } from './plan.js';
import { SECRET_CHANGED } from './plan.js';

/** What the planner reads from a vault entry (the vault readers' VaultEntry satisfies it). */
export interface VaultRow {
  source: SourceRef;
  name: string;
  username?: string | undefined;
  password?: string | undefined;
  url?: string | undefined;
  otherUrls?: string[] | undefined;
  notes?: string | undefined;
  otp?: string | undefined;
  modifiedAt?: string | undefined;
  skip?: { reason: string } | undefined;
}

/** Where a row goes, decided by the driver: its organization, embedding and category. */
export interface PlacedRow {
  row: VaultRow;
  organizationId: string;
  /** Embedded in a record (`Configuration` + id), or general when undefined. */
  embed?: { resourceType: string; resourceId: string; label: string } | undefined;
  /** A reason the row cannot be placed (an embedding that did not resolve). */
  unplaced?: string | undefined;
  categoryId?: string | undefined;
}

export interface PasswordTarget {
  passwords: Password[];
  owned: ReadonlySet<string>;
  /** `"<password id> password"` → HMAC of the value gluekit last wrote. */
  fingerprints: ReadonlyMap<string, string>;
  /** Values fetched with --compare-values, by password id. */
  knownValues: ReadonlyMap<string, string>;
}

export interface PasswordPlanOptions {
  fingerprint: Fingerprinter;
  archiveMissing: boolean;
}

export interface PasswordPlanResult {
  actions: PlanAction[];
  warnings: Array<{ source?: SourceRef; message: string }>;
  /** Matched passwords whose value could not be compared without fetching it. */
  valueUnknown: string[];
  /** Secrets for the writes, by `file:line`: kept in memory, never in the plan. */
  secrets: Map<string, Record<string, string>>;
}

export function scopeKey(
  resourceType: string | null | undefined,
  resourceId: string | null | undefined,
): string {
  if (!resourceType || !resourceId) return 'general';
  // IT Glue writes `Configuration` and may read back `configurations`: compare one spelling.
  const type = resourceType
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/s$/, '');
  return `${type}:${resourceId}`;
}

export function passwordKey(scope: string, name: string): string {
  return `password:${scope}:${normalizePasswordName(name) ?? ''}`;
}

export function passwordRecordKey(password: Pick<Password, 'resourceType' | 'resourceId' | 'name'>): string {
  return passwordKey(scopeKey(password.resourceType, password.resourceId), password.name);
}

export const sourceId = (source: SourceRef) => `${source.file}:${source.line}`;

/** The notes a row should leave: its notes, then any extra URLs (IT Glue has one URL field). */
function desiredNotes(row: VaultRow): string | undefined {
  const extra = row.otherUrls?.filter((url) => url.trim()) ?? [];
  const notes = row.notes ?? '';
  if (extra.length === 0) return row.notes;
  return `${notes}${notes ? '\n\n' : ''}Other URLs:\n${extra.join('\n')}`;
}

function isNewer(source: string | undefined, target: string | null): boolean | undefined {
  if (!source || !target) return undefined;
  const a = Date.parse(source);
  const b = Date.parse(target);
  if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
  return a > b;
}

export function planPasswordsForOrganization(
  organizationId: string,
  placed: readonly PlacedRow[],
  target: PasswordTarget,
  options: PasswordPlanOptions,
): PasswordPlanResult {
  const result: PasswordPlanResult = { actions: [], warnings: [], valueUnknown: [], secrets: new Map() };
  const index = new Map<string, Password[]>();
  for (const password of target.passwords) {
    const key = passwordRecordKey(password);
    index.set(key, [...(index.get(key) ?? []), password]);
  }
  const seen = new Map<string, number>();
  const matched = new Set<string>();
  const base = { resource: 'passwords' as const, organizationId };

  for (const { row, embed, unplaced, categoryId } of placed) {
    const scope = embed ? scopeKey(embed.resourceType, embed.resourceId) : 'general';
    const key = passwordKey(scope, row.name);
    const at = { ...base, key, source: row.source };
    if (row.skip) {
      result.actions.push({ ...at, action: 'skip', reason: row.skip.reason });
      continue;
    }
    if (unplaced) {
      result.actions.push({ ...at, action: 'skip', reason: unplaced });
      continue;
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      result.actions.push({
        ...at,
        action: 'skip',
        reason: `duplicate in input: line ${row.source.line} has the same name and place as line ${earlier}`,
      });
      continue;
    }
    seen.set(key, row.source.line);

    const otp = row.otp ? normalizeOtp(row.otp) : undefined;
    if (otp?.problem)
      result.warnings.push({
        source: row.source,
        message: `${row.name}: the OTP secret is not usable (${otp.problem}); written without OTP`,
      });
    const secrets: Record<string, string> = {};
    const secretFingerprints: Record<string, string> = {};
    const carry = (field: 'password' | 'otpSecret', value: string) => {
      secrets[field] = value;
      secretFingerprints[field] = options.fingerprint(value);
    };
    const notes = desiredNotes(row);
    const candidates = index.get(key) ?? [];
    if (candidates.length > 1) {
      result.actions.push({
        ...at,
        action: 'conflict',
        reason: `${candidates.length} passwords already have this name here (${candidates.map((p) => p.id).join(', ')})`,
      });
      continue;
    }
    const existing = candidates[0];

    if (!existing) {
      if (row.password === undefined || row.password === '') {
        result.actions.push({
          ...at,
          action: 'skip',
          reason: 'no password value: IT Glue cannot create a password without one',
        });
        continue;
      }
      carry('password', row.password);
      if (otp?.secret) carry('otpSecret', otp.secret);
      const attributes: Record<string, unknown> = { organizationId, name: row.name.trim() };
      if (row.username) attributes.username = row.username;
      if (row.url) attributes.url = row.url;
      if (notes) attributes.notes = notes;
      if (categoryId) attributes.passwordCategoryId = categoryId;
      if (embed)
        Object.assign(attributes, { resourceType: embed.resourceType, resourceId: embed.resourceId });
      const changes: Record<string, FieldChange> = { password: { from: null, to: SECRET_CHANGED } };
      if (secrets.otpSecret) changes.otpSecret = { from: null, to: SECRET_CHANGED };
      result.actions.push({
        ...at,
        action: 'create',
        reason: embed ? `not in IT Glue (embedded in ${embed.label})` : 'not in IT Glue',
        attributes,
        changes,
        secrets: secretFingerprints,
      });
      result.secrets.set(sourceId(row.source), secrets);
      continue;
    }

    matched.add(existing.id);
    const onRecord = { ...at, id: existing.id, precondition: { updatedAt: existing.updatedAt } };
    const changes: Record<string, FieldChange> = {};
    const attributes: Record<string, unknown> = {};
    const set = (field: keyof Password & string, to: string | undefined) => {
      if (to === undefined || to === '') return; // never blank a field
      if ((existing[field] ?? '') === to) return;
      changes[field] = { from: existing[field] ?? null, to };
      attributes[field] = to;
    };
    set('username', row.username);
    set('url', row.url);
    set('notes', notes);
    if (categoryId && existing.passwordCategoryId !== categoryId) {
      changes.passwordCategoryId = { from: existing.passwordCategoryId, to: categoryId };
      attributes.passwordCategoryId = categoryId;
    }
    if (row.password !== undefined && row.password !== '') {
      const stored = target.fingerprints.get(`${existing.id} password`);
      const fetched = target.knownValues.get(existing.id);
      let changed: boolean | undefined;
      if (stored !== undefined && stored === options.fingerprint(row.password)) changed = false;
      else if (fetched !== undefined) changed = fetched !== row.password;
      else if (stored !== undefined)
        changed = true; // we wrote another value: the source changed it
      else changed = isNewer(row.modifiedAt, existing.passwordUpdatedAt);
      if (changed === undefined) result.valueUnknown.push(existing.id);
      if (changed) {
        carry('password', row.password);
        changes.password = { from: SECRET_CHANGED, to: SECRET_CHANGED };
      }
    }
    if (otp?.secret) {
      const stored = target.fingerprints.get(`${existing.id} otpSecret`);
      if (!existing.otpEnabled || (stored !== undefined && stored !== options.fingerprint(otp.secret))) {
        carry('otpSecret', otp.secret);
        changes.otpSecret = { from: existing.otpEnabled ? SECRET_CHANGED : null, to: SECRET_CHANGED };
      }
    }
    if (Object.keys(changes).length === 0) {
      const unknown = result.valueUnknown.includes(existing.id)
        ? '; value not compared (no fingerprint or date: --compare-values checks it)'
        : '';
      result.actions.push({ ...onRecord, action: 'unchanged', reason: `matches the source${unknown}` });
      continue;
    }
    if (Object.keys(secrets).length > 0) result.secrets.set(sourceId(row.source), secrets);
    result.actions.push({
      ...onRecord,
      action: 'update',
      reason: 'differs from the source',
      changes,
      attributes,
      ...(Object.keys(secretFingerprints).length > 0 ? { secrets: secretFingerprints } : {}),
    });
  }

  if (options.archiveMissing) {
    if (placed.filter((p) => !p.row.skip).length === 0) {
      result.actions.push({
        ...base,
        key: `organization:${organizationId}`,
        action: 'skip',
        reason: 'no entries in the source for this organization: nothing is archived',
      });
    } else {
      for (const password of target.passwords) {
        if (matched.has(password.id) || password.archived) continue;
        const at = {
          ...base,
          key: passwordRecordKey(password),
          id: password.id,
          precondition: { updatedAt: password.updatedAt },
        };
        if (!target.owned.has(password.id)) continue; // not ours: never touched, not even reported row by row
        result.actions.push({
          ...at,
          action: 'deactivate',
          reason: 'missing from the source: archived (never deleted)',
          changes: { archived: { from: password.archived ?? false, to: true } },
          attributes: { archived: true },
          expect: { archived: true },
        });
      }
    }
  }
  return result;
}
