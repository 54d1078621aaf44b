/** The shapes the contact planner's modules share: what it reads, what it is told, what it builds. */
import type { Contact } from '../../spec/models.js';
import type { ProblemList } from '../engine/input-errors.js';
import type { PlanAction, SourceRef } from '../engine/plan.js';

/** What the planner reads from a source row (the sources' ContactSourceRow satisfies it). */
export interface ContactRow {
  source: SourceRef;
  firstName?: string | undefined;
  lastName?: string | undefined;
  displayName?: string | undefined;
  emails: string[];
  title?: string | undefined;
  phone?: string | undefined;
  mobile?: string | undefined;
  contactType?: string | undefined;
  active?: boolean | undefined;
  /** Whether the source lists a licence (undefined: it does not say), for --licensed-only. */
  licensed?: boolean | undefined;
  /** The person's groups, for `--exclude group:NAME`. */
  groups?: string[] | undefined;
  skip?: { reason: string } | undefined;
}

/** The last deactivation gluekit applied to a contact, from the journal. */
export interface GluekitDeactivation {
  /** The contact type it gave the contact. */
  contactTypeId: string;
  /** The contact's type and notes before, and the notes it wrote. */
  before: { contactTypeId: string | null; notes: string | null };
  notesWritten: string | null;
  /** When it was applied (ISO time), for the plan's reason. */
  at: string;
}

export interface ContactTarget {
  organizationId: string;
  contacts: Contact[];
  /** Contacts this source created or matched in earlier runs (from the journal). */
  owned: ReadonlySet<string>;
  /** Contacts gluekit deactivated (any source, any run), by id: re-activated when active again. */
  deactivated?: ReadonlyMap<string, GluekitDeactivation> | undefined;
}

export interface ContactPlanOptions {
  matchName: boolean;
  deactivateMissing: boolean;
  deactivateUnowned: boolean;
  /** The contact type that marks a departed contact (IT Glue contacts have no archive flag). */
  deactivateType?: { id: string; name: string } | undefined;
  /** Contact type names → ids, for a `contact_type` column. */
  contactTypes: ReadonlyMap<string, string>;
  /** Most deactivations allowed per organization: a count, or a fraction of its contacts. */
  maxDeactivate?: { count?: number; fraction?: number } | undefined;
  /** For the dated note a deactivation leaves. */
  today: string;
  sourceName: string;
}

export const DEFAULT_MAX_DEACTIVATE_FRACTION = 0.2;

export interface ContactPlanInput {
  organizationId: string;
  rows: ContactRow[];
  target: ContactTarget;
}

/** What planning one organization carries from row to row. */
export interface OrganizationPlan {
  input: ContactPlanInput;
  options: ContactPlanOptions;
  problems: ProblemList;
  indexes: ContactIndexes;
  /** Normalized email → the line that claimed it first. */
  claimed: Map<string, number>;
  /** Contacts a row names (matched, or skipped on purpose): never "missing from the source". */
  matched: Set<string>;
  actions: PlanAction[];
  deactivations: PlanAction[];
}

export interface ContactIndexes {
  byEmail: Map<string, Contact[]>;
  byName: Map<string, Contact[]>;
}

/** An action's place: resource, organization, key, source line (and the record, when matched). */
export type ActionAt = Omit<PlanAction, 'action' | 'reason'>;
