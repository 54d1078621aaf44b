/**
 * Tool snapshots: the name, title, description, input and output JSON schemas and annotations of
 * every tool, as an MCP client sees them, are committed under __toolsnaps__/. A change to what
 * agents are shown must be deliberate: regenerate with UPDATE_TOOLSNAPS=1 and review the diff.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';
import { createMcpServer } from '../../src/mcp/server.js';
import { tempDataDir } from './support.js';

const DIR = fileURLToPath(new URL('./__toolsnaps__', import.meta.url));
const UPDATE = process.env.UPDATE_TOOLSNAPS === '1';
const HOW =
  'If the change is intended, run: UPDATE_TOOLSNAPS=1 npx vitest run test/mcp/toolsnaps.test.ts (and commit the files).';

async function listedTools() {
  // Every tool: writes allowed. No client is ever made (no tool is called).
  const server = createMcpServer({
    dataDir: tempDataDir(),
    allowWrites: true,
    keyOf: () => 'unused',
    clientFor: () => {
      throw new Error('no calls here');
    },
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'toolsnaps', version: '0' });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  const { tools } = await client.listTools();
  await client.close();
  await server.close();
  return tools.map(({ name, title, description, inputSchema, outputSchema, annotations }) => ({
    name,
    title,
    description,
    inputSchema,
    outputSchema,
    annotations,
  }));
}

describe('tool snapshots', () => {
  it('match the committed __toolsnaps__', async () => {
    const tools = await listedTools();
    if (UPDATE) {
      rmSync(DIR, { recursive: true, force: true });
      mkdirSync(DIR, { recursive: true });
      for (const tool of tools)
        writeFileSync(join(DIR, `${tool.name}.json`), `${JSON.stringify(tool, null, 2)}\n`);
      return;
    }
    expect(existsSync(DIR), `No snapshots yet. ${HOW}`).toBe(true);
    const committed = readdirSync(DIR)
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.slice(0, -'.json'.length))
      .sort();
    const names = tools.map((tool) => tool.name).sort();
    expect(names, `The tools differ from the snapshots (new or removed tools). ${HOW}`).toEqual(committed);
    for (const tool of tools) {
      const snapshot = JSON.parse(readFileSync(join(DIR, `${tool.name}.json`), 'utf8'));
      expect(JSON.parse(JSON.stringify(tool)), `Tool ${tool.name} drifted from its snapshot. ${HOW}`).toEqual(
        snapshot,
      );
    }
  });
});
