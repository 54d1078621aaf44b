/**
 * Document sections (real IT Glue keeps a document's body in them): `Document::Text`,
 * `Document::Heading` (with `level` 1–6), `Document::Gallery`, `Document::Step` (with `duration`).
 * `rendered-content` is read-only and derived from `content`; `resource-type` cannot change.
 */
import { DOCUMENT_SECTION_TYPES } from '../../spec/documents.js';
import type { SectionRecord } from '../store/records.js';
import type { Tenant } from '../store/tenant.js';
import type { ApiError } from '../support/api-errors.js';
import { compareIds } from '../support/ids.js';
import {
  type ResourceModel,
  recordFields,
  type WriteContext,
  type WriteInput,
  type WriteOutcome,
} from './model.js';
import { has, type PermitSpec, permit } from './permit.js';
import { blank, invalid } from './problems.js';
import { assignSent, outcome } from './write-support.js';

const HEADING = 'Document::Heading';
const STEP = 'Document::Step';
/** Emulator choice when a heading arrives without a level: an `<h2>`, the usual section heading. */
const DEFAULT_HEADING_LEVEL = 2;

export function renderSection(section: Pick<SectionRecord, 'resourceType' | 'level' | 'content'>): string {
  const content = section.content ?? '';
  if (section.resourceType !== HEADING) return content;
  const level = section.level ?? DEFAULT_HEADING_LEVEL;
  return `<h${level}>${content}</h${level}>`;
}

/** A document's sections in reading order: by `sort`, then by id. */
export function orderedSections(tenant: Tenant, documentId: string): SectionRecord[] {
  return [...tenant.sections.inGroup(documentId)].sort((a, b) => a.sort - b.sort || compareIds(a.id, b.id));
}

export const sectionModel: ResourceModel<SectionRecord> = {
  type: 'document-sections',
  fields: recordFields<SectionRecord>({ resource_type: 'text', document_id: 'id', sort: 'number' }),
  attributes(section) {
    return {
      'document-id': section.documentId,
      'resource-type': section.resourceType,
      level: section.level,
      sort: section.sort,
      content: section.content,
      'rendered-content': renderSection(section),
      duration: section.duration,
      'created-at': section.createdAt,
      'updated-at': section.updatedAt,
    };
  },
};

const ATTRIBUTES: PermitSpec = {
  resourceType: 'string',
  level: 'integer',
  sort: 'integer',
  content: 'string',
  duration: 'integer',
};

type Draft = Omit<SectionRecord, 'id' | 'createdAt' | 'updatedAt'>;

function checkShape(context: WriteContext, draft: Draft, errors: ApiError[]): void {
  const base = context.pointerBase;
  if (draft.resourceType === HEADING) {
    draft.level ??= DEFAULT_HEADING_LEVEL;
    if (draft.level < 1 || draft.level > 6) errors.push(invalid(base, 'level', 'must be between 1 and 6'));
  } else {
    draft.level = null;
  }
  if (draft.resourceType !== STEP) draft.duration = null;
}

export function createSection(
  context: WriteContext,
  documentId: string,
  input: WriteInput,
): WriteOutcome<Draft> {
  const { values, ignored, errors } = permit(input.attributes, ATTRIBUTES, context.pointerBase);
  const type = values.resourceType;
  if (type === undefined || type === null || type === '')
    errors.push(blank(context.pointerBase, 'resourceType'));
  else if (!(DOCUMENT_SECTION_TYPES as readonly unknown[]).includes(type)) {
    errors.push(invalid(context.pointerBase, 'resourceType', 'is not included in the list'));
  }
  const siblings = context.tenant.sections.inGroup(documentId);
  const draft: Draft = {
    documentId,
    resourceType: String(type ?? ''),
    level: null,
    // New sections go last unless the client places them.
    sort: siblings.reduce((max, section) => Math.max(max, section.sort), 0) + 1,
    content: null,
    duration: null,
  };
  assignSent(draft, values, ['level', 'sort', 'content', 'duration']);
  checkShape(context, draft, errors);
  return outcome(draft, errors, ignored);
}

export function updateSection(
  context: WriteContext,
  current: SectionRecord,
  input: WriteInput,
): WriteOutcome<SectionRecord> {
  const { values, ignored, errors } = permit(input.attributes, ATTRIBUTES, context.pointerBase);
  if (has(values, 'resourceType') && values.resourceType !== current.resourceType) {
    errors.push(invalid(context.pointerBase, 'resourceType', "can't be changed"));
  }
  const draft: SectionRecord = { ...current };
  assignSent(draft, values, ['level', 'sort', 'content', 'duration']);
  checkShape(context, draft, errors);
  return outcome(draft, errors, ignored);
}
