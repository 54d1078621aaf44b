/**
 * Search across everything in the mirror (the search view), each hit with its organization and
 * the fields that matched, the matching text marked.
 */

import { splitTerms } from '../../mirror/fts.js';
import { MIRROR_RESOURCES, type SearchHit, search } from '../../mirror/index.js';
import { SEARCH_FIELDS } from '../../mirror/resources.js';
import { choice, type ViewContext } from '../context.js';
import { valueText } from '../diff-view.js';
import { plural, TYPE_LABEL, TYPE_SINGULAR } from '../format.js';
import { highlight } from '../highlight.js';
import { html, type SafeHtml } from '../html.js';
import { emptyState, type PageContent } from '../layout.js';
import { type RecordLookup, recordLookup } from '../records.js';

const LIMIT = 100;

/** Readable names for the fields a hit can match on. */
const FIELD_LABEL: Record<string, string> = {
  name: 'Name',
  shortName: 'Short name',
  description: 'Description',
  quickNotes: 'Quick notes',
  alert: 'Alert',
  contactEmails: 'Email',
  contactPhones: 'Phone',
  title: 'Title',
  notes: 'Notes',
  username: 'Username',
  url: 'URL',
  cachedResourceName: 'Attached to',
  hostname: 'Hostname',
  serialNumber: 'Serial',
  assetTag: 'Asset tag',
  macAddress: 'MAC',
  primaryIp: 'IP',
  email: 'Email',
  configurationTypeName: 'Type',
  passwordCategoryName: 'Category',
  organizationTypeName: 'Type',
  organizationStatusName: 'Status',
  published: 'Published',
  folder: 'Folder',
  archived: 'Archived',
};

function hitRow(ctx: ViewContext, hit: SearchHit, terms: readonly string[], lookup: RecordLookup): SafeHtml {
  const record = lookup(hit.type, hit.id) ?? {};
  // The matched fields' own values (without the MAC's separator-free twin), then the identifying details.
  const matched = hit.matched
    .filter((field) => field !== 'name')
    .map((field) => {
      const spec = SEARCH_FIELDS[hit.type].find((entry) => entry.field === field);
      const values = field === 'macAddress' ? [valueText(record.macAddress)] : (spec?.values(record) ?? []);
      return html`<div class="field field--matched" data-field="${field}"><dt>${FIELD_LABEL[field] ?? field}</dt><dd>${values.map(
        (value, index) => html`${index > 0 ? ', ' : ''}${highlight(value, terms)}`,
      )}</dd></div>`;
    });
  const details = Object.entries(hit.details)
    .filter(
      ([field]) =>
        !hit.matched.includes(field) && !(field === 'email' && hit.matched.includes('contactEmails')),
    )
    .filter(([field, value]) => !(field === 'archived' && value === false))
    .map(
      ([field, value]) =>
        html`<div class="field"><dt>${FIELD_LABEL[field] ?? field}</dt><dd>${typeof value === 'boolean' ? (value ? 'yes' : 'no') : valueText(value)}</dd></div>`,
    );
  const name = hit.name ?? `${TYPE_SINGULAR[hit.type]} ${hit.id}`;
  const title = hit.matched.includes('name') ? highlight(name, terms, 200) : html`${name}`;
  const org =
    hit.type === 'organizations'
      ? ''
      : hit.organizationId
        ? html`<a class="org" href="/orgs/${hit.organizationId}">${hit.organizationName ?? hit.organizationId}</a>`
        : '';
  return html`<li class="hit" data-type="${hit.type}" data-id="${hit.id}">
    <div class="hit-head">
      <span class="type-pill type-pill--${hit.type}">${TYPE_SINGULAR[hit.type]}</span>
      <strong class="name">${hit.type === 'organizations' ? html`<a href="/orgs/${hit.id}">${title}</a>` : title}</strong>
      ${org}
      ${ctx.links.link({ type: hit.type, id: hit.id, organizationId: hit.organizationId, resourceUrl: record.resourceUrl })}
    </div>
    <dl class="fields">${matched}${details}</dl>
    <p class="matched-on small muted">Matched on ${hit.matched.map((field) => FIELD_LABEL[field] ?? field).join(', ')}</p>
  </li>`;
}

export function searchPage(ctx: ViewContext): PageContent {
  const query = (ctx.query.get('q') ?? '').trim();
  const type = choice(ctx.query, 'type', ['', ...MIRROR_RESOURCES] as const, '');
  const typeLinks = ['', ...MIRROR_RESOURCES].map(
    (value) =>
      html`<a class="seg" href="/search?q=${encodeURIComponent(query)}${value ? `&type=${value}` : ''}"${value === type ? html` aria-current="true"` : ''}>${value === '' ? 'Everything' : TYPE_LABEL[value]}</a>`,
  );
  const form = html`<form class="search-page-form" action="/search" role="search">
    <input type="search" name="q" value="${query}" aria-label="Search terms" placeholder="e.g. SN-2026, ada@example.com, 10.10.2" autofocus>
    ${type ? html`<input type="hidden" name="type" value="${type}">` : ''}
    <button type="submit" class="btn btn--primary">Search</button>
  </form>`;
  const base = { section: '/search', title: 'Search', query };
  if (query === '') {
    return {
      ...base,
      lede: 'Names, emails, phone numbers, hostnames, serials, asset tags, MACs in any notation, IPs, usernames, URLs and notes. Every word must occur, matched literally.',
      body: html`<section class="panel">${form}</section>`,
    };
  }
  const terms = splitTerms(query);
  const lookup = recordLookup(ctx.store);
  const hits = search(ctx.store, { query, type: type === '' ? undefined : type, limit: LIMIT });
  return {
    ...base,
    lede: html`${hits.length === LIMIT ? `The best ${LIMIT} hits` : plural(hits.length, 'hit')} for <q>${query}</q>${type ? html` among ${TYPE_LABEL[type]?.toLowerCase()}` : ''}.`,
    body: html`<section class="panel">${form}<nav class="segmented" aria-label="Type">${typeLinks}</nav></section>
      ${hits.length === 0 ? emptyState('No record matches.', 'Every word must occur in one record; try fewer words, or Sync if the record is new.') : html`<ol class="hits">${hits.map((hit) => hitRow(ctx, hit, terms, lookup))}</ol>`}`,
  };
}
