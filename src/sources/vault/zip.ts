/**
 * A minimal ZIP reader, enough for a 1Password 1PUX export: the central directory, and entries
 * stored or deflated (node:zlib). ZIP64 archives, encrypted entries and other compression methods
 * are refused with a clear error rather than half-read; a file cut short fails its end-record or
 * CRC check, never with a RangeError. Sizes come from the central directory, because the local
 * header holds zeros when the writer streamed the entry.
 */
import { inflateRawSync } from 'node:zlib';
import { failSource } from '../errors.js';

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const MAX_COMMENT = 0xffff;

/** Whether bytes start like a ZIP archive (a local header, or the end record of an empty one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE), as ZIP stores it. (zlib.crc32 needs Node 20.15 or later.) */
export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++)
    crc = (table[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function damaged(file: string, message: string): never {
  failSource({
    file,
    message: `the zip file is damaged: ${message}`,
    fix: 'Export it again (a download or copy may have been cut short).',
  });
}

function refuse(file: string, message: string): never {
  failSource({
    file,
    message,
    fix: 'Export again from 1Password (File > Export > 1PUX) and pass the .1pux file as it was written.',
  });
}

/** The archive's entries, from its central directory. */
export function listZip(bytes: Uint8Array, file: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - MAX_COMMENT; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end === -1) damaged(file, 'its end record is missing (the file is cut short, or not a zip)');
  if (end >= 20 && view.getUint32(end - 20, true) === ZIP64_LOCATOR) {
    refuse(file, 'the zip file is in ZIP64 form, which this reader does not read');
  }
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0) {
    refuse(file, 'the zip file spans several disks');
  }
  if (count === 0xffff || directoryOffset === 0xffffffff)
    refuse(file, 'the zip file is in ZIP64 form, which this reader does not read');
  if (directoryOffset + directorySize > end) damaged(file, 'its directory lies outside the file');
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_HEADER)
      damaged(file, `directory entry ${index + 1} is broken`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > end) damaged(file, `directory entry ${index + 1} is broken`);
    const entry: ZipEntry = {
      name: Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8'),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc32: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    if (
      entry.compressedSize === 0xffffffff ||
      entry.size === 0xffffffff ||
      entry.localHeaderOffset === 0xffffffff
    ) {
      refuse(file, `the zip entry ${entry.name} is in ZIP64 form, which this reader does not read`);
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's bytes, checked against its size and CRC. Refuses output larger than `maxBytes`. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, file: string, maxBytes: number): Uint8Array {
  if (entry.flags & 0x1 || entry.method === 99) refuse(file, `the zip entry ${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) {
    refuse(
      file,
      `the zip entry ${entry.name} uses compression method ${entry.method}; only stored and deflated entries are read`,
    );
  }
  if (entry.size > maxBytes) {
    failSource({
      file,
      message: `the zip entry ${entry.name} is ${entry.size} bytes uncompressed, over the ${maxBytes}-byte limit for source files`,
      fix: 'Raise the limit (maxBytes) if the export really is that large.',
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_HEADER) {
    damaged(file, `the entry ${entry.name} does not start where the directory says`);
  }
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (start + entry.compressedSize > bytes.length) damaged(file, `the entry ${entry.name} is cut short`);
  const data = bytes.subarray(start, start + entry.compressedSize);
  let output: Uint8Array;
  if (entry.method === 0) output = data;
  else {
    try {
      // maxOutputLength stops a "zip bomb" whose directory lies about its size.
      output = inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
    } catch (error) {
      damaged(file, `the entry ${entry.name} does not decompress (${(error as Error).message})`);
    }
  }
  if (output.length !== entry.size || crc32(output) !== entry.crc32) {
    damaged(file, `the entry ${entry.name} fails its size or CRC check`);
  }
  return output;
}
