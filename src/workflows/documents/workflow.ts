/**
 * Onboarding documentation: templates rendered for one organization, matched against every
 * document it has (root and folders) by (folder, normalized name), and written without ever
 * touching a person's work. The journal keeps the hash of the body gluekit last wrote; a document
 * whose body still has that hash is ours to update, anything else is `exists (modified)` and left
 * alone unless --adopt. A document left empty or half-written by an interrupted run is completed,
 * not duplicated.
 */
import { createHash } from 'node:crypto';
import type { GlueKit } from '../../client.js';
import { normalizeName } from '../../normalize/keys.js';
import { renderSectionInputs, type SectionInput } from '../../resources/section-rendering.js';
import type { Document, DocumentFolder } from '../../spec/models.js';
import type { ResourceExecutor, TargetRecord } from '../engine/executor.js';
import { ProblemList } from '../engine/input-errors.js';
import type { Journal } from '../engine/journal.js';
import { makePlan, type Plan, type PlanAction, type PlanTarget, planTarget } from '../engine/plan.js';
import { readOrganizations, resolveOrganizationOption } from '../organizations.js';
import { type OnboardingTemplate, type RenderedTemplate, renderTemplate } from './template.js';

export function contentHash(html: string): string {
  return createHash('sha256').update(html, 'utf8').digest('hex');
}

export function documentKey(folderId: string | null | undefined, name: string): string {
  return `document:${folderId ?? 'root'}:${normalizeName(name) ?? ''}`;
}

/**
 * A body that is the template's first sections and nothing else: what a body write that stopped
 * part-way leaves (sections are written in order, and IT Glue cannot delete one), so it is
 * completed like an empty one rather than taken for a person's edit.
 */
function isStartOf(current: string, sections: readonly SectionInput[]): boolean {
  for (let count = 1; count < sections.length; count++) {
    if (renderSectionInputs(sections.slice(0, count)) === current) return true;
  }
  return false;
}

export interface OnboardingOptions {
  org: string;
  vars?: Record<string, unknown> | undefined;
  /** A folder (name or id) for templates that name none. */
  folder?: string | undefined;
  publish?: boolean;
  adopt?: boolean;
  sourceId?: string | undefined;
  /** Where the templates came from, for the plan (a folder, or `builtin`). */
  templatesLabel: string;
  signal?: AbortSignal | undefined;
}

function resolveFolder(folders: readonly DocumentFolder[], wanted: string): DocumentFolder | undefined {
  const trimmed = wanted.trim();
  return (
    folders.find((f) => f.id === trimmed) ??
    folders.find((f) => f.name.trim().toLowerCase() === trimmed.toLowerCase())
  );
}

export async function planOnboarding(
  client: GlueKit,
  journal: Journal,
  templates: readonly OnboardingTemplate[],
  options: OnboardingOptions,
  now = new Date(),
): Promise<Plan> {
  const problems = new ProblemList();
  const signal = options.signal;
  const target = planTarget(client);
  const resolved = resolveOrganizationOption(await readOrganizations(client, signal), options.org);
  if (typeof resolved === 'string') {
    problems.add({
      option: 'organization',
      message: resolved,
      fix: 'Pass an existing organization id or its exact name.',
    });
    problems.throwIfAny();
  }
  const organizationId = (resolved as { id: string }).id;
  // The full record (lists truncate quick notes), for the templates' {{ organization.* }}.
  const organization = await client.organizations.get(organizationId, { signal });
  const rendered = templates.map((template) =>
    renderTemplate(template, { organization: { ...organization }, vars: options.vars ?? {} }, problems),
  );
  const folders = await client.organizations.documents.folders(organizationId, { signal });
  const folderOf = new Map<RenderedTemplate, string | null>();
  for (const document of rendered) {
    const wanted = document.folder ?? options.folder;
    if (!wanted) {
      folderOf.set(document, null);
      continue;
    }
    const folder = resolveFolder(folders, wanted);
    if (!folder) {
      problems.add({
        source: { file: document.file, line: 1 },
        field: 'folder',
        message: `no document folder "${wanted}" in this organization`,
        fix: 'Create the folder in IT Glue first (gluekit never creates folders), or change the template.',
      });
    }
    folderOf.set(document, folder?.id ?? null);
  }
  problems.throwIfAny();

  const existing = await client.organizations.documents
    .list(organizationId, { allFolders: true }, { signal })
    .toArray();
  const byKey = new Map<string, Document[]>();
  for (const document of existing) {
    const key = documentKey(document.documentFolderId, document.name);
    byKey.set(key, [...(byKey.get(key) ?? []), document]);
  }
  const hashes = journal.ledger.contentHashes(target);
  const actions: PlanAction[] = [];
  const seen = new Set<string>();
  for (const document of rendered) {
    const folderId = folderOf.get(document) ?? null;
    const key = documentKey(folderId, document.name);
    const at = {
      resource: 'documents' as const,
      organizationId,
      key,
      source: { file: document.file, line: 1 },
    };
    if (seen.has(key)) {
      actions.push({
        ...at,
        action: 'skip',
        reason: `duplicate template: another template already makes "${document.name}" here`,
      });
      continue;
    }
    seen.add(key);
    const html = renderSectionInputs(document.sections as SectionInput[]);
    const body = { sections: document.sections, ...(options.publish ? { publish: true } : {}) };
    const candidates = byKey.get(key) ?? [];
    if (candidates.length > 1) {
      actions.push({
        ...at,
        action: 'conflict',
        reason: `${candidates.length} documents are named "${document.name}" here (${candidates.map((d) => d.id).join(', ')})`,
      });
      continue;
    }
    const match = candidates[0];
    if (!match) {
      const attributes: Record<string, unknown> = { name: document.name, ...body };
      if (folderId) attributes.documentFolderId = folderId;
      if (document.restricted !== undefined) attributes.restricted = document.restricted;
      if (document.public !== undefined) attributes.public = document.public;
      actions.push({
        ...at,
        action: 'create',
        reason: `not in IT Glue (${document.sections.length} sections${options.publish ? ', published' : ''})`,
        attributes,
      });
      continue;
    }
    const current = (await client.documents.get(match.id, { signal })).content ?? '';
    const onRecord = { ...at, id: match.id, precondition: { updatedAt: match.updatedAt } };
    const written = hashes.get(match.id);
    const update = (reason: string): PlanAction => ({
      ...onRecord,
      action: 'update',
      reason,
      attributes: body,
      // Both bodies, so a person reviewing the plan sees a diff of the text, not two lengths.
      changes: { content: { from: current, to: html } },
    });
    if (current === '') actions.push(update('half-created (no content yet): completed'));
    else if (isStartOf(current, document.sections as SectionInput[]))
      actions.push(update('half-written (its first sections only, a body write that stopped): completed'));
    else if (written !== undefined && written === contentHash(current)) {
      actions.push(
        written === contentHash(html)
          ? { ...onRecord, action: 'unchanged', reason: 'as gluekit last wrote it' }
          : update('the template changed; nobody edited the document since'),
      );
    } else if (options.adopt) actions.push(update('adopted (`adopt`): replaced with the template'));
    else {
      actions.push({
        ...onRecord,
        action: 'skip',
        reason:
          written === undefined
            ? 'exists (not created by gluekit): left alone; `adopt` replaces it'
            : 'exists (modified by a person since): left alone; `adopt` replaces it',
      });
    }
  }
  return makePlan(
    {
      workflow: 'documents',
      target,
      options: {
        source: options.templatesLabel,
        org: organizationId,
        publish: options.publish === true,
        adopt: options.adopt === true,
      },
      sourceId: options.sourceId ?? `documents:${options.templatesLabel}`,
      actions,
      organizationNames: { [organizationId]: organization.name },
    },
    now,
  );
}

/** Writes documents: create, then the body (sections), then publish; remembers the body's hash. */
export function documentExecutor(client: GlueKit, journal: Journal, target: PlanTarget): ResourceExecutor {
  const writeBody = async (id: string, action: PlanAction, options: { signal?: AbortSignal | undefined }) => {
    const { sections, publish } = action.attributes as { sections: SectionInput[]; publish?: boolean };
    const html = await client.documents.setBody(id, sections, options);
    journal.ledger.setContentHash(target, id, contentHash(html));
    if (publish) await client.documents.publish(id, options);
  };
  return {
    resource: 'documents',
    async create(action, options) {
      const {
        sections: _sections,
        publish: _publish,
        ...attributes
      } = action.attributes as Record<string, unknown>;
      const document = await client.organizations.documents.create(
        action.organizationId,
        attributes as never,
        options,
      );
      await writeBody(document.id, action, options);
      return document as unknown as TargetRecord;
    },
    async update(action, options) {
      await writeBody(action.id as string, action, options);
      return (await client.documents.get(action.id as string, options)) as unknown as TargetRecord;
    },
    // A create whose answer was lost: the document exists; its body is written now.
    adopted: (action, record, options) => writeBody(record.id, action, options),
    listOrganization: async (organizationId, options) =>
      (await client.organizations.documents
        .list(organizationId, { allFolders: true }, options)
        .toArray()) as unknown as TargetRecord[],
    keysOf: (record) => [documentKey(record.documentFolderId as string | null, String(record.name))],
    get: async (id, options) => (await client.documents.get(id, options)) as unknown as TargetRecord,
  };
}
