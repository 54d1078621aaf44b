/**
 * The dependency direction from DESIGN.md: spec, jsonapi ← core ← compat ← resources ← client ←
 * {mirror, workflows} ← {cli, mcp}. The emulator depends only on spec and jsonapi, so an SDK bug
 * cannot hide an emulator bug.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

const SDK = ['spec', 'jsonapi', 'core', 'compat', 'resources', 'client'];
const ALLOWED: Record<string, string[]> = {
  spec: ['spec'],
  jsonapi: ['jsonapi'],
  core: ['core', 'spec', 'jsonapi'],
  compat: ['compat', 'core', 'spec', 'jsonapi'],
  resources: ['resources', 'compat', 'core', 'spec', 'jsonapi'],
  client: SDK,
  // Match keys (email, name, MAC, hostname, serial): one low module, so every layer compares alike.
  normalize: ['normalize'],
  sources: ['sources', 'normalize', 'core', 'spec', 'jsonapi'],
  mirror: [...SDK, 'normalize', 'mirror'],
  workflows: [...SDK, 'normalize', 'sources', 'workflows'],
  emulator: ['emulator', 'spec', 'jsonapi'],
  cli: [...SDK, 'normalize', 'sources', 'mirror', 'workflows', 'emulator', 'mcp', 'ui', 'cli'],
  mcp: [...SDK, 'normalize', 'sources', 'mirror', 'workflows', 'mcp'],
  // The dashboard reads the mirror and renders plans; it borrows the MCP server's HTTP guard.
  ui: [...SDK, 'mirror', 'workflows', 'mcp', 'ui'],
};

/** `src/core/transport.ts` → `core`; the top-level files (client.ts, index.ts, version.ts) are `client`. */
function layerOf(file: string): string {
  const [first, second] = relative(SRC, file).split(/[\\/]/);
  return second === undefined ? 'client' : (first as string);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('module dependencies', () => {
  const files = sourceFiles(SRC);

  it.each(files.map((file) => [relative(SRC, file), file]))(
    '%s imports only layers it may depend on',
    (_, file) => {
      const layer = layerOf(file);
      const allowed = ALLOWED[layer];
      expect(allowed, `unknown layer ${layer}`).toBeDefined();
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map(
        (match) => match[1] as string,
      );
      for (const specifier of imports) {
        const target = layerOf(resolve(dirname(file), specifier));
        expect(allowed, `${relative(SRC, file)} imports ${specifier} (${target})`).toContain(target);
      }
    },
  );

  it('has no code path that sends DELETE outside the emulator', () => {
    for (const file of files) {
      if (layerOf(file) === 'emulator') continue;
      expect(readFileSync(file, 'utf8'), relative(SRC, file)).not.toMatch(/['"]DELETE['"]/);
    }
  });
});
