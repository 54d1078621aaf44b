import type { z } from 'zod';
import { checkPasswordWriteFor } from '../compat/dialect.js';
import { normalizePassword, passwordShowQuery, planPasswordList } from '../compat/passwords.js';
import type { RequestOptions } from '../core/transport.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import type { Password } from '../spec/models.js';
import type {
  createPasswordAttributes,
  passwordExtensions,
  updatePasswordAttributes,
} from '../spec/schemas/passwords.js';
import type { BoundOperation, IdInput, PagePromise, RecordListParams } from './base.js';
import { APIResource, bindOperation, parseAttributes, readRecord, writeRecord } from './base.js';

export type PasswordSortField = 'name' | 'username' | 'url' | 'id' | 'createdAt' | 'updatedAt';

/** `organizationId` lists one organization's passwords. */
export interface PasswordListParams extends RecordListParams<PasswordSortField> {}

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
    const normalize = (flat: FlatResource) => normalizePassword(flat);
    return this.listRecords('listPasswords', params, planPasswordList, normalize, options);
  }

  /** getPassword: `GET /passwords/{id}`, metadata only unless `reveal: true`. */
  async get(id: IdInput, options: PasswordGetOptions = {}): Promise<Password> {
    const { reveal = false, ...requestOptions } = options;
    const bound = bindOperation('getPassword', { id });
    const flat = await readRecord(this.requester, bound, requestOptions, passwordShowQuery(reveal));
    return normalizePassword(flat, reveal);
  }

  /**
   * createPassword: `POST /passwords`. Real IT Glue requires the `password` value. Give
   * `resourceType` and `resourceId` to embed it in a configuration (or another record).
   */
  async create(params: PasswordCreateParams, options: RequestOptions = {}): Promise<Password> {
    return this.write(bindOperation('createPassword'), params, options);
  }

  /** updatePassword: `PATCH /passwords/{id}`. The response never carries the value. */
  async update(id: IdInput, params: PasswordUpdateParams, options: RequestOptions = {}): Promise<Password> {
    return this.write(bindOperation('updatePassword', { id }), params, options);
  }

  private async write(bound: BoundOperation, params: unknown, options: RequestOptions): Promise<Password> {
    const attributes = await parseAttributes(bound.op, params);
    checkPasswordWriteFor(this.ctx.dialect, attributes, bound.request, bound.op.action === 'create');
    return normalizePassword(await writeRecord(this.requester, bound, attributes, options));
  }
}
