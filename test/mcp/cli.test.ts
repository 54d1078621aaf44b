/**
 * `gluekit mcp` as a process (bin/gluekit.js → dist/, so `npm run build` first): stdio with the
 * key from the environment, Streamable HTTP printing its endpoint, and the refusals at start.
 */
import type { ChildProcess } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cliEnv, runCli } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';
import { httpSession, spawnMcp } from './support.js';

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

describe('gluekit mcp', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
  });

  it('serves stdio with the key from the environment, logging to stderr only', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp', '--toolsets', 'organizations,mirror'],
      env: stringEnv(
        cliEnv({ ITGLUE_API_KEY: emulator.current.apiKey, ITGLUE_BASE_URL: emulator.current.url }),
      ),
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const client = new Client({ name: 'cli-test', version: '0' });
    await client.connect(transport);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('list_organizations');
    expect(names).toContain('sync_mirror');
    expect(names).not.toContain('list_contacts');
    const result = (await client.callTool({ name: 'list_organizations', arguments: { limit: 1 } })) as {
      content: Array<{ text: string }>;
    };
    expect(JSON.parse(result.content[0]?.text as string).records).toHaveLength(1);
    await client.close();
    expect(stderr).toMatch(
      /gluekit mcp: stdio, http:\/\/127\.0\.0\.1:\d+ with key sha256:[0-9a-f]{12}: \d+ tools \(read-only, toolsets organizations,mirror\)/,
    );
    expect(stderr).not.toContain(emulator.current.apiKey);
  });

  it('refuses to start over stdio without a key, and off loopback without an auth token', async () => {
    const noKey = await runCli(['mcp'], { env: { ITGLUE_BASE_URL: emulator.current.url } });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/No IT Glue API key: set ITGLUE_API_KEY/);
    expect(noKey.stdout).toBe('');

    const open = await runCli(['mcp', '--http', '--host', '0.0.0.0'], {
      env: { ITGLUE_BASE_URL: emulator.current.url },
    });
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/not a loopback address, without an auth token/);

    const badSet = await runCli(['mcp', '--toolsets', 'contacts,secrets'], {
      env: { ITGLUE_API_KEY: 'k', ITGLUE_BASE_URL: emulator.current.url },
    });
    expect(badSet.code).toBe(2);
    expect(badSet.stderr).toMatch(/Unknown toolset secrets/);
  });

  it('serves Streamable HTTP on a free port and prints the endpoint URL', async () => {
    const { child, url, stderr } = await spawnMcp(['--http', '--port', '0', '--allow-writes'], {
      ITGLUE_BASE_URL: emulator.current.url,
    });
    children.push(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const session = await httpSession(url, { 'x-api-key': emulator.current.apiKey });
    expect(await session.toolNames()).toContain('apply_plan');
    expect((await session.ok('get_organization', { id: '1009' })).name).toBe('Happy Frog Dental');
    await session.close();
    expect(stderr()).toMatch(/every request must carry its IT Glue API key in the x-api-key header/);
    expect(stderr()).toMatch(/binding another address requires an auth token and TLS/);
  });
});
