/**
 * The dependency direction of ARCHITECTURE.md: normalize, spec, jsonapi ← core ← compat ←
 * resources ← client ← {mirror, workflows} ← {cli, mcp}. Only the SDK's own resources reach the
 * real-vs-document adaptations in compat; everything above uses the client and the resources.
 * The emulator depends only on spec and jsonapi, so an SDK bug cannot hide an emulator bug, and
 * inside it the layers point one way too (support ← store ← {seed, resources}, traffic ← state ←
 * http ← app).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** What every layer above the SDK may use of it: not compat, which only the resources reach. */
const SDK_SURFACE = ['normalize', 'spec', 'jsonapi', 'core', 'resources', 'client'];
const SDK = [...SDK_SURFACE, 'compat'];
const ALLOWED: Record<string, string[]> = {
  // Match keys and name rules (email, name, serial...): one low module, so every layer compares alike.
  normalize: ['normalize'],
  spec: ['spec'],
  jsonapi: ['jsonapi'],
  core: ['core', 'spec', 'jsonapi'],
  compat: ['compat', 'normalize', 'core', 'spec', 'jsonapi'],
  resources: ['resources', 'compat', 'normalize', 'core', 'spec', 'jsonapi'],
  client: SDK,
  sources: ['sources', 'normalize', 'core', 'spec', 'jsonapi'],
  mirror: [...SDK_SURFACE, 'mirror'],
  workflows: [...SDK_SURFACE, 'sources', 'workflows'],
  emulator: ['emulator', 'spec', 'jsonapi'],
  cli: [...SDK_SURFACE, 'sources', 'mirror', 'workflows', 'emulator', 'mcp', 'ui', 'cli'],
  mcp: [...SDK_SURFACE, 'sources', 'mirror', 'workflows', 'mcp'],
  // The dashboard reads the mirror and renders plans; it borrows the MCP server's HTTP guard.
  ui: [...SDK_SURFACE, 'mirror', 'workflows', 'mcp', 'ui'],
};

/**
 * Inside src/emulator/. `state` is state.ts, options.ts and control.ts (what a running emulator
 * holds and the control API over it), `app` the files that assemble and serve it (app.ts,
 * server.ts, index.ts).
 */
const EMULATOR_ALLOWED: Record<string, string[]> = {
  support: ['support'],
  store: ['store', 'support'],
  seed: ['seed', 'store', 'support'],
  resources: ['resources', 'store', 'support'],
  traffic: ['traffic', 'support'],
  state: ['state', 'traffic', 'resources', 'seed', 'store', 'support'],
  http: ['http', 'state', 'traffic', 'resources', 'seed', 'store', 'support'],
  app: ['app', 'http', 'state', 'traffic', 'resources', 'seed', 'store', 'support'],
};
const EMULATOR_TOP_LEVEL: Record<string, string> = {
  state: 'state',
  options: 'state',
  app: 'app',
  control: 'state',
  server: 'app',
  index: 'app',
};

/** `src/core/transport.ts` → `core`; the top-level files (client.ts, index.ts, version.ts) are `client`. */
function layerOf(file: string): string {
  const [first, second] = relative(SRC, file).split(/[\\/]/);
  return second === undefined ? 'client' : (first as string);
}

/** `src/emulator/http/routes.ts` → `http`; `src/emulator/state.ts` → `state`. */
function emulatorLayerOf(file: string): string {
  const [, first, second] = relative(SRC, file).split(/[\\/]/);
  if (second !== undefined) return first as string;
  // An import names `state.js`, the file is `state.ts`: the module is `state` either way.
  const layer = EMULATOR_TOP_LEVEL[(first as string).replace(/\.[jt]s$/, '')];
  if (layer === undefined) throw new Error(`src/emulator/${first} has no emulator layer: add it above`);
  return layer;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative module a file imports (static, dynamic or type-only), resolved to a path. */
function importedFiles(file: string): Array<{ specifier: string; target: string }> {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((match) => {
    const specifier = match[1] as string;
    return { specifier, target: resolve(dirname(file), specifier) };
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
      for (const { specifier, target } of importedFiles(file)) {
        const targetLayer = layerOf(target);
        expect(allowed, `${relative(SRC, file)} imports ${specifier} (${targetLayer})`).toContain(
          targetLayer,
        );
      }
    },
  );

  const emulatorFiles = files.filter((file) => layerOf(file) === 'emulator');

  it.each(emulatorFiles.map((file) => [relative(SRC, file), file]))(
    '%s imports only emulator layers below it',
    (_, file) => {
      const layer = emulatorLayerOf(file);
      const allowed = EMULATOR_ALLOWED[layer];
      expect(allowed, `unknown emulator layer ${layer}`).toBeDefined();
      for (const { specifier, target } of importedFiles(file)) {
        if (layerOf(target) !== 'emulator') continue;
        const targetLayer = emulatorLayerOf(target);
        expect(allowed, `${relative(SRC, file)} imports ${specifier} (${targetLayer})`).toContain(
          targetLayer,
        );
      }
    },
  );

  it('knows every layer it checks', () => {
    // A new folder under src/ or src/emulator/ must be placed in the direction, not slip past it.
    for (const file of files) {
      expect(Object.keys(ALLOWED), relative(SRC, file)).toContain(layerOf(file));
    }
    for (const file of emulatorFiles) {
      expect(Object.keys(EMULATOR_ALLOWED), relative(SRC, file)).toContain(emulatorLayerOf(file));
    }
  });

  it('has no code path that sends DELETE outside the emulator', () => {
    for (const file of files) {
      if (layerOf(file) === 'emulator') continue;
      expect(readFileSync(file, 'utf8'), relative(SRC, file)).not.toMatch(/['"]DELETE['"]/);
    }
  });
});
