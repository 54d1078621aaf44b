/**
 * Onboarding documentation: templates rendered for one organization, matched against every
 * document it has (root and folders; only a named folder restricts the match), and written without
 * ever touching a person's work (decide.ts). A document left empty or half-written by an
 * interrupted run is completed, not duplicated; one left unpublished is published.
 */
import type { GlueKit } from '../../client.js';
import { ProblemList } from '../engine/input-errors.js';
import type { Journal } from '../engine/journal.js';
import { makePlan, type Plan, type PlanAction, planTarget } from '../engine/plan.js';
import { readOrganizations, resolveOrganizationOption } from '../organizations.js';
import { type DocumentTarget, locate, planDocument } from './decide.js';
import { foldersOf } from './folders.js';
import { DocumentIndex } from './matching.js';
import { type OnboardingTemplate, renderTemplate } from './template.js';
import { unusedVarsWarnings } from './vars.js';

export { contentHash } from './decide.js';
export { documentExecutor } from './executor.js';
export { documentKey } from './matching.js';

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

async function resolveOrganizationId(client: GlueKit, options: OnboardingOptions): Promise<string> {
  const resolved = resolveOrganizationOption(await readOrganizations(client, options.signal), options.org);
  const problems = new ProblemList();
  if (typeof resolved === 'string')
    problems.add({
      option: 'organization',
      message: resolved,
      fix: 'Pass an existing organization id or its exact name.',
    });
  problems.throwIfAny();
  return (resolved as { id: string }).id;
}

export async function planOnboarding(
  client: GlueKit,
  journal: Journal,
  templates: readonly OnboardingTemplate[],
  options: OnboardingOptions,
  now = new Date(),
): Promise<Plan> {
  const { signal } = options;
  const organizationId = await resolveOrganizationId(client, options);
  // The full record (lists truncate quick notes), for the templates' {{ organization.* }}.
  const organization = await client.organizations.get(organizationId, { signal });
  const problems = new ProblemList();
  const values = { organization: { ...organization }, vars: options.vars ?? {} };
  const rendered = templates.map((template) => renderTemplate(template, values, problems));
  const folders = await client.organizations.documents.folders(organizationId, { signal });
  const folderOf = foldersOf(rendered, folders, options.folder, problems);
  problems.throwIfAny();

  const documents = await client.organizations.documents
    .list(organizationId, { allFolders: true }, { signal })
    .toArray();
  const target: DocumentTarget = {
    organizationId,
    index: new DocumentIndex(documents, folders),
    hashes: journal.ledger.contentHashes(planTarget(client)),
    publish: options.publish === true,
    adopt: options.adopt === true,
    readBody: async (id) => (await client.documents.get(id, { signal })).content ?? '',
  };
  const actions: PlanAction[] = [];
  const seen = new Set<string>();
  for (const template of rendered) {
    const folderId = folderOf.get(template);
    const located = locate(template, folderId, target.index);
    if (seen.has(located.key)) {
      const reason = `duplicate template: another template already makes "${template.name}" here`;
      const source = { file: template.file, line: 1 };
      actions.push({
        resource: 'documents',
        organizationId,
        key: located.key,
        source,
        action: 'skip',
        reason,
      });
      continue;
    }
    seen.add(located.key);
    actions.push(await planDocument(template, located, folderId, target));
  }
  const notes = unusedVarsWarnings(templates, options.vars ?? {});
  return makePlan(
    {
      workflow: 'documents',
      target: planTarget(client),
      options: {
        source: options.templatesLabel,
        org: organizationId,
        publish: target.publish,
        adopt: target.adopt,
      },
      sourceId: options.sourceId ?? `documents:${options.templatesLabel}`,
      actions,
      organizationNames: { [organizationId]: organization.name },
      ...(notes.length > 0 ? { notes } : {}),
    },
    now,
  );
}
