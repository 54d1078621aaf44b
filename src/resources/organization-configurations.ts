import type { z } from 'zod';
import { normalizeConfiguration, planConfigurationList } from '../compat/configurations.js';
import { checkConfigurationCreateFor } from '../compat/dialect.js';
import type { RequestOptions } from '../core/transport.js';
import { getOperation } from '../spec/index.js';
import type { Configuration } from '../spec/models.js';
import type {
  configurationExtensions,
  createOrganizationConfigurationAttributes,
} from '../spec/schemas/configurations.js';
import {
  APIResource,
  type IdInput,
  lazyList,
  type OneOrMany,
  type PagePromise,
  parseAttributes,
  parseId,
  parseListParams,
  requestInfo,
  runListPlan,
} from './base.js';

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
    return lazyList(async () => {
      const input = await parseListParams(
        getOperation('listOrganizationConfigurations'),
        { ...params, organizationId },
        this.ctx.pageSize,
      );
      return runListPlan(
        this.requester,
        planConfigurationList(input),
        input,
        normalizeConfiguration,
        options,
      );
    });
  }

  /** createOrganizationConfiguration. Real IT Glue requires `configurationTypeId`. */
  async create(
    organizationId: IdInput,
    params: OrganizationConfigurationCreateParams,
    options: RequestOptions = {},
  ): Promise<Configuration> {
    const request = requestInfo('createOrganizationConfiguration');
    const orgId = parseId(organizationId, 'organizationId', request);
    const attributes = await parseAttributes(getOperation('createOrganizationConfiguration'), params);
    checkConfigurationCreateFor(this.ctx.dialect, attributes, request);
    const path = `/organizations/${orgId}/relationships/configurations`;
    return normalizeConfiguration(
      await this.requester.create(
        path,
        'configurations',
        attributes,
        options,
        'createOrganizationConfiguration',
      ),
    );
  }
}
