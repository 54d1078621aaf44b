/**
 * The package as npm would ship it (issue: "works as shipped"): what dist/ imports is installed
 * with it, and what `npm pack` puts in the tarball is the runtime and nothing else. Needs a build
 * (`npm test` builds first). scripts/smoke-tarball.js goes further: it installs the tarball and
 * runs every command family from there.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { VENDORED_PACKAGES } from '../../src/core/vendored.js';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** `zod/v4` → `zod`, `@hono/node-server/x` → `@hono/node-server`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/**
 * Every bare specifier a built file imports: static, re-exported, side-effect and dynamic, read
 * by TypeScript's own import scanner (it skips strings and comments), and every package loaded
 * through a `require` made with createRequire (`packageRequire('commander')`), which it does not
 * know by that name.
 */
function bareImports(code: string): string[] {
  const imported = ts.preProcessFile(code, true, true).importedFiles.map((file) => file.fileName);
  const required = [...code.matchAll(/\b[\w$]*[Rr]equire[\w$]*\(\s*["']([^"']+)["']\s*\)/g)].map(
    (match) => match[1] as string,
  );
  return [...imported, ...required].filter(
    (specifier) => !specifier.startsWith('.') && !specifier.startsWith('/'),
  );
}

describe('dist/ imports only what installs with the package', () => {
  const built = [...filesUnder(join(ROOT, 'dist')), join(ROOT, 'bin', 'gluekit.js')].filter((file) =>
    file.endsWith('.js'),
  );

  it('has a build to check', () => {
    expect(built.length, 'no dist/: run `npm run build`').toBeGreaterThan(3);
  });

  it('imports every package it needs from `dependencies` (or Node itself)', () => {
    const missing: string[] = [];
    for (const file of built) {
      for (const specifier of bareImports(readFileSync(file, 'utf8'))) {
        if (isBuiltin(specifier)) continue;
        if (!(packageOf(specifier) in pkg.dependencies))
          missing.push(`${relative(ROOT, file)} imports ${specifier}, which is not in dependencies`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('uses every package in `dependencies`', () => {
    const used = new Set(built.flatMap((file) => bareImports(readFileSync(file, 'utf8')).map(packageOf)));
    expect(Object.keys(pkg.dependencies).filter((name) => !used.has(name))).toEqual([]);
  });

  it('finds shipped files through src/core/package-files.ts, since dist/ is bundled', () => {
    const offenders = filesUnder(join(ROOT, 'src'))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('package-files.ts'))
      .filter((file) => readFileSync(file, 'utf8').includes('import.meta.url'))
      .map((file) => relative(ROOT, file));
    expect(offenders, 'use packagePath() from src/core/package-files.ts instead of import.meta.url').toEqual(
      [],
    );
  });
});

describe('npm pack', () => {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const files =
    (JSON.parse(output) as Array<{ files: Array<{ path: string }> }>)[0]?.files.map((f) => f.path) ?? [];
  const shipped = new Set(files);

  it('ships the runtime: bin, the exports, the templates and the contract', () => {
    const targets = [
      ...Object.values(pkg.bin),
      ...Object.values(pkg.exports).flatMap((target) =>
        typeof target === 'string' ? [target] : Object.values(target),
      ),
    ].map((path) => path.replace(/^\.\//, ''));
    for (const target of targets) expect(shipped, target).toContain(target);
    expect(files.some((path) => path.startsWith('templates/onboarding/'))).toBe(true);
    expect(shipped).toContain('spec/itglue.openapi.yaml');
    // The start-up path's CommonJS dependencies in one file each, with their licences (src/core/vendored.ts).
    for (const name of VENDORED_PACKAGES) {
      expect(files).toContain(`dist/vendor/${name}.cjs`);
      expect(shipped).toContain(`dist/vendor/${name}.LICENSE`);
    }
    expect(shipped).toContain('dist/vendor/versions.json');
  });

  it('ships no tests, fixtures, benches, sources, scripts or build state', () => {
    const unwanted = files.filter(
      (path) =>
        /^(test|bench|scripts|src|\.ci|coverage)\//.test(path) ||
        /fixtures?\//.test(path) ||
        /\.test\.[jt]s$/.test(path) ||
        path.endsWith('.tsbuildinfo') ||
        path.endsWith('.d.ts.map'),
    );
    expect(unwanted).toEqual([]);
  });

  it('ships source maps only with their sources inside them', () => {
    const maps = files.filter((path) => path.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    const dangling: string[] = [];
    for (const path of maps) {
      const map = JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as {
        sources: string[];
        sourcesContent?: Array<string | null>;
      };
      map.sources.forEach((source, i) => {
        const inside = typeof map.sourcesContent?.[i] === 'string';
        const beside = shipped.has(join(path, '..', source));
        if (!inside && !beside) dangling.push(`${path} → ${source}`);
      });
    }
    expect(dangling).toEqual([]);
  });
});
