/**
 * Orphans: live records whose organization is missing from the mirror or deleted there (the
 * orphans view). Usually empty after a full sync; an empty page says so plainly.
 */
import { MirrorMissingError, orphans } from '../../mirror/index.js';
import type { ViewContext } from '../context.js';
import { plural, shortTime, TYPE_SINGULAR } from '../format.js';
import { html } from '../html.js';
import { emptyState, type PageContent } from '../layout.js';

export function orphansPage(ctx: ViewContext): PageContent {
  const base = {
    section: '/orphans',
    title: 'Orphans',
    lede: 'Live records whose organization is not in the mirror, or was deleted in IT Glue.',
  };
  let list: ReturnType<typeof orphans>;
  try {
    list = orphans(ctx.store);
  } catch (error) {
    if (error instanceof MirrorMissingError)
      return { ...base, body: emptyState('Organizations have not been synced yet.', error.message) };
    throw error;
  }
  if (list.length === 0)
    return { ...base, body: emptyState('No orphans.', 'Every live record belongs to a live organization.') };
  const rows = list.map(
    (orphan) => html`<tr>
      <td>${TYPE_SINGULAR[orphan.type]}</td>
      <td>${orphan.name ?? html`<span class="muted">(no name)</span>`} ${ctx.links.link({ type: orphan.type, id: orphan.id, organizationId: orphan.organizationId })}</td>
      <td>${orphan.organizationName ?? orphan.organizationId} <span class="muted mono">${orphan.organizationId}</span></td>
      <td>${orphan.reason === 'organization-deleted' ? html`<span class="badge badge--deleted">organization deleted</span> <span class="muted">${shortTime(orphan.organizationDeletedAt)}</span>` : html`<span class="badge">organization not in the mirror</span>`}</td>
    </tr>`,
  );
  return {
    ...base,
    lede: `${plural(list.length, 'record')} without a live organization.`,
    body: html`<section class="panel"><div class="table-wrap"><table class="data" id="orphans">
      <thead><tr><th scope="col">Type</th><th scope="col">Record</th><th scope="col">Organization</th><th scope="col">Why</th></tr></thead>
      <tbody>${rows}</tbody></table></div></section>`,
  };
}
