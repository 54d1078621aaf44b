/**
 * Where a JSON document goes wrong. V8's messages for some errors carry no position, and quote a
 * stretch of the document itself (`Unexpected token 'h', ..."hunter2"...`), which could put a
 * secret from a wrong file on screen. So after `JSON.parse` fails we find the offset ourselves
 * and describe it in our own words. The scanner keeps its own stack rather than recursing, so a
 * document of a million `[` cannot overflow the call stack.
 */

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

type Expect = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd' | 'done';

function describe(char: string | undefined): string {
  return char === undefined ? 'the file ends too early' : `unexpected ${JSON.stringify(char)}`;
}

/** The end of the string opened at `open`, or an error inside it. */
function scanString(text: string, open: number): number | JsonSyntaxError {
  let i = open + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return { offset: i, message: 'a line break or control character inside a string' };
    if (code === 0x5c) {
      ESCAPE.lastIndex = i;
      if (!ESCAPE.test(text)) return { offset: i, message: 'a bad escape (\\) inside a string' };
      i = ESCAPE.lastIndex;
      continue;
    }
    i++;
  }
  return { offset: open, message: 'a string starts here and is never closed' };
}

/** The offset and a description of the first syntax error, or undefined for valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: number[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const afterValue = (): Expect => (stack.length > 0 ? 'commaOrEnd' : 'done');
  for (;;) {
    while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
    const char = text[i];
    if (char === undefined)
      return expect === 'done' ? undefined : { offset: text.length, message: describe(char) };
    const top = stack[stack.length - 1];
    if (expect === 'done') return { offset: i, message: `${describe(char)} after the end of the JSON` };
    if (expect === 'colon') {
      if (char !== ':') return { offset: i, message: `${describe(char)} where ":" belongs` };
      expect = 'value';
      i++;
    } else if (expect === 'commaOrEnd') {
      const close = top === 0x7b ? '}' : ']';
      if (char === ',') expect = top === 0x7b ? 'key' : 'value';
      else if (char === close) {
        stack.pop();
        expect = afterValue();
      } else return { offset: i, message: `${describe(char)} where "," or "${close}" belongs` };
      i++;
    } else if (expect === 'key' || expect === 'keyOrEnd') {
      if (char === '}' && expect === 'keyOrEnd') {
        stack.pop();
        expect = afterValue();
        i++;
      } else if (char === '"') {
        const end = scanString(text, i);
        if (typeof end !== 'number') return end;
        i = end;
        expect = 'colon';
      } else return { offset: i, message: `${describe(char)} where a quoted key belongs` };
    } else if (char === ']' && expect === 'valueOrEnd') {
      stack.pop();
      expect = afterValue();
      i++;
    } else if (char === '{' || char === '[') {
      stack.push(char.charCodeAt(0));
      expect = char === '{' ? 'keyOrEnd' : 'valueOrEnd';
      i++;
    } else if (char === '"') {
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      expect = afterValue();
    } else {
      NUMBER.lastIndex = i;
      const literal = LITERALS.find((word) => text.startsWith(word, i));
      if (literal) i += literal.length;
      else if (NUMBER.test(text)) i = NUMBER.lastIndex;
      else return { offset: i, message: `${describe(char)} where a value belongs` };
      expect = afterValue();
    }
  }
}
