/**
 * The password writer: secrets join the attributes only here, at the last moment, from memory
 * (never from the plan), and the fingerprint of every value written is kept in the ledger.
 */
import type { GlueKit } from '../../client.js';
import type { Password } from '../../spec/models.js';
import type { ResourceExecutor, TargetRecord } from '../engine/executor.js';
import type { Fingerprinter } from '../engine/fingerprint-key.js';
import type { Journal } from '../engine/journal.js';
import type { PlanAction, PlanTarget } from '../engine/plan.js';
import { passwordRecordKey, sourceId } from './planner.js';

/** Secrets for each write, by the action's source line. */
export type SecretLookup = (action: PlanAction) => Record<string, string>;

export function secretsFromMap(secrets: ReadonlyMap<string, Record<string, string>>): SecretLookup {
  return (action) => (action.source ? (secrets.get(sourceId(action.source)) ?? {}) : {});
}

/**
 * The password writer: it adds the secrets to the attributes at the last moment, and records the
 * fingerprint of every value written (or adopted) so the next run needs no request to compare.
 */
export function passwordExecutor(
  client: GlueKit,
  journal: Journal,
  target: PlanTarget,
  fingerprint: Fingerprinter,
  lookup: SecretLookup,
): ResourceExecutor {
  const remember = (action: PlanAction, id: string) => {
    for (const [field, value] of Object.entries(lookup(action)))
      journal.ledger.setSecretFingerprint(target, id, field, fingerprint(value));
  };
  const withSecrets = (action: PlanAction) => {
    const secrets = lookup(action);
    for (const [field, planned] of Object.entries(action.secrets ?? {})) {
      if (secrets[field] === undefined || fingerprint(secrets[field]) !== planned) {
        throw new Error(`the ${field} of ${action.key} in the source is not the one planned; plan again`);
      }
    }
    return { ...action.attributes, ...secrets };
  };
  return {
    resource: 'passwords',
    async create(action, options) {
      const record = await client.passwords.create(withSecrets(action) as never, options);
      remember(action, record.id);
      return record as unknown as TargetRecord;
    },
    async update(action, options) {
      const record = await client.passwords.update(
        action.id as string,
        withSecrets(action) as never,
        options,
      );
      remember(action, record.id);
      return record as unknown as TargetRecord;
    },
    adopted: (action, record) => remember(action, record.id),
    listOrganization: async (organizationId, options) =>
      (await client.passwords.list({ organizationId }, options).toArray()) as unknown as TargetRecord[],
    keysOf: (record) => [passwordRecordKey(record as unknown as Password)],
    get: async (id, options) => (await client.passwords.get(id, options)) as unknown as TargetRecord,
  };
}
