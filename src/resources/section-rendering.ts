/**
 * A document body as HTML, from its sections: headings as `<hN>`, text as its HTML, in order. The
 * SDK renders what it reads (`renderSections`) and what a writer is about to write
 * (`renderSectionInputs`) with the same rule, so a body written and read back compares equal.
 * Pure: the onboarding workflow uses it to tell whether a document already holds a body.
 */
import type { DocumentSection } from '../spec/models.js';

/** One section of a document body, as a writer describes it. */
export interface SectionInput {
  resourceType: 'Document::Heading' | 'Document::Text';
  content: string;
  level?: number | undefined;
}

interface SectionLike {
  resourceType?: string | null | undefined;
  content?: string | null | undefined;
  level?: number | null | undefined;
}

function sectionHtml(section: SectionLike): string {
  const content = section.content ?? '';
  if (section.resourceType !== 'Document::Heading') return content;
  const level = Math.min(6, Math.max(1, section.level ?? 2));
  return `<h${level}>${content}</h${level}>`;
}

/** Sections read from IT Glue as one HTML body, in their `sort` order. */
export function renderSections(sections: readonly DocumentSection[]): string {
  return [...sections]
    .sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0) || a.id.length - b.id.length || (a.id < b.id ? -1 : 1))
    .map(sectionHtml)
    .join('');
}

/** The HTML a body reads back as: the same rendering `get` gives (headings as `<hN>`, text as is). */
export function renderSectionInputs(sections: readonly SectionInput[]): string {
  return sections.map(sectionHtml).join('');
}
