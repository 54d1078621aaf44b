/**
 * Everything one emulator holds: the profile, the tenants by API key, faults, the rate limiter and
 * the request log. Routes and control both work on this object.
 */
import type { ResolvedOptions } from './options.js';
import type { Profile } from './resources/model.js';
import { seededTenant } from './seed/index.js';
import type { SeedName, Tenant, TenantIdentity } from './store/tenant.js';
import { FaultInjector } from './traffic/faults.js';
import { SlidingWindowLimiter } from './traffic/rate-limit.js';
import { RequestLog } from './traffic/request-log.js';

export class EmulatorState {
  profile: Profile;
  readonly defaultApiKey: string;
  readonly faults: FaultInjector;
  readonly limiter: SlidingWindowLimiter | null;
  readonly requests = new RequestLog();
  readonly #tenants = new Map<string, Tenant>();

  constructor(options: ResolvedOptions) {
    this.profile = options.profile;
    this.defaultApiKey = options.apiKey;
    this.faults = new FaultInjector(options.faults);
    this.limiter = options.rateLimit === false ? null : new SlidingWindowLimiter(options.rateLimit);
    this.addTenant({ apiKey: options.apiKey, seed: options.seed, passwordAccess: options.passwordAccess });
  }

  /** The tenant of an API key, or undefined for a missing or unknown key. */
  tenant(apiKey: string | undefined | null): Tenant | undefined {
    return apiKey ? this.#tenants.get(apiKey) : undefined;
  }

  /** The tenant of the key if one is given, else the default tenant (for control routes). */
  tenantOrDefault(apiKey: string | undefined | null): Tenant | undefined {
    return apiKey ? this.#tenants.get(apiKey) : this.#tenants.get(this.defaultApiKey);
  }

  hasTenant(apiKey: string): boolean {
    return this.#tenants.has(apiKey);
  }

  addTenant(identity: TenantIdentity): Tenant {
    const tenant = seededTenant(identity);
    this.#tenants.set(identity.apiKey, tenant);
    return tenant;
  }

  /** Reloads one tenant from a seed (its own seed when none is given). */
  reseed(tenant: Tenant, seed: SeedName = tenant.seed): Tenant {
    return this.addTenant({ apiKey: tenant.apiKey, passwordAccess: tenant.passwordAccess, seed });
  }

  /** Every tenant back to a fresh seed; the request log and rate windows start over. */
  reset(seed?: SeedName, profile?: Profile): void {
    if (profile !== undefined) this.profile = profile;
    for (const tenant of [...this.#tenants.values()]) this.reseed(tenant, seed ?? tenant.seed);
    this.requests.clear();
    this.limiter?.clear();
  }
}
