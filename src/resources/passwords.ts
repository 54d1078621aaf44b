import type { z } from 'zod';
import { checkPasswordWriteFor } from '../compat/dialect.js';
import { normalizePassword, passwordShowQuery, planPasswordList } from '../compat/passwords.js';
import type { RequestOptions } from '../core/transport.js';
import { getOperation } from '../spec/index.js';
import type { Password } from '../spec/models.js';
import type {
  createPasswordAttributes,
  passwordExtensions,
  updatePasswordAttributes,
} from '../spec/schemas/passwords.js';
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

export type PasswordSortField = 'name' | 'username' | 'url' | 'id' | 'createdAt' | 'updatedAt';

export interface PasswordListParams extends ListParamsBase<PasswordSortField> {
  /** Only this organization's passwords. */
  organizationId?: IdInput | undefined;
  filter?:
    | {
        id?: OneOrMany<IdInput> | undefined;
        name?: OneOrMany<string> | undefined;
        organizationId?: OneOrMany<IdInput> | undefined;
      }
    | undefined;
}

type Extensions = z.input<typeof passwordExtensions>;
export type PasswordCreateParams = z.input<typeof createPasswordAttributes> & Extensions;
export type PasswordUpdateParams = z.input<typeof updatePasswordAttributes> & Extensions;

export interface PasswordGetOptions extends RequestOptions {
  /** Fetch the secret itself. Off by default: `get` returns metadata, as the document says. */
  reveal?: boolean | undefined;
}

export class Passwords extends APIResource {
  /** listPasswords: `GET /passwords`. Lists never carry password values. */
  list(params: PasswordListParams = {}, options?: RequestOptions): PagePromise<Password> {
    return lazyList(async () => {
      const input = await parseListParams(getOperation('listPasswords'), params, this.ctx.pageSize);
      return runListPlan(
        this.requester,
        planPasswordList(input),
        input,
        (flat) => normalizePassword(flat),
        options,
      );
    });
  }

  /** getPassword: `GET /passwords/{id}`, metadata only unless `reveal: true`. */
  async get(id: IdInput, options: PasswordGetOptions = {}): Promise<Password> {
    const { reveal = false, ...requestOptions } = options;
    const passwordId = parseId(id, 'id', requestInfo('getPassword'));
    const flat = await this.requester.getOne(
      `/passwords/${passwordId}`,
      passwordShowQuery(reveal),
      requestOptions,
      'getPassword',
    );
    return normalizePassword(flat, reveal);
  }

  /**
   * createPassword: `POST /passwords`. Real IT Glue requires the `password` value. Give
   * `resourceType` and `resourceId` to embed it in a configuration (or another record).
   */
  async create(params: PasswordCreateParams, options: RequestOptions = {}): Promise<Password> {
    const attributes = await parseAttributes(getOperation('createPassword'), params);
    checkPasswordWriteFor(this.ctx.dialect, attributes, requestInfo('createPassword'), true);
    return normalizePassword(
      await this.requester.create('/passwords', 'passwords', attributes, options, 'createPassword'),
    );
  }

  /** updatePassword: `PATCH /passwords/{id}`. The response never carries the value. */
  async update(id: IdInput, params: PasswordUpdateParams, options: RequestOptions = {}): Promise<Password> {
    const request = requestInfo('updatePassword');
    const passwordId = parseId(id, 'id', request);
    const attributes = await parseAttributes(getOperation('updatePassword'), params);
    checkPasswordWriteFor(this.ctx.dialect, attributes, request, false);
    const flat = await this.requester.update(
      `/passwords/${passwordId}`,
      'passwords',
      passwordId,
      attributes,
      options,
      'updatePassword',
    );
    return normalizePassword(flat);
  }
}
