/**
 * Text from outside (a record's name, a server's error, a cell of a source file) on its way to a
 * terminal. Control characters in it could drive the terminal: `ESC [2J` clears the screen, an
 * OSC sequence retitles the window or writes a hyperlink, a lone CR overprints a line. So C0
 * controls (except tab and line feed), DEL and C1 controls are removed; what is left prints as
 * itself. JSON output needs none of this: JSON escapes C0 controls.
 */

// C0 without \t and \n, then DEL and the C1 block (U+0080–U+009F).
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function terminalText(text: string): string {
  return text.replace(CONTROLS, '');
}

/**
 * JSON text with DEL and the C1 controls escaped as well (JSON.stringify escapes only C0), so no
 * JSON gluekit prints can drive a terminal either. The value it encodes is unchanged: those
 * characters can only occur inside strings, where `\u009b` means the same as the raw character.
 */
export function jsonForTerminal(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
