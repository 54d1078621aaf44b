/**
 * Changes: what changed in IT Glue since a time, as a timeline grouped by day, each record with
 * the field-level differences the mirror recorded between syncs (the changes view). Filterable by
 * organization and type with a plain GET form.
 */
import { changes, coverage, MIRROR_RESOURCES, parseSince, type RecordChange } from '../../mirror/index.js';
import { choice, positiveInt, QueryError, type ViewContext } from '../context.js';
import { fieldDiffTable } from '../diff-view.js';
import { count, plural, TYPE_LABEL, TYPE_SINGULAR } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { emptyState, type PageContent } from '../layout.js';

const PRESETS = ['24h', '7d', '30d', '90d', '365d'];

export function changeEntry(ctx: ViewContext, change: RecordChange, showOrganization = true): SafeHtml {
  const time = change.changedAt.slice(11, 16);
  const name = change.name ?? `${TYPE_SINGULAR[change.type]} ${change.id}`;
  const org =
    showOrganization && change.organizationId && change.type !== 'organizations'
      ? html`<a class="org" href="/orgs/${change.organizationId}">${change.organizationName ?? change.organizationId}</a>`
      : '';
  const nameHtml =
    change.type === 'organizations' && change.change !== 'deleted'
      ? html`<a href="/orgs/${change.id}">${name}</a>`
      : html`${name}`;
  const detail =
    change.differences === null
      ? html`<p class="muted small">Changed before the mirror had an earlier copy: it knows that it changed, not how.</p>`
      : fieldDiffTable(change.differences);
  return html`<li class="change change--${change.change}" data-type="${change.type}" data-id="${change.id}">
    <div class="change-head">
      <time datetime="${change.changedAt}" title="${change.changedAt}">${time}</time>
      <span class="badge badge--${change.change}">${change.change}</span>
      <span class="type">${TYPE_SINGULAR[change.type]}</span>
      <strong class="name">${nameHtml}</strong>
      ${org}
      ${change.change === 'deleted' ? '' : ctx.links.link({ type: change.type, id: change.id, organizationId: change.organizationId })}
    </div>
    ${detail}
  </li>`;
}

/** Changes grouped by UTC day, newest first (the view's order). */
export function timeline(ctx: ViewContext, list: readonly RecordChange[], showOrganization = true): SafeHtml {
  const days = new Map<string, RecordChange[]>();
  for (const change of list) {
    const day = change.changedAt.slice(0, 10);
    const entries = days.get(day);
    if (entries) entries.push(change);
    else days.set(day, [change]);
  }
  return html`<ol class="timeline">${[...days].map(
    ([day, entries]) =>
      html`<li class="day"><h3 class="day-head"><time datetime="${day}">${day}</time> <span class="muted">${plural(entries.length, 'change')}</span></h3><ol class="changes">${entries.map((change) => changeEntry(ctx, change, showOrganization))}</ol></li>`,
  )}</ol>`;
}

export function changesPage(ctx: ViewContext): PageContent {
  const sinceText = ctx.query.get('since')?.trim() || '7d';
  const since = parseSince(sinceText, ctx.now, 'since');
  const type = choice(ctx.query, 'type', ['', ...MIRROR_RESOURCES] as const, '');
  const org = ctx.query.get('org') ?? '';
  if (org !== '' && !/^\d+$/.test(org)) throw new QueryError(`org must be an organization id, not "${org}".`);
  const limit = positiveInt(ctx.query, 'limit', 200, 5000);
  const result = changes(ctx.store, {
    since,
    type: type === '' ? undefined : type,
    organizationId: org === '' ? undefined : org,
    limit,
  });
  const organizations = coverage(ctx.store).sort((a, b) =>
    (a.organizationName ?? '').localeCompare(b.organizationName ?? ''),
  );
  const presets = PRESETS.map(
    (value) =>
      html`<option value="${value}"${value === sinceText ? html` selected` : ''}>last ${value}</option>`,
  );
  const custom = PRESETS.includes(sinceText)
    ? ''
    : html`<option value="${sinceText}" selected>since ${sinceText}</option>`;
  const form = html`<form class="filters" action="/changes" method="get">
    <label>Since <select name="since">${presets}${custom}</select></label>
    <label>Type <select name="type"><option value="">All types</option>${MIRROR_RESOURCES.map(
      (value) =>
        html`<option value="${value}"${value === type ? html` selected` : ''}>${TYPE_LABEL[value]}</option>`,
    )}</select></label>
    <label>Organization <select name="org"><option value="">All organizations</option>${organizations.map(
      (row) =>
        html`<option value="${row.organizationId}"${row.organizationId === org ? html` selected` : ''}>${row.organizationName ?? row.organizationId}</option>`,
    )}</select></label>
    <button type="submit" class="btn">Show</button>
  </form>`;
  const byKind = ['created', 'updated', 'deleted', 'restored']
    .map((kind) => [kind, result.changes.filter((change) => change.change === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => html`<span class="badge badge--${kind}">${count(n)} ${kind}</span>`);
  return {
    section: '/changes',
    title: 'Changes',
    lede: html`What changed in IT Glue since <time datetime="${since}">${since.slice(0, 16).replace('T', ' ')} UTC</time>, field by field, as the mirror saw it between syncs.`,
    body: html`<section class="panel">${form}</section>
      ${
        result.total === 0
          ? emptyState(
              'Nothing changed in that time.',
              'Widen the time, clear a filter, or press Sync to look again.',
            )
          : html`<p class="summary-line">${plural(result.total, 'record')} changed ${byKind}${result.total > result.changes.length ? html` <span class="muted">(the newest ${count(result.changes.length)} shown)</span>` : ''}</p>
        ${timeline(ctx, result.changes)}`
      }`,
  };
}
