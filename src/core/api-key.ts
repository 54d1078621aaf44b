/**
 * The API key as text. It goes out in a header, so a key with a line break or a NUL (a bad paste)
 * would make Node quote it in an "invalid header value" error; it is checked when the client is
 * built, with a message that says what is wrong and never shows the key. A server may also echo
 * the key back in forms other than its own (percent-encoded in a URL, escaped in a JSON pointer):
 * `keyForms` lists the forms that scrubbing must catch.
 */
import { ConfigurationError } from './errors.js';

/** Visible ASCII only: what every IT Glue key is made of, and all a header value can carry safely. */
const KEY_CHARACTERS = /^[\x21-\x7e]+$/;

function describeCharacter(char: string): string {
  if (char === '\n' || char === '\r') return 'a line break';
  if (char === '\0') return 'a NUL character';
  if (char === ' ' || char === '\t') return 'a space or tab';
  if (char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f) return 'a control character';
  return 'a character outside visible ASCII';
}

/** Throws a ConfigurationError (which never quotes the key) unless the key can be sent as is. */
export function checkApiKey(apiKey: string): void {
  if (KEY_CHARACTERS.test(apiKey)) return;
  const bad = [...apiKey].find((char) => !KEY_CHARACTERS.test(char)) as string;
  throw new ConfigurationError(
    `The IT Glue API key contains ${describeCharacter(bad)}, which no key has: copy it again from IT Glue (Account → Settings → API Keys) and paste it without surrounding spaces or line breaks.`,
  );
}

/** The key, and the forms in which a server may echo it (a URL, a JSON pointer). */
export function keyForms(apiKey: string): string[] {
  const pointerEscaped = apiKey.replaceAll('~', '~0').replaceAll('/', '~1');
  return [...new Set([apiKey, encodeURIComponent(apiKey), pointerEscaped])];
}
