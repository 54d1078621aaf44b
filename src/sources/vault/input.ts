/**
 * Getting a vault export's bytes. Unlike the CSV and JSON readers, a vault reader must accept a
 * binary file (a 1PUX zip), so the file is read as bytes with the same size limit, and decoded as
 * text (strict UTF-8, no UTF-16, no NUL) only once it is known not to be a zip.
 */
import { readFile, stat } from 'node:fs/promises';
import { failSource } from '../errors.js';

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

export function checkVaultSize(file: string, bytes: number, maxBytes: number): void {
  if (bytes <= maxBytes) return;
  failSource({
    file,
    message: `the file is ${size(bytes)} (${bytes} bytes), over the ${size(maxBytes)} limit for source files`,
    fix: 'Split the export, or raise the limit (maxBytes) if the file really is that large.',
  });
}

/** Reads a file's bytes, refusing it before reading when it is over the size limit. */
export async function readVaultBytes(path: string, maxBytes: number): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile())
      failSource({ file: path, message: 'this is not a file', fix: 'Pass the path of a vault export.' });
    checkVaultSize(path, info.size, maxBytes);
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code;
    failSource({
      file: path,
      message: `cannot read the file (${reason})`,
      fix: 'Check the path and its permissions.',
    });
  }
  // The file may have grown between stat and read.
  checkVaultSize(path, bytes.length, maxBytes);
  return bytes;
}

/** KeePass's encrypted database: its signature, for a message that says which export to make. */
export function looksLikeKdbx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x03 && bytes[1] === 0xd9 && bytes[2] === 0xa2 && bytes[3] === 0x9a;
}
