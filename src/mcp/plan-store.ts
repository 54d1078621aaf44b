/**
 * The plans this server made, in memory only: apply_plan takes a plan id, never a plan document,
 * so an agent cannot hand the server a plan it edited. Each plan is bound to the tenant (base URL
 * and key fingerprint) it was made for: another key asking for it is told there is no such plan.
 * A password plan's values live here too, and nowhere else; they are dropped once it is applied or
 * when it expires.
 */
import { randomBytes } from 'node:crypto';
import type { Plan, PlanTarget } from '../workflows/engine/plan.js';

export interface StoredPlan {
  id: string;
  plan: Plan;
  /** Password values by source line (`file:line`), for a password plan. Never returned. */
  secrets: ReadonlyMap<string, Record<string, string>> | undefined;
  createdAt: number;
  expiresAt: number;
  /** Set while an apply runs, then to its run id. */
  applying: boolean;
  appliedRunId: string | undefined;
}

export interface PlanStoreOptions {
  /** How long a plan can be applied after it was made. Default one hour. */
  ttlMs?: number;
  /** Plans kept at most; the oldest go first. Default 200. */
  max?: number;
  now?: () => number;
}

export class PlanStore {
  readonly #plans = new Map<string, StoredPlan>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: PlanStoreOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 3_600_000;
    this.#max = options.max ?? 200;
    this.#now = options.now ?? Date.now;
  }

  add(plan: Plan, secrets?: ReadonlyMap<string, Record<string, string>>): StoredPlan {
    this.#prune();
    while (this.#plans.size >= this.#max) {
      const oldest = this.#plans.keys().next().value as string;
      this.#plans.delete(oldest);
    }
    const now = this.#now();
    const stored: StoredPlan = {
      id: `plan_${randomBytes(12).toString('base64url')}`,
      plan,
      secrets,
      createdAt: now,
      expiresAt: now + this.#ttlMs,
      applying: false,
      appliedRunId: undefined,
    };
    this.#plans.set(stored.id, stored);
    return stored;
  }

  /** The plan, if this server made it for this tenant and it has not expired. */
  get(id: string, target: PlanTarget): StoredPlan | undefined {
    this.#prune();
    const stored = this.#plans.get(id);
    if (!stored) return undefined;
    const { baseUrl, keyFingerprint } = stored.plan.target;
    return baseUrl === target.baseUrl && keyFingerprint === target.keyFingerprint ? stored : undefined;
  }

  /** Forgets a plan's secret values (after it was applied). */
  dropSecrets(stored: StoredPlan): void {
    stored.secrets = undefined;
  }

  #prune(): void {
    const now = this.#now();
    for (const [id, stored] of this.#plans)
      if (stored.expiresAt <= now && !stored.applying) this.#plans.delete(id);
  }
}
