/**
 * Duplicates: contacts that are probably the same person (the duplicateContacts view): a shared
 * email first (strong), then the same name (weaker), within each organization or, with the
 * toggle, across the fleet.
 */
import { type DuplicateGroup, duplicateContacts } from '../../mirror/index.js';
import type { ViewContext } from '../context.js';
import { plural } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { emptyState, type PageContent } from '../layout.js';

function groupCard(ctx: ViewContext, group: DuplicateGroup): SafeHtml {
  const strength =
    group.matchedOn === 'email'
      ? html`<span class="badge badge--strong">same email</span>${group.sameName ? html` <span class="badge">and name</span>` : ''}`
      : html`<span class="badge badge--weak">same name</span>`;
  const members = group.members.map(
    (member) => html`<tr>
      <td>${member.name ?? html`<span class="muted">(no name)</span>`} ${ctx.links.link({ type: 'contacts', id: member.id, organizationId: member.organizationId })}</td>
      <td>${member.emails.length > 0 ? member.emails.join(', ') : html`<span class="muted">—</span>`}</td>
      <td>${member.organizationId ? html`<a href="/orgs/${member.organizationId}">${member.organizationName ?? member.organizationId}</a>` : '—'}</td>
      <td>${member.title ?? ''}</td>
    </tr>`,
  );
  return html`<article class="card dupe" data-matched="${group.matchedOn}">
    <header class="card-head">${strength} <span class="keys-text">${group.keys.join(', ')}</span> <span class="muted">${plural(group.members.length, 'contact')}</span></header>
    <table class="compact"><thead><tr><th scope="col">Name</th><th scope="col">Emails</th><th scope="col">Organization</th><th scope="col">Title</th></tr></thead><tbody>${members}</tbody></table>
  </article>`;
}

export function duplicatesPage(ctx: ViewContext): PageContent {
  const across = ctx.query.get('across') === '1';
  const groups = duplicateContacts(ctx.store, { acrossOrganizations: across });
  const byEmail = groups.filter((group) => group.matchedOn === 'email');
  const byName = groups.filter((group) => group.matchedOn === 'name');
  const toggle = html`<div class="toolbar"><nav class="segmented" aria-label="Compare">
    <a class="seg" href="/duplicates"${across ? '' : html` aria-current="true"`}>Within each organization</a>
    <a class="seg" href="/duplicates?across=1"${across ? html` aria-current="true"` : ''}>Across all organizations</a>
  </nav></div>`;
  return {
    section: '/duplicates',
    title: 'Duplicate contacts',
    lede: html`Contacts that are probably one person: a shared email (any of their addresses, linked transitively), then the same name, a weaker sign.`,
    body:
      groups.length === 0
        ? html`${toggle}${emptyState('No duplicate contacts.', across ? 'Not even across organizations.' : 'Try comparing across organizations.')}`
        : html`${toggle}
          <section><h2>Same email <span class="count">${byEmail.length}</span></h2>${byEmail.length ? html`<div class="cards">${byEmail.map((group) => groupCard(ctx, group))}</div>` : html`<p class="muted">None.</p>`}</section>
          <section><h2>Same name <span class="count">${byName.length}</span></h2>${byName.length ? html`<div class="cards">${byName.map((group) => groupCard(ctx, group))}</div>` : html`<p class="muted">None.</p>`}</section>`,
  };
}
