/**
 * One organization (the organizationBrief view, as `gluekit orgs show`): counts and gaps, its
 * contacts, devices, credentials (metadata only) and documents, stale passwords, probable
 * duplicates and the latest changes.
 */
import { CHILD_RESOURCES, organizationBrief } from '../../mirror/index.js';
import type { ViewContext } from '../context.js';
import { count, plural, shortDate, TYPE_LABEL } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import type { PageContent } from '../layout.js';
import { timeline } from './changes.js';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function section(id: string, title: string, n: number, table: SafeHtml): SafeHtml {
  return html`<section class="panel" id="${id}"><h2>${title} <span class="count">${count(n)}</span></h2>${
    n === 0
      ? html`<p class="gap-note">None in IT Glue: a gap.</p>`
      : html`<div class="table-wrap">${table}</div>`
  }</section>`;
}

function archivedTag(archived: boolean): SafeHtml {
  return archived ? html` <span class="tag">archived</span>` : html``;
}

export function organizationPage(ctx: ViewContext, id: string): PageContent {
  const brief = organizationBrief(ctx.store, id, { now: ctx.now });
  const org = brief.organization;
  const orgId = org.id;
  const name = text(org.name) ?? `Organization ${orgId}`;
  const facts = [
    text(org.shortName),
    text(org.organizationTypeName),
    text(org.organizationStatusName),
  ].filter((fact): fact is string => fact !== null);
  const cards = CHILD_RESOURCES.map((kind) => {
    const n = brief.counts[kind];
    const archived = kind === 'contacts' ? 0 : brief.counts.archived[kind];
    return html`<a class="stat ${n === 0 ? 'stat--gap' : ''}" href="#${kind}"><span class="stat-value">${count(n)}</span><span class="stat-label">${TYPE_LABEL[kind]}${archived > 0 ? html` <span class="muted">(+${count(archived)} archived)</span>` : ''}</span></a>`;
  });
  const link = (type: string, recordId: string) =>
    ctx.links.link({ type, id: recordId, organizationId: orgId });
  const contacts = html`<table class="data"><thead><tr><th scope="col">Name</th><th scope="col">Title</th><th scope="col">Email</th><th scope="col">Phone</th></tr></thead><tbody>${brief.contacts.map(
    (c) =>
      html`<tr><td>${c.name ?? '—'} ${link('contacts', c.id)}</td><td>${c.title ?? ''}</td><td>${c.email ?? ''}</td><td>${c.phone ?? ''}</td></tr>`,
  )}</tbody></table>`;
  const configurations = html`<table class="data"><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Hostname</th><th scope="col">Serial</th><th scope="col">IP</th></tr></thead><tbody>${brief.configurations.map(
    (c) =>
      html`<tr><td>${c.name ?? '—'}${archivedTag(c.archived)} ${link('configurations', c.id)}</td><td>${c.type ?? ''}</td><td class="mono">${c.hostname ?? ''}</td><td class="mono">${c.serialNumber ?? ''}</td><td class="mono">${c.primaryIp ?? ''}</td></tr>`,
  )}</tbody></table>`;
  const passwords = html`<table class="data"><thead><tr><th scope="col">Name</th><th scope="col">Username</th><th scope="col">Category</th><th scope="col">Last rotated</th></tr></thead><tbody>${brief.passwords.map(
    (p) =>
      html`<tr><td>${p.name ?? '—'}${archivedTag(p.archived)} ${link('passwords', p.id)}</td><td>${p.username ?? ''}</td><td>${p.category ?? ''}</td><td>${shortDate(p.passwordUpdatedAt)}</td></tr>`,
  )}</tbody></table>`;
  const documents = html`<table class="data"><thead><tr><th scope="col">Name</th><th scope="col">Folder</th><th scope="col">Published</th><th scope="col">Updated</th></tr></thead><tbody>${brief.documents.map(
    (d) =>
      html`<tr><td>${d.name ?? '—'}${archivedTag(d.archived)} ${link('documents', d.id)}</td><td>${d.folder ?? html`<span class="muted">—</span>`}</td><td>${d.published === null ? '—' : d.published ? 'yes' : html`<span class="tag">draft</span>`}</td><td>${shortDate(d.updatedAt)}</td></tr>`,
  )}</tbody></table>`;
  const alert = text(org.alert);
  const notes = text(org.quickNotes) ?? text(org.description);
  return {
    section: '/coverage',
    title: name,
    lede: html`${facts.join(' · ')}${facts.length ? ' · ' : ''}<span class="mono muted">#${orgId}</span> ${ctx.links.link({ type: 'organizations', id: orgId }, 'Open in IT Glue')}${org.deletedAt ? html` <span class="badge badge--deleted">deleted in IT Glue</span>` : ''}`,
    body: html`
      ${alert ? html`<div class="alert" role="note"><strong>Alert</strong> <span class="prewrap">${alert}</span></div>` : ''}
      <div class="stats">${cards}
        <a class="stat ${brief.stalePasswords.count > 0 ? 'stat--warn' : ''}" href="/passwords/stale?days=${brief.stalePasswords.days}"><span class="stat-value">${count(brief.stalePasswords.count)}</span><span class="stat-label">Stale passwords (${brief.stalePasswords.days} d)</span></a>
        <a class="stat ${brief.duplicateContactGroups > 0 ? 'stat--warn' : ''}" href="/duplicates"><span class="stat-value">${count(brief.duplicateContactGroups)}</span><span class="stat-label">Duplicate contact groups</span></a>
      </div>
      ${notes ? html`<section class="panel"><h2>Notes</h2><p class="prewrap">${notes}</p></section>` : ''}
      ${section('contacts', 'Contacts', brief.contacts.length, contacts)}
      ${section('configurations', 'Configurations', brief.configurations.length, configurations)}
      ${section('passwords', 'Passwords', brief.passwords.length, passwords)}
      ${section('documents', 'Documents', brief.documents.length, documents)}
      <section class="panel"><h2>Recent changes <span class="count">${count(brief.recentChanges.length)}</span></h2>${
        brief.recentChanges.length === 0
          ? html`<p class="muted">Nothing changed in the last 30 days.</p>`
          : html`${timeline(ctx, brief.recentChanges, false)}<p><a href="/changes?org=${orgId}&amp;since=365d">All changes of the last year</a></p>`
      }</section>
      <p class="muted small">${plural(brief.contacts.length + brief.configurations.length + brief.passwords.length + brief.documents.length, 'record')} in the mirror for this organization.</p>`,
  };
}
