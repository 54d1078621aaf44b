/**
 * Exchange proxy addresses, as the Microsoft 365 admin-center export writes them (one cell,
 * entries joined with `+`) or Graph returns them (an array). `SMTP:` in capitals marks the
 * primary address, `smtp:` an alias; `SIP:`, `X500:`, `SPO:` and other types are not mail
 * addresses and are dropped.
 */

const PROXY_TYPE = /^[A-Za-z][A-Za-z0-9]*:/;

/**
 * A `+` can also sit inside an address (`ada+news@…`), so a piece that does not start with a type
 * prefix is glued back, with its separator, to the entry before it. `;` separates entries too.
 */
function splitProxyCell(cell: string): string[] {
  const entries: string[] = [];
  const pieces = cell.split(/([+;])/);
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = pieces[i] as string;
    const last = entries.length - 1;
    if (last >= 0 && !PROXY_TYPE.test(piece.trimStart())) entries[last] += `${pieces[i - 1]}${piece}`;
    else entries.push(piece);
  }
  return entries;
}

export interface ProxyAddresses {
  /** The first `SMTP:` entry: the primary address. */
  primary?: string | undefined;
  /** `smtp:` entries, and entries without a type, in order. */
  aliases: string[];
}

export function parseProxyAddresses(values: readonly string[]): ProxyAddresses {
  const result: ProxyAddresses = { aliases: [] };
  for (const value of values) {
    for (const entry of splitProxyCell(value)) {
      const trimmed = entry.trim();
      if (!trimmed) continue;
      if (!PROXY_TYPE.test(trimmed)) {
        result.aliases.push(trimmed);
        continue;
      }
      const colon = trimmed.indexOf(':');
      const type = trimmed.slice(0, colon);
      const address = trimmed.slice(colon + 1).trim();
      if (type === 'SMTP' && result.primary === undefined) result.primary = address;
      else if (type.toLowerCase() === 'smtp') result.aliases.push(address);
    }
  }
  return result;
}
