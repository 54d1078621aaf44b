import type { z } from 'zod';
import { normalizeConfiguration, planConfigurationList } from '../compat/configurations.js';
import type { RequestOptions } from '../core/transport.js';
import type { Configuration } from '../spec/models.js';
import type {
  configurationExtensions,
  createOrganizationConfigurationAttributes,
} from '../spec/schemas/configurations.js';
import { APIResource, bindOperation, type IdInput, type OneOrMany, type PagePromise } from './base.js';
import { writeConfiguration } from './configurations.js';

export interface OrganizationConfigurationListParams {
  filter?: { name?: OneOrMany<string> | undefined } | undefined;
  pageNumber?: number | undefined;
  pageSize?: number | undefined;
}

export type OrganizationConfigurationCreateParams = z.input<
  typeof createOrganizationConfigurationAttributes
> &
  z.input<typeof configurationExtensions>;

/** The document's `/organizations/{organization_id}/relationships/configurations` routes. */
export class OrganizationConfigurations extends APIResource {
  /** listOrganizationConfigurations. A filtered list reads `GET /configurations` for the organization, since IT Glue ignores filters here. */
  list(
    organizationId: IdInput,
    params: OrganizationConfigurationListParams = {},
    options?: RequestOptions,
  ): PagePromise<Configuration> {
    return this.listRecords(
      'listOrganizationConfigurations',
      { ...params, organizationId },
      planConfigurationList,
      normalizeConfiguration,
      options,
    );
  }

  /** createOrganizationConfiguration. Real IT Glue requires `configurationTypeId`. */
  async create(
    organizationId: IdInput,
    params: OrganizationConfigurationCreateParams,
    options: RequestOptions = {},
  ): Promise<Configuration> {
    const bound = bindOperation('createOrganizationConfiguration', { organizationId });
    return writeConfiguration(this.ctx, bound, params, options);
  }
}
