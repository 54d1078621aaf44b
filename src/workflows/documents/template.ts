/**
 * Onboarding templates: one Markdown file per document, with YAML front matter (`name`, `folder`,
 * `restricted`, `public`, and optionally explicit `sections`); otherwise Markdown headings become
 * heading sections and what lies between them text sections.
 *
 * Placeholders are `{{ organization.name }}`, `{{ organization.short_name }}`, `{{ vars.isp }}`,
 * with an optional visible default: `{{ vars.isp | default: "to be documented" }}`. Values are
 * HTML-escaped where they land. A placeholder with no value and no default is an input problem
 * naming the file, the line and the variable, and stops the organization before any write.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../../core/errors.js';
import { camelKey } from '../../jsonapi/case.js';
import type { ProblemList } from '../engine/input-errors.js';
import { escapeHtml, renderMarkdown } from './markdown.js';

export interface TemplateSection {
  resourceType: 'Document::Heading' | 'Document::Text';
  content: string;
  level?: number;
}

export interface OnboardingTemplate {
  file: string;
  name: string;
  folder?: string | undefined;
  restricted?: boolean | undefined;
  public?: boolean | undefined;
  /** The Markdown body and the line it starts on. */
  body: string;
  bodyLine: number;
  /** Sections given in the front matter instead of Markdown headings. */
  sections?: Array<{ type: 'heading' | 'text'; content: string; level?: number }> | undefined;
}

export interface RenderedTemplate {
  file: string;
  name: string;
  folder?: string | undefined;
  restricted?: boolean | undefined;
  public?: boolean | undefined;
  sections: TemplateSection[];
}

export class TemplateError extends InputError {
  override name = 'TemplateError';
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z_][\w.]*)\s*(?:\|\s*default:\s*"([^"]*)"\s*)?\}\}/g;

export function parseTemplate(text: string, file: string): OnboardingTemplate {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(normalized);
  if (!match) throw new TemplateError(`${file}:1: a template starts with front matter (--- name: … ---)`);
  let front: Record<string, unknown>;
  try {
    front = (parseYaml(match[1] as string) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new TemplateError(`${file}: the front matter is not valid YAML: ${(error as Error).message}`);
  }
  if (typeof front.name !== 'string' || !front.name.trim())
    throw new TemplateError(`${file}:2: name: every template needs a name`);
  const bodyLine = (match[0].match(/\n/g)?.length ?? 0) + 1;
  const sections = Array.isArray(front.sections)
    ? front.sections.map((section, i) => {
        const s = section as { type?: unknown; content?: unknown; level?: unknown };
        if ((s.type !== 'heading' && s.type !== 'text') || typeof s.content !== 'string') {
          throw new TemplateError(
            `${file}: sections[${i}]: each section needs type heading or text, and content`,
          );
        }
        const type: 'heading' | 'text' = s.type;
        return { type, content: s.content, ...(typeof s.level === 'number' ? { level: s.level } : {}) };
      })
    : undefined;
  return {
    file,
    name: front.name.trim(),
    folder: typeof front.folder === 'string' && front.folder.trim() ? front.folder.trim() : undefined,
    restricted: typeof front.restricted === 'boolean' ? front.restricted : undefined,
    public: typeof front.public === 'boolean' ? front.public : undefined,
    body: normalized.slice(match[0].length),
    bodyLine,
    sections,
  };
}

/** Every `*.md` template of a folder, in name order. */
export function loadTemplates(dir: string): OnboardingTemplate[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.md') && statSync(join(dir, name)).isFile())
      .sort();
  } catch (error) {
    throw new TemplateError(`Cannot read the templates folder ${dir}: ${(error as Error).message}`);
  }
  if (names.length === 0) throw new TemplateError(`${dir} holds no .md templates`);
  return names.map((name) => parseTemplate(readFileSync(join(dir, name), 'utf8'), join(dir, name)));
}

export interface TemplateValues {
  organization: Record<string, unknown>;
  vars: Record<string, unknown>;
}

function lookup(values: TemplateValues, path: string): unknown {
  const [root, ...rest] = path.split('.');
  let value: unknown =
    root === 'organization' ? values.organization : root === 'vars' ? values.vars : undefined;
  for (const part of rest) {
    if (value === null || typeof value !== 'object') return undefined;
    // Own properties only: `in` would walk the prototype chain, and `{{ organization.constructor }}`
    // would render `function Object() { [native code] }`.
    const object = value as Record<string, unknown>;
    const key = Object.hasOwn(object, part) ? part : camelKey(part);
    value = Object.hasOwn(object, key) ? object[key] : undefined;
  }
  return value;
}

/**
 * Replaces placeholders in `text`, reporting each one without a value at its line. `escapeValue`
 * decides how a value is written (HTML for bodies, as is for the document name).
 */
function substitute(
  text: string,
  firstLine: number,
  values: TemplateValues,
  file: string,
  problems: ProblemList,
  escapeValue: (value: string) => string,
): string {
  return text.replace(PLACEHOLDER, (whole, path: string, fallback: string | undefined, offset: number) => {
    const value = lookup(values, path);
    if (value !== undefined && value !== null && value !== '') return escapeValue(String(value));
    if (fallback !== undefined) return escapeValue(fallback);
    const line = firstLine + (text.slice(0, offset).match(/\n/g)?.length ?? 0);
    problems.add({
      source: { file, line },
      field: path,
      message: `${whole} has no value`,
      fix: path.startsWith('vars.')
        ? `Add ${path.slice(5)} to the \`vars\` file, or give it a default: {{ ${path} | default: "…" }}.`
        : 'Use a field the organization has, or give it a default.',
    });
    return whole;
  });
}

/** The top-level `vars.*` names a template's placeholders use (in its name, body and sections). */
export function varsUsedBy(template: OnboardingTemplate): Set<string> {
  const texts = [template.name, template.body, ...(template.sections ?? []).map((s) => s.content)];
  const used = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(PLACEHOLDER)) {
      const [root, name] = (match[1] as string).split('.');
      if (root === 'vars' && name) used.add(name);
    }
  }
  return used;
}

/** Fills a template for one organization. Problems are collected; the caller stops before any write. */
export function renderTemplate(
  template: OnboardingTemplate,
  values: TemplateValues,
  problems: ProblemList,
): RenderedTemplate {
  const name = substitute(template.name, 2, values, template.file, problems, (value) => value);
  const sections: TemplateSection[] = [];
  if (template.sections) {
    for (const section of template.sections) {
      const content = substitute(
        section.content,
        template.bodyLine,
        values,
        template.file,
        problems,
        escapeHtml,
      );
      if (section.type === 'heading')
        sections.push({ resourceType: 'Document::Heading', content, level: section.level ?? 2 });
      else sections.push({ resourceType: 'Document::Text', content: `<p>${content}</p>` });
    }
  } else {
    // Placeholders are set aside before rendering, so a value is never read as Markdown or HTML.
    const held: Array<{ text: string; line: number }> = [];
    const body = template.body.replace(PLACEHOLDER, (whole, _path, _fallback, offset: number) => {
      held.push({
        text: whole,
        line: template.bodyLine + (template.body.slice(0, offset).match(/\n/g)?.length ?? 0),
      });
      return `\u0001${held.length - 1}\u0001`;
    });
    for (const block of renderMarkdown(body, template.bodyLine)) {
      const content = block.content.replace(/\u0001(\d+)\u0001/g, (_, i: string) => {
        const placeholder = held[Number(i)] as { text: string; line: number };
        return substitute(placeholder.text, placeholder.line, values, template.file, problems, escapeHtml);
      });
      if (block.kind === 'heading')
        sections.push({ resourceType: 'Document::Heading', content, level: block.level ?? 2 });
      else sections.push({ resourceType: 'Document::Text', content });
    }
  }
  return {
    file: template.file,
    name,
    folder: template.folder,
    restricted: template.restricted,
    public: template.public,
    sections,
  };
}
