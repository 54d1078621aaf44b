import type { z } from 'zod';
import { normalizeConfiguration, planConfigurationList } from '../compat/configurations.js';
import { checkConfigurationCreateFor } from '../compat/dialect.js';
import type { RequestOptions } from '../core/transport.js';
import { getOperation } from '../spec/index.js';
import type { Configuration } from '../spec/models.js';
import type {
  configurationExtensions,
  createConfigurationAttributes,
  updateConfigurationAttributes,
} from '../spec/schemas/configurations.js';
import {
  APIResource,
  type IdInput,
  type ListParamsBase,
  lazyList,
  type OneOrMany,
  type PagePromise,
  parseAttributes,
  parseId,
  parseListParams,
  requestInfo,
  runListPlan,
} from './base.js';

export type ConfigurationSortField = 'name' | 'id' | 'createdAt' | 'updatedAt';

export interface ConfigurationListParams extends ListParamsBase<ConfigurationSortField> {
  /** Only this organization's configurations (the document's nested route). */
  organizationId?: IdInput | undefined;
  filter?:
    | {
        id?: OneOrMany<IdInput> | undefined;
        name?: OneOrMany<string> | undefined;
        organizationId?: OneOrMany<IdInput> | undefined;
        serialNumber?: OneOrMany<string> | undefined;
        assetTag?: OneOrMany<string> | undefined;
        /** Not a filter on real IT Glue: gluekit reads the candidates and matches case-insensitively. */
        hostname?: OneOrMany<string> | undefined;
      }
    | undefined;
}

type Extensions = z.input<typeof configurationExtensions>;
export type ConfigurationCreateParams = z.input<typeof createConfigurationAttributes> & Extensions;
export type ConfigurationUpdateParams = z.input<typeof updateConfigurationAttributes> & Extensions;

export class Configurations extends APIResource {
  /** listConfigurations (`GET /configurations`), or listOrganizationConfigurations with `organizationId`. */
  list(params: ConfigurationListParams = {}, options?: RequestOptions): PagePromise<Configuration> {
    return lazyList(async () => {
      const input = await parseListParams(getOperation('listConfigurations'), params, this.ctx.pageSize);
      return runListPlan(
        this.requester,
        planConfigurationList(input),
        input,
        normalizeConfiguration,
        options,
      );
    });
  }

  /** getConfiguration: `GET /configurations/{id}`. */
  async get(id: IdInput, options: RequestOptions = {}): Promise<Configuration> {
    const configurationId = parseId(id, 'id', requestInfo('getConfiguration'));
    return normalizeConfiguration(
      await this.requester.getOne(`/configurations/${configurationId}`, {}, options, 'getConfiguration'),
    );
  }

  /** createConfiguration: `POST /configurations`. Real IT Glue requires `configurationTypeId`. */
  async create(params: ConfigurationCreateParams, options: RequestOptions = {}): Promise<Configuration> {
    const attributes = await parseAttributes(getOperation('createConfiguration'), params);
    checkConfigurationCreateFor(this.ctx.dialect, attributes, requestInfo('createConfiguration'));
    return normalizeConfiguration(
      await this.requester.create(
        '/configurations',
        'configurations',
        attributes,
        options,
        'createConfiguration',
      ),
    );
  }

  /** updateConfiguration: `PATCH /configurations/{id}`. Set `archived: true` to retire a device; nothing is ever deleted. */
  async update(
    id: IdInput,
    params: ConfigurationUpdateParams,
    options: RequestOptions = {},
  ): Promise<Configuration> {
    const configurationId = parseId(id, 'id', requestInfo('updateConfiguration'));
    const attributes = await parseAttributes(getOperation('updateConfiguration'), params);
    const path = `/configurations/${configurationId}`;
    return normalizeConfiguration(
      await this.requester.update(
        path,
        'configurations',
        configurationId,
        attributes,
        options,
        'updateConfiguration',
      ),
    );
  }
}
