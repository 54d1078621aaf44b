/**
 * Serial numbers as match keys. Serials arrive with stray spaces and mixed case (`5cg 1234 xyz`),
 * and many are not serials at all: white-box boards ship with "To Be Filled By O.E.M.", VMs and
 * cheap boards with "Default string" or "0", and Excel turns long numeric serials into
 * `1.23457E+11`. Matching on a placeholder makes every such PC "the same device", so a junk
 * serial counts as no serial. Sources: CIPP's default exclusion list, the lists in public RMM
 * tooling, and the Excel failure mode (research/workflows.md §3a, §3b, D1, D8).
 */

/**
 * Placeholders, compared by their letters and digits only, uppercased, so "To Be Filled By
 * O.E.M.", "TobefilledbyO.E.M." and "to-be-filled-by-oem" are all `TOBEFILLEDBYOEM`.
 */
const PLACEHOLDERS = new Set([
  'TOBEFILLEDBYOEM',
  'TOBEFILLED',
  'DEFAULTSTRING',
  'DEFAULT',
  'SYSTEMSERIALNUMBER',
  'CHASSISSERIALNUMBER',
  'BASEBOARDSERIALNUMBER',
  'SERIALNUMBER',
  'SERIAL',
  'NOSERIAL',
  'NOSERIALNUMBER',
  'NONE',
  'NA',
  'NOTAPPLICABLE',
  'NOTSPECIFIED',
  'NOTAVAILABLE',
  'NOTDEFINED',
  'NOTSET',
  'UNKNOWN',
  'EMPTY',
  'NULL',
  'UNDEFINED',
  'INVALID',
  'TBD',
  'OEM',
  'ASSETTAG',
  'NOASSETTAG',
  '0',
]);

/** Excel's rendering of a long number: `1.23457E+11`. A sign is required, so `12E4567` stays a serial. */
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?E[+-]\d+$/;

/** "0123456789", "123456789", "1234567890" and their shorter starts ("1234"): keyboard fillers. */
const COUNTING = '01234567890';

const WHITESPACE = /\s+/g;
const PLAIN = /^[A-Z0-9]*$/;
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]+/gu;

export const MIN_SERIAL_LENGTH = 4;

function isOneCharacterRepeated(key: string): boolean {
  for (let i = 1; i < key.length; i++) if (key.charCodeAt(i) !== key.charCodeAt(0)) return false;
  return true;
}

interface JunkRules {
  minLength: number;
}

function junkReason(raw: string | null | undefined, rules: JunkRules): string | undefined {
  const compact = (raw ?? '').replace(WHITESPACE, '').toUpperCase();
  if (compact === '') return 'empty';
  // Most serials are plain letters and digits already: skip the Unicode-aware replace for them.
  const key = PLAIN.test(compact) ? compact : compact.replace(NOT_ALPHANUMERIC, '');
  if (PLACEHOLDERS.has(key)) return 'a placeholder, not a real serial';
  if (SCIENTIFIC.test(compact))
    return 'a number in scientific notation (Excel rewrote it; the real value is lost)';
  if (key === '') return 'punctuation only';
  // Short keys are left to the length rule: "111" may be a real asset tag.
  if (key.length >= MIN_SERIAL_LENGTH && isOneCharacterRepeated(key)) return 'one character repeated';
  const counting = COUNTING.indexOf(key);
  if (key.length >= MIN_SERIAL_LENGTH && (counting === 0 || counting === 1))
    return 'a counting sequence, not a real serial';
  if (compact.length < rules.minLength) return `shorter than ${rules.minLength} characters`;
  return undefined;
}

/**
 * Why a serial number cannot identify a device, or undefined when it can. Empty, a placeholder
 * ("To Be Filled By O.E.M.", "Default string", "System Serial Number", "N/A", "0", …), scientific
 * notation, one repeated character ("00000000", "XXXX", an all-zero UUID), a counting sequence
 * ("0123456789"), punctuation only, or shorter than 4 characters.
 */
export function serialJunkReason(raw: string | null | undefined): string | undefined {
  return junkReason(raw, { minLength: MIN_SERIAL_LENGTH });
}

/**
 * A serial as a match key: whitespace removed, uppercased, always a string (leading zeros kept);
 * undefined when it is junk (see `serialJunkReason`).
 */
export function normalizeSerial(raw: string | null | undefined): string | undefined {
  if (serialJunkReason(raw) !== undefined) return undefined;
  return (raw as string).replace(WHITESPACE, '').toUpperCase();
}

/**
 * Why an asset tag cannot identify a device. The serial rules, except the length: asset tags are
 * the MSP's own numbering and short ones ("042") are real.
 */
export function assetTagJunkReason(raw: string | null | undefined): string | undefined {
  return junkReason(raw, { minLength: 1 });
}

/** An asset tag as a match key, by the same rules as serials (short tags allowed). */
export function normalizeAssetTag(raw: string | null | undefined): string | undefined {
  if (assetTagJunkReason(raw) !== undefined) return undefined;
  return (raw as string).replace(WHITESPACE, '').toUpperCase();
}
