/**
 * A small Markdown renderer for onboarding templates. It produces only the tags it knows
 * (headings, paragraphs, lists and task lists, quotes, code, tables, rules, emphasis, links), and
 * escapes every piece of text, so raw HTML in a template, or in a substituted value, can never
 * reach IT Glue as markup: the output is sanitized by construction.
 *
 * Headings are returned apart from the HTML between them, because IT Glue keeps a document as
 * heading and text sections.
 */

export interface MarkdownBlock {
  kind: 'heading' | 'html';
  /** 1..6 for headings. */
  level?: number;
  /** Escaped text (heading) or HTML (html). */
  content: string;
  /** The line of the template where the block starts. */
  line: number;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);
}

/** Only links IT Glue readers can safely follow. */
function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  return /^(https?:|mailto:)/i.test(trimmed) ? trimmed : undefined;
}

/** Inline Markdown: `code`, **bold**, *italic* / _italic_, [text](url). Text is escaped first. */
export function renderInline(text: string): string {
  const codes: string[] = [];
  const withoutCode = text.replace(/`([^`]+)`/g, (_, code: string) => {
    codes.push(`<code>${escapeHtml(code)}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  let html = escapeHtml(withoutCode);
  html = html.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (match, label: string, url: string) => {
    const safe = safeUrl(url.replace(/&amp;/g, '&'));
    return safe ? `<a href="${escapeHtml(safe)}">${label}</a>` : match;
  });
  html = html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  html = html.replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  html = html.replace(/(^|[^\w])_([^_\s][^_]*)_(?=$|[^\w])/g, '$1<em>$2</em>');
  return html.replace(/\u0000(\d+)\u0000/g, (_, i: string) => codes[Number(i)] as string);
}

const TASK = /^\[( |x|X)\]\s+/;

function renderList(items: string[], ordered: boolean): string {
  const tag = ordered ? 'ol' : 'ul';
  const lis = items.map((item) => {
    const task = TASK.exec(item);
    if (!task) return `<li>${renderInline(item)}</li>`;
    const checked = task[1] !== ' ' ? ' checked' : '';
    return `<li><input type="checkbox" disabled${checked}> ${renderInline(item.slice(task[0].length))}</li>`;
  });
  return `<${tag}>${lis.join('')}</${tag}>`;
}

function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}

function renderTable(lines: string[]): string {
  const [header = '', , ...rows] = lines;
  const head = tableCells(header)
    .map((cell) => `<th>${renderInline(cell)}</th>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${tableCells(row)
          .map((cell) => `<td>${renderInline(cell)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Renders Markdown to heading blocks and HTML blocks, keeping each block's starting line. */
export function renderMarkdown(markdown: string, firstLine = 1): MarkdownBlock[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let html: string[] = [];
  let htmlLine = firstLine;
  const flush = () => {
    if (html.length > 0) blocks.push({ kind: 'html', content: html.join(''), line: htmlLine });
    html = [];
  };
  const add = (chunk: string, line: number) => {
    if (html.length === 0) htmlLine = line;
    html.push(chunk);
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const lineNo = firstLine + i;
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      blocks.push({
        kind: 'heading',
        level: (heading[1] as string).length,
        content: renderInline(heading[2] as string),
        line: lineNo,
      });
      i++;
    } else if (/^\s*```/.test(line)) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !/^\s*```/.test(lines[i] as string)) code.push(lines[i++] as string);
      i++;
      add(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`, lineNo);
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      add('<hr>', lineNo);
      i++;
    } else if (/^\s*[-*+]\s+/.test(line) || /^\s*\d+[.)]\s+/.test(line)) {
      const ordered = /^\s*\d+[.)]\s+/.test(line);
      const items: string[] = [];
      while (i < lines.length && (ordered ? /^\s*\d+[.)]\s+/ : /^\s*[-*+]\s+/).test(lines[i] as string)) {
        items.push((lines[i] as string).replace(ordered ? /^\s*\d+[.)]\s+/ : /^\s*[-*+]\s+/, ''));
        i++;
      }
      add(renderList(items, ordered), lineNo);
    } else if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i] as string))
        quoted.push((lines[i++] as string).replace(/^\s*>\s?/, ''));
      add(`<blockquote><p>${renderInline(quoted.join(' '))}</p></blockquote>`, lineNo);
    } else if (/^\s*\|/.test(line) && /^\s*\|?[\s:-]+\|/.test(lines[i + 1] ?? '')) {
      const table: string[] = [];
      while (i < lines.length && /^\s*\|/.test(lines[i] as string)) table.push(lines[i++] as string);
      add(renderTable(table), lineNo);
    } else if (line.trim() === '') {
      i++;
    } else {
      const paragraph: string[] = [];
      while (
        i < lines.length &&
        (lines[i] as string).trim() !== '' &&
        !/^(#{1,6}\s|\s*```|\s*[-*+]\s|\s*\d+[.)]\s|\s*>|\s*\|)/.test(lines[i] as string)
      ) {
        paragraph.push((lines[i++] as string).trim());
      }
      add(`<p>${renderInline(paragraph.join(' '))}</p>`, lineNo);
    }
  }
  flush();
  return blocks;
}
