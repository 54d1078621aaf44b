/**
 * Overview: how big the mirror is, how fresh each type is, what needs attention (gaps, stale
 * passwords, duplicates, orphans), and what changed in the last week.
 */
import {
  changes,
  coverage,
  duplicateContacts,
  MIRROR_RESOURCES,
  MirrorMissingError,
  orphans,
  stalePasswords,
} from '../../mirror/index.js';
import { type Bar, histogram } from '../charts.js';
import type { ViewContext } from '../context.js';
import { ago, count, shortTime, TYPE_LABEL } from '../format.js';
import { html } from '../html.js';
import type { PageContent } from '../layout.js';
import { timeline } from './changes.js';

const DAY = 86_400_000;
const RECENT_DAYS = 14;

function attention(label: string, n: number, href: string, good: string): ReturnType<typeof html> {
  return html`<li class="attn ${n > 0 ? 'attn--warn' : 'attn--ok'}"><a href="${href}"><span class="attn-value">${count(n)}</span><span class="attn-label">${n > 0 ? label : good}</span></a></li>`;
}

export function overviewPage(ctx: ViewContext): PageContent {
  const counts = MIRROR_RESOURCES.map((resource) => {
    const state = ctx.store.resourceState(resource);
    return { resource, live: ctx.store.liveCount(resource), state };
  });
  const cards = counts.map(
    ({ resource, live }) =>
      html`<div class="stat" data-resource="${resource}"><span class="stat-value">${count(live)}</span><span class="stat-label">${TYPE_LABEL[resource]}</span></div>`,
  );
  const gaps = coverage(ctx.store).filter((row) => row.missing.length > 0).length;
  const stale = stalePasswords(ctx.store, { days: 365, now: ctx.now }).reduce(
    (sum, group) => sum + group.count,
    0,
  );
  const dupes = duplicateContacts(ctx.store).length;
  let orphanCount = 0;
  try {
    orphanCount = orphans(ctx.store).length;
  } catch (error) {
    if (!(error instanceof MirrorMissingError)) throw error;
  }
  const since = new Date(ctx.now.getTime() - RECENT_DAYS * DAY).toISOString();
  const recent = changes(ctx.store, { since, limit: 5000 });
  const perDay: Bar[] = Array.from({ length: RECENT_DAYS }, (_, index) => {
    const day = new Date(ctx.now.getTime() - (RECENT_DAYS - 1 - index) * DAY).toISOString().slice(0, 10);
    return {
      label: day.slice(5),
      value: recent.changes.filter((change) => change.changedAt.startsWith(day)).length,
      note: day,
    };
  });
  const syncRows = counts.map(
    ({ resource, live, state }) => html`<tr>
      <th scope="row">${TYPE_LABEL[resource]}</th>
      <td class="num">${count(live)}</td>
      <td>${ago(state.lastSyncedAt, ctx.now)}</td>
      <td>${state.fullSyncedAt ? shortTime(state.fullSyncedAt) : html`<span class="muted">never</span>`}</td>
    </tr>`,
  );
  return {
    section: '/',
    title: 'Overview',
    lede: 'The whole tenant at a glance, from the local mirror: no request to IT Glue.',
    body: html`
      <div class="stats stats--big">${cards}</div>
      <section class="panel">
        <h2>Needs attention</h2>
        <ul class="attention">
          ${attention('organizations with a gap', gaps, '/coverage', 'organizations with a gap')}
          ${attention('passwords not rotated in a year', stale, '/passwords/stale', 'passwords older than a year')}
          ${attention('groups of duplicate contacts', dupes, '/duplicates', 'duplicate contacts')}
          ${attention('orphaned records', orphanCount, '/orphans', 'orphaned records')}
        </ul>
      </section>
      <div class="grid-2">
        <section class="panel">
          <h2>Changes in the last ${RECENT_DAYS} days <span class="count">${count(recent.total)}</span></h2>
          ${histogram(perDay, { title: `Changes per day: ${perDay.map((bar) => `${bar.note} ${bar.value}`).join(', ')}`, unit: 'changes' })}
        </section>
        <section class="panel">
          <h2>Sync state</h2>
          <div class="table-wrap"><table class="compact" id="sync-state"><thead><tr><th scope="col">Type</th><th scope="col" class="num">Records</th><th scope="col">Last sync</th><th scope="col">Last full sync</th></tr></thead><tbody>${syncRows}</tbody></table></div>
        </section>
      </div>
      <section class="panel">
        <h2>Latest changes</h2>
        ${recent.changes.length === 0 ? html`<p class="muted">Nothing changed in the last ${RECENT_DAYS} days.</p>` : html`${timeline(ctx, recent.changes.slice(0, 8))}<p><a href="/changes?since=${RECENT_DAYS}d">Every change of the last ${RECENT_DAYS} days</a></p>`}
      </section>`,
  };
}
