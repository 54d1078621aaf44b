/**
 * Files the package ships beside its code (templates/, bin/), found from wherever this module
 * is: src/ under the tests, a bundle chunk in dist/chunks/ once built (scripts/build.js). A path
 * relative to `import.meta.url` would differ between the two, so every such path comes from here
 * (test/unit/package-layout.test.ts holds the rest of src/ to that).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

function isGluekitRoot(dir: string): boolean {
  try {
    return (
      (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'gluekit'
    );
  } catch {
    return false;
  }
}

function packageRoot(): string {
  if (root !== undefined) return root;
  const here = fileURLToPath(import.meta.url);
  for (let dir = dirname(here); ; dir = dirname(dir)) {
    if (isGluekitRoot(dir)) {
      root = dir;
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`gluekit cannot find its package folder above ${here}`);
  }
}

/** A path inside the installed package, e.g. `packagePath('templates', 'onboarding')`. */
export function packagePath(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}

/** `require` for the package's CommonJS dependencies (see src/cli/commander.ts for why). */
export const packageRequire = createRequire(import.meta.url);
