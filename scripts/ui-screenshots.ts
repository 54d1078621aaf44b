/**
 * Screenshots of `gluekit ui` for the README: the test tenant (test/ui/scenario.ts) served by the
 * real server, each page at 1280×800 in headless Chromium, plus the coverage page on a phone-sized
 * window. Writes docs/screenshots/*.png.
 *
 *   npx tsx scripts/ui-screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startUiServer } from '../src/ui/server.js';
import { launchBrowser } from '../test/ui/browser.js';
import { buildScenario } from '../test/ui/scenario.js';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');

const PAGES: Array<[string, string]> = [
  ['overview', '/'],
  ['coverage', '/coverage'],
  ['stale-passwords', '/passwords/stale?days=730'],
  ['changes', '/changes?since=365d'],
  ['duplicates', '/duplicates?across=1'],
  ['organization', '/orgs/1009'],
  ['search', '/search?q=hfd'],
  ['plan-review', '/plan/2'],
  ['plan-documents', '/plan/3'],
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const scenario = await buildScenario();
  const server = await startUiServer({
    mirrorPath: scenario.mirrorPath,
    port: 0,
    plans: [scenario.plans.contacts, scenario.plans.configurations, scenario.plans.documents],
    sync: async () => {
      throw new Error('not in screenshots');
    },
  });
  const base = server.url.replace(/\/$/, '');
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    for (const [name, path] of PAGES) {
      await page.goto(`${base}${path}`);
      // Long pages show what lies below the fold too, up to twice the window's height.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.screenshot({
        path: join(OUT, `${name}.png`),
        fullPage: true,
        clip: { x: 0, y: 0, width: 1280, height: Math.min(height, 1600) },
      });
      process.stderr.write(`docs/screenshots/${name}.png\n`);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/coverage`);
    await page.screenshot({ path: join(OUT, 'coverage-narrow.png') });
    process.stderr.write('docs/screenshots/coverage-narrow.png\n');
  } finally {
    await browser.close();
    await server.close();
    await scenario.stop();
  }
}

await main();
