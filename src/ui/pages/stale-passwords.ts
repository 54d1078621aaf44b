/**
 * Stale passwords: credentials not rotated for a while, measured on IT Glue's
 * `password-updated-at` (the stalePasswords view). A histogram of ages over the fleet, one stacked
 * bar per organization showing how its stale passwords split by age, and the list, oldest first.
 * Metadata only: the mirror has no password values, and neither has this page.
 */
import { type StalePassword, stalePasswords } from '../../mirror/index.js';
import { type Bar, histogram, stackedBar } from '../charts.js';
import { choice, type ViewContext } from '../context.js';
import { count, plural, shortDate } from '../format.js';
import { html } from '../html.js';
import { emptyState, type PageContent } from '../layout.js';

const THRESHOLDS = ['90', '180', '365', '730'] as const;
const LIST_LIMIT = 500;
const ORG_BARS = 40;

function daysText(days: number): string {
  if (days >= 365) {
    const years = days / 365;
    return `${Number.isInteger(years) ? years : years.toFixed(1)} y`;
  }
  return `${days} d`;
}

export interface AgeBucket {
  label: string;
  from: number;
  /** Exclusive; Infinity for the last. */
  to: number;
}

/** Four age bands from the threshold: [d, 2d), [2d, 3d), [3d, 5d), 5d and older. */
export function ageBuckets(days: number): AgeBucket[] {
  const edges = [days, 2 * days, 3 * days, 5 * days];
  return edges.map((from, index) => {
    const to = edges[index + 1] ?? Number.POSITIVE_INFINITY;
    const label = Number.isFinite(to) ? `${daysText(from)} – ${daysText(to)}` : `${daysText(from)} +`;
    return { label, from, to };
  });
}

function bucketOf(buckets: readonly AgeBucket[], ageDays: number): number {
  const index = buckets.findIndex((bucket) => ageDays >= bucket.from && ageDays < bucket.to);
  return index === -1 ? 0 : index;
}

export function stalePasswordsPage(ctx: ViewContext): PageContent {
  const days = Number(choice(ctx.query, 'days', THRESHOLDS, '365'));
  const groups = stalePasswords(ctx.store, { days, now: ctx.now });
  const thresholdLinks = THRESHOLDS.map(
    (value) =>
      html`<a class="seg" href="/passwords/stale?days=${value}"${Number(value) === days ? html` aria-current="true"` : ''}>${daysText(Number(value))}</a>`,
  );
  const head = html`<div class="toolbar"><nav class="segmented" aria-label="Not rotated for at least">${thresholdLinks}</nav></div>`;
  const total = groups.reduce((sum, group) => sum + group.count, 0);
  const base = { section: '/passwords/stale', title: 'Stale passwords' };
  if (total === 0) {
    return {
      ...base,
      lede: html`Passwords not rotated for ${daysText(days)} or more, on <code>password-updated-at</code>.`,
      body: html`${head}${emptyState(`No password is older than ${daysText(days)}.`, 'Every live password was rotated within that time.')}`,
    };
  }
  const buckets = ageBuckets(days);
  const all = groups.flatMap((group) =>
    group.passwords.map((password) => ({ group, password, bucket: bucketOf(buckets, password.ageDays) })),
  );
  const bars: Bar[] = buckets.map((bucket, index) => ({
    label: bucket.label,
    value: all.filter((entry) => entry.bucket === index).length,
  }));
  const orgRows = [...groups]
    .sort((a, b) => b.count - a.count || (a.organizationName ?? '').localeCompare(b.organizationName ?? ''))
    .slice(0, ORG_BARS)
    .map((group) => {
      const segments = buckets.map((_, index) => ({
        series: index,
        value: group.passwords.filter((password) => bucketOf(buckets, password.ageDays) === index).length,
      }));
      const split = segments.map((segment, index) => `${segment.value} ${buckets[index]?.label}`).join(', ');
      const name = group.organizationName ?? `Organization ${group.organizationId ?? '?'}`;
      return html`<tr>
        <th scope="row">${group.organizationId ? html`<a href="/orgs/${group.organizationId}">${name}</a>` : name}</th>
        <td class="num">${count(group.count)}</td>
        <td class="stack-cell">${stackedBar(
          segments,
          groups.reduce((m, g) => Math.max(m, g.count), 0),
          `${name}: ${split}`,
        )}</td>
      </tr>`;
    });
  const legend = buckets.map(
    (bucket, index) =>
      html`<span class="key"><span class="swatch s${index}" aria-hidden="true"></span>${bucket.label}</span>`,
  );
  const list = [...all]
    .sort((a, b) => b.password.ageDays - a.password.ageDays)
    .slice(0, LIST_LIMIT)
    .map(({ group, password }) => passwordRow(ctx, group.organizationId, group.organizationName, password));
  return {
    ...base,
    lede: html`<strong>${plural(total, 'password')}</strong> at ${plural(groups.length, 'organization')} not rotated for ${daysText(days)} or more, measured on <code>password-updated-at</code> (the secret's last change, not a notes edit). Archived passwords are left out.`,
    body: html`${head}
      <div class="grid-2">
        <section class="panel">
          <h2>Age of stale passwords</h2>
          ${histogram(bars, { title: `Stale passwords by age: ${bars.map((bar) => `${bar.label} ${bar.value}`).join(', ')}`, unit: 'passwords' })}
        </section>
        <section class="panel">
          <h2>By organization</h2>
          <div class="keys">${legend}</div>
          <table class="compact stacks"><thead><tr><th scope="col">Organization</th><th scope="col" class="num">Stale</th><th scope="col"><span class="sr-only">Split by age</span></th></tr></thead>
          <tbody>${orgRows}</tbody></table>
          ${groups.length > ORG_BARS ? html`<p class="muted">The ${ORG_BARS} organizations with the most; every password is in the list below.</p>` : ''}
        </section>
      </div>
      <section class="panel">
        <h2>Oldest first</h2>
        <div class="table-wrap"><table id="stale-list" class="data">
          <thead><tr><th scope="col">Password</th><th scope="col">Organization</th><th scope="col">Username</th><th scope="col">Category</th><th scope="col">Last rotated</th><th scope="col" class="num">Age</th></tr></thead>
          <tbody>${list}</tbody>
        </table></div>
        ${all.length > LIST_LIMIT ? html`<p class="muted">The ${LIST_LIMIT} oldest of ${count(all.length)}; <code>gluekit passwords stale --days ${days}</code> lists them all.</p>` : ''}
      </section>`,
  };
}

function passwordRow(
  ctx: ViewContext,
  organizationId: string | null,
  organizationName: string | null,
  password: StalePassword,
) {
  const rotated =
    password.measuredFrom === 'createdAt'
      ? html`<span class="tag" title="IT Glue has no rotation time for it: its age is measured from its creation">never rotated</span>`
      : shortDate(password.passwordUpdatedAt);
  return html`<tr data-age="${password.ageDays}">
    <td>${password.name ?? html`<span class="muted">(no name)</span>`} ${ctx.links.link({ type: 'passwords', id: password.id, organizationId })}</td>
    <td>${organizationId ? html`<a href="/orgs/${organizationId}">${organizationName ?? organizationId}</a>` : '—'}</td>
    <td>${password.username ?? '—'}</td>
    <td>${password.category ?? '—'}</td>
    <td>${rotated}</td>
    <td class="num"><span class="age">${daysText(password.ageDays)}</span></td>
  </tr>`;
}
