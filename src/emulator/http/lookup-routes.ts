/**
 * The read-only lookup lists real IT Glue has (`/contact_types`, ...), with `filter[name]` exact
 * and paging. Clients need them to turn a name such as "Managed Workstation" into an id.
 */
import { camelKey } from '../../jsonapi/case.js';
import { LOOKUP_SORT_FIELDS, lookupModel } from '../resources/lookups.js';
import { LOOKUP_LIST_NAMES, LOOKUP_LISTS } from '../store/tenant.js';
import type { ExtraRoute } from './gate.js';
import { respondWithList } from './list-handler.js';
import { parseQuery, rawQueryOf } from './query.js';

const LOOKUP_FILTERS = new Set(['id', 'name']);

export const lookupRoutes: readonly ExtraRoute[] = LOOKUP_LIST_NAMES.map((list) => {
  const model = lookupModel(LOOKUP_LISTS[list]);
  const pascal = camelKey(list).replace(/^./, (first) => first.toUpperCase());
  return {
    method: 'GET',
    route: { template: `/${list}`, operationId: `list${pascal}` },
    handler: (c, { tenant, state }) =>
      respondWithList({
        requestUrl: c.req.url,
        query: parseQuery(rawQueryOf(c.req.url)),
        tenant,
        profile: state.profile,
        model,
        applied: LOOKUP_FILTERS,
        sortFields: LOOKUP_SORT_FIELDS,
        candidates: () => tenant.lookups[list].all(),
      }),
  };
});
