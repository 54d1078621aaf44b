/**
 * Issue 15, the SDK: a contact named by first and last name alone, on both profiles; and the
 * `document` dialect, whose every write passes a validator of the API document: Stoplight Prism's
 * validating proxy (`prism proxy spec/itglue.openapi.yaml <emulator> --errors`), run on 127.0.0.1
 * in front of the emulator's seed profile (the one that takes the document literally). Prism
 * answers 422 for a request the document does not allow and 404 for a route it does not have,
 * instead of forwarding it, so a write that reaches the emulator passed the document.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, GlueKit, ValidationError } from '../../src/index.js';
import { clientFor, requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

const BIG_ORG_ID = '9007199254740993';
const ROOT = join(import.meta.dirname, '..', '..');

describe.each(['real', 'seed'] as const)('contacts named by first and last name (%s profile)', (profile) => {
  const emulator = useEmulator({ profile, seed: 'demo' });

  it('creates a contact from firstName and lastName without a name, on both routes', async () => {
    const client = clientFor(emulator.current);
    const top = await client.contacts.create({
      organizationId: BIG_ORG_ID,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
    });
    expect(top).toMatchObject({ name: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace' });
    expect(await client.contacts.get(top.id)).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    const nested = await client.organizations.contacts.create(BIG_ORG_ID, {
      firstName: 'Grace',
      lastName: 'Hopper',
    });
    expect((await client.contacts.get(nested.id)).name).toBe('Grace Hopper');
    const firstOnly = await client.contacts.create({ organizationId: BIG_ORG_ID, firstName: 'Cher' });
    expect((await client.contacts.get(firstOnly.id)).name).toBe('Cher');
  });

  it('refuses a contact with no name at all before sending, saying what to give', async () => {
    const client = clientFor(emulator.current);
    await resetCounts(emulator.current);
    const error = await client.contacts
      .create({ organizationId: BIG_ORG_ID, title: 'Nobody' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toEqual([expect.objectContaining({ field: 'name' })]);
    expect(error.message).toMatch(/firstName and lastName/);
    expect((await requestCounts(emulator.current)).byMethod.POST ?? 0).toBe(0);
  });
});

describe('the dialect option', () => {
  it('takes itglue (the default) or document, and refuses anything else saying which', () => {
    const base = { apiKey: 'ITG.0123456789abcdef0123456789abcdef', baseUrl: 'http://127.0.0.1:9' };
    expect(() => new GlueKit({ ...base, dialect: 'itglue' })).not.toThrow();
    expect(() => new GlueKit({ ...base, dialect: 'document' })).not.toThrow();
    expect(() => new GlueKit({ ...base, dialect: 'seed' as never })).toThrow(
      /dialect must be "itglue".*or "document".*got "seed"/,
    );
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts Prism's validating proxy and resolves once it says it is listening. */
async function startPrismProxy(upstream: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js'),
      'proxy',
      join(ROOT, 'spec', 'itglue.openapi.yaml'),
      upstream,
      '--errors',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
    ],
    { env: { ...process.env, SCARF_ANALYTICS: 'false', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) resolve();
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`prism exited with ${code}:\n${output}`)));
  });
  await ready;
  return { url: `http://127.0.0.1:${port}`, process: child };
}

describe('dialect "document": every write passes Prism, a validator of the API document', () => {
  const emulator = useEmulator({ profile: 'seed', seed: 'demo' });
  let prism: { url: string; process: ChildProcess };
  let literal: GlueKit;
  let itglue: GlueKit;
  let orgId: string;

  beforeAll(async () => {
    prism = await startPrismProxy(emulator.current.url);
    literal = clientFor(emulator.current, { baseUrl: prism.url, dialect: 'document' });
    itglue = clientFor(emulator.current, { baseUrl: prism.url });
    // An id below 2^53: Prism re-encodes bodies with JSON.parse, which would round a larger one.
    const orgs = await clientFor(emulator.current).organizations.list().toArray();
    orgId = (orgs.find((org) => org.id !== BIG_ORG_ID && org.id.length < 10) ?? orgs[0])?.id as string;
  }, 120_000);

  afterAll(async () => {
    if (prism && prism.process.exitCode === null) {
      prism.process.kill();
      await once(prism.process, 'exit');
    }
  });

  it('writes contacts with the flat name and email the document has', async () => {
    const contact = await literal.contacts.create({
      organizationId: orgId,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
    });
    expect(contact).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
    const updated = await literal.contacts.update(contact.id, {
      contactEmails: [{ value: 'countess@example.com', primary: true, labelName: 'Work' }],
      title: 'Analyst',
    });
    expect(updated).toMatchObject({ email: 'countess@example.com', title: 'Analyst' });
    const nested = await literal.organizations.contacts.create(orgId, {
      firstName: 'Grace',
      lastName: 'Hopper',
    });
    expect(nested.name).toBe('Grace Hopper');
    const renamed = await literal.organizations.contacts.update(orgId, nested.id, {
      firstName: 'Amazing',
      lastName: 'Grace',
      email: 'grace@example.com',
    });
    expect(renamed).toMatchObject({ name: 'Amazing Grace', email: 'grace@example.com' });
  });

  it('writes passwords and configurations as the document describes them', async () => {
    const password = await literal.passwords.create({
      organizationId: orgId,
      name: 'Router',
      password: 'r0uter',
    });
    await literal.passwords.update(password.id, { username: 'admin' });
    const configuration = await literal.configurations.create({
      organizationId: orgId,
      name: 'PC-01',
      hostname: 'pc-01',
    });
    await literal.configurations.update(configuration.id, { hostname: 'pc-01.contoso.local' });
    const nested = await literal.organizations.configurations.create(orgId, { name: 'PC-02' });
    expect(nested.name).toBe('PC-02');
    // What real IT Glue requires beyond the document (a type, the value) is not asked of a literal server.
    await expect(
      itglue.configurations.create({ organizationId: orgId, name: 'PC-03' }),
    ).rejects.toBeInstanceOf(ValidationError);
    const untyped = await literal.passwords.create({ organizationId: orgId, name: 'Placeholder' });
    expect(untyped.name).toBe('Placeholder');
  });

  it('writes and reads a document with its content on the document, never a sections route', async () => {
    const created = await literal.documents.create({
      organizationId: orgId,
      name: 'Runbook',
      content: '<p>one</p>',
    });
    expect(created.content).toBe('<p>one</p>');
    const updated = await literal.documents.update(created.id, { content: '<p>two</p>' });
    expect(updated.content).toBe('<p>two</p>');
    expect((await literal.documents.get(created.id)).content).toBe('<p>two</p>');
    const body = await literal.documents.setBody(created.id, [
      { resourceType: 'Document::Text', content: '<p>three</p>' },
    ]);
    expect((await literal.documents.get(created.id)).content).toBe(body);
    const nested = await literal.organizations.documents.create(orgId, {
      name: 'Notes',
      content: '<p>n</p>',
    });
    expect(nested.content).toBe('<p>n</p>');
    await expect(literal.documents.sections.list(created.id)).rejects.toBeInstanceOf(ConfigurationError);
    await expect(literal.documents.publish(created.id)).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('the validator is real: the default dialect is refused where it departs from the document', async () => {
    // Real IT Glue derives name, so the default dialect does not send it; the document requires it.
    await expect(
      itglue.contacts.create({ organizationId: orgId, firstName: 'Alan', lastName: 'Turing' }),
    ).rejects.toMatchObject({ status: 422 });
    // Content goes to a sections route, which the document does not have.
    await expect(
      itglue.documents.create({ organizationId: orgId, name: 'Sectioned', content: '<p>x</p>' }),
    ).rejects.toThrow();
  });
});
