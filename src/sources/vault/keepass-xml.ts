/**
 * KeePass 2's "KeePass XML (2.x)" export (research §2c): `KeePassFile/Root/Group/…/Entry`, each
 * entry's fields as `String` elements of `Key` and `Value`. Protected values (`ProtectInMemory`)
 * are plain text in this export.
 *
 * - Only a group's own `Entry` children are entries: `Entry/History/Entry` holds old versions of
 *   an entry and is never returned.
 * - The recycle bin is the group whose UUID is `Meta/RecycleBinUUID` (or, without one, a group
 *   named "Recycle Bin" right under the root); its entries are returned skipped.
 * - The container is the group path below the root group (the root is the database itself).
 * - `{REF:…}` field references are not resolved: a warning names the entry, and an entry whose
 *   password is a reference is skipped rather than written with the reference as its password.
 * - The OTP secret is KeePassXC's `otp` string, KeePass 2.47's `TimeOtp-Secret-Base32`, or the
 *   KeeTrayTOTP plugin's `TOTP Seed`.
 */
import { failSource, type SourceReport } from '../errors.js';
import { distinctPositions, exact, joinPath, present, trimmed, vaultEntry } from './entry.js';
import type { VaultEntry } from './types.js';
import { child, children, parseXml, type XmlElement } from './xml.js';

const STANDARD = new Set(['Title', 'UserName', 'Password', 'URL', 'Notes']);
const OTP_KEYS = ['otp', 'TimeOtp-Secret-Base32', 'TOTP Seed'];
/** Strings that are settings of a plugin or of KeePass itself, not fields a person wrote. */
const INTERNAL = /^(?:TimeOtp-|HmacOtp-|TOTP Settings$|KPRPC JSON$|KP2A_URL)/;
const EMPTY_UUID = /^A{22}==$/;
const RECYCLE_BIN = 'Recycle Bin';
const REFERENCE = /\{REF:/i;

/** Seconds from 0001-01-01 to 1970-01-01: KDBX 4 writes times as base64 seconds since year 1. */
const EPOCH_OFFSET_SECONDS = 62135596800n;

/** `LastModificationTime`: ISO 8601 in most exports, base64 of 8 little-endian bytes in KDBX 4 XML. */
function keepassTime(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d{4}-/.test(text)) {
    const time = Date.parse(text);
    return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
  }
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== 8) return undefined;
  const seconds = bytes.readBigInt64LE(0) - EPOCH_OFFSET_SECONDS;
  const time = Number(seconds) * 1000;
  return Number.isFinite(time) && Math.abs(time) < 8.64e15 ? new Date(time).toISOString() : undefined;
}

interface Walk {
  report: SourceReport;
  recycleBin: string | undefined;
  entries: VaultEntry[];
}

function readEntry(entry: XmlElement, path: string | undefined, inBin: boolean, walk: Walk): void {
  const strings = new Map<string, XmlElement | undefined>();
  for (const field of children(entry, 'String')) {
    const key = child(field, 'Key')?.text;
    if (key !== undefined && !strings.has(key)) strings.set(key, child(field, 'Value'));
  }
  const value = (key: string) => strings.get(key)?.text;
  const name = trimmed(value('Title'));
  const line = entry.line;
  const references = [...strings.keys()].filter((key) => REFERENCE.test(value(key) ?? ''));
  if (references.length > 0) {
    walk.report.warn(
      line,
      `entry "${name ?? '(no title)'}": ${references.join(', ')} ${references.length === 1 ? 'is a field reference' : 'are field references'} ({REF:…}), which the export does not resolve`,
    );
  }
  const otpKey = OTP_KEYS.find((key) => present(value(key)) !== undefined);
  const customFields = [...strings]
    .filter(
      ([key, element]) =>
        !STANDARD.has(key) &&
        !OTP_KEYS.includes(key) &&
        !INTERNAL.test(key) &&
        element?.attributes.ProtectInMemory !== 'True',
    )
    .map(([key, element]) => ({ name: key, value: element?.text ?? '' }));
  const password = exact(value('Password'));
  walk.entries.push(
    vaultEntry({
      source: { file: walk.report.file, line },
      kind: 'login',
      skip: inBin
        ? 'in the KeePass recycle bin: deleted entries are not imported'
        : password !== undefined && REFERENCE.test(password)
          ? 'the password is a KeePass field reference ({REF:…}), not a value: copy the value in KeePass and export again'
          : undefined,
      name,
      username: trimmed(value('UserName')),
      password,
      url: trimmed(value('URL')),
      notes: present(value('Notes')),
      otp: otpKey ? trimmed(value(otpKey)) : undefined,
      container: path,
      folder: path,
      customFields,
      modifiedAt: keepassTime(child(child(entry, 'Times'), 'LastModificationTime')?.text),
    }),
  );
}

/** Walks groups depth-first, entries before subgroups (KeePass's own order). */
function walkGroups(group: XmlElement, parts: string[], inBin: boolean, walk: Walk): void {
  const path = joinPath(parts);
  for (const entry of children(group, 'Entry')) readEntry(entry, path, inBin, walk);
  for (const sub of children(group, 'Group')) {
    const name = child(sub, 'Name')?.text ?? '';
    const uuid = child(sub, 'UUID')?.text.trim();
    const isBin =
      walk.recycleBin !== undefined
        ? uuid === walk.recycleBin
        : parts.length === 0 && name.trim() === RECYCLE_BIN;
    walkGroups(sub, [...parts, name], inBin || isBin, walk);
  }
}

export function readKeePassXml(text: string, report: SourceReport): VaultEntry[] {
  const document = parseXml(text, report.file);
  const root = child(document, 'Root');
  if (document.name !== 'KeePassFile' || root === undefined) {
    failSource({
      file: report.file,
      line: document.line,
      message: `the XML is not a KeePass 2 export (its root is <${document.name}>${root ? '' : ' with no <Root>'})`,
      fix: 'In KeePass, use File > Export > "KeePass XML (2.x)", or pass another `format`.',
    });
  }
  const binUuid = child(child(document, 'Meta'), 'RecycleBinUUID')?.text.trim();
  const walk: Walk = {
    report,
    recycleBin: binUuid && !EMPTY_UUID.test(binUuid) ? binUuid : undefined,
    entries: [],
  };
  // The top group is the database itself; its name is no part of any entry's path.
  for (const top of children(root, 'Group')) walkGroups(top, [], false, walk);
  return distinctPositions(walk.entries, report);
}
