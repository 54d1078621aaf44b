/**
 * The workflow runtime: what a data directory holds for the workflows (the journal, the
 * fingerprint key) and the one registry of writers, behind the entries every surface calls: plan
 * (one per workflow), apply, recover and undo. The CLI and the MCP server open a workspace and
 * call it; neither assembles a journal path, a key or an executor itself, so both run a plan the
 * same way and see each other's runs in the same data directory.
 *
 * It lives beside the WORKFLOWS table rather than in engine/: the engine knows no workflow (an
 * executor is handed to it), the workspace is where the engine meets the four workflow folders.
 */
import { join } from 'node:path';
import type { GlueKit } from '../client.js';
// Each workflow through its folder's index, so a folder may rearrange its files freely.
import {
  type ConfigurationImportOptions,
  type ConfigurationSourceInput,
  configurationExecutor,
  planConfigurationImport,
} from './configurations/index.js';
import {
  type ContactSourceInput,
  type ContactSyncOptions,
  contactExecutor,
  planContactSync,
} from './contacts/index.js';
import {
  documentExecutor,
  type OnboardingOptions,
  type OnboardingTemplate,
  planOnboarding,
} from './documents/index.js';
import { type ApplyResult, applyPlan } from './engine/apply.js';
import type { Executors } from './engine/executor.js';
import { type Fingerprinter, fingerprinter, loadFingerprintKey } from './engine/fingerprint-key.js';
import { Journal } from './engine/journal.js';
import { matchCount, type Plan, type PlanTarget, planTarget, writeCount } from './engine/plan.js';
import { type RecoveredWrite, recoverInterruptedRuns } from './engine/recovery.js';
import { planUndo, type UndoOptions } from './engine/undo.js';
import {
  type PasswordMirrorOptions,
  type PasswordMirrorPlan,
  passwordExecutor,
  planPasswordMirror,
  type SecretLookup,
  type VaultSourceInput,
} from './passwords/index.js';

/** The files a workspace keeps in its data directory. */
export const JOURNAL_FILE = 'journal.sqlite';
export const FINGERPRINT_KEY_FILE = 'fingerprint.key';

/** No secrets known: a saved plan of another workflow, or an undo (secrets are never restored). */
const NO_SECRETS: SecretLookup = () => ({});

export interface WorkspaceApplyOptions {
  /**
   * Re-read the records the plan touches and refuse those changed since it was made: for a saved
   * plan, or one made a while ago (MCP). A plan made from a read a moment ago skips it.
   */
  checkPreconditions: boolean;
  /** Skip conflicting actions (and records changed since the plan) instead of refusing the plan. */
  allowConflicts?: boolean | undefined;
  /** Password values for the plan's writes (held in memory by whoever made or re-read the plan). */
  secrets?: SecretLookup | undefined;
  /** Asked before the first write, only when the plan writes; false leaves IT Glue untouched. */
  approve?: ((plan: Plan) => Promise<boolean>) | undefined;
  /** Stops the writes: those in flight finish and are journaled, the rest are not sent. */
  signal?: AbortSignal | undefined;
  /**
   * For a caller that arms its stop signal only while writing (the CLI's first Ctrl-C): runs the
   * writes with the signal it gives. Used instead of `signal`.
   */
  stoppable?: <T>(writes: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /**
   * Journal a run even for a plan with nothing to do, so the caller always gets a run id (MCP's
   * apply_plan answers with one). Otherwise such a plan only settles what a killed run left.
   */
  alwaysRecordRun?: boolean | undefined;
}

/** How an apply ended: written, nothing to write (pending intents settled), or not approved. */
export type WorkspaceApplyOutcome =
  | { kind: 'applied'; result: ApplyResult }
  | { kind: 'nothing-to-write'; recovered: RecoveredWrite[] }
  | { kind: 'not-approved' };

export class Workspace {
  private fingerprintKey: Fingerprinter | undefined;

  private constructor(
    readonly dataDir: string,
    readonly journal: Journal,
  ) {}

  static open(dataDir: string): Workspace {
    return new Workspace(dataDir, Journal.open(join(dataDir, JOURNAL_FILE)));
  }

  get journalPath(): string {
    return this.journal.path;
  }

  /**
   * The keyed hash behind password fingerprints, its key created on first use (0600, in the data
   * directory, apart from the journal): a run that touches no password never needs it.
   */
  get fingerprints(): Fingerprinter {
    this.fingerprintKey ??= fingerprinter(loadFingerprintKey(join(this.dataDir, FINGERPRINT_KEY_FILE)));
    return this.fingerprintKey;
  }

  close(): void {
    this.journal.close();
  }

  /** The writer of every resource a plan may touch, for this client (one registry for all surfaces). */
  executors(client: GlueKit, secrets: SecretLookup = NO_SECRETS): Executors {
    const target = planTarget(client);
    // The password writer takes the key lazily: only a password write or lookup loads it.
    const fingerprints: Fingerprinter = (value) => this.fingerprints(value);
    return {
      contacts: contactExecutor(client),
      configurations: configurationExecutor(client),
      documents: documentExecutor(client, this.journal, target),
      passwords: passwordExecutor(client, this.journal, target, fingerprints, secrets),
    };
  }

  target(client: GlueKit): PlanTarget {
    return planTarget(client);
  }

  // Plan: one entry per workflow of the WORKFLOWS table (src/workflows/table.ts).

  planContactSync(client: GlueKit, source: ContactSourceInput, options: ContactSyncOptions): Promise<Plan> {
    return planContactSync(client, this.journal, source, options);
  }

  planConfigurationImport(
    client: GlueKit,
    source: ConfigurationSourceInput,
    options: ConfigurationImportOptions,
  ): Promise<Plan> {
    return planConfigurationImport(client, this.journal, source, options);
  }

  /** The plan and, kept apart, the values its writes need: in memory only, never saved. */
  planPasswordMirror(
    client: GlueKit,
    source: VaultSourceInput,
    options: PasswordMirrorOptions,
  ): Promise<PasswordMirrorPlan> {
    return planPasswordMirror(client, this.journal, source, this.fingerprints, options);
  }

  planOnboarding(
    client: GlueKit,
    templates: readonly OnboardingTemplate[],
    options: OnboardingOptions,
  ): Promise<Plan> {
    return planOnboarding(client, this.journal, templates, options);
  }

  /** The reverse of a run this data directory's journal recorded, as a plan to review and apply. */
  planUndo(client: GlueKit, runId: string, options: UndoOptions = {}): Promise<Plan> {
    return planUndo(this.journal, runId, planTarget(client), this.executors(client), options);
  }

  /** Settles what a killed run left pending (its intents, its status, what it created). */
  recover(client: GlueKit, signal?: AbortSignal): Promise<RecoveredWrite[]> {
    return recoverInterruptedRuns({
      journal: this.journal,
      target: planTarget(client),
      executors: this.executors(client),
      signal,
    });
  }

  /**
   * Applies a plan: journaled, interrupted runs recovered first, a lost create adopted rather
   * than sent twice. A plan with only matches is still applied (no request, no approval asked):
   * that records them as the source's own, so they can be deactivated when the source later marks
   * them departed. A plan with nothing at all only settles what a killed run left pending.
   */
  async apply(client: GlueKit, plan: Plan, options: WorkspaceApplyOptions): Promise<WorkspaceApplyOutcome> {
    const writes = writeCount(plan);
    if (writes === 0 && matchCount(plan) === 0 && !options.alwaysRecordRun) {
      // A run killed after its last write still has intents pending: settle them even so.
      return { kind: 'nothing-to-write', recovered: await this.recover(client) };
    }
    if (writes > 0 && options.approve && !(await options.approve(plan))) return { kind: 'not-approved' };
    const run = (signal: AbortSignal | undefined) =>
      applyPlan({
        plan,
        target: planTarget(client),
        journal: this.journal,
        executors: this.executors(client, options.secrets),
        checkPreconditions: options.checkPreconditions,
        allowConflicts: options.allowConflicts === true,
        maxCreateAttempts: client.maxRetries + 1,
        signal,
        onProgress: options.onProgress,
      });
    const result = options.stoppable ? await options.stoppable(run) : await run(options.signal);
    return { kind: 'applied', result };
  }

  // The journal, read: `runs list`, `runs show`.

  listRuns(limit: number) {
    return this.journal.listRuns(limit);
  }

  getRun(runId: string) {
    return this.journal.getRun(runId);
  }
}

/** Opens the workflow runtime of a data directory (its journal now, its fingerprint key on first use). */
export function openWorkspace(dataDir: string): Workspace {
  return Workspace.open(dataDir);
}

/** Runs `task` with the data directory's workspace open, and closes it after. */
export async function withWorkspace<T>(
  dataDir: string,
  task: (workspace: Workspace) => Promise<T>,
): Promise<T> {
  const workspace = openWorkspace(dataDir);
  try {
    return await task(workspace);
  } finally {
    workspace.close();
  }
}
