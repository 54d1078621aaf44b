/**
 * A document body as text people can diff: headings as `#` lines, paragraphs and list items on
 * their own lines, tags dropped, the common entities decoded. Only for showing: the page escapes
 * the result like any other text, so nothing here needs to be safe HTML.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function htmlToText(markup: string): string {
  const text = markup
    .replace(/<h([1-6])[^>]*>/gi, (_, level: string) => `\n${'#'.repeat(Number(level))} `)
    .replace(/<\/h[1-6]>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<tr[^>]*>/gi, '\n| ')
    .replace(/<\/t[dh]>/gi, ' | ')
    .replace(/<\/(p|div|ul|ol|li|table|pre|blockquote)>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  const lines = decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter((line, index, all) => line !== '' || (index > 0 && all[index - 1] !== ''));
  // No blank line between the items of a list.
  return lines
    .filter(
      (line, index) =>
        line !== '' ||
        !((lines[index - 1] ?? '').startsWith('- ') && (lines[index + 1] ?? '').startsWith('- ')),
    )
    .join('\n')
    .trim();
}

export interface SectionLike {
  resourceType?: unknown;
  content?: unknown;
  level?: unknown;
}

/** A plan's `sections` (heading and text sections) as one text. */
export function sectionsToText(sections: readonly SectionLike[]): string {
  return sections
    .map((section) => {
      const content = typeof section.content === 'string' ? section.content : '';
      if (section.resourceType === 'Document::Heading') {
        const level = typeof section.level === 'number' ? Math.min(6, Math.max(1, section.level)) : 2;
        return `${'#'.repeat(level)} ${htmlToText(content)}`;
      }
      return htmlToText(content);
    })
    .filter((text) => text !== '')
    .join('\n\n');
}
