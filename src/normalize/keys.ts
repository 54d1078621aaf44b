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

/**
 * The patterns for internationalized addresses, built on first use: a `\p{…}` class costs about
 * a millisecond to build, and every CLI call loads this module (for hostnames, not addresses).
 */
let international: { localPart: RegExp; domainLabel: RegExp } | undefined;
function internationalPatterns(): { localPart: RegExp; domainLabel: RegExp } {
  international ??= {
    localPart: /^[^\s@"(),:;<>[\]\\.]+(?:\.[^\s@"(),:;<>[\]\\.]+)*$/u,
    domainLabel: /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u,
  };
  return international;
}

/** Whether a trimmed, NFC, lowercased address is an email address we can match on. */
function isEmailAddress(address: string, ascii: boolean): boolean {
  if (address.length > 254) return false;
  if (ascii) return ASCII_EMAIL.test(address);
  // Internationalized addresses: any character but separators, spaces and quotes in the local
  // part; letters and digits in the domain labels.
  const at = address.indexOf('@');
  if (at < 1 || at !== address.lastIndexOf('@')) return false;
  const { localPart, domainLabel } = internationalPatterns();
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  if (local.length > 64 || !localPart.test(local) || labels.length < 2) return false;
  if (!labels.every((label) => label.length <= 63 && domainLabel.test(label))) return false;
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

/**
 * An email address folded for grouping, accepting anything: NFC, trimmed, lowercased, never
 * rejected. For reports over what IT Glue already holds (the mirror's duplicate contacts), where a
 * junk address shared by two contacts is still worth showing; matching uses `normalizeEmail`.
 */
export function foldEmailLeniently(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}

/** A name folded for grouping: NFC, trimmed, whitespace collapsed, lowercased; '' when blank. */
export function foldNameLeniently(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A phone number as a match key: its digits only (`+1 (555) 010-0199` and `15550100199` are one). */
export function phoneDigits(value: string): string {
  return value.replace(/\D/g, '');
}

/** A phone number split for comparison: its digits, its extension, and whether it was written internationally. */
interface PhoneParts {
  digits: string;
  extension: string;
  international: boolean;
}

// `x12`, `ext 12`, `ext. 12`, `extension 12`, `#12` and the RFC 3966 `;ext=12` all start an extension.
const EXTENSION = /\s*(?:;\s*ext\s*=|#|\bext(?:ension)?\.?|\bx)\s*(\d+)\s*$/i;

function phoneParts(value: string, extension?: string | null): PhoneParts {
  const trimmed = value.trim();
  const found = EXTENSION.exec(trimmed);
  const main = found ? trimmed.slice(0, found.index) : trimmed;
  let digits = phoneDigits(main);
  const international = main.startsWith('+') || digits.startsWith('00');
  if (!main.startsWith('+') && digits.startsWith('00')) digits = digits.slice(2);
  return { digits, extension: phoneDigits(extension ?? '') || (found?.[1] ?? ''), international };
}

/** `longer` is `shorter` with a country code (1 to 3 digits) before it, and perhaps a trunk 0 dropped. */
function withCountryCode(longer: PhoneParts, shorter: PhoneParts): boolean {
  // North American numbers are often written 1 + 10 digits without a `+`.
  const international =
    longer.international || (longer.digits.length === 11 && longer.digits.startsWith('1'));
  if (!international || shorter.international || shorter.digits.length < 7) return false;
  const national = shorter.digits.startsWith('0') ? shorter.digits.slice(1) : shorter.digits;
  const prefix = longer.digits.length - national.length;
  return prefix >= 1 && prefix <= 3 && longer.digits.endsWith(national);
}

/**
 * Whether two phones are the same number, written differently: the same digits, or one with a
 * country code the other leaves out (`+1 509 555 3916` and `5095553916`; `+44 20 7946 0958` and
 * `020 7946 0958`), and the same extension (`x12`, `ext. 12`, or IT Glue's own `extension`).
 */
export function samePhone(
  a: { value: string; extension?: string | null },
  b: { value: string; extension?: string | null },
): boolean {
  const left = phoneParts(a.value, a.extension);
  const right = phoneParts(b.value, b.extension);
  if (!left.digits || !right.digits || left.extension !== right.extension) return false;
  if (left.digits === right.digits) return true;
  return left.digits.length > right.digits.length
    ? withCountryCode(left, right)
    : withCountryCode(right, left);
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

/** Invisible characters that creep into copied names and mean nothing: zero-width space, word joiner. */
const INVISIBLE = /[\u200b\u2060]/g;

/**
 * A password's name as a match key: invisible characters dropped, every Unicode space (NBSP, thin
 * space, ideographic space) and run of whitespace as one space, trimmed, NFC, lowercased. A
 * case-sensitive compare creates duplicates on case-only differences (research §2d P2).
 * Undefined when blank.
 */
export function normalizePasswordName(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const name = raw.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (name === '') return undefined;
  return name.normalize('NFC').toLowerCase().normalize('NFC');
}

export interface OtpResult {
  /** The Base32 secret: uppercase, no spaces, dashes or `=` padding. */
  secret?: string;
  /** Why the value cannot be used. Never quotes the value: it is a secret. */
  problem?: string;
}

/** Lengths a Base32 string of whole bytes can have, modulo 8 (1, 3 and 6 cannot occur). */
const BASE32_TAIL = new Set([0, 2, 4, 5, 7]);

/**
 * The shortest secret accepted, in Base32 characters (40 bits). RFC 4226 asks for 128 bits (26
 * characters), but many services issue 80-bit secrets (16 characters); anything shorter than 8 is
 * a typo, or a 6-digit code pasted where the secret belongs.
 */
const MIN_SECRET_LENGTH = 8;

function checkBase32(raw: string): OtpResult {
  const value = raw.replace(/[\s-]+/g, '').toUpperCase();
  if (value === '') return { problem: 'the OTP secret is empty' };
  if (!/^[A-Z2-7]+=*$/.test(value)) {
    const hint = /[0189]/.test(value.replace(/=+$/, ''))
      ? ' (it has 0, 1, 8 or 9, which Base32 never uses: a hex secret or a code?)'
      : '';
    return { problem: `the OTP secret is not Base32 (letters A-Z and digits 2-7)${hint}` };
  }
  const secret = value.replace(/=+$/, '');
  if (secret.length < MIN_SECRET_LENGTH) {
    return {
      problem: `the OTP secret has ${secret.length} characters; a real one has at least ${MIN_SECRET_LENGTH}`,
    };
  }
  if (!BASE32_TAIL.has(secret.length % 8)) {
    return {
      problem: `the OTP secret has ${secret.length} characters, a length no Base32 secret has (one missing?)`,
    };
  }
  return { secret };
}

/** IT Glue computes standard codes only: SHA-1, 6 digits, 30 seconds. */
function nonStandardParameter(params: URLSearchParams): string | undefined {
  const algorithm = params.get('algorithm');
  if (algorithm !== null && algorithm.toUpperCase() !== 'SHA1') return `${algorithm} codes`;
  const digits = params.get('digits');
  if (digits !== null && digits !== '6') return `${digits}-digit codes`;
  const period = params.get('period');
  if (period !== null && period !== '30') return `a ${period}-second period`;
  return undefined;
}

function fromOtpauth(value: string): OtpResult {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: 'the otpauth:// URI is malformed' };
  }
  const type = url.host.toLowerCase();
  if (type === 'hotp')
    return { problem: 'it is a counter-based HOTP secret; IT Glue generates time-based (TOTP) codes only' };
  if (type !== 'totp') return { problem: `the otpauth:// URI is of an unknown type (${type || 'none'})` };
  const secret = url.searchParams.get('secret');
  if (secret === null) return { problem: 'the otpauth:// URI has no secret= parameter' };
  const unusual = nonStandardParameter(url.searchParams);
  if (unusual)
    return { problem: `it uses ${unusual}; IT Glue generates SHA1, 6-digit, 30-second codes only` };
  return checkBase32(secret);
}

/**
 * An OTP secret as IT Glue stores it, from what vaults export: an `otpauth://totp/…?secret=…` URI
 * (the secret URL-decoded), KeePassXC's older `key=…&step=30&size=6` settings, or a bare secret.
 * Spaces and dashes (as shown for reading aloud) are removed, letters uppercased, and the result
 * must be Base32 (research §2b; invalid secrets are written without OTP and warned about).
 */
export function normalizeOtp(raw: string): OtpResult {
  const value = raw.trim();
  if (value === '') return { problem: 'the OTP secret is empty' };
  const lower = value.toLowerCase();
  if (lower.startsWith('steam://')) {
    return { problem: 'it is a Steam Guard secret, whose codes IT Glue cannot generate' };
  }
  if (lower.startsWith('otpauth://')) return fromOtpauth(value);
  if (/^key=/i.test(value)) {
    const params = new URLSearchParams(value);
    const step = params.get('step');
    const size = params.get('size');
    if ((step !== null && step !== '30') || (size !== null && size !== '6')) {
      return {
        problem:
          'it uses a non-standard period or code length; IT Glue generates 6-digit, 30-second codes only',
      };
    }
    return checkBase32(params.get('key') ?? '');
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
    return { problem: 'it is a link, not an OTP secret or otpauth:// URI' };
  return checkBase32(value);
}
