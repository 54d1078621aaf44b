/** The configuration writer the engine applies a configuration plan with. */
import type { GlueKit } from '../../client.js';
import type { Configuration } from '../../spec/models.js';
import { plainExecutor, type ResourceExecutor } from '../engine/executor.js';
import { configurationKeys } from './planner.js';

export function configurationExecutor(client: GlueKit): ResourceExecutor {
  return plainExecutor(
    'configurations',
    client.organizations.configurations,
    client.configurations,
    (record) => configurationKeys(record as unknown as Configuration),
  );
}
