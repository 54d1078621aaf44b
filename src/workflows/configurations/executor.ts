/** The configuration writer the engine applies a configuration plan with. */
import type { GlueKit } from '../../client.js';
import type { Configuration } from '../../spec/models.js';
import type { ResourceExecutor, TargetRecord } from '../engine/executor.js';
import { configurationKeys } from './planner.js';

export function configurationExecutor(client: GlueKit): ResourceExecutor {
  return {
    resource: 'configurations',
    create: async (action, options) =>
      (await client.organizations.configurations.create(
        action.organizationId,
        action.attributes as never,
        options,
      )) as unknown as TargetRecord,
    update: async (action, options) =>
      (await client.configurations.update(
        action.id as string,
        action.attributes as never,
        options,
      )) as unknown as TargetRecord,
    listOrganization: async (organizationId, options) =>
      (await client.configurations.list({ organizationId }, options).toArray()) as unknown as TargetRecord[],
    keysOf: (record) => configurationKeys(record as unknown as Configuration),
    get: async (id, options) => (await client.configurations.get(id, options)) as unknown as TargetRecord,
  };
}
