import type { z } from 'zod';
import { normalizeConfiguration, planConfigurationList } from '../compat/configurations.js';
import { checkConfigurationCreateFor } from '../compat/dialect.js';
import type { RequestOptions } from '../core/transport.js';
import type { Configuration } from '../spec/models.js';
import type {
  configurationExtensions,
  createConfigurationAttributes,
  updateConfigurationAttributes,
} from '../spec/schemas/configurations.js';
import type {
  BoundOperation,
  ClientContext,
  IdInput,
  OneOrMany,
  PagePromise,
  RecordListParams,
} from './base.js';
import { APIResource, bindOperation, parseAttributes, writeRecord } from './base.js';

export type ConfigurationSortField = 'name' | 'id' | 'createdAt' | 'updatedAt';

export interface ConfigurationFilter {
  serialNumber?: OneOrMany<string> | undefined;
  assetTag?: OneOrMany<string> | undefined;
  /** Not a filter on real IT Glue: gluekit reads the candidates and matches case-insensitively. */
  hostname?: OneOrMany<string> | undefined;
}

/** `organizationId` lists one organization's configurations (the document's nested route). */
export interface ConfigurationListParams
  extends RecordListParams<ConfigurationSortField, ConfigurationFilter> {}

type Extensions = z.input<typeof configurationExtensions>;
export type ConfigurationCreateParams = z.input<typeof createConfigurationAttributes> & Extensions;
export type ConfigurationUpdateParams = z.input<typeof updateConfigurationAttributes> & Extensions;

export class Configurations extends APIResource {
  /** listConfigurations (`GET /configurations`), or listOrganizationConfigurations with `organizationId`. */
  list(params: ConfigurationListParams = {}, options?: RequestOptions): PagePromise<Configuration> {
    return this.listRecords(
      'listConfigurations',
      params,
      planConfigurationList,
      normalizeConfiguration,
      options,
    );
  }

  /** getConfiguration: `GET /configurations/{id}`. */
  get(id: IdInput, options: RequestOptions = {}): Promise<Configuration> {
    return this.getRecord('getConfiguration', id, normalizeConfiguration, options);
  }

  /** createConfiguration: `POST /configurations`. Real IT Glue requires `configurationTypeId`. */
  async create(params: ConfigurationCreateParams, options: RequestOptions = {}): Promise<Configuration> {
    return writeConfiguration(this.ctx, bindOperation('createConfiguration'), params, options);
  }

  /** updateConfiguration: `PATCH /configurations/{id}`. Set `archived: true` to retire a device; nothing is ever deleted. */
  async update(
    id: IdInput,
    params: ConfigurationUpdateParams,
    options: RequestOptions = {},
  ): Promise<Configuration> {
    const bound = bindOperation('updateConfiguration', { id });
    return writeConfiguration(this.ctx, bound, params, options);
  }
}

/**
 * A configuration create or update, on either route: the attributes checked, and a create checked
 * for what the client's dialect requires (`checkConfigurationCreateFor`).
 */
export async function writeConfiguration(
  ctx: ClientContext,
  bound: BoundOperation,
  params: unknown,
  options: RequestOptions,
): Promise<Configuration> {
  const attributes = await parseAttributes(bound.op, params);
  if (bound.op.action === 'create') checkConfigurationCreateFor(ctx.dialect, attributes, bound.request);
  return normalizeConfiguration(await writeRecord(ctx.requester, bound, attributes, options));
}
