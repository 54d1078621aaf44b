/**
 * Coverage: organizations × (contacts, configurations, passwords, documents) as a heat map, gaps
 * first (the view's own order), sortable by any column. Sorting is a link, so it works with the
 * keyboard and without script; the name filter is a small script on top.
 */
import {
  ARCHIVABLE_RESOURCES,
  CHILD_RESOURCES,
  type ChildResource,
  coverage,
  type OrganizationCoverage,
} from '../../mirror/index.js';
import { heatClass, heatLegend } from '../charts.js';
import { choice, type ViewContext } from '../context.js';
import { count, plural, TYPE_LABEL, TYPE_SINGULAR } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { emptyState, type PageContent } from '../layout.js';

const SORTS = ['gaps', 'name', ...CHILD_RESOURCES, 'total'] as const;
type Sort = (typeof SORTS)[number];

function sorted(rows: OrganizationCoverage[], sort: Sort, dir: 'asc' | 'desc'): OrganizationCoverage[] {
  if (sort === 'gaps') return dir === 'asc' ? rows : [...rows].reverse();
  const byName = (a: OrganizationCoverage, b: OrganizationCoverage) =>
    (a.organizationName ?? '').localeCompare(b.organizationName ?? '') ||
    a.organizationId.localeCompare(b.organizationId);
  const compare =
    sort === 'name'
      ? byName
      : (a: OrganizationCoverage, b: OrganizationCoverage) => a[sort] - b[sort] || byName(a, b);
  const out = [...rows].sort(compare);
  return dir === 'asc' ? out : out.reverse();
}

function sortHeader(
  label: string,
  key: Sort,
  current: Sort,
  dir: 'asc' | 'desc',
  numeric: boolean,
): SafeHtml {
  const active = key === current;
  // Every column starts ascending: fewest records (the thin clients) or A to Z first.
  const nextDir = active && dir === 'asc' ? 'desc' : 'asc';
  const ariaSort = active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const arrow = active ? (dir === 'asc' ? '▲' : '▼') : '';
  return html`<th scope="col" aria-sort="${ariaSort}" class="${numeric ? 'num' : ''}"><a class="sort" href="/coverage?sort=${key}&amp;dir=${nextDir}">${label}<span class="arrow" aria-hidden="true">${arrow}</span></a></th>`;
}

/** `3 configurations, 1 document`, or a dash. */
function archivedCell(row: OrganizationCoverage): SafeHtml {
  const parts = ARCHIVABLE_RESOURCES.filter((kind) => row.archived[kind] > 0).map((kind) =>
    plural(row.archived[kind], TYPE_SINGULAR[kind]?.toLowerCase() ?? kind),
  );
  return parts.length === 0 ? html`—` : html`${parts.join(', ')}`;
}

export function coveragePage(ctx: ViewContext): PageContent {
  const sort = choice(ctx.query, 'sort', SORTS, 'gaps');
  const dir = choice(ctx.query, 'dir', ['asc', 'desc'] as const, 'asc');
  const all = coverage(ctx.store);
  if (all.length === 0) {
    return {
      section: '/coverage',
      title: 'Coverage',
      body: emptyState('No organizations in the mirror.', 'Press Sync to copy them from IT Glue.'),
    };
  }
  const max = Object.fromEntries(
    CHILD_RESOURCES.map((kind) => [kind, Math.max(0, ...all.map((row) => row[kind]))]),
  ) as Record<ChildResource, number>;
  const maxTotal = Math.max(0, ...all.map((row) => row.total));
  const withGaps = all.filter((row) => row.missing.length > 0).length;
  const missingBy = CHILD_RESOURCES.map(
    (kind) =>
      html`<li><span class="chip ${all.some((row) => row[kind] === 0) ? 'chip--warn' : ''}">${count(all.filter((row) => row[kind] === 0).length)}</span> without ${TYPE_LABEL[kind]?.toLowerCase()}</li>`,
  );
  const rows = sorted(all, sort, dir).map((row) => {
    const name = row.organizationName ?? `Organization ${row.organizationId}`;
    // The row and column headers name each cell; its class carries the heat. Nothing else per
    // cell, so 2,000 organizations stay a page the browser paints quickly.
    const cells = CHILD_RESOURCES.map(
      (kind) =>
        html`<td class="${heatClass(row[kind], max[kind])}" data-kind="${kind}">${count(row[kind])}</td>`,
    );
    const missing =
      row.missing.length === 0
        ? html`<span class="muted">—</span>`
        : row.missing.map((kind) => html`<span class="tag tag--gap">${kind}</span>`);
    return html`<tr data-org="${row.organizationId}">
      <th scope="row"><a href="/orgs/${row.organizationId}">${name}</a> ${ctx.links.link({ type: 'organizations', id: row.organizationId })}</th>
      ${cells}
      <td class="${heatClass(row.total, maxTotal)} heat--total" data-kind="total">${count(row.total)}</td>
      <td class="num muted" data-kind="archived">${archivedCell(row)}</td>
      <td class="missing">${missing}</td>
    </tr>`;
  });
  return {
    section: '/coverage',
    title: 'Coverage',
    lede: html`Live records per organization; archived ones document nothing current, so they are counted apart. ${plural(all.length, 'organization')}, <strong>${count(withGaps)}</strong> with at least one gap.`,
    body: html`
      <section class="panel">
        <div class="toolbar">
          <ul class="stat-row">${missingBy}</ul>
          <label class="filter">Filter <input type="search" data-filter-rows="#coverage tbody tr" placeholder="Organization name" aria-label="Filter organizations by name"></label>
        </div>
        ${heatLegend()}
        <div class="table-wrap">
        <table id="coverage" class="heatmap">
          <caption class="sr-only">Coverage by organization; sorted by ${sort} ${dir === 'asc' ? 'ascending' : 'descending'}</caption>
          <thead><tr>
            ${sortHeader('Organization', 'name', sort, dir, false)}
            ${CHILD_RESOURCES.map((kind) => sortHeader(TYPE_LABEL[kind] as string, kind, sort, dir, true))}
            ${sortHeader('Total', 'total', sort, dir, true)}
            <th scope="col" class="num">Archived</th>
            ${sortHeader('Missing', 'gaps', sort, dir, false)}
          </tr></thead>
          <tbody>${rows}</tbody>
        </table>
        </div>
        <p class="filter-empty muted" hidden>No organization matches the filter.</p>
      </section>`,
  };
}
