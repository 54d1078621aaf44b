/** The JSON:API wire shapes IT Glue speaks (kebab-case keys, string ids). */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ResourceIdentifier {
  type: string;
  id: string;
}

export interface Relationship {
  data?: ResourceIdentifier | ResourceIdentifier[] | null;
  links?: Record<string, unknown>;
  meta?: Record<string, unknown>;
}

export interface ResourceObject {
  type: string;
  id?: string;
  attributes?: Record<string, unknown>;
  relationships?: Record<string, Relationship>;
  links?: Record<string, unknown>;
  meta?: Record<string, unknown>;
}

export interface ErrorObject {
  /** IT Glue sends a number (422), sometimes a string ("422" or "unprocessable_entity"). */
  status?: number | string;
  code?: string;
  title?: string;
  detail?: string;
  /** With or without a leading `/`: `data/attributes/organization_id`, `/data/attributes/name`. */
  source?: { pointer?: string; parameter?: string };
}

export interface JsonApiDocument {
  data?: ResourceObject | ResourceObject[] | null;
  included?: ResourceObject[];
  meta?: Record<string, unknown>;
  links?: Record<string, unknown>;
  errors?: ErrorObject[];
}

/** List `meta` as IT Glue sends it, camelCased by the codec. */
export interface ListMeta {
  currentPage: number;
  nextPage: number | null;
  prevPage: number | null;
  totalPages: number;
  totalCount: number;
  filters?: Record<string, unknown>;
}

export interface ListLinks {
  self?: string;
  first?: string;
  prev?: string;
  next?: string;
  last?: string;
}
