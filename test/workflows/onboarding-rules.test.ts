/**
 * Onboarding documents, the rules of issue 15 on both profiles: a template that names no folder
 * finds its document in any folder (two candidates are a conflict naming both); publishing is
 * state (a publish that failed is "created, not published", and the next run publishes); a body
 * with a request over IT Glue's 10 MB limit is refused before anything is sent for it.
 */
import { describe, expect, it } from 'vitest';
import { renderApplyResult } from '../../src/cli/output/plan.js';
import { ValidationError } from '../../src/core/errors.js';
import { type HttpFetch, nodeHttpFetch } from '../../src/core/http.js';
import type { GlueKit } from '../../src/index.js';
import {
  documentExecutor,
  loadTemplates,
  type OnboardingOptions,
  planOnboarding,
} from '../../src/workflows/documents/index.js';
import { applyPlan } from '../../src/workflows/engine/apply.js';
import type { Plan } from '../../src/workflows/engine/plan.js';
import { clientFor, NO_FAULTS, resetCounts, setFaults, useEmulator } from '../helpers/emulator.js';
import { newTenant, type Tenant, writesSeen } from './support.js';

const ORG = 'Happy Frog Dental';

async function plan(tenant: Tenant, options: Partial<OnboardingOptions> = {}, client = tenant.client) {
  return planOnboarding(client, tenant.journal, loadTemplates(tenant.dir), {
    org: ORG,
    templatesLabel: tenant.dir,
    ...options,
  });
}

async function apply(tenant: Tenant, p: Plan, client = tenant.client) {
  const target = { baseUrl: client.baseUrl, keyFingerprint: client.keyFingerprint };
  return applyPlan({
    plan: p,
    target,
    journal: tenant.journal,
    executors: { documents: documentExecutor(client, tenant.journal, target) },
    checkPreconditions: false,
  });
}

async function organizationId(client: GlueKit): Promise<string> {
  return (await client.organizations.list({ filter: { name: ORG } })).data[0]?.id as string;
}

async function documentsNamed(client: GlueKit, name: string) {
  const orgId = await organizationId(client);
  return (await client.organizations.documents.list(orgId, { allFolders: true }).toArray()).filter(
    (d) => d.name === name,
  );
}

async function folderId(client: GlueKit, name: string): Promise<string> {
  const folders = await client.organizations.documents.folders(await organizationId(client));
  return folders.find((f) => f.name.toLowerCase() === name)?.id as string;
}

describe.each(['real', 'seed'] as const)('onboarding rules on the %s profile', (profile) => {
  const emulator = useEmulator({ profile, seed: 'demo' });

  it('finds a document in any folder when the template names none, and only in the named folder when it names one', async () => {
    const tenant = await newTenant(emulator.current);
    tenant.file('runbook.md', '---\nname: Runbook\nfolder: procedures\n---\nSteps.\n');
    await apply(tenant, await plan(tenant));
    const [filed] = await documentsNamed(tenant.client, 'Runbook');
    expect(filed?.documentFolderId).toBe(await folderId(tenant.client, 'procedures'));

    // The same template without its folder: the document in the folder is it (not a second one at the root).
    tenant.file('runbook.md', '---\nname: Runbook\n---\nSteps.\n');
    await resetCounts(emulator.current);
    const anyFolder = await plan(tenant);
    expect(anyFolder.actions).toEqual([expect.objectContaining({ action: 'unchanged', id: filed?.id })]);
    await apply(tenant, anyFolder);
    expect(await writesSeen(emulator.current)).toBe(0);
    expect(await documentsNamed(tenant.client, 'Runbook')).toHaveLength(1);

    // A person's document in a folder is found too, and left alone.
    const orgId = await organizationId(tenant.client);
    const theirs = await tenant.client.organizations.documents.create(orgId, {
      name: 'Wiring',
      documentFolderId: await folderId(tenant.client, 'procedures'),
    } as never);
    tenant.file('wiring.md', '---\nname: Wiring\n---\nOurs.\n');
    const found = await plan(tenant);
    expect(found.actions.find((a) => a.key.endsWith(':wiring'))).toMatchObject({
      action: 'update', // created empty by the person: completed, as a half-created document is
      id: theirs.id,
    });

    // A template that names a folder is restricted to it: a root document of that name is not it.
    await tenant.client.organizations.documents.create(orgId, { name: 'Policies', content: '<p>Root.</p>' });
    tenant.file('policies.md', '---\nname: Policies\nfolder: procedures\n---\nFiled.\n');
    const restricted = await plan(tenant);
    expect(restricted.actions.find((a) => a.key.endsWith(':policies'))).toMatchObject({
      action: 'create',
      attributes: expect.objectContaining({ documentFolderId: await folderId(tenant.client, 'procedures') }),
    });
  });

  it('makes two same-name documents in different folders a conflict naming both, not a guess', async () => {
    const tenant = await newTenant(emulator.current);
    const orgId = await organizationId(tenant.client);
    const procedures = await folderId(tenant.client, 'procedures');
    const atRoot = await tenant.client.organizations.documents.create(orgId, {
      name: 'Firewall',
      content: '<p>One.</p>',
    });
    const inFolder = await tenant.client.organizations.documents.create(orgId, {
      name: 'Firewall',
      content: '<p>Two.</p>',
      documentFolderId: procedures,
    } as never);
    tenant.file('fw.md', '---\nname: Firewall\n---\nRules.\n');
    await resetCounts(emulator.current);
    const p = await plan(tenant);
    expect(p.actions).toHaveLength(1);
    expect(p.actions[0]).toMatchObject({ action: 'conflict' });
    expect(p.actions[0]?.reason).toContain(`${atRoot.id} (at the root)`);
    expect(p.actions[0]?.reason).toMatch(new RegExp(`${inFolder.id} \\(folder "procedures"\\)`, 'i'));
    expect(p.actions[0]?.reason).toMatch(/name the folder in the template \(folder: …\) or with `folder`/);
    expect(await writesSeen(emulator.current)).toBe(0);

    // Naming the folder settles it: the document there, found, not created again.
    const named = await plan(tenant, { folder: 'procedures' });
    expect(named.actions[0]).toMatchObject({ action: 'skip', id: inFolder.id });
  });

  it('reports a failed publish as "created, not published", and the next run publishes it', async () => {
    const tenant = await newTenant(emulator.current);
    tenant.file('p.md', '---\nname: Published later\n---\n# Part\n\nBody.\n');
    // The emulator's fault injection answers the first publish with a 5xx (no retries in this client).
    let injected = false;
    const faultyPublish: HttpFetch = async (url, init) => {
      const publishing = init.method === 'PATCH' && url.pathname.endsWith('/publish') && !injected;
      if (!publishing) return nodeHttpFetch(url, init);
      injected = true;
      await setFaults(emulator.current, { ...NO_FAULTS, errorRate: 1, seed: 3 });
      try {
        return await nodeHttpFetch(url, init);
      } finally {
        await setFaults(emulator.current, NO_FAULTS);
      }
    };
    const client = clientFor(emulator.current, {
      apiKey: tenant.apiKey,
      maxRetries: 0,
      fetch: faultyPublish,
    });

    const first = await apply(tenant, await plan(tenant, { publish: true }, client), client);
    expect(injected).toBe(true);
    expect(first.outcomes).toHaveLength(1);
    expect(first.outcomes[0]).toMatchObject({
      state: 'done',
      error: expect.stringMatching(
        /^created, not published \(.*\); the next run with `publish` publishes it$/,
      ),
    });
    // The run's report lists it (a done write with a note), rather than a failed create.
    expect(renderApplyResult(first)).toMatch(
      /\n {2}done {5}create document:root:published later: created, not published \(/,
    );
    expect(renderApplyResult(first)).not.toMatch(/^ {2}failed/m);
    const [doc] = await documentsNamed(tenant.client, 'Published later');
    expect(doc?.published).toBe(false);
    expect((await tenant.client.documents.get(doc?.id as string)).content).toBe('<h1>Part</h1><p>Body.</p>');

    const second = await plan(tenant, { publish: true });
    expect(second.actions[0]).toMatchObject({
      action: 'update',
      id: doc?.id,
      reason: expect.stringMatching(/not published/),
      attributes: { publish: true },
      changes: { published: { from: false, to: true } },
    });
    const applied = await apply(tenant, second);
    expect(applied.outcomes[0]?.state).toBe('done');
    expect(applied.outcomes[0]?.error).toBeUndefined();
    expect((await tenant.client.documents.get(doc?.id as string)).published).toBe(true);
    expect(await documentsNamed(tenant.client, 'Published later')).toHaveLength(1);
    expect((await plan(tenant, { publish: true })).summary).toMatchObject({ unchanged: 1, update: 0 });
  });

  it('refuses a body over the 10 MB request limit before sending anything for it, naming template and section; others go on', async () => {
    const tenant = await newTenant(emulator.current);
    const huge = 'x'.repeat(10 * 1024 * 1024 + 10);
    tenant.file('big.md', `---\nname: Network diagram\n---\n# Intro\n\nSmall.\n\n# Diagram\n\n${huge}\n`);
    tenant.file('small.md', '---\nname: Small one\n---\n# Hello\n\nFine.\n');
    const p = await plan(tenant);
    const big = p.actions.find((a) => a.key.endsWith(':network diagram'));
    expect(big).toMatchObject({ action: 'skip' });
    expect(big?.reason).toMatch(
      /^too large: section 4 \(the text under "Diagram"\) of .*big\.md would be a request of 10\.0 MB; IT Glue refuses request bodies over 10\.0 MB/,
    );
    expect(p.actions.find((a) => a.key.endsWith(':small one'))).toMatchObject({ action: 'create' });
    await resetCounts(emulator.current);
    const result = await apply(tenant, p);
    expect(result.counts).toEqual({ done: 1 });
    expect(await documentsNamed(tenant.client, 'Network diagram')).toHaveLength(0);
    expect(await documentsNamed(tenant.client, 'Small one')).toHaveLength(1);
  });

  it('refuses an oversized body in the SDK too, before any write', async () => {
    const tenant = await newTenant(emulator.current);
    const orgId = await organizationId(tenant.client);
    const { id } = await tenant.client.organizations.documents.create(orgId, { name: 'Empty' });
    await resetCounts(emulator.current);
    const huge = `<p>${'y'.repeat(10 * 1024 * 1024)}</p>`;
    const write = tenant.client.documents.setBody(id, [
      { resourceType: 'Document::Heading', content: 'Title', level: 1 },
      { resourceType: 'Document::Text', content: huge },
    ]);
    await expect(write).rejects.toThrow(ValidationError);
    await expect(write).rejects.toThrow(/refuses request bodies over 10\.0 MB\. Nothing was sent/);
    expect(await writesSeen(emulator.current)).toBe(0);
  });
});
