/**
 * Getting a source file's text: refuse files over the size limit before reading them, decode
 * UTF-8 strictly (with or without a BOM), and turn what Excel and Windows do to CSV files (ANSI
 * "Save as CSV", UTF-16 "Unicode text") into an error that names the line and the fix, rather
 * than mojibake that would be written into IT Glue.
 */
import { readFile, stat } from 'node:fs/promises';
import { failSource } from './errors.js';
import { firstInvalidUtf8, lineAtByte, lineAtChar } from './utf8.js';

/** 50 MB. IT Glue's own importer takes up to 100 MB; a bigger contact or device list is a mistake. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export interface SourceSizeOptions {
  /** Refuse files larger than this many bytes (default 50 MB). */
  maxBytes?: number | undefined;
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** Refuses a source over the size limit, saying how big it is and what to do. */
export function checkSourceSize(file: string, bytes: number, maxBytes: number): void {
  if (bytes <= maxBytes) return;
  failSource({
    file,
    message: `the file is ${size(bytes)} (${bytes} bytes), over the ${size(maxBytes)} limit for source files`,
    fix: 'Split it into smaller files, or raise the limit (maxBytes) if the file really is that large.',
  });
}

function checkText(text: string, file: string): string {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    failSource({
      file,
      line: lineAtChar(text, nul),
      message: 'the file contains a NUL character, so it is binary or UTF-16 rather than UTF-8 text',
      fix: 'Export or save it again as UTF-8 text (in Excel: "CSV UTF-8 (Comma delimited)").',
    });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes a file's bytes as UTF-8 text, without its BOM. */
export function decodeSourceBytes(bytes: Uint8Array, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    failSource({
      file,
      line: 1,
      message: 'the file is UTF-16 (Excel "Unicode text" or a PowerShell redirect), not UTF-8',
      fix: 'Save it as "CSV UTF-8 (Comma delimited)" in Excel, or use Export-Csv -Encoding utf8 in PowerShell.',
    });
  }
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    const offset = Math.max(0, firstInvalidUtf8(bytes));
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    failSource({
      file,
      line: lineAtByte(bytes, offset),
      message: `the file is not valid UTF-8 (byte 0x${byte}); it was probably saved as ANSI/Windows-1252`,
      fix: 'Save it as "CSV UTF-8 (Comma delimited)" in Excel, or convert it (iconv -f WINDOWS-1252 -t UTF-8).',
    });
  }
  return checkText(text, file);
}

/** Prepares text that is already in memory (inline CSV or JSON): the same limit and checks. */
export function sourceTextFromString(text: string, name: string, options: SourceSizeOptions = {}): string {
  checkSourceSize(name, Buffer.byteLength(text, 'utf8'), options.maxBytes ?? DEFAULT_MAX_BYTES);
  return checkText(text, name);
}

/**
 * Reads a source file's bytes, refusing it before reading when it is over the size limit. `what`
 * names the kind of file in the message for a path that is not a file.
 */
export async function readSourceBytes(
  path: string,
  options: SourceSizeOptions = {},
  what = 'a CSV or JSON file',
): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      failSource({ file: path, message: 'this is not a file', fix: `Pass the path of ${what}.` });
    }
    checkSourceSize(path, info.size, maxBytes);
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
  checkSourceSize(path, bytes.length, maxBytes);
  return bytes;
}

/** Reads a source file's text, refusing it before reading when it is over the size limit. */
export async function readSourceText(path: string, options: SourceSizeOptions = {}): Promise<string> {
  return decodeSourceBytes(await readSourceBytes(path, options), path);
}
