/**
 * The dashboard costs nothing to the rest of gluekit: its code loads only when `gluekit ui` runs.
 * A module-loading hook records every file Node loads from dist/ in child processes of the built
 * package (a bundle: the dashboard sits in a chunk of its own), and the files holding the
 * dashboard's server are told by a sentence only it contains. Other commands and
 * `import { GlueKit }` load none of them; `gluekit ui` does (which shows the check can see them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A sentence from the dashboard's server (src/ui/server.ts), in whichever built file holds it. */
const DASHBOARD_MARK = 'Refusing to serve the dashboard';

function uiModulesLoadedBy(args: string[]): { loaded: string[]; status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gluekit-ui-startup-'));
  const log = join(dir, 'loaded.txt');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.includes('/dist/')) appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}
`,
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
  );
  const result = spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), ...args], {
    env: cliEnv({ ITGLUE_API_KEY: 'ITG.startup-test', ITGLUE_BASE_URL: 'http://127.0.0.1:9' }),
    encoding: 'utf8',
    timeout: 20_000,
  });
  const loaded = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  const dashboard = loaded.filter((url) => readFileSync(fileURLToPath(url), 'utf8').includes(DASHBOARD_MARK));
  return { loaded: dashboard, status: result.status, stderr: result.stderr };
}

describe('gluekit ui loads only when it runs', () => {
  it('other commands and the SDK import load none of its modules', () => {
    expect(uiModulesLoadedBy([BIN, '--help']).loaded).toEqual([]);
    const view = uiModulesLoadedBy([BIN, 'coverage', '--db', join(tmpdir(), 'no-such-mirror.sqlite')]);
    expect(view.status).not.toBe(0);
    expect(view.loaded).toEqual([]);
    const sdk = uiModulesLoadedBy([
      '--input-type=module',
      '-e',
      `const { GlueKit } = await import(${JSON.stringify(join(ROOT, 'dist/index.js'))}); if (typeof GlueKit !== 'function') process.exit(9);`,
    ]);
    expect(sdk.status, sdk.stderr).toBe(0);
    expect(sdk.loaded).toEqual([]);
  });

  it('gluekit ui does load them (so the check above can see them)', () => {
    const ui = uiModulesLoadedBy([BIN, 'ui', '--port', 'not-a-port']);
    expect(ui.status).toBe(2);
    expect(ui.stderr).toContain('--port must be a number');
    expect(ui.loaded.length).toBeGreaterThan(0);
  });
});

describe('the package', () => {
  it('ships the dashboard: its modules and every asset it serves, and no screenshot', () => {
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(packed.status, packed.stderr).toBe(0);
    const files = (JSON.parse(packed.stdout) as Array<{ files: Array<{ path: string }> }>)[0]?.files.map(
      (file) => file.path,
    );
    for (const asset of ['assets/ui/ui.css', 'assets/ui/ui.js', 'assets/ui/favicon.svg'])
      expect(files).toContain(asset);
    const built = (files ?? []).filter((path) => path.startsWith('dist/') && path.endsWith('.js'));
    expect(built.some((path) => readFileSync(join(ROOT, path), 'utf8').includes(DASHBOARD_MARK))).toBe(true);
    expect(files?.some((path) => path.startsWith('docs/'))).toBe(false);
  });
});
