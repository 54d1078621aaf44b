#!/usr/bin/env node
/**
 * `npm run build`: the type declarations from tsc, the JavaScript from Rollup (each TypeScript
 * module turned into JavaScript by esbuild on the way in).
 *
 * Why a bundle: an ESM module costs Node about a millisecond to resolve, read, compile and link,
 * whatever its size, and the SDK alone is some fifty modules. A CLI call or `import { GlueKit }
 * from 'gluekit'` paid that on every start. The bundle has one file per entry point
 * (src/index.ts, src/emulator/index.ts, src/cli/entry.ts), and every `import()` that loads a part
 * on demand gets chunks of its own (dist/chunks/).
 *
 * Why Rollup: it knows that a module the importer of an `import()` already holds is loaded by
 * the time the `import()` runs, so it does not split it into a chunk of its own. esbuild did, and
 * `gluekit orgs list` read 36 files where it now reads 15 (9% of its time; bench/cli-startup.ts).
 * Packages stay imports, so the dependencies in package.json are what dist/ loads.
 *
 *   npm run build
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { rollup } from 'rollup';

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
const bundle = await rollup({
  input: Object.fromEntries(
    ENTRY_POINTS.map((file) => [file.replace(/^src\/(.*)\.ts$/, '$1'), join(ROOT, file)]),
  ),
  plugins: [typescriptModules()],
  // Bare names (packages, node: built-ins) stay imports; only our own relative modules are joined.
  external: (id) => !id.startsWith('.') && !isAbsolute(id),
  onwarn(warning, warn) {
    // Import cycles are legal ES modules, and Rollup keeps their order.
    if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
  },
});
const { output } = await bundle.write({
  dir: DIST,
  format: 'es',
  entryFileNames: '[name].js',
  chunkFileNames: 'chunks/[name]-[hash].js',
  // With the sources inside, so a stack trace maps to TypeScript without shipping src/.
  sourcemap: true,
});
await bundle.close();

/**
 * `./x.js` in our TypeScript means `./x.ts` (NodeNext), and each module reaches Rollup as the
 * JavaScript esbuild makes of it. `verbatimModuleSyntax`, as in tsconfig.json: an import stays
 * unless it says `import type`.
 */
function typescriptModules() {
  return {
    name: 'gluekit-typescript',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const typescript = join(dirname(importer), source.replace(/\.js$/, '.ts'));
      return existsSync(typescript) ? typescript : null;
    },
    async load(id) {
      if (!id.endsWith('.ts')) return null;
      const { code, map } = await transform(readFileSync(id, 'utf8'), {
        loader: 'ts',
        format: 'esm',
        target: 'node20',
        sourcemap: true,
        sourcefile: id,
        tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
      });
      return { code, map };
    },
  };
}

// The CommonJS dependencies on the CLI's start-up path, each as one file, with its licence and
// the version it came from in versions.json (src/core/vendored.ts says why, and when a bundle is used; its
// VENDORED_PACKAGES names the same packages).
const VENDORED = [
  { name: 'commander' },
  // `bindings` is reached only without `nativeBinding`, which gluekit always passes with this file.
  { name: 'better-sqlite3', external: ['bindings'] },
];
rmSync(join(DIST, 'vendor'), { recursive: true, force: true });
const vendoredVersions = {};
for (const { name, external = [] } of VENDORED) {
  const entry = createRequire(import.meta.url).resolve(name);
  const isRoot = (dir) =>
    existsSync(join(dir, 'package.json')) &&
    JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === name;
  let root = dirname(entry);
  while (!isRoot(root)) root = dirname(root);
  const { version, license } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  await build({
    entryPoints: [entry],
    outfile: join(DIST, 'vendor', `${name}.cjs`),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external,
    banner: {
      js: `/* ${name} ${version}, bundled into one file by gluekit's scripts/build.js. ${license} License, see ${name}.LICENSE. */`,
    },
    logLevel: 'warning',
  });
  copyFileSync(join(root, 'LICENSE'), join(DIST, 'vendor', `${name}.LICENSE`));
  vendoredVersions[name] = version;
}
writeFileSync(join(DIST, 'vendor', 'versions.json'), `${JSON.stringify(vendoredVersions, null, 2)}\n`);

// Whatever JavaScript this build did not write is left over from an older layout: remove it,
// so the package never ships a module nothing builds any more.
const written = new Set(
  output.map((file) => join(DIST, file.fileName)).flatMap((path) => [path, `${path}.map`]),
);
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
