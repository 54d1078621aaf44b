#!/usr/bin/env node
/**
 * `npm run build`: the type declarations from tsc, the JavaScript from esbuild.
 *
 * Why a bundle: an ESM module costs Node about a millisecond to resolve, read and link, whatever
 * its size, and the SDK alone is some fifty modules. A CLI call or `import { GlueKit } from
 * 'gluekit'` paid that on every start. esbuild joins them into one file per entry point
 * (src/index.ts, src/emulator/index.ts, src/cli/entry.ts), with the code they share, and every
 * `import()` that loads a part on demand, in chunks of their own (dist/chunks/). Packages stay
 * imports (`--packages=external`), so the dependencies in package.json are what dist/ loads.
 *
 *   npm run build
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const DIST = join(ROOT, 'dist');
const ENTRY_POINTS = ['src/index.ts', 'src/emulator/index.ts', 'src/cli/entry.ts'];

function filesUnder(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

// Declarations (and the type check): tsc, incremental.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });

// JavaScript: the bundles, written fresh so no chunk of an earlier build stays behind.
rmSync(join(DIST, 'chunks'), { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ENTRY_POINTS,
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  // With the sources inside, so a stack trace maps to TypeScript without shipping src/.
  sourcemap: 'linked',
  sourcesContent: true,
  metafile: true,
  logLevel: 'warning',
});

// better-sqlite3's own JavaScript, thirteen small modules, as one file named by the version it
// came from (src/core/sqlite-library.ts says why, and when it is used), with its licence.
const sqliteEntry = createRequire(import.meta.url).resolve('better-sqlite3');
const sqliteRoot = dirname(dirname(sqliteEntry));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteRoot, 'package.json'), 'utf8')).version;
rmSync(join(DIST, 'vendor'), { recursive: true, force: true });
await build({
  entryPoints: [sqliteEntry],
  outfile: join(DIST, 'vendor', `better-sqlite3-${sqliteVersion}.cjs`),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Reached only without `nativeBinding`, which gluekit always passes with this file.
  external: ['bindings'],
  banner: {
    js: `/* better-sqlite3 ${sqliteVersion}, its lib/ bundled into one file by gluekit's scripts/build.js. MIT License, see better-sqlite3.LICENSE. */`,
  },
  logLevel: 'warning',
});
copyFileSync(join(sqliteRoot, 'LICENSE'), join(DIST, 'vendor', 'better-sqlite3.LICENSE'));

// Whatever JavaScript this build did not write is left over from an older layout: remove it,
// so the package never ships a module nothing builds any more.
const written = new Set(Object.keys(result.metafile.outputs).map((path) => join(ROOT, path)));
for (const file of filesUnder(DIST)) {
  if (/\.(js|js\.map)$/.test(file) && !written.has(file)) rmSync(file);
}
// Declaration maps (no longer built: they would point at src/, which is not shipped), and
// declarations whose source is gone (tsc does not remove them either).
for (const file of filesUnder(DIST)) {
  if (file.endsWith('.d.ts.map')) {
    rmSync(file);
    continue;
  }
  const match = /^(.*)\.d\.ts$/.exec(relative(DIST, file));
  if (!match) continue;
  try {
    statSync(join(ROOT, 'src', `${match[1]}.ts`));
  } catch {
    rmSync(file);
  }
}
