/**
 * CommonJS dependencies on the CLI's start-up path, loaded from one file each. Every CLI call
 * loads commander, and every call that talks to IT Glue loads better-sqlite3 (the shared rate
 * budget), so this is time an agent calling gluekit in a loop pays each time:
 *
 * - with `require`, never an ES import: importing a CommonJS package makes Node scan its source
 *   for the names it exports;
 * - from one file: commander's JavaScript is six modules and better-sqlite3's thirteen, and
 *   finding, reading and compiling them one by one costs about twice what one file does.
 *   scripts/build.js bundles exactly that JavaScript into `dist/vendor/<name>.cjs`, with the
 *   package's licence beside it and the versions in `dist/vendor/versions.json`;
 * - commander's bundle is used as it is, without looking for the installed package: it is plain
 *   JavaScript, the copy gluekit was built and tested with, and resolving a package costs more
 *   than loading the bundle. better-sqlite3's is used only when the installed package has the
 *   same version, because its native addon comes from there (sqlite-library.ts).
 *
 * Without a build (a checkout before `npm run build`), the packages load as usual.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packagePath, packageRequire } from './package-files.js';

/** The dependencies scripts/build.js bundles (it names the same ones). */
export const VENDORED_PACKAGES = ['commander', 'better-sqlite3'] as const;
export type VendoredPackage = (typeof VENDORED_PACKAGES)[number];

export interface InstalledPackage {
  /** The package's folder. */
  root: string;
  version: string;
}

/** The installed package: its folder (where its package.json is) and its version. */
export function installedPackage(name: VendoredPackage): InstalledPackage {
  const start = packageRequire.resolve(name);
  for (let dir = dirname(start); dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8')) as {
      name?: string;
      version: string;
    };
    if (found === name) return { root: dir, version };
  }
  throw new Error(`gluekit cannot find the package.json of ${name} above ${start}`);
}

/** Where scripts/build.js puts the bundle of `name`. */
export function vendoredPath(name: VendoredPackage): string {
  return packagePath('dist', 'vendor', `${name}.cjs`);
}

/** The version each bundle was made from, or `undefined` before a build. */
export function vendoredVersion(name: VendoredPackage): string | undefined {
  try {
    const versions = JSON.parse(
      readFileSync(packagePath('dist', 'vendor', 'versions.json'), 'utf8'),
    ) as Record<string, string>;
    return existsSync(vendoredPath(name)) ? versions[name] : undefined;
  } catch {
    return undefined;
  }
}

/** commander: its bundle once built, else the installed package. */
export function requireCommander<T>(): T {
  const bundle = vendoredPath('commander');
  return packageRequire(existsSync(bundle) ? bundle : 'commander') as T;
}
