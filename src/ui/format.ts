/** How the dashboard writes times, ages and counts: short, exact on hover, in UTC. */
import { describeAge } from '../mirror/index.js';
import { html, type SafeHtml } from './html.js';

const NUMBER = new Intl.NumberFormat('en-US');

export function count(n: number): string {
  return NUMBER.format(n);
}

/** `2026-12-04 17:09 UTC` from an ISO timestamp (or the text as given when it is not one). */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function shortDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 10);
}

/** `3 h ago`, with the exact time in a tooltip and a machine-readable `datetime`. */
export function ago(iso: string | null | undefined, now: Date): SafeHtml {
  if (!iso) return html`<span class="muted">never</span>`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return html`${iso}`;
  const age = Math.max(0, now.getTime() - ms);
  const text = age < 60_000 ? 'just now' : `${describeAge(age)} ago`;
  return html`<time datetime="${iso}" title="${shortTime(iso)}">${text}</time>`;
}

/** `1 contact`, `3 contacts`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** `configurations` → `Configurations`; the labels people read. */
export const TYPE_LABEL: Record<string, string> = {
  organizations: 'Organizations',
  contacts: 'Contacts',
  configurations: 'Configurations',
  passwords: 'Passwords',
  documents: 'Documents',
};

export const TYPE_SINGULAR: Record<string, string> = {
  organizations: 'organization',
  contacts: 'contact',
  configurations: 'configuration',
  passwords: 'password',
  documents: 'document',
};
