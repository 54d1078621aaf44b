/**
 * Where UTF-8 goes wrong. `TextDecoder` with `fatal` says only that a file is invalid; a user
 * needs the line. This validator finds the first bad byte so we can name it. It runs only after
 * the decoder has refused the bytes, so the common (valid) path pays nothing for it.
 */

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

/** The offset of the first byte that does not start a valid UTF-8 sequence, or -1 if all is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // The second byte's allowed range excludes overlong forms, surrogates and values past U+10FFFF.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k < length; k++) if (!isContinuation(bytes[i + k])) return i;
    i += length;
  }
  return -1;
}

/**
 * The 1-based line that holds byte `offset`. A line ends at LF, CRLF or a lone CR, the same rule
 * the CSV parser counts lines by, so both report the line an editor shows.
 */
export function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const byte = bytes[i];
    if (byte === 0x0a) line++;
    else if (byte === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}

/** The same count over text: the line that holds character `offset`. */
export function lineAtChar(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) line++;
    else if (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a) line++;
  }
  return line;
}
