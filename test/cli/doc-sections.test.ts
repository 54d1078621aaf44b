/**
 * `gluekit docs sections list|update` through the real binary, on both emulator profiles: the
 * sections of a document in order, one section's content and level changed (and nothing else),
 * the JSON envelope, a dry run that sends nothing, bad input, and the `docs update --set content`
 * refusal on a sectioned document pointing here.
 */
import { describe, expect, it } from 'vitest';
import { envelope, jsonError, runCli, tempHome } from '../helpers/cli.js';
import { rawRecords, requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

type Rec = Record<string, unknown>;

for (const profile of ['real', 'seed'] as const) {
  describe(`docs sections (${profile} profile)`, () => {
    const emulator = useEmulator({ seed: 'demo', profile });
    const home = tempHome();
    const cli = (args: string[]) =>
      runCli(args, {
        env: { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey },
        home,
      });

    /** A document with a heading and a text section, and its sections as the emulator has them. */
    async function sectioned(): Promise<{ documentId: string; sections: Rec[] }> {
      const sections = await rawRecords(emulator.current, 'document-sections');
      const byDocument = new Map<string, Rec[]>();
      for (const section of sections) {
        const id = String(section.documentId);
        byDocument.set(id, [...(byDocument.get(id) ?? []), section]);
      }
      const found = [...byDocument.entries()].find(
        ([, list]) =>
          list.length >= 2 &&
          list.some((s) => s.resourceType === 'Document::Heading') &&
          list.some((s) => s.resourceType === 'Document::Text'),
      );
      if (!found) throw new Error('the demo seed has no document with a heading and a text section');
      return { documentId: found[0], sections: found[1] };
    }

    it('lists the sections of a document in order, as a JSON envelope and as a table', async () => {
      const { documentId, sections } = await sectioned();
      await resetCounts(emulator.current);
      const listed = await cli(['docs', 'sections', 'list', documentId, '--json']);
      expect(listed.code, listed.stderr).toBe(0);
      const out = envelope<Rec[]>(listed);
      expect(out.meta).toMatchObject({ source: 'live', documentId, count: sections.length });
      const expected = [...sections]
        .sort((a, b) => Number(a.sort) - Number(b.sort) || Number(a.id) - Number(b.id))
        .map((s) => ({ id: String(s.id), resourceType: s.resourceType, content: s.content }));
      expect(out.data.map((s) => ({ id: s.id, resourceType: s.resourceType, content: s.content }))).toEqual(
        expected,
      );
      expect((await requestCounts(emulator.current)).byOperation).toEqual({ listDocumentSections: 1 });

      const table = await cli(['docs', 'sections', 'list', documentId, '-o', 'table']);
      expect(table.code).toBe(0);
      expect(table.stdout.split('\n')[0]).toMatch(
        /^ID\s+SORT\s+RESOURCE TYPE\s+LEVEL\s+CONTENT\s+UPDATED AT$/,
      );
    });

    it("updates one section's content and level, and leaves the other sections alone", async () => {
      const { documentId, sections } = await sectioned();
      const text = sections.find((s) => s.resourceType === 'Document::Text') as Rec;
      const heading = sections.find((s) => s.resourceType === 'Document::Heading') as Rec;
      const content = `<p>Two sites, one VPN (${profile}).</p>`;
      await resetCounts(emulator.current);
      const updated = await cli([
        'docs',
        'sections',
        'update',
        documentId,
        String(text.id),
        '--set',
        `content=${content}`,
        '--json',
      ]);
      expect(updated.code, updated.stderr).toBe(0);
      expect(envelope<Rec>(updated).data).toMatchObject({ id: String(text.id), content });
      const counts = await requestCounts(emulator.current);
      expect(counts.byOperation).toEqual({ updateDocumentSection: 1 });

      const leveled = await cli([
        'docs',
        'sections',
        'update',
        documentId,
        String(heading.id),
        '--set',
        'level=3',
      ]);
      expect(leveled.code, leveled.stderr).toBe(0);
      expect(envelope<Rec>(leveled).data).toMatchObject({ id: String(heading.id), level: 3 });

      const after = new Map(
        (await rawRecords(emulator.current, 'document-sections'))
          .filter((s) => String(s.documentId) === documentId)
          .map((s) => [String(s.id), s]),
      );
      expect(after.get(String(text.id))?.content).toBe(content);
      expect(after.get(String(heading.id))).toMatchObject({ level: 3, content: heading.content });
      for (const section of sections) {
        if (section.id === text.id || section.id === heading.id) continue;
        expect(after.get(String(section.id))?.content).toBe(section.content);
      }
    });

    it('a dry run prints the PATCH and sends nothing; bad input says what is wrong', async () => {
      const { documentId, sections } = await sectioned();
      const section = sections[0] as Rec;
      await resetCounts(emulator.current);
      const dry = await cli([
        'docs',
        'sections',
        'update',
        documentId,
        String(section.id),
        '--set',
        'content=<p>draft</p>',
        '--dry-run',
        '--json',
      ]);
      expect(dry.code, dry.stderr).toBe(0);
      const requests = envelope<{ requests: Rec[] }>(dry).data.requests;
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({
        method: 'PATCH',
        body: {
          data: {
            type: 'document-sections',
            id: String(section.id),
            attributes: { content: '<p>draft</p>' },
          },
        },
      });
      expect(String(requests[0]?.url)).toMatch(
        new RegExp(`/documents/${documentId}/relationships/sections/${section.id}$`),
      );
      expect((await requestCounts(emulator.current)).total).toBe(0);

      const nothing = await cli(['docs', 'sections', 'update', documentId, String(section.id), '--json']);
      expect(nothing.code).toBe(2);
      expect(jsonError(nothing).error.message).toMatch(/Nothing to update: give --set content=/);
      const kind = await cli([
        'docs',
        'sections',
        'update',
        documentId,
        String(section.id),
        '--set',
        'resource-type=Document::Text',
        '--json',
      ]);
      expect(kind.code).toBe(2);
      expect(jsonError(kind).error.message).toMatch(/updateDocumentSection has no attribute "resource-type"/);
      const badLevel = await cli([
        'docs',
        'sections',
        'update',
        documentId,
        String(section.id),
        '--set',
        'level=9',
        '--json',
      ]);
      expect(badLevel.code).not.toBe(0);
      expect(jsonError(badLevel).error.message).toMatch(/level/);
      const missing = await cli([
        'docs',
        'sections',
        'update',
        documentId,
        '999999999',
        '--set',
        'content=x',
      ]);
      expect(missing.code).not.toBe(0);
      expect((await requestCounts(emulator.current)).writes.filter((w) => w.committed)).toEqual([]);
    });

    it('docs update --set content on a sectioned document points at docs sections', async () => {
      const { documentId } = await sectioned();
      const refused = await cli(['docs', 'update', documentId, '--set', 'content=<p>all</p>', '--json']);
      expect(refused.code).not.toBe(0);
      expect(jsonError(refused).error.message).toContain(
        `gluekit docs sections update ${documentId} <section-id> --set content=`,
      );
      expect(jsonError(refused).error.message).toContain(`gluekit docs sections list ${documentId}`);
    });
  });
}
