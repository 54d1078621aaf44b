/**
 * The match keys the workflows compare source rows and IT Glue records by. Each returns
 * undefined for a value that cannot serve as a key, so "no key" and "junk key" are the same case
 * for a matcher. They are for comparing only: the original value is what gets written.
 */
export { assetTagJunkReason, normalizeAssetTag, normalizeSerial, serialJunkReason } from './serial.js';

/**
 * Nearly every address is plain ASCII: one regex settles those. Labels: letters, digits and
 * inner hyphens; the top-level domain is not all digits (`bob@10.0.0.1` is no address to match).
 */
const ASCII_EMAIL =
  /^(?=[^@]{1,64}@)[!#-'*+\-/-9=?A-Z^-~]+(?:\.[!#-'*+\-/-9=?A-Z^-~]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?=[a-z0-9-]*[a-z])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const ASCII = /^[\x21-\x7e]*$/;

const LOCAL_PART = /^[^\s@"(),:;<>[\]\\.]+(?:\.[^\s@"(),:;<>[\]\\.]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/** Whether a trimmed, NFC, lowercased address is an email address we can match on. */
function isEmailAddress(address: string, ascii: boolean): boolean {
  if (address.length > 254) return false;
  if (ascii) return ASCII_EMAIL.test(address);
  // Internationalized addresses: any character but separators, spaces and quotes in the local
  // part; letters and digits in the domain labels.
  const at = address.indexOf('@');
  if (at < 1 || at !== address.lastIndexOf('@')) return false;
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  if (local.length > 64 || !LOCAL_PART.test(local) || labels.length < 2) return false;
  if (!labels.every((label) => label.length <= 63 && DOMAIN_LABEL.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] as string);
}

/**
 * An email address as a match key: trimmed, Unicode NFC, lowercased. `+tags` and dots stay
 * (`a.b+x@…` and `ab@…` are different mailboxes for most providers). Undefined when the value is
 * not an email address (no `@`, spaces, a `SMTP:` prefix still on it, no dot in the domain).
 */
export function normalizeEmail(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const trimmed = raw.trim();
  // NFC is the identity on ASCII, and ICU is not free: 100,000 rows hold several addresses each.
  const ascii = ASCII.test(trimmed);
  const address = ascii ? trimmed.toLowerCase() : trimmed.normalize('NFC').toLowerCase().normalize('NFC');
  return isEmailAddress(address, ascii) ? address : undefined;
}

function isMacSeparator(code: number): boolean {
  return code === 0x3a || code === 0x2d || code === 0x2e || code === 0x20 || code === 0x09;
}

function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/**
 * A MAC address as a match key and as IT Glue stores it: 12 hex digits, uppercase, in pairs
 * joined by `-` (17 characters, the most IT Glue's `mac-address` holds). Accepts `:`, `-`, `.`
 * (Cisco) or no separators. Undefined for anything else, and for the all-zero and broadcast
 * addresses, which virtual and unplugged adapters report and which would match every such device.
 */
export function normalizeMac(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const value = raw.trim();
  let hex = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isHexDigit(code)) hex += value[i];
    else if (!isMacSeparator(code)) return undefined;
    if (hex.length > 12) return undefined;
  }
  if (hex.length !== 12) return undefined;
  hex = hex.toUpperCase();
  if (hex === '000000000000' || hex === 'FFFFFFFFFFFF') return undefined;
  return `${hex.slice(0, 2)}-${hex.slice(2, 4)}-${hex.slice(4, 6)}-${hex.slice(6, 8)}-${hex.slice(8, 10)}-${hex.slice(10)}`;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * A hostname as a match key: the short name, lowercased. `PC01.contoso.local` and `pc01` are the
 * same key, because RMMs report the FQDN (NinjaOne `dnsName`) while Intune and IT Glue usually
 * hold the short name; a collision of short names is confined to one organization, and the
 * workflow uses hostnames only when a serial cannot decide. A leading `\\` (UNC) and a trailing `$`
 * (the AD computer account) are dropped. IP addresses are not hostnames: undefined, as for blanks.
 */
export function normalizeHostname(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  // Leading whitespace and backslashes (a UNC `\\host`) go together, so none survives a second pass.
  const host = raw
    .replace(/^[\s\\]+|\s+$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === '' || IPV4.test(host) || host.includes(':')) return undefined;
  // One `$` right after a name is the AD computer-account marker (`PC01$`); others stay.
  const short = (host.split('.')[0] as string)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([^$\s])\$$/, '$1');
  return short || undefined;
}

/**
 * A person's or organization's name for case-insensitive comparison: trimmed, no-break spaces
 * as spaces, runs of whitespace collapsed, NFC, lowercased. Undefined when blank.
 */
export function normalizeName(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const name = raw.replace(/\s+/g, ' ').trim().normalize('NFC').toLowerCase();
  return name === '' ? undefined : name;
}
