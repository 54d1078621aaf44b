/**
 * The in-process control handle: the same powers as the `/__emulator/...` routes (reset, seeds,
 * tenants, request counts, faults, raw records). Raw records include password values and OTP
 * secrets, for test invariants; they never leave through the API.
 */
import { camelKey, deepKeys } from '../jsonapi/case.js';
import { isIdKey } from '../jsonapi/json.js';
import { randomApiKey } from './options.js';
import type { Profile } from './resources/model.js';
import { parseSeedName } from './seed/index.js';
import type { EmulatorState } from './state.js';
import type { BaseRecord } from './store/records.js';
import type { SeedName, Tenant } from './store/tenant.js';
import { readId } from './support/ids.js';
import type { FaultConfig } from './traffic/faults.js';
import type { RequestCounts } from './traffic/request-log.js';

export class ControlError extends Error {
  override name = 'ControlError';
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export type RawRecord = Record<string, unknown>;

export interface EmulatorControl {
  /** The current profile (a reset may change it). */
  readonly profile: Profile;
  /** Every tenant back to a fresh seed (the given one, or each tenant's own); counts cleared. */
  reset(options?: { seed?: SeedName; profile?: Profile }): void;
  /** Reloads a seed into the default tenant, or into the tenant of `apiKey`. */
  loadSeed(seed: SeedName, apiKey?: string): void;
  /** A new isolated tenant with its own key and seed. */
  createTenant(options?: { seed?: SeedName; passwordAccess?: boolean; apiKey?: string }): { apiKey: string };
  counts(): RequestCounts;
  resetCounts(): void;
  faults(): FaultConfig;
  setFaults(faults: Partial<FaultConfig>): FaultConfig;
  /** Stored records of a type (`contacts`, `document-sections`, `contact-types`, ...), in id order. */
  records(type: string, apiKey?: string): RawRecord[];
  /** An edit made "in the IT Glue UI": the attributes are stored as given and `updated-at` moves. */
  editRecord(type: string, id: string, attributes: Record<string, unknown>, apiKey?: string): RawRecord;
  /** A deletion made "in the IT Glue UI"; an organization takes its records with it. */
  deleteRecord(type: string, id: string, apiKey?: string): void;
}

const READ_ONLY_FIELDS = new Set(['id', 'createdAt', 'updatedAt']);

function tableOf(tenant: Tenant, type: string) {
  const table = tenant.tableNamed(type);
  if (!table) throw new ControlError(404, `no record type "${type}"`);
  return table;
}

function storedValue(name: string, value: unknown): unknown {
  if (isIdKey(name) && value !== null) return readId(value) ?? value;
  return typeof value === 'object' && value !== null ? deepKeys(value, camelKey) : value;
}

function deleteCascade(tenant: Tenant, type: string, id: string): void {
  const table = tableOf(tenant, type);
  if (!table.remove(id)) throw new ControlError(404, `no ${type} ${id}`);
  if (type === 'documents') {
    for (const section of [...tenant.sections.inGroup(id)]) tenant.sections.remove(section.id);
  }
  if (type !== 'organizations') return;
  for (const child of [
    tenant.contacts,
    tenant.passwords,
    tenant.configurations,
    tenant.locations,
    tenant.documentFolders,
  ]) {
    for (const record of [...child.inGroup(id)]) child.remove(record.id);
  }
  for (const document of [...tenant.documents.inGroup(id)]) deleteCascade(tenant, 'documents', document.id);
}

export function createControl(state: EmulatorState): EmulatorControl {
  const tenantFor = (apiKey?: string): Tenant => {
    const tenant = state.tenantOrDefault(apiKey);
    if (!tenant) throw new ControlError(404, 'no tenant has that API key');
    return tenant;
  };
  return {
    get profile() {
      return state.profile;
    },
    reset(options = {}) {
      state.reset(options.seed === undefined ? undefined : parseSeedName(options.seed), options.profile);
    },
    loadSeed(seed, apiKey) {
      state.reseed(tenantFor(apiKey), parseSeedName(seed));
    },
    createTenant(options = {}) {
      const apiKey = options.apiKey ?? randomApiKey();
      if (state.hasTenant(apiKey)) throw new ControlError(409, 'a tenant with that API key exists');
      const seed = parseSeedName(options.seed ?? 'demo');
      state.addTenant({ apiKey, seed, passwordAccess: options.passwordAccess ?? true });
      return { apiKey };
    },
    counts: () => state.requests.snapshot(),
    resetCounts: () => state.requests.clear(),
    faults: () => state.faults.config(),
    setFaults: (faults) => state.faults.update(faults),
    records(type, apiKey) {
      return tableOf(tenantFor(apiKey), type)
        .all()
        .map((record) => structuredClone(record) as unknown as RawRecord);
    },
    editRecord(type, id, attributes, apiKey) {
      const tenant = tenantFor(apiKey);
      const table = tableOf(tenant, type);
      const current = table.get(id);
      if (!current) throw new ControlError(404, `no ${type} ${id}`);
      const edited: RawRecord = { ...current };
      for (const [key, value] of Object.entries(attributes)) {
        const name = camelKey(key);
        if (!READ_ONLY_FIELDS.has(name) && Object.hasOwn(current, name))
          edited[name] = storedValue(name, value);
      }
      edited.updatedAt = tenant.writeTime();
      table.replace(edited as unknown as BaseRecord);
      return structuredClone(edited);
    },
    deleteRecord(type, id, apiKey) {
      deleteCascade(tenantFor(apiKey), type.replace(/_/g, '-'), id);
    },
  };
}
