/**
 * A small XML parser, enough for a KeePass 2 XML export: elements, attributes, text, CDATA,
 * comments and processing instructions, the five predefined entities and numeric character
 * references. Nothing else is expanded. A DOCTYPE that declares entities, or has an internal
 * subset at all, is refused: entity expansion is how XML files read other files (XXE) or blow up
 * to gigabytes ("billion laughs"), and no vault export needs it. Building the tree keeps its own
 * stack, so a deeply nested file cannot overflow the call stack; depth is capped for the walkers.
 *
 * Line ends in text are normalized to LF as the XML spec requires (a `&#13;` stays a CR), so a
 * value reads as KeePass itself would read it back.
 */
import { failSource } from '../errors.js';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, concatenated (KeePass has no mixed content). */
  text: string;
  /** The 1-based line of the start tag. */
  line: number;
}

const MAX_DEPTH = 512;
const NAME = /[^\s/>=]+/y;
const ATTRIBUTE = /\s*([^\s/>=]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A map from offset to line that only moves forward, so counting costs one pass in total. */
class Lines {
  private at = 0;
  private line = 1;
  constructor(private readonly text: string) {}

  of(offset: number): number {
    for (; this.at < offset; this.at++) {
      const code = this.text.charCodeAt(this.at);
      if (code === 0x0a || (code === 0x0d && this.text.charCodeAt(this.at + 1) !== 0x0a)) this.line++;
    }
    return this.line;
  }
}

export function parseXml(text: string, file: string): XmlElement {
  const lines = new Lines(text);
  const fail = (
    offset: number,
    message: string,
    fix = 'Export the file again; it is damaged or not an export.',
  ): never => failSource({ file, line: lines.of(offset), message, fix });

  const decode = (raw: string, offset: number): string => {
    const normalized = raw.replace(/\r\n?/g, '\n');
    if (!normalized.includes('&')) return normalized;
    return normalized.replace(/&([^;&\s]{0,12});?/g, (whole, name: string) => {
      if (!whole.endsWith(';')) fail(offset, 'a bare & in the text (XML writes it as &amp;)');
      if (PREDEFINED[name] !== undefined) return PREDEFINED[name];
      const numeric = /^#(?:x([0-9a-fA-F]+)|(\d+))$/.exec(name);
      const code = numeric ? Number.parseInt(numeric[1] ?? numeric[2] ?? '', numeric[1] ? 16 : 10) : -1;
      if (code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) return String.fromCodePoint(code);
      return fail(
        offset,
        `the entity ${quoteEntity(whole)} is not one XML defines; only the five predefined ones and &#…; are read`,
      );
    });
  };

  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    const chunk = text.slice(i, open === -1 ? text.length : open);
    const top = stack[stack.length - 1];
    if (top) top.text += decode(chunk, i);
    else if (chunk.trim() !== '' && !(i === 0 && chunk === '\ufeff'))
      fail(i, 'text outside the root element');
    if (open === -1) break;
    i = open;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) fail(i, 'a comment is never closed');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end === -1) fail(i, 'a CDATA section is never closed');
      if (!top) fail(i, 'CDATA outside the root element');
      (top as XmlElement).text += text.slice(i + 9, end).replace(/\r\n?/g, '\n');
      i = end + 3;
    } else if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) {
      // An external DTD (SYSTEM "…") is never fetched, so only an internal subset can declare anything.
      const end = text.indexOf('>', i);
      if (end === -1) fail(i, 'a DOCTYPE is never closed');
      if (text.slice(i, end).includes('[')) {
        const what = /<!ENTITY/i.test(text.slice(i, i + 65536))
          ? 'declares entities'
          : 'has an internal DTD subset';
        fail(
          i,
          `the XML ${what} in its DOCTYPE, which is refused: entity expansion can read local files or exhaust memory`,
          'Export the vault again from KeePass (File > Export > KeePass XML (2.x)); a real export has no DOCTYPE.',
        );
      }
      i = end + 1;
    } else if (text.startsWith('<!', i)) {
      fail(i, 'a markup declaration (<!…) outside a DOCTYPE, which XML does not allow here');
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1) fail(i, 'a processing instruction is never closed');
      i = end + 2;
    } else if (text.startsWith('</', i)) {
      NAME.lastIndex = i + 2;
      const name = NAME.exec(text)?.[0] ?? '';
      const end = text.indexOf('>', i);
      const element = stack.pop();
      if (element === undefined || element.name !== name) {
        fail(
          i,
          element
            ? `</${name}> closes <${element.name}> (opened at line ${element.line})`
            : `</${name}> closes nothing`,
        );
      }
      if (end === -1) fail(i, 'a closing tag is never finished');
      i = end + 1;
    } else {
      NAME.lastIndex = i + 1;
      const name = NAME.exec(text)?.[0];
      if (name === undefined) fail(i, 'a < that starts no tag (XML writes it as &lt;)');
      const element: XmlElement = {
        name: name as string,
        attributes: {},
        children: [],
        text: '',
        line: lines.of(i),
      };
      let at = NAME.lastIndex;
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const attribute = ATTRIBUTE.exec(text);
        if (!attribute) break;
        element.attributes[attribute[1] as string] = decode(attribute[2] ?? attribute[3] ?? '', at).replace(
          /[\t\n]/g,
          ' ',
        );
        at = ATTRIBUTE.lastIndex;
      }
      while (/\s/.test(text[at] ?? '')) at++;
      const selfClosing = text.startsWith('/>', at);
      if (!selfClosing && text[at] !== '>') fail(at, `the tag <${name}> is malformed`);
      if (top) top.children.push(element);
      else if (root) fail(i, `a second root element <${name}>`);
      else root = element;
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) fail(i, `elements are nested more than ${MAX_DEPTH} deep`);
        stack.push(element);
      }
      i = at + (selfClosing ? 2 : 1);
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) {
    fail(
      text.length,
      `the file ends before </${unclosed.name}> (opened at line ${unclosed.line}): it is cut short`,
    );
  }
  if (!root) return fail(0, 'the file has no XML element');
  return root;
}

function quoteEntity(entity: string): string {
  return JSON.stringify(entity.length > 20 ? `${entity.slice(0, 20)}…` : entity);
}

/** The first child element with this name. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((candidate) => candidate.name === name);
}

/** Every child element with this name. */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((candidate) => candidate.name === name) ?? [];
}
