/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `gluekit ui` in a real browser: the built CLI serves a mirror synced from the emulator, and
 * headless Chromium (Debian's, through playwright-core) reads each page as a person would: the
 * heat map's cells, the histogram's bars, a field diff, the search hits, a plan's conflicts and
 * document text. A contact named like an XSS payload runs nothing; every request the pages make
 * stays on the dashboard's own loopback address; nothing is written to IT Glue. Every wait is for
 * a condition, never a sleep.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { coverage, MirrorStore, stalePasswords } from '../../src/mirror/index.js';
import { BIN, cliEnv } from '../helpers/cli.js';
import { requestCounts } from '../helpers/emulator.js';
import { type Browser, launchBrowser } from './browser.js';
import { BLUEBIRD, buildScenario, ESCAPE_TITLE, KRG, type Scenario, XSS_NAME } from './scenario.js';

interface Served {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

function serveUi(scenario: Scenario): Promise<Served> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'ui',
      '--port',
      '0',
      '--db',
      scenario.mirrorPath,
      '--plan',
      scenario.plans.contacts,
      '--plan',
      scenario.plans.configurations,
      '--plan',
      scenario.plans.documents,
    ],
    { env: cliEnv(scenario.env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0] as string;
      if (out.includes('\n')) resolve({ child, url: line.trim().replace(/\/$/, ''), stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`gluekit ui exited ${code}:\n${stderr}`)));
  });
}

describe('gluekit ui in Chromium', () => {
  let scenario: Scenario;
  let served: Served;
  let browser: Browser;
  const requests: string[] = [];
  const problems: string[] = [];
  let page: Page;

  beforeAll(async () => {
    scenario = await buildScenario();
    [served, browser] = await Promise.all([serveUi(scenario), launchBrowser()]);
    const origin = new URL(served.url).origin;
    // Every request any page makes is recorded; one for anywhere else is refused, and fails the suite.
    await browser.context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      if (new URL(url).origin !== origin) return route.abort();
      return route.continue();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    served?.child.kill('SIGTERM');
    await scenario?.stop();
  });

  async function open(path: string): Promise<Page> {
    page = await browser.context.newPage();
    page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${path}: console: ${message.text()}`);
    });
    page.on('dialog', (dialog) => {
      problems.push(`${path}: a dialog opened: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const response = await page.goto(`${served.url}${path}`);
    expect(response?.status(), path).toBe(200);
    return page;
  }

  afterEach(async () => {
    if (page && !page.isClosed()) {
      const html = await page.content();
      for (const value of scenario.passwordValues)
        expect(html, 'a password value on a page').not.toContain(value);
      await page.close();
    }
    // No script error, no CSP violation, no dialog on any page.
    expect(problems).toEqual([]);
  });

  function mirror<T>(view: (store: MirrorStore) => T): T {
    const store = MirrorStore.open(scenario.mirrorPath, { readonly: true });
    try {
      return view(store);
    } finally {
      store.close();
    }
  }

  it('overview: the counts, what needs attention, the freshness and the Sync button', async () => {
    const p = await open('/');
    await expect(p.locator('.stat[data-resource="organizations"] .stat-value').textContent()).resolves.toBe(
      '5',
    );
    await expect(p.locator('.stat[data-resource="contacts"] .stat-value').textContent()).resolves.toBe('20');
    // Every organization has some record of each kind (Bluebird's one document is in a folder).
    const gaps = mirror((store) => coverage(store).filter((row) => row.missing.length > 0).length);
    expect(gaps).toBe(0);
    await expect(p.locator('.attn').first().textContent()).resolves.toContain('0organizations with a gap');
    await expect(p.locator('.fresh').getAttribute('data-fresh')).resolves.toBe('ok');
    expect(await p.locator('form[data-sync] button').isEnabled()).toBe(true);
  });

  it('coverage: one heat map cell per organization and kind, gaps first, as the coverage view counts', async () => {
    const p = await open('/coverage');
    const expected = mirror((store) => coverage(store));
    const rows = p.locator('#coverage tbody tr');
    await expect(rows.count()).resolves.toBe(expected.length);
    expect(await rows.first().getAttribute('data-org')).toBe(BLUEBIRD);
    const cells = await p
      .locator('#coverage td.heat[data-kind]:not([data-kind="total"])')
      .evaluateAll((tds) =>
        tds.map((td) => ({
          org: td.closest('tr')?.getAttribute('data-org'),
          kind: td.getAttribute('data-kind'),
          text: td.textContent,
          gap: td.classList.contains('gap'),
          level: Array.from(td.classList).find((c) => /^h\d$/.test(c)) ?? null,
        })),
      );
    expect(cells).toHaveLength(expected.length * 4);
    for (const org of expected) {
      for (const kind of ['contacts', 'configurations', 'passwords', 'documents'] as const) {
        const cell = cells.find((c) => c.org === org.organizationId && c.kind === kind);
        expect(cell?.text, `${org.organizationName} ${kind}`).toBe(String(org[kind]));
        expect(cell?.gap).toBe(org[kind] === 0);
        if (org[kind] > 0) expect(cell?.level).not.toBeNull();
      }
    }
    // Sorting by name is a link: with the keyboard, Enter on the focused header.
    await p.locator('th a.sort', { hasText: 'Organization' }).focus();
    await Promise.all([p.waitForURL(/sort=name/), p.keyboard.press('Enter')]);
    const names = await p.locator('#coverage tbody th a:not(.itg)').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    // The filter hides what does not match.
    await p.locator('input[data-filter-rows]').fill('frog');
    await expect(p.locator('#coverage tbody tr:visible').count()).resolves.toBe(1);
  });

  it('stale passwords: the histogram bars add up to the list, oldest first, as the view finds them', async () => {
    const p = await open('/passwords/stale?days=365');
    const total = mirror((store) =>
      stalePasswords(store, { days: 365 }).reduce((sum, group) => sum + group.count, 0),
    );
    expect(total).toBeGreaterThan(0);
    const bars = await p
      .locator('svg.histogram g.bar')
      .evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-value'))));
    expect(bars).toHaveLength(4);
    expect(bars.reduce((a, b) => a + b, 0)).toBe(total);
    const heights = await p
      .locator('svg.histogram g.bar rect')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    expect(heights.map((height) => height > 0)).toEqual(bars.map((value) => value > 0));
    const ages = await p
      .locator('#stale-list tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-age'))));
    expect(ages).toHaveLength(total);
    expect(ages).toEqual([...ages].sort((a, b) => b - a));
    await expect(p.locator('table.stacks svg.stack').count()).resolves.toBeGreaterThan(0);
  });

  it('changes: the field-level diff of the device changed between syncs, and the type filter', async () => {
    const p = await open('/changes?since=30d');
    const entry = p.locator(`li.change[data-type="configurations"][data-id="${scenario.changedDevice.id}"]`);
    const row = entry.locator('table.diff tr', { hasText: 'serialNumber' });
    await expect(row.locator('del').textContent()).resolves.toBe(scenario.changedDevice.serialBefore);
    await expect(row.locator('ins').textContent()).resolves.toBe(scenario.changedDevice.serialAfter);
    await p.locator('select[name="type"]').selectOption('contacts');
    await Promise.all([p.waitForURL(/type=contacts/), p.locator('form.filters button').click()]);
    await expect(p.locator('li.change[data-type="configurations"]').count()).resolves.toBe(0);
    await expect(p.locator('li.change[data-type="contacts"]').count()).resolves.toBeGreaterThan(0);
  });

  it('search: "/" focuses the box, and each hit marks the matched text', async () => {
    const p = await open('/coverage');
    await p.keyboard.press('/');
    await expect(p.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('q');
    await p.keyboard.type(scenario.changedDevice.serialAfter);
    await Promise.all([p.waitForURL(/\/search\?q=/), p.keyboard.press('Enter')]);
    const hit = p.locator(`li.hit[data-id="${scenario.changedDevice.id}"]`);
    await expect(hit.locator('.field--matched[data-field="serialNumber"] mark').textContent()).resolves.toBe(
      scenario.changedDevice.serialAfter,
    );
    await expect(hit.locator('.matched-on').textContent()).resolves.toContain('Serial');
  });

  it('a contact named <img src=x onerror=…> is shown as text and runs nothing, on every page that lists it', async () => {
    for (const path of [`/orgs/${KRG}`, '/search?q=onerror', '/changes?since=1d', '/']) {
      const p = await open(path);
      await expect(p.locator('img').count(), path).resolves.toBe(0);
      expect(await p.title(), path).not.toBe('pwned');
      expect(await p.locator('main').textContent(), path).toContain(XSS_NAME);
      await page.close();
    }
    const p = await open(`/orgs/${KRG}`);
    // The title's escape sequences show as visible characters, not as raw control codes.
    const title = await p.locator('#contacts td', { hasText: 'Admin' }).first().textContent();
    expect(title).toBe('Admin\u241b[2J\\u009B31m');
    expect(title).not.toBe(ESCAPE_TITLE);
  });

  it('plan review: conflicts first, the apply command to copy, field diffs and document text', async () => {
    const p = await open('/plan/2');
    const order = await p
      .locator('#plan-review > section')
      .evaluateAll((sections) => sections.map((s) => s.className));
    expect(order[1]).toContain('conflicts');
    await expect(p.locator('.conflicts li.action').getAttribute('data-kind')).resolves.toBe('conflict');
    await expect(p.locator('#apply-command').textContent()).resolves.toBe(
      `gluekit apply ${scenario.plans.configurations}`,
    );
    await p.locator('button[data-copy]').click();
    // The page marks the button once the clipboard write settles (a promise), not at the click:
    // wait for that state, as a person would watch the button change.
    await p.locator('button[data-copy][data-copied="true"]').waitFor();
    await page.close();

    const contacts = await open('/plan/1');
    const update = contacts.locator('li.action[data-kind="update"] table.diff tr', { hasText: 'title' });
    await expect(update.locator('ins').textContent()).resolves.toBe('Office Manager');
    await expect(contacts.locator('li.action[data-kind="create"]').count()).resolves.toBe(1);
    await page.close();

    const docs = await open('/plan/3');
    await expect(docs.locator('li.action[data-kind="create"]').count()).resolves.toBe(6);
    await expect(docs.locator('li.action pre.textdiff ins').first().textContent()).resolves.toContain(
      '# Who they are',
    );
  });

  it('plan review: a plan file opened in the page is rendered by the server, and a bad one says why', async () => {
    const p = await open('/plan');
    await p.locator('input[data-plan-file]').setInputFiles(scenario.plans.contacts);
    await expect(p.locator('#plan-review h2').textContent()).resolves.toBe('Contact sync from users.csv');
    await expect(p.locator('#apply-command').textContent()).resolves.toBe('gluekit apply contacts-plan.json');
    await p.locator('input[data-plan-file]').setInputFiles({
      name: 'x.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"version": 2}'),
    });
    await expect(p.locator('#plan-review [role="alert"]').textContent()).resolves.toContain(
      'x.json is not a gluekit plan',
    );
  });

  it('readable on a narrow window: nothing but tables scrolls sideways', async () => {
    for (const path of ['/', '/coverage', '/passwords/stale', '/changes?since=30d', '/plan/3']) {
      const p = await open(path);
      await p.setViewportSize({ width: 390, height: 844 });
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await page.close();
    }
    await open('/');
  });

  it('Sync reads what changed in IT Glue into the mirror and the page shows it; nothing is written to IT Glue', async () => {
    const before = await requestCounts(scenario.emulator);
    await fetch(`${scenario.emulator.url}/__emulator/records/configurations/${scenario.changedDevice.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': scenario.emulator.apiKey },
      body: JSON.stringify({ attributes: { name: 'HFD-FW-RENAMED' } }),
    });
    const p = await open('/changes?since=1d');
    await expect(p.locator('li.change', { hasText: 'HFD-FW-RENAMED' }).count()).resolves.toBe(0);
    await Promise.all([p.waitForEvent('load'), p.locator('form[data-sync] button').click()]);
    await p.locator('li.change', { hasText: 'HFD-FW-RENAMED' }).first().waitFor();
    const after = await requestCounts(scenario.emulator);
    const reads = Object.entries(after.byMethod).filter(([method]) => method !== 'GET');
    const readsBefore = Object.entries(before.byMethod).filter(([method]) => method !== 'GET');
    // The control-route edit above is the emulator's own; the API saw no write from the dashboard.
    expect(after.writes.length).toBe(before.writes.length);
    expect(reads).toEqual(readsBefore);
    expect(after.total).toBeGreaterThan(before.total);
  });

  it('every request the pages made went to the dashboard itself', () => {
    expect(requests.length).toBeGreaterThan(20);
    const origin = new URL(served.url).origin;
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(new URL(served.url).hostname).toBe('127.0.0.1');
  });
});
