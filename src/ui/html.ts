/**
 * HTML that is safe by construction: the `html` tag escapes every interpolated value unless it is
 * already `SafeHtml` (made by this module), so a record named `<img src=x onerror=…>` is text
 * wherever it lands. Control characters (C0, DEL, C1) and the bidirectional overrides that can
 * make text read differently than it is are shown as visible escapes, never passed through.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * C0 controls but tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate
 * characters (Trojan-source style spoofing). Tab and newline are plain whitespace in HTML.
 */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

function visibleControl(char: string): string {
  const code = char.codePointAt(0) as number;
  // C0 controls have pictures (U+2400 + code: ␛ for ESC); the others show as \uXXXX.
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Any value as text: controls made visible, then the five HTML specials escaped. */
export function escapeText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(CONTROLS, visibleControl)
    .replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeText(value);
}

/** The template tag: literal parts are trusted markup, interpolations are escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] as string;
  for (let i = 0; i < values.length; i++) out += render(values[i] as HtmlValue) + (strings[i + 1] as string);
  return new SafeHtml(out);
}
