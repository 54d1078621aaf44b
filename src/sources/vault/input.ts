/**
 * Recognising a vault export by its bytes. A vault reader must accept a binary file (a 1PUX zip),
 * so files are read as bytes (readSourceBytes, with the size limit every source has) and decoded
 * as text only once they are known not to be a zip; an encrypted KeePass database is named.
 */

/** KeePass's encrypted database: its signature, for a message that says which export to make. */
export function looksLikeKdbx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x03 && bytes[1] === 0xd9 && bytes[2] === 0xa2 && bytes[3] === 0x9a;
}
