/**
 * The agents' contract, through a real MCP client talking to the built `gluekit mcp` over stdio
 * and over Streamable HTTP: every tool lists an outputSchema; each family's result (operations,
 * views, sync, plan, apply) carries structuredContent that validates against it and equals the
 * text's JSON; an error result carries the CLI's error object, with the same code the CLI prints.
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cliEnv, runCli, tempHome } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';
import { type Json, newTenantKey, spawnMcp } from './support.js';

const ORG = 'Happy Frog Dental';
const CONTACTS = [
  'organization,first_name,last_name,email,title',
  `${ORG},Grace,Hopper,grace@hfd.example,Admiral`,
].join('\n');
const MISSING_ORG = '987654321';

interface RawResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
  _meta?: Record<string, Json>;
}

/** A client that checks each structured result against the schema the server listed, itself. */
async function contractClient(client: Client) {
  const { tools } = await client.listTools();
  const validator = new AjvJsonSchemaValidator();
  const schemas = new Map(tools.map((tool) => [tool.name, tool.outputSchema]));
  return {
    tools,
    async structured(name: string, args: Record<string, unknown> = {}): Promise<Json> {
      const result = (await client.callTool({ name, arguments: args })) as RawResult;
      const text = result.content.map((part) => part.text ?? '').join('');
      expect(result.isError, `${name}: ${text}`).not.toBe(true);
      const schema = schemas.get(name);
      expect(schema, `${name} lists no outputSchema`).toBeDefined();
      const check = validator.getValidator(schema as never)(result.structuredContent);
      expect(check.errorMessage, `${name}'s structuredContent`).toBeUndefined();
      expect(check.valid).toBe(true);
      // The short text and the structured copy say the same thing.
      expect(result.structuredContent).toEqual(JSON.parse(text));
      return result.structuredContent;
    },
    async failure(name: string, args: Record<string, unknown>): Promise<RawResult & { text: string }> {
      const result = (await client.callTool({ name, arguments: args })) as RawResult;
      expect(result.isError).toBe(true);
      return { ...result, text: result.content.map((part) => part.text ?? '').join('') };
    },
  };
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

describe('structured results and error codes', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
  });

  it('over stdio: every family validates against its outputSchema, and errors carry the CLI code', async () => {
    const key = await newTenantKey(emulator.current);
    const env = { ITGLUE_API_KEY: key, ITGLUE_BASE_URL: emulator.current.url };
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp', '--allow-writes'],
      env: stringEnv(cliEnv(env)),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'contract-test', version: '0' });
    await client.connect(transport);
    const agent = await contractClient(client);
    const missing = agent.tools.filter((tool) => !tool.outputSchema).map((tool) => tool.name);
    expect(missing).toEqual([]);

    // Operations: a list page (records, count, cursor) and one record.
    const page = await agent.structured('list_organizations', { limit: 2 });
    expect(page.records).toHaveLength(2);
    expect(page.count).toBe(2);
    expect(typeof page.nextCursor).toBe('string');
    const org = await agent.structured('get_organization', { id: page.records[0].id });
    expect(org.id).toBe(page.records[0].id);

    // Sync, then views with the mirror's freshness.
    const synced = await agent.structured('sync_mirror', {});
    expect(synced.ok).toBe(true);
    expect(synced.mirror.stale).toBe(false);
    const hits = await agent.structured('search', { query: 'Happy Frog' });
    expect(hits.count).toBeGreaterThan(0);
    expect(hits.mirror.syncedAt).toEqual(expect.any(String));
    const coverage = await agent.structured('coverage', { limit: 1 });
    expect(coverage.organizations).toHaveLength(1);
    expect(coverage.total).toBeGreaterThan(1);
    await agent.structured('org_brief', { organization: ORG, limit: 2 });
    await agent.structured('stale_passwords', { days: 1 });

    // Plan, then apply.
    const plan = await agent.structured('plan_contact_sync', { rows: CONTACTS });
    expect(plan.summary.create).toBe(1);
    const applied = await agent.structured('apply_plan', { planId: plan.planId });
    expect(applied.counts).toEqual({ done: 1 });

    // An error: the text starts with the code, and _meta holds the CLI's error object.
    const failed = await agent.failure('get_organization', { id: MISSING_ORG });
    expect(failed.structuredContent).toBeUndefined();
    expect(failed.text).toMatch(/^NotFoundError: /);
    const object = failed._meta?.['gluekit/error'];
    expect(object).toMatchObject({ code: 'NotFoundError', status: 404 });
    expect(object.message).toEqual(expect.any(String));

    const cli = await runCli(['orgs', 'get', MISSING_ORG, '--json'], { env, home: tempHome() });
    expect(cli.code).toBe(3);
    const cliError = JSON.parse(cli.stderr).error;
    expect(cliError.code).toBe(object.code);
    expect(cliError.status).toBe(object.status);

    // A workflow refusal has its own code too.
    const conflict = await agent.failure('apply_plan', { planId: plan.planId });
    expect(conflict._meta?.['gluekit/error'].code).toBe('PlanNotAvailableError');
    expect(conflict.text).toMatch(/^PlanNotAvailableError: /);

    // Input problems: the same code and the same list of problems as the CLI's error object.
    const rows = 'first_name,last_name,email\nAda,Lovelace,ada@nowhere.example\n';
    const invalid = await agent.failure('plan_contact_sync', { rows });
    const agentError = invalid._meta?.['gluekit/error'];
    expect(invalid.text.startsWith(`${agentError.code}: `)).toBe(true);
    expect(Array.isArray(agentError.details) && agentError.details.length).toBeGreaterThan(0);
    const home = tempHome();
    const source = join(home, 'rows');
    writeFileSync(source, rows);
    const cliInvalid = JSON.parse(
      (await runCli(['contacts', 'sync', '--from', source, '--json'], { env, home })).stderr
        .trim()
        .split('\n')
        .pop() as string,
    ).error;
    expect(cliInvalid.code).toBe(agentError.code);
    expect(cliInvalid.details).toHaveLength(agentError.details.length);
    await client.close();
  });

  it('over HTTP: the same structured results, and the error code of a missing record', async () => {
    const { child, url } = await spawnMcp(['--http', '--port', '0'], {
      ITGLUE_BASE_URL: emulator.current.url,
    });
    children.push(child);
    const { StreamableHTTPClientTransport } = await import(
      '@modelcontextprotocol/sdk/client/streamableHttp.js'
    );
    const client = new Client({ name: 'contract-test', version: '0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { 'x-api-key': emulator.current.apiKey } },
      }),
    );
    const agent = await contractClient(client);
    const contacts = await agent.structured('list_contacts', { limit: 3 });
    expect(contacts.records.length).toBeGreaterThan(0);
    const views = await client.callTool({ name: 'search', arguments: { query: 'x' } });
    // No mirror yet for this key: the error says so, with its code.
    expect(views.isError).toBe(true);
    expect((views._meta as Json)['gluekit/error'].code).toBe('MirrorMissingError');
    await agent.structured('sync_mirror', { resources: ['organizations', 'contacts'] });
    const hits = await agent.structured('duplicate_contacts', {});
    expect(hits.total).toEqual(expect.any(Number));
    const failed = await agent.failure('get_contact', { id: MISSING_ORG });
    expect(failed._meta?.['gluekit/error']).toMatchObject({ code: 'NotFoundError', status: 404 });
    await client.close();
  });
});
