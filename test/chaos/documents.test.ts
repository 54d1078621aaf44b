/**
 * Onboarding documents under every fault at once. A document is a create plus its sections (and
 * a publish): the journal records the document, the sections are written by the document's
 * writer, so the checks are the general ones (one record per key, no DELETE, journaled creates =
 * committed document creates, a quiet re-run) plus: every document holds exactly its template's
 * sections, none doubled by a lost answer, and reads back as the template rendered.
 */
import { describe, expect, it } from 'vitest';
import { documentExecutor, loadTemplates, planOnboarding } from '../../src/workflows/documents/index.js';
import { applyPlan } from '../../src/workflows/engine/apply.js';
import {
  NO_FAULTS,
  rawRecords,
  requestCounts,
  resetCounts,
  setFaults,
  useEmulator,
} from '../helpers/emulator.js';
import { faultSeed, printSeedOnFailure } from '../helpers/seed.js';
import { CHAOS, CHAOS_CREATE_ATTEMPTS, type ChaosTenant, chaosTenant, organizationId } from './support.js';

const ORG = 'Happy Frog Dental';
const DOCUMENTS = 12;

function writeTemplates(t: ChaosTenant): string {
  for (let i = 0; i < DOCUMENTS; i++) {
    t.file(
      `${String(i).padStart(2, '0')}-chaos.md`,
      `---\nname: Chaos document ${i}\n---\n# Part one\n\n{{ organization.name }} keeps item ${i}.\n\n## Part two\n\nSecond text of ${i}.\n`,
    );
  }
  return t.dir;
}

describe.each(['real', 'seed'] as const)(
  'onboarding documents under every fault at once (%s profile)',
  (profile) => {
    const emulator = useEmulator({ profile, seed: 'demo' });

    it('one complete document per name, no doubled section, no DELETE, journal = creates seen, quiet re-run', async () => {
      const seed = faultSeed(4242);
      printSeedOnFailure(seed);
      const t = await chaosTenant(emulator.current);
      const dir = writeTemplates(t);
      const target = { baseUrl: t.client.baseUrl, keyFingerprint: t.client.keyFingerprint };
      const plan = () =>
        planOnboarding(t.client, t.journal, loadTemplates(dir), {
          org: ORG,
          templatesLabel: dir,
          publish: true,
        });
      const orgId = await organizationId(t, ORG);
      const documentsBefore = (await rawRecords(emulator.current, 'documents', t.apiKey)).length;

      await resetCounts(emulator.current);
      await setFaults(emulator.current, { ...CHAOS, seed });
      let result: Awaited<ReturnType<typeof applyPlan>>;
      let planned: Awaited<ReturnType<typeof plan>>;
      try {
        planned = await plan();
        await setFaults(emulator.current, { rateLimitBurst: CHAOS.rateLimitBurst });
        result = await applyPlan({
          plan: planned,
          target,
          journal: t.journal,
          executors: { documents: documentExecutor(t.client, t.journal, target) },
          checkPreconditions: false,
          maxCreateAttempts: CHAOS_CREATE_ATTEMPTS,
        });
      } finally {
        await setFaults(emulator.current, NO_FAULTS);
      }
      const counts = await requestCounts(emulator.current);
      expect(counts.byStatus.reset ?? 0, 'no connection reset').toBeGreaterThan(0);
      expect(
        counts.writes.filter((w) => w.committed && !(w as { delivered?: boolean }).delivered).length,
        'no lost response',
      ).toBeGreaterThan(0);
      expect(planned.summary.create).toBe(DOCUMENTS);
      expect(result.outcomes.filter((o) => o.state !== 'done' && o.state !== 'adopted')).toEqual([]);
      expect(counts.byMethod.DELETE ?? 0).toBe(0);

      const documents = (await rawRecords(emulator.current, 'documents', t.apiKey)).filter(
        (d) => String(d.organizationId) === orgId,
      );
      expect((await rawRecords(emulator.current, 'documents', t.apiKey)).length).toBe(
        documentsBefore + DOCUMENTS,
      );
      for (let i = 0; i < DOCUMENTS; i++) {
        const named = documents.filter((d) => d.name === `Chaos document ${i}`);
        expect(named, `documents named "Chaos document ${i}"`).toHaveLength(1);
        const full = await t.client.documents.get(String(named[0]?.id));
        expect(full.content).toBe(
          `<h1>Part one</h1><p>${ORG} keeps item ${i}.</p><h2>Part two</h2><p>Second text of ${i}.</p>`,
        );
        expect(full.published).toBe(true);
        if (profile === 'real') {
          const sections = await t.client.documents.sections.list(String(named[0]?.id));
          expect(sections, `sections of "Chaos document ${i}"`).toHaveLength(4);
        }
      }

      // The journal accounts for every document IT Glue created.
      const { writes } = t.journal.getRun(result.runId);
      expect(writes.filter((w) => w.state === 'pending')).toEqual([]);
      const documentPosts = counts.writes.filter(
        (w) => w.method === 'POST' && w.committed && !w.path.includes('sections'),
      );
      expect(documentPosts.flatMap((w) => w.ids ?? []).sort()).toEqual(
        writes
          .filter((w) => w.action === 'create')
          .map((w) => w.recordId as string)
          .sort(),
      );

      await resetCounts(emulator.current);
      const again = await plan();
      expect(again.summary).toMatchObject({ create: 0, update: 0, conflict: 0, unchanged: DOCUMENTS });
      const quiet = await requestCounts(emulator.current);
      expect((quiet.byMethod.POST ?? 0) + (quiet.byMethod.PATCH ?? 0)).toBe(0);
    });
  },
);
