/**
 * `documents.setBody` on real IT Glue writes sections, and a section create whose answer is lost
 * is checked by listing again, never re-sent blind. These pin down when it keeps going and when
 * it stops: rounds that add a section never count against it (a long body converges however many
 * answers are lost), rounds that add none spend the client's `maxRetries`, and a stop leaves a
 * state that writing the body again completes, with no section doubled.
 */
import { describe, expect, it } from 'vitest';
import type { HttpFetch } from '../../src/core/http.js';
import { nodeHttpFetch } from '../../src/core/http.js';
import { PartialWriteError } from '../../src/index.js';
import { clientFor, useEmulator } from '../helpers/emulator.js';

const SECTION_POST = /\/documents\/\d+\/relationships\/sections$/;

/**
 * A fetch that loses the answer to section creates: `committed` ones reach the emulator (the
 * section exists) and the answer is dropped; the others are dropped before they are sent, as a
 * connection reset would, so the section does not exist.
 */
function losingFetch(plan: { committed: number; uncommitted: number }) {
  const seen = { sectionPosts: 0 };
  const fetch: HttpFetch = async (url, init) => {
    if (init.method !== 'POST' || !SECTION_POST.test(url.pathname)) return nodeHttpFetch(url, init);
    seen.sectionPosts++;
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    if (plan.committed > 0) {
      plan.committed--;
      await nodeHttpFetch(url, init);
      throw reset;
    }
    if (plan.uncommitted > 0) {
      plan.uncommitted--;
      throw reset;
    }
    return nodeHttpFetch(url, init);
  };
  return { fetch, seen };
}

const BODY = Array.from({ length: 8 }, (_, i) => ({
  resourceType: i % 2 === 0 ? ('Document::Heading' as const) : ('Document::Text' as const),
  content: i % 2 === 0 ? `Part ${i}` : `<p>Text ${i}</p>`,
  ...(i % 2 === 0 ? { level: 2 } : {}),
}));
const HTML = BODY.map((s) =>
  s.resourceType === 'Document::Heading' ? `<h2>${s.content}</h2>` : s.content,
).join('');

describe('documents.setBody when section answers get lost', () => {
  const emulator = useEmulator({ seed: 'demo' });

  async function newDocument(name: string): Promise<string> {
    const client = clientFor(emulator.current);
    const org = (await client.organizations.list({ filter: { name: 'Happy Frog Dental' } })).data[0];
    return (await client.organizations.documents.create(org?.id as string, { name })).id;
  }

  it('converges on a long body when every answer but the last is lost, whatever maxRetries is', async () => {
    const id = await newDocument('Every answer lost');
    const { fetch, seen } = losingFetch({ committed: BODY.length - 1, uncommitted: 0 });
    const client = clientFor(emulator.current, { fetch, maxRetries: 1 });
    expect(await client.documents.setBody(id, BODY)).toBe(HTML);
    // One POST per section: a lost answer is looked up, never sent again.
    expect(seen.sectionPosts).toBe(BODY.length);
    const sections = await clientFor(emulator.current).documents.sections.list(id);
    expect(sections.map((s) => s.content)).toEqual(BODY.map((s) => s.content));
    expect((await clientFor(emulator.current).documents.get(id)).content).toBe(HTML);
  });

  it("stops after the client's maxRetries rounds without progress, saying how far it got", async () => {
    const id = await newDocument('Stuck on the third');
    // Two sections go through; the third never does, however often it is tried.
    const { fetch, seen } = losingFetch({ committed: 0, uncommitted: 0 });
    let posts = 0;
    const stuck: HttpFetch = (url, init) => {
      if (init.method === 'POST' && SECTION_POST.test(url.pathname) && ++posts > 2)
        return Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      return fetch(url, init);
    };
    const client = clientFor(emulator.current, { fetch: stuck, maxRetries: 3 });
    const error = await client.documents.setBody(id, BODY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialWriteError);
    expect((error as PartialWriteError).message).toMatch(/2 of 8 sections written/);
    expect((error as PartialWriteError).completed).toEqual({
      documentId: id,
      sectionsWritten: 2,
      sections: 8,
    });
    // The third section was tried maxRetries + 1 times (4), each after a list showed it missing.
    expect(posts).toBe(2 + 4);
    expect(seen.sectionPosts).toBe(2);

    // The state it left is resumable: writing the body again finishes it, nothing doubled.
    expect(await clientFor(emulator.current).documents.setBody(id, BODY)).toBe(HTML);
    const sections = await clientFor(emulator.current).documents.sections.list(id);
    expect(sections.map((s) => s.content)).toEqual(BODY.map((s) => s.content));
  });

  it('reads its limit per call too (RequestOptions.maxRetries)', async () => {
    const id = await newDocument('Per call limit');
    let posts = 0;
    const never: HttpFetch = (url, init) => {
      if (init.method === 'POST' && SECTION_POST.test(url.pathname)) {
        posts++;
        return Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      }
      return nodeHttpFetch(url, init);
    };
    const client = clientFor(emulator.current, { fetch: never, maxRetries: 9 });
    await expect(client.documents.setBody(id, BODY, { maxRetries: 0 })).rejects.toBeInstanceOf(
      PartialWriteError,
    );
    expect(posts).toBe(1);
  });
});
