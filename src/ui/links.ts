/**
 * Links to a record in IT Glue. IT Glue gives configurations, passwords and documents a
 * `resource-url` (`https://<host>/<organization>/passwords/<id>`); organizations and contacts have
 * none, and the views return ids rather than whole records, so links are built on the same host
 * and path shape (`/<organization>/contacts/<id>`, `/<organization>`) when the record's own URL is
 * not at hand, and only when the mirror holds a resource-url to take the host from. Only http(s) URLs ever become links: a record whose URL says
 * `javascript:` gets none.
 */
import type { MirrorStore } from '../mirror/index.js';
import { html, type SafeHtml } from './html.js';

/** The URL when it is absolute http(s), else undefined. */
export function safeHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The IT Glue web app's origin, from the first resource-url in the mirror. */
export function webOrigin(store: MirrorStore): string | undefined {
  const row = store.db
    .prepare<[], { url: string }>(
      `SELECT json_extract(data, '$.resourceUrl') AS url FROM records
       WHERE type IN ('configurations', 'passwords', 'documents') AND json_extract(data, '$.resourceUrl') IS NOT NULL
       LIMIT 1`,
    )
    .get();
  const url = safeHttpUrl(row?.url);
  return url ? new URL(url).origin : undefined;
}

/** The path segment of each type in IT Glue's web app, as its resource-urls show it. */
const PATH_SEGMENT: Record<string, string> = {
  contacts: 'contacts',
  configurations: 'configurations',
  passwords: 'passwords',
  documents: 'docs',
};

export interface LinkTarget {
  type: string;
  id: string;
  organizationId?: string | null | undefined;
  resourceUrl?: unknown;
}

export class ItGlueLinks {
  constructor(private readonly origin: string | undefined) {}

  urlOf(target: LinkTarget): string | undefined {
    const given = safeHttpUrl(target.resourceUrl);
    if (given) return given;
    if (!this.origin || !/^\d+$/.test(target.id)) return undefined;
    if (target.type === 'organizations') return `${this.origin}/${target.id}`;
    const org = target.organizationId;
    const segment = PATH_SEGMENT[target.type];
    if (!segment || !org || !/^\d+$/.test(org)) return undefined;
    return `${this.origin}/${org}/${segment}/${target.id}`;
  }

  /** A small "open in IT Glue" link, or nothing when there is no safe URL. */
  link(target: LinkTarget, label = 'IT Glue'): SafeHtml {
    const url = this.urlOf(target);
    if (!url) return html``;
    return html`<a class="itg" href="${url}" target="_blank" rel="noopener noreferrer" title="Open in IT Glue">${label}<span aria-hidden="true"> ↗</span></a>`;
  }
}
