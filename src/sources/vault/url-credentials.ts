/**
 * Credentials inside a vault entry's URL (`https://admin:secret@fw.example/`). A browser vault
 * keeps them as the user typed them, but IT Glue's `url` field is shown to everyone who can see
 * the entry, and the URL also lands in plans, the mirror and MCP results, none of which treats it
 * as a secret. So the user name and password are cut out of every URL of every entry, and a
 * warning names the entry (never the value). The password field is where a secret belongs.
 */
import type { SourceReport } from '../errors.js';
import type { VaultEntry } from './types.js';

// `scheme://` or `//`, then userinfo up to the last `@` before the host: what a URL parser takes
// as userinfo (a password with a raw `@` in it included).
const USERINFO = /^((?:[a-z][a-z0-9+.-]*:)?\/\/)[^/?#]*@/i;

/** The URL without its `user:password@`, or the URL as it was when it has none. */
export function withoutUserinfo(url: string): string {
  return url.replace(USERINFO, '$1');
}

/** Every entry with the userinfo cut from `url` and `otherUrls`, with a warning per entry. */
export function stripUrlCredentials(entries: VaultEntry[], report: SourceReport): VaultEntry[] {
  return entries.map((entry) => {
    const url = entry.url === undefined ? undefined : withoutUserinfo(entry.url);
    const otherUrls = entry.otherUrls?.map(withoutUserinfo);
    const changed = url !== entry.url || otherUrls?.some((other, i) => other !== entry.otherUrls?.[i]);
    if (!changed) return entry;
    report.warn(
      entry.source.line,
      `${JSON.stringify(entry.name)}: a URL carried a user name or password; it was removed from the URL (keep the secret in the password field)`,
    );
    const clean: VaultEntry = { ...entry };
    if (url !== undefined) clean.url = url;
    if (otherUrls !== undefined) clean.otherUrls = otherUrls;
    return clean;
  });
}
