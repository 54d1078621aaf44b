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

import { normalizeOtp, normalizePasswordName } from '../../normalize/keys.js';
import type { Password } from '../../spec/models.js';
import { ChangeSet } from '../engine/changes.js';
import type { Fingerprinter } from '../engine/fingerprint-key.js';
import type { FieldChange, PlanAction, SourceRef } from '../engine/plan.js';
import { SECRET_CHANGED } from '../engine/plan.js';

/** Options by key, as reasons name them (each surface says them its way: src/core/words.ts). */
const COMPARE_VALUES = '`compareValues`';
const EMBED_ON = '`embedOn`';

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

/** What planning one organization carries from row to row. */
interface OrganizationPlan {
  organizationId: string;
  target: PasswordTarget;
  options: PasswordPlanOptions;
  /** Password key → the passwords that answer to it. */
  index: Map<string, Password[]>;
  result: PasswordPlanResult;
  /** Key → the line that had it first. */
  seen: Map<string, number>;
  /** Passwords a row matched: never "missing from the source". */
  matched: Set<string>;
}

type ActionAt = Omit<PlanAction, 'action' | 'reason'>;

/** The secrets one row carries into its write, and their fingerprints for the plan. */
class RowSecrets {
  readonly values: Record<string, string> = {};
  readonly fingerprints: Record<string, string> = {};
  constructor(private readonly fingerprint: Fingerprinter) {}
  carry(field: 'password' | 'otpSecret', value: string): void {
    this.values[field] = value;
    this.fingerprints[field] = this.fingerprint(value);
  }
  get isEmpty(): boolean {
    return Object.keys(this.values).length === 0;
  }
}

export function planPasswordsForOrganization(
  organizationId: string,
  placed: readonly PlacedRow[],
  target: PasswordTarget,
  options: PasswordPlanOptions,
): PasswordPlanResult {
  const index = new Map<string, Password[]>();
  for (const password of target.passwords) {
    const key = passwordRecordKey(password);
    index.set(key, [...(index.get(key) ?? []), password]);
  }
  const plan: OrganizationPlan = {
    organizationId,
    target,
    options,
    index,
    result: { actions: [], warnings: [], valueUnknown: [], secrets: new Map() },
    seen: new Map(),
    matched: new Set(),
  };
  for (const row of placed) planRow(plan, row);
  if (options.archiveMissing) planMissingPasswords(plan, placed);
  return plan.result;
}

function planRow(plan: OrganizationPlan, { row, embed, unplaced, categoryId }: PlacedRow): void {
  const { result } = plan;
  const scope = embed ? scopeKey(embed.resourceType, embed.resourceId) : 'general';
  const key = passwordKey(scope, row.name);
  const at = { resource: 'passwords' as const, organizationId: plan.organizationId, key, source: row.source };
  if (row.skip) {
    result.actions.push({ ...at, action: 'skip', reason: row.skip.reason });
    return;
  }
  if (unplaced) {
    result.actions.push({ ...at, action: 'skip', reason: unplaced });
    return;
  }
  const earlier = plan.seen.get(key);
  if (earlier !== undefined) {
    result.actions.push({
      ...at,
      action: 'skip',
      reason: `duplicate in input: line ${row.source.line} has the same name and place as line ${earlier}`,
    });
    return;
  }
  plan.seen.set(key, row.source.line);

  const otp = row.otp ? normalizeOtp(row.otp) : undefined;
  if (otp?.problem)
    result.warnings.push({
      source: row.source,
      message: `${row.name}: the OTP secret is not usable (${otp.problem}); written without OTP`,
    });
  const candidates = plan.index.get(key) ?? [];
  if (candidates.length > 1) {
    result.actions.push({
      ...at,
      action: 'conflict',
      reason: `${candidates.length} passwords already have this name here (${candidates.map((p) => p.id).join(', ')})`,
    });
    return;
  }
  const existing = candidates[0];
  const wanted = { row, embed, categoryId, otpSecret: otp?.secret };
  if (existing) {
    planMatchedPassword(plan, at, existing, wanted);
    return;
  }
  const embeddedTwin = embed ? [] : embeddedWithName(plan, row.name);
  if (embeddedTwin.length > 0) {
    // A general record beside an embedded one of the same name is almost always a duplicate of it.
    const where = embeddedTwin.map((p) => `${p.id} on ${describeOwner(p)}`).join(', ');
    result.actions.push({
      ...at,
      action: 'skip',
      reason: `already exists embedded (password ${where}); not created as a general password beside it: ${EMBED_ON} <hostname|serial|name> matches it on its configuration`,
    });
    return;
  }
  planNewPassword(plan, at, wanted);
}

/** Passwords embedded in a record (not general) whose name matches, in this organization. */
function embeddedWithName(plan: OrganizationPlan, name: string): Password[] {
  const wanted = normalizePasswordName(name) ?? '';
  return plan.target.passwords.filter(
    (p) =>
      scopeKey(p.resourceType, p.resourceId) !== 'general' &&
      (normalizePasswordName(p.name) ?? '') === wanted,
  );
}

function describeOwner(password: Password): string {
  const type = (password.resourceType ?? 'record').replace(/s$/, '').toLowerCase();
  return `${type} ${password.resourceId ?? '?'}`;
}

/** A placed row with its usable OTP secret. */
interface WantedPassword {
  row: VaultRow;
  embed: PlacedRow['embed'];
  categoryId: string | undefined;
  otpSecret: string | undefined;
}

function planNewPassword(plan: OrganizationPlan, at: ActionAt, wanted: WantedPassword): void {
  const { row, embed, categoryId } = wanted;
  if (row.password === undefined || row.password === '') {
    plan.result.actions.push({
      ...at,
      action: 'skip',
      reason: 'no password value: IT Glue cannot create a password without one',
    });
    return;
  }
  const secrets = new RowSecrets(plan.options.fingerprint);
  secrets.carry('password', row.password);
  if (wanted.otpSecret) secrets.carry('otpSecret', wanted.otpSecret);
  const notes = desiredNotes(row);
  const attributes: Record<string, unknown> = { organizationId: plan.organizationId, name: row.name.trim() };
  if (row.username) attributes.username = row.username;
  if (row.url) attributes.url = row.url;
  if (notes) attributes.notes = notes;
  if (categoryId) attributes.passwordCategoryId = categoryId;
  if (embed) Object.assign(attributes, { resourceType: embed.resourceType, resourceId: embed.resourceId });
  const changes: Record<string, FieldChange> = { password: { from: null, to: SECRET_CHANGED } };
  if (secrets.values.otpSecret) changes.otpSecret = { from: null, to: SECRET_CHANGED };
  plan.result.actions.push({
    ...at,
    action: 'create',
    reason: embed ? `not in IT Glue (embedded in ${embed.label})` : 'not in IT Glue',
    attributes,
    changes,
    secrets: secrets.fingerprints,
  });
  plan.result.secrets.set(sourceId(row.source), secrets.values);
}

function planMatchedPassword(
  plan: OrganizationPlan,
  at: ActionAt,
  existing: Password,
  wanted: WantedPassword,
): void {
  const { result } = plan;
  const { row, categoryId } = wanted;
  plan.matched.add(existing.id);
  const onRecord = { ...at, id: existing.id, precondition: { updatedAt: existing.updatedAt } };
  if (existing.archived) {
    result.actions.push({
      ...onRecord,
      action: 'skip',
      reason: `matches archived password ${existing.id}: not re-created or un-archived (un-archive it in IT Glue to mirror it again)`,
    });
    return;
  }
  const update = new ChangeSet();
  update.setIfChanged('username', existing.username, row.username, 'exact');
  update.setIfChanged('url', existing.url, row.url, 'exact');
  update.setIfChanged('notes', existing.notes, desiredNotes(row), 'exact');
  if (categoryId && existing.passwordCategoryId !== categoryId)
    update.set('passwordCategoryId', existing.passwordCategoryId, categoryId);
  const secrets = new RowSecrets(plan.options.fingerprint);
  planSecretChanges(plan, existing, wanted, update, secrets);
  const notCompared = result.valueUnknown.includes(existing.id);
  const unknown = notCompared
    ? `value not compared (not written by gluekit and the source has no modification time: ${COMPARE_VALUES} fetches it, one request)`
    : '';
  if (update.isEmpty) {
    // Not "unchanged": a value rotated in the vault would never reach IT Glue.
    if (notCompared) result.actions.push({ ...onRecord, action: 'skip', reason: unknown, notCompared: true });
    else result.actions.push({ ...onRecord, action: 'unchanged', reason: 'matches the source' });
    return;
  }
  if (!secrets.isEmpty) result.secrets.set(sourceId(row.source), secrets.values);
  result.actions.push({
    ...onRecord,
    action: 'update',
    reason: notCompared ? `differs from the source; ${unknown}` : 'differs from the source',
    ...(notCompared ? { notCompared: true } : {}),
    changes: update.changes,
    attributes: update.attributes,
    ...(Object.keys(secrets.fingerprints).length > 0 ? { secrets: secrets.fingerprints } : {}),
  });
}

/**
 * Whether the value changed, without a request when possible: the fingerprint of what gluekit
 * last wrote, a value fetched with --compare-values, then the source's modification date.
 * Secret changes go in `changes` (as SECRET_CHANGED) but never in the attributes.
 */
function planSecretChanges(
  plan: OrganizationPlan,
  existing: Password,
  wanted: WantedPassword,
  update: ChangeSet,
  secrets: RowSecrets,
): void {
  const { target, options, result } = plan;
  const { row, otpSecret } = wanted;
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
      secrets.carry('password', row.password);
      update.changes.password = { from: SECRET_CHANGED, to: SECRET_CHANGED };
    }
  }
  if (otpSecret) {
    const stored = target.fingerprints.get(`${existing.id} otpSecret`);
    if (!existing.otpEnabled || (stored !== undefined && stored !== options.fingerprint(otpSecret))) {
      secrets.carry('otpSecret', otpSecret);
      update.changes.otpSecret = { from: existing.otpEnabled ? SECRET_CHANGED : null, to: SECRET_CHANGED };
    }
  }
}

/** With --archive-missing: owned passwords no row matched are archived; never on an empty source. */
function planMissingPasswords(plan: OrganizationPlan, placed: readonly PlacedRow[]): void {
  const base = { resource: 'passwords' as const, organizationId: plan.organizationId };
  if (placed.filter((p) => !p.row.skip).length === 0) {
    plan.result.actions.push({
      ...base,
      key: `organization:${plan.organizationId}`,
      action: 'skip',
      reason: 'no entries in the source for this organization: nothing is archived',
    });
    return;
  }
  for (const password of plan.target.passwords) {
    if (plan.matched.has(password.id) || password.archived) continue;
    if (!plan.target.owned.has(password.id)) continue; // not ours: never touched, not even reported row by row
    plan.result.actions.push({
      ...base,
      key: passwordRecordKey(password),
      id: password.id,
      precondition: { updatedAt: password.updatedAt },
      action: 'deactivate',
      reason: 'missing from the source: archived (never deleted)',
      changes: { archived: { from: password.archived ?? false, to: true } },
      attributes: { archived: true },
      expect: { archived: true },
    });
  }
}
