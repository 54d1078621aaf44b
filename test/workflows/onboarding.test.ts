/**
 * Onboarding documentation against the emulator: the starter pack, variables and their defaults,
 * sections and publishing, idempotent re-runs, human edits left alone, half-created documents
 * completed, folders, escaping, and exactly one document per name under lost responses.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlueKit } from '../../src/index.js';
import {
  documentExecutor,
  loadTemplates,
  type OnboardingOptions,
  planOnboarding,
} from '../../src/workflows/documents/index.js';
import { applyPlan } from '../../src/workflows/engine/apply.js';
import type { Plan } from '../../src/workflows/engine/plan.js';
import { NO_FAULTS, resetCounts, setFaults, useEmulator } from '../helpers/emulator.js';
import { newTenant, type Tenant, writesSeen } from './support.js';

const BUILTIN = new URL('../../templates/onboarding', import.meta.url).pathname;
const ORG = 'Happy Frog Dental';

async function plan(tenant: Tenant, dir: string, options: Partial<OnboardingOptions> = {}): Promise<Plan> {
  return planOnboarding(tenant.client, tenant.journal, loadTemplates(dir), {
    org: ORG,
    templatesLabel: dir,
    ...options,
  });
}

async function apply(tenant: Tenant, p: Plan) {
  const target = { baseUrl: tenant.client.baseUrl, keyFingerprint: tenant.client.keyFingerprint };
  return applyPlan({
    plan: p,
    target,
    journal: tenant.journal,
    executors: { documents: documentExecutor(tenant.client, tenant.journal, target) },
    checkPreconditions: false,
  });
}

function templates(tenant: Tenant, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) tenant.file(name, text);
  return tenant.dir;
}

async function documentsNamed(client: GlueKit, name: string) {
  const orgId = (await client.organizations.list({ filter: { name: ORG } })).data[0]?.id as string;
  return (await client.organizations.documents.list(orgId, { allFolders: true }).toArray()).filter(
    (d) => d.name === name,
  );
}

describe.each(['real', 'seed'] as const)('onboarding documents on the %s profile', (profile) => {
  const emulator = useEmulator({ profile, seed: 'demo' });

  it('writes the starter pack with no vars file, then a re-run changes nothing', async () => {
    const tenant = await newTenant(emulator.current);
    const first = await plan(tenant, BUILTIN, { publish: true });
    expect(first.summary.create).toBe(readdirSync(BUILTIN).filter((f) => f.endsWith('.md')).length);
    const result = await apply(tenant, first);
    expect(result.outcomes.every((o) => o.state === 'done')).toBe(true);
    const [overview] = await documentsNamed(tenant.client, `${ORG}: client overview`);
    const full = await tenant.client.documents.get(overview?.id as string);
    expect(full.published).toBe(true);
    expect(full.content).toContain('<strong>Happy Frog Dental</strong>');
    expect(full.content).toContain('to be documented');
    await resetCounts(emulator.current);
    const again = await plan(tenant, BUILTIN, { publish: true });
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: first.summary.create });
    expect(await writesSeen(emulator.current)).toBe(0);
  });

  it('stops before any write when a placeholder has no value, naming file, line and variable', async () => {
    const tenant = await newTenant(emulator.current);
    const dir = templates(tenant, { 'a.md': '---\nname: Network\n---\n# ISP\n\nProvider: {{ vars.isp }}\n' });
    await resetCounts(emulator.current);
    await expect(plan(tenant, dir)).rejects.toThrow(
      /a\.md:6: vars\.isp: \{\{ vars\.isp \}\} has no value\. Add isp to the `vars` file/,
    );
    expect(await writesSeen(emulator.current)).toBe(0);
    const ok = await plan(tenant, dir, { vars: { isp: 'Fiber & <Co>' } });
    await apply(tenant, ok);
    const [doc] = await documentsNamed(tenant.client, 'Network');
    expect((await tenant.client.documents.get(doc?.id as string)).content).toBe(
      '<h1>ISP</h1><p>Provider: Fiber &amp; &lt;Co&gt;</p>',
    );
  });

  it('leaves a document a person edited alone, and replaces it only with --adopt', async () => {
    const tenant = await newTenant(emulator.current);
    const dir = templates(tenant, { 'b.md': '---\nname: Backups\n---\n# Backups\n\nNightly.\n' });
    await apply(tenant, await plan(tenant, dir));
    const [doc] = await documentsNamed(tenant.client, 'Backups');
    if (profile === 'real') {
      const sections = await tenant.client.documents.sections.list(doc?.id as string);
      await tenant.client.documents.sections.update(doc?.id as string, sections[1]?.id as string, {
        content: '<p>Nightly, and weekly off site.</p>',
      });
    } else {
      await tenant.client.documents.update(doc?.id as string, { content: '<p>Edited by hand.</p>' });
    }
    const edited = await plan(tenant, dir);
    expect(edited.actions[0]).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/exists \(modified by a person since\)/),
    });
    const adopted = await plan(tenant, dir, { adopt: true });
    expect(adopted.actions[0]).toMatchObject({ action: 'update', reason: expect.stringMatching(/adopted/) });
  });

  it('updates a document it wrote when the template changes, and leaves others it did not write alone', async () => {
    const tenant = await newTenant(emulator.current);
    const dir = templates(tenant, { 'c.md': '---\nname: Escalation\n---\n# Who\n\nAnn.\n' });
    await apply(tenant, await plan(tenant, dir));
    writeFileSync(join(dir, 'c.md'), '---\nname: Escalation\n---\n# Who\n\nAnn, then Bob.\n');
    const changed = await plan(tenant, dir);
    expect(changed.actions[0]).toMatchObject({
      action: 'update',
      reason: expect.stringMatching(/template changed/),
    });
    await apply(tenant, changed);
    const [doc] = await documentsNamed(tenant.client, 'Escalation');
    expect((await tenant.client.documents.get(doc?.id as string)).content).toBe(
      '<h1>Who</h1><p>Ann, then Bob.</p>',
    );

    const orgId = doc?.organizationId as string;
    await tenant.client.organizations.documents.create(orgId, {
      name: 'Theirs',
      content: '<p>Written by a person.</p>',
    });
    const theirs = await plan(tenant, templates(tenant, { 'd.md': '---\nname: Theirs\n---\nOurs.\n' }));
    expect(theirs.actions.find((a) => a.key.endsWith(':theirs'))).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/not created by gluekit/),
    });
  });

  it('completes a half-created (empty) document instead of creating a second one', async () => {
    const tenant = await newTenant(emulator.current);
    const orgId = (await tenant.client.organizations.list({ filter: { name: ORG } })).data[0]?.id as string;
    await tenant.client.organizations.documents.create(orgId, { name: 'Half made' });
    const dir = templates(tenant, { 'e.md': '---\nname: Half made\n---\n# Part\n\nDone now.\n' });
    const p = await plan(tenant, dir);
    expect(p.actions[0]).toMatchObject({ action: 'update', reason: expect.stringMatching(/half-created/) });
    await apply(tenant, p);
    const docs = await documentsNamed(tenant.client, 'Half made');
    expect(docs).toHaveLength(1);
    expect((await tenant.client.documents.get(docs[0]?.id as string)).content).toBe(
      '<h1>Part</h1><p>Done now.</p>',
    );
  });

  it('completes a half-written document (its first sections only) left by a body write that stopped', async () => {
    const tenant = await newTenant(emulator.current);
    const orgId = (await tenant.client.organizations.list({ filter: { name: ORG } })).data[0]?.id as string;
    const { id } = await tenant.client.organizations.documents.create(orgId, { name: 'Half written' });
    await tenant.client.documents.setBody(id, [
      { resourceType: 'Document::Heading', content: 'Part', level: 1 },
    ]);
    const dir = templates(tenant, { 'h.md': '---\nname: Half written\n---\n# Part\n\nDone now.\n' });
    const p = await plan(tenant, dir);
    expect(p.actions[0]).toMatchObject({
      action: 'update',
      id,
      reason: expect.stringMatching(/half-written/),
    });
    await apply(tenant, p);
    expect((await tenant.client.documents.get(id)).content).toBe('<h1>Part</h1><p>Done now.</p>');
    if (profile === 'real') expect(await tenant.client.documents.sections.list(id)).toHaveLength(2);
    expect((await plan(tenant, dir)).summary).toMatchObject({ update: 0, create: 0, unchanged: 1 });
  });

  it('files documents in a folder and finds them there on the next run', async () => {
    const tenant = await newTenant(emulator.current);
    const dir = templates(tenant, { 'f.md': '---\nname: Runbook\nfolder: procedures\n---\nSteps.\n' });
    await apply(tenant, await plan(tenant, dir));
    const [doc] = await documentsNamed(tenant.client, 'Runbook');
    expect(doc?.documentFolderId).not.toBeNull();
    expect((await plan(tenant, dir)).actions[0]?.action).toBe('unchanged');
    await expect(
      plan(tenant, templates(tenant, { 'g.md': '---\nname: X\nfolder: Nowhere\n---\nx\n' })),
    ).rejects.toThrow(/no document folder "Nowhere"/);
  });

  it('ends with exactly one complete document per name under lost responses', async () => {
    const tenant = await newTenant(emulator.current);
    const files = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [
        `t${i}.md`,
        `---\nname: Chaos ${i}\n---\n# Part ${i}\n\nBody ${i}.\n`,
      ]),
    );
    const dir = templates(tenant, files);
    const p = await plan(tenant, dir);
    await setFaults(emulator.current, { lostResponseRate: 0.3, seed: 5 });
    try {
      await apply(tenant, p);
    } finally {
      await setFaults(emulator.current, NO_FAULTS);
    }
    for (let i = 0; i < 8; i++) {
      const docs = await documentsNamed(tenant.client, `Chaos ${i}`);
      expect(docs).toHaveLength(1);
      expect((await tenant.client.documents.get(docs[0]?.id as string)).content).toBe(
        `<h1>Part ${i}</h1><p>Body ${i}.</p>`,
      );
    }
    expect((await plan(tenant, dir)).summary.unchanged).toBe(8);
  });
});

describe('the starter pack', () => {
  it('has the six documents a new client needs, each with a name and a visible default for every variable', () => {
    const files = readdirSync(BUILTIN).filter((f) => f.endsWith('.md'));
    expect(files).toHaveLength(6);
    for (const file of files) {
      const text = readFileSync(join(BUILTIN, file), 'utf8');
      for (const placeholder of text.match(/\{\{[^}]*vars\.[^}]*\}\}/g) ?? [])
        expect(placeholder, `${file}: ${placeholder}`).toMatch(/default:/);
    }
  });
});
