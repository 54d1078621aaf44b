/**
 * The dashboard's read-only handle on the mirror: opened on first use (the file may not exist
 * until the first Sync), reopened after a sync, and turned into the context each page renders in.
 */
import {
  DEFAULT_MAX_AGE_MS,
  type MirrorFreshness,
  MirrorMissingError,
  MirrorStore,
  mirrorFreshness,
} from '../mirror/index.js';
import type { PageRenderer } from './context.js';
import { html } from './html.js';
import { emptyState, type PageContent } from './layout.js';
import { ItGlueLinks, webOrigin } from './links.js';
import type { PlanSources } from './pages/plan-page.js';

export class MirrorHandle {
  #store: MirrorStore | null = null;
  #links: ItGlueLinks | null = null;

  constructor(
    readonly path: string,
    private readonly maxAgeMs = DEFAULT_MAX_AGE_MS,
  ) {}

  /** The store, or null while there is no mirror file yet. */
  store(): MirrorStore | null {
    if (this.#store) return this.#store;
    try {
      this.#store = MirrorStore.open(this.path, { readonly: true });
    } catch (error) {
      if (error instanceof MirrorMissingError) return null;
      throw error;
    }
    return this.#store;
  }

  links(): ItGlueLinks {
    const store = this.store();
    if (!store) return new ItGlueLinks(undefined);
    this.#links ??= new ItGlueLinks(webOrigin(store));
    return this.#links;
  }

  /** After a sync: the next page sees the new data, and the web origin is looked up again. */
  reopen(): void {
    this.close();
  }

  close(): void {
    this.#store?.close();
    this.#store = null;
    this.#links = null;
  }

  freshness(now: Date): MirrorFreshness | null {
    const store = this.store();
    return store ? mirrorFreshness(store, this.maxAgeMs, now) : null;
  }

  tenantHost(): string | null {
    const baseUrl = this.store()?.tenant()?.baseUrl;
    if (!baseUrl) return null;
    try {
      return new URL(baseUrl).host;
    } catch {
      return baseUrl;
    }
  }

  page(render: PageRenderer, now: Date, query: URLSearchParams): PageContent {
    const store = this.store();
    if (!store) {
      return {
        section: '',
        title: 'No mirror yet',
        body: emptyState(
          'There is no mirror here yet.',
          html`Press <strong>Sync</strong> to copy this tenant from IT Glue (it only reads), or start <code>gluekit ui --db PATH</code> with an existing mirror. Looked for <code>${this.path}</code>.`,
        ),
      };
    }
    return render({ store, now, links: this.links(), query });
  }

  planSources(files: readonly string[], now: Date): PlanSources {
    return { files, store: this.store(), links: this.links(), now };
  }
}
