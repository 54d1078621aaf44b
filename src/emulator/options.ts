/** The emulator's options, their defaults, and how they are checked. */
import { randomBytes } from 'node:crypto';
import type { Profile } from './resources/model.js';
import { parseSeedName } from './seed/index.js';
import type { SeedName } from './store/tenant.js';
import type { FaultConfig } from './traffic/faults.js';
import { IT_GLUE_RATE_LIMIT, type RateLimit } from './traffic/rate-limit.js';

export type { Profile } from './resources/model.js';
export type { SeedName } from './store/tenant.js';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** `real` (default) behaves like IT Glue; `seed` takes the seed document literally. */
  profile?: Profile;
  /** Default `demo`. */
  seed?: SeedName;
  /** The default tenant's key; default a random `ITG.` + 32 hex characters. */
  apiKey?: string;
  faults?: Partial<FaultConfig>;
  /** Default 3000 requests per 300 s per key, as IT Glue; `false` turns the limit off. */
  rateLimit?: RateLimit | false;
  /** Default true; false = the key lacks "Password Access": password values are never returned. */
  passwordAccess?: boolean;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  profile: Profile;
  seed: SeedName;
  apiKey: string;
  faults: Partial<FaultConfig>;
  rateLimit: RateLimit | false;
  passwordAccess: boolean;
}

export function randomApiKey(): string {
  return `ITG.${randomBytes(16).toString('hex')}`;
}

export function parseProfile(value: unknown): Profile {
  if (value === 'real' || value === 'seed') return value;
  throw new Error(`unknown profile ${JSON.stringify(value)}: use "real" or "seed"`);
}

function checkRateLimit(rateLimit: RateLimit | false | undefined): RateLimit | false {
  if (rateLimit === undefined) return IT_GLUE_RATE_LIMIT;
  if (rateLimit === false) return false;
  if (!(rateLimit.limit >= 1) || !(rateLimit.windowSeconds > 0)) {
    throw new Error('rateLimit needs a limit of 1 or more and a window of more than 0 seconds');
  }
  return rateLimit;
}

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    profile: parseProfile(options.profile ?? 'real'),
    seed: parseSeedName(options.seed ?? 'demo'),
    apiKey: options.apiKey ?? randomApiKey(),
    faults: options.faults ?? {},
    rateLimit: checkRateLimit(options.rateLimit),
    passwordAccess: options.passwordAccess ?? true,
  };
}
