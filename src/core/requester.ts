/**
 * JSON:API over the transport: requests in, flat camelCase records out. Resources and compat
 * adapters talk to IT Glue only through this class.
 */
import {
  type DeserializedDocument,
  deserialize,
  type FlatResource,
  readListLinks,
  readListMeta,
} from '../jsonapi/deserialize.js';
import { buildQuery, type QueryInput } from '../jsonapi/query.js';
import { serializeResource } from '../jsonapi/serialize.js';
import { GlueKitError } from './errors.js';
import { nextPageNumber, Page, PagePromise } from './pagination.js';
import type { PageRead, ReadAhead } from './read-ahead.js';
import type { HttpMethod, RequestOptions, Transport } from './transport.js';

export interface ListRequest {
  path: string;
  /** Filters and sort; paging is added here. */
  query: QueryInput;
  pageSize: number;
  /** The first page to read (default 1). */
  pageNumber?: number | undefined;
  operationId?: string | undefined;
}

/**
 * Page-number paging over a changing list skips or repeats records unless the order is fixed, so
 * top-level lists are sorted by id when the caller gives no sort. The document gives the nested
 * `/relationships/` routes no sort parameter; IT Glue returns them in id order.
 */
function stableSort(req: ListRequest): string | undefined {
  if (req.query.sort) return req.query.sort;
  return req.path.includes('/relationships/') ? undefined : 'id';
}

export class Requester {
  constructor(readonly transport: Transport) {}

  async document<T>(
    method: HttpMethod,
    target: string,
    options: RequestOptions,
    operationId?: string,
    body?: unknown,
    answered?: () => void,
  ): Promise<DeserializedDocument<T>> {
    const response = await this.transport.request({ method, target, body, operationId, answered }, options);
    try {
      return deserialize<T>(response.body);
    } catch (error) {
      throw new GlueKitError(
        `IT Glue's answer to ${method} ${target.split('?')[0]} is not a JSON:API document: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  async getOne(
    path: string,
    query: QueryInput,
    options: RequestOptions,
    operationId?: string,
  ): Promise<FlatResource> {
    const qs = buildQuery(query);
    return this.one('GET', qs ? `${path}?${qs}` : path, options, operationId);
  }

  /** POST one resource; `type` comes from the operation, never from the caller. */
  create(
    path: string,
    type: string,
    attributes: Record<string, unknown>,
    options: RequestOptions,
    operationId?: string,
  ): Promise<FlatResource> {
    return this.one('POST', path, options, operationId, serializeResource(type, attributes));
  }

  update(
    path: string,
    type: string,
    id: string,
    attributes: Record<string, unknown>,
    options: RequestOptions,
    operationId?: string,
  ): Promise<FlatResource> {
    return this.one('PATCH', path, options, operationId, serializeResource(type, attributes, { id }));
  }

  /** A request whose answer must hold exactly one record. */
  private async one(
    method: HttpMethod,
    target: string,
    options: RequestOptions,
    operationId: string | undefined,
    body?: unknown,
  ): Promise<FlatResource> {
    const doc = await this.document<FlatResource>(method, target, options, operationId, body);
    return this.single(doc.data, method, target.split('?')[0] as string);
  }

  /** One page at a time, by page number (see nextPageNumber). */
  list<T>(
    req: ListRequest,
    map: (item: FlatResource) => T,
    options: RequestOptions,
    keep?: (item: T) => boolean,
  ): PagePromise<T> {
    return new PagePromise(
      async () => (await this.readPage(req, req.pageNumber ?? 1, map, options, keep)).page,
    );
  }

  /** Every record of every page, one page in memory at a time. */
  async *scan(req: ListRequest, options: RequestOptions): AsyncGenerator<FlatResource> {
    yield* this.list(req, (item) => item, options);
  }

  private async readPage<T>(
    req: ListRequest,
    pageNumber: number,
    map: (item: FlatResource) => T,
    options: RequestOptions,
    keep?: (item: T) => boolean,
    answered?: () => void,
  ): Promise<PageRead<T>> {
    const url = `${req.path}?${buildQuery({ ...req.query, sort: stableSort(req), pageNumber, pageSize: req.pageSize })}`;
    const doc = await this.document<FlatResource[] | FlatResource | null>(
      'GET',
      url,
      options,
      req.operationId,
      undefined,
      answered,
    );
    const items = Array.isArray(doc.data) ? doc.data : doc.data ? [doc.data] : [];
    const meta = readListMeta(doc.meta, items.length);
    const links = readListLinks(doc.links);
    const nextNumber = nextPageNumber({
      asked: pageNumber,
      meta,
      metaNamesNextPage: doc.meta.nextPage !== undefined,
      links,
      itemCount: items.length,
    });
    const next =
      nextNumber === null
        ? null
        : async () => (await this.readPage(req, nextNumber, map, options, keep)).page;
    // Pages can be read several at once only when the server says it answered the number asked
    // for and how many pages there are.
    const numbered = doc.meta.totalPages !== undefined && meta.currentPage === pageNumber;
    const ahead: ReadAhead<T> | null =
      next !== null && numbered
        ? {
            firstNumber: pageNumber,
            firstId: items[0]?.id,
            pageSize: req.pageSize,
            slots: () => this.transport.inFlightLimit,
            fetch: (number, signal, answered) =>
              this.readNumberedPage(req, number, map, options, signal, answered, keep),
          }
        : null;
    const records = items.map(map);
    const page = new Page(keep ? records.filter(keep) : records, meta, links, next, ahead);
    return { page, sent: items.length, firstId: items[0]?.id };
  }

  /** Page `pageNumber`, read ahead of its reader: it must be the page asked for. */
  private async readNumberedPage<T>(
    req: ListRequest,
    pageNumber: number,
    map: (item: FlatResource) => T,
    options: RequestOptions,
    signal: AbortSignal,
    answered: () => void,
    keep?: (item: T) => boolean,
  ): Promise<PageRead<T>> {
    const combined = options.signal ? AbortSignal.any([options.signal, signal]) : signal;
    const read = await this.readPage(req, pageNumber, map, { ...options, signal: combined }, keep, answered);
    if (read.sent > 0 && read.page.meta.currentPage !== pageNumber) {
      throw new GlueKitError(
        `IT Glue answered page ${read.page.meta.currentPage} when asked for page ${pageNumber} of ${req.path}: ` +
          'the server does not page this list by number, so it cannot be read past the first page',
      );
    }
    return read;
  }

  private single(data: FlatResource | null, method: string, path: string): FlatResource {
    if (data === null || Array.isArray(data)) {
      throw new GlueKitError(`IT Glue's answer to ${method} ${path} did not hold one record`);
    }
    return data;
  }
}
