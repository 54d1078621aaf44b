/**
 * bench/mirror: the mirror's sync against an emulator at scale:500 with 150 ms of latency per
 * request (the emulator in its own process), counted by the emulator: a full sync, an
 * incremental sync with nothing changed, and one after 1% of the records changed. Each prints its
 * requests and wall time, with the ratio to the minimum number of requests a complete mirror
 * needs from real IT Glue (`documentsMinimum` below) and to the lower bound on wall time: the
 * minimum's requests × latency / the requests the client keeps in flight. With default settings
 * unless `--concurrency` is given. Then the search tokenizer comparison behind schema.ts.
 * Prints figures; asserts nothing.
 *
 *   npx tsx bench/mirror.ts [--concurrency 4]
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { inFlightFor } from '../src/core/in-flight.js';
import { DEFAULT_RATE_LIMIT } from '../src/core/rate-budget.js';
import { MemoryRateStore } from '../src/core/rate-stores/memory.js';
import { GlueKit } from '../src/index.js';
import { FOLDERS_PER_REQUEST } from '../src/mirror/fetch-plan.js';
import { MirrorStore, type SyncSummary, syncMirror } from '../src/mirror/index.js';
import { type Figure, reportFigures } from './_report.js';

const SEED = 'scale:500';
const LATENCY_MS = 150;
const CHANGED_FRACTION = 0.01;
const TOP_LEVEL = ['organizations', 'contacts', 'passwords', 'configurations'] as const;
const PAGE_SIZE = 1000;

interface Started {
  url: string;
  apiKey: string;
}

/** Child mode: the emulator, with IT Glue's latency, in its own process (its own core). */
async function serve(): Promise<void> {
  const { startEmulator } = await import('../src/emulator/index.js');
  // IT Glue's limit is off here: each sync is measured in a window of its own (see main).
  const emulator = await startEmulator({ seed: SEED, rateLimit: false, faults: { latencyMs: LATENCY_MS } });
  process.send?.({ url: emulator.url, apiKey: emulator.apiKey } satisfies Started);
  process.on('disconnect', () => void emulator.stop().then(() => process.exit(0)));
}

function startChild(): Promise<{ child: ChildProcess; started: Started }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, started: message as Started }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulator process exited with ${code}`)));
  });
}

async function control<T>(started: Started, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${started.url}/__emulator/${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', 'x-api-key': started.apiKey },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

type Raw = Record<string, unknown>;

async function records(started: Started, type: string): Promise<Raw[]> {
  return (await control<{ data: Raw[] }>(started, `records/${type}`)).data;
}

const pagesOf = (records: number) => Math.max(1, Math.ceil(records / PAGE_SIZE));

/**
 * The fewest requests that give a complete mirror of the documents on real IT Glue (the
 * emulator's default profile), counted from the emulator's own records. Real IT Glue lists
 * documents only per organization, and without a folder filter only those at the root, so per
 * organization:
 * - its folders (their names are in the views), one request per 1000;
 * - its root-level documents, one request per 1000;
 * - when it has folders, their documents: `filter[document_folder_id]` with up to
 *   FOLDERS_PER_REQUEST folder ids, one request per 1000 documents of each such group (the
 *   folder ids are known only from the folder list, so this cannot be merged with it).
 * An organization without folders needs two requests, one with folders three. There is no
 * cross-organization document or folder list, and no change filter on either route, so an
 * incremental sync needs these requests too.
 */
function documentsMinimum(organizations: Raw[], folders: Raw[], documents: Raw[]): number {
  const key = (value: unknown) => String(value);
  const foldersOf = new Map<string, string[]>();
  for (const folder of [...folders].sort((a, b) => Number(a.id) - Number(b.id))) {
    const list = foldersOf.get(key(folder.organizationId)) ?? [];
    list.push(key(folder.id));
    foldersOf.set(key(folder.organizationId), list);
  }
  const inFolder = new Map<string, number>();
  const atRoot = new Map<string, number>();
  for (const document of documents) {
    if (document.documentFolderId == null) {
      const owner = key(document.organizationId);
      atRoot.set(owner, (atRoot.get(owner) ?? 0) + 1);
    } else {
      const folder = key(document.documentFolderId);
      inFolder.set(folder, (inFolder.get(folder) ?? 0) + 1);
    }
  }
  let minimum = 0;
  for (const organization of organizations) {
    const id = key(organization.id);
    const own = foldersOf.get(id) ?? [];
    minimum += pagesOf(own.length) + pagesOf(atRoot.get(id) ?? 0);
    for (let at = 0; at < own.length; at += FOLDERS_PER_REQUEST) {
      const group = own.slice(at, at + FOLDERS_PER_REQUEST);
      minimum += pagesOf(group.reduce((sum, folder) => sum + (inFolder.get(folder) ?? 0), 0));
    }
  }
  return minimum;
}

function line(
  label: string,
  summary: SyncSummary,
  requests: number,
  minimum: number,
  concurrency: number,
): string {
  const floorMs = Math.ceil(minimum / concurrency) * LATENCY_MS;
  return (
    `${label.padEnd(34)} ${String(requests).padStart(5)} requests (minimum ${minimum}, ${(requests / minimum).toFixed(2)}x)  ` +
    `${(summary.durationMs / 1000).toFixed(2).padStart(6)} s (floor ${(floorMs / 1000).toFixed(1)} s at c=${concurrency}, ` +
    `${(summary.durationMs / floorMs).toFixed(2)}x)`
  );
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--concurrency');
  const given = at > 0 ? Number(process.argv[at + 1]) : undefined;
  // Without --concurrency, what the client chooses at this latency (it measures it as it goes).
  const concurrency = given ?? inFlightFor(DEFAULT_RATE_LIMIT, LATENCY_MS);
  const { child, started } = await startChild();
  const counts: Record<string, number> = {};
  for (const type of TOP_LEVEL) counts[type] = (await records(started, type)).length;
  const documents = await records(started, 'documents');
  const folders = await records(started, 'document-folders');
  const documentsPass = documentsMinimum(await records(started, 'organizations'), folders, documents);
  // Full: every page of each top-level list. Incremental: one page of each (nothing or little
  // changed). Both: the documents pass.
  const fullMinimum =
    TOP_LEVEL.reduce((sum, type) => sum + pagesOf(counts[type] as number), 0) + documentsPass;
  const incrementalMinimum = TOP_LEVEL.length + documentsPass;
  console.log(
    `emulator ${SEED} (${TOP_LEVEL.map((type) => `${counts[type]} ${type}`).join(', ')}, ${documents.length} documents ` +
      `in ${folders.length} folders and at the root), ${LATENCY_MS} ms latency, client concurrency ${concurrency}; ` +
      `node ${process.version}\n` +
      `minimum requests: each top-level list's pages, plus ${documentsPass} for the documents pass ` +
      "(per organization: its folders, its root documents, and its folders' documents when it has folders)\n",
  );

  const directory = mkdtempSync(join(tmpdir(), 'gluekit-bench-mirror-'));
  // Each sync is measured in a window of its own, as if it ran at least five minutes after the
  // one before: with the documents pass, two syncs of this tenant need more than one window
  // allows, and back to back the second would wait minutes for the first one's requests to leave
  // it (IT Glue would answer 429 otherwise). So each sync's client starts a fresh window, and the
  // emulator's own limit, which cannot be reset between syncs, is off.
  const newClient = () =>
    new GlueKit({
      apiKey: started.apiKey,
      baseUrl: started.url,
      rateLimit: { store: new MemoryRateStore() },
      ...(given !== undefined ? { concurrency: given } : {}),
    });
  const first = newClient();
  const store = MirrorStore.open(join(directory, 'mirror.sqlite'), {
    tenant: { baseUrl: first.baseUrl, keyFingerprint: first.keyFingerprint },
  });
  const figures: Figure[] = [];
  const measured = async (label: string, minimum: number) => {
    await control(started, 'requests/reset', { method: 'POST' });
    const client = newClient();
    const summary = await syncMirror({
      client,
      store,
      ...(given !== undefined ? { concurrency: given } : {}),
    });
    if (!summary.ok) throw new Error(`${label}: ${summary.failures.map((f) => f.message).join('; ')}`);
    const { total } = await control<{ total: number }>(started, 'requests');
    console.log(line(label, summary, total, minimum, concurrency));
    const what = `mirror ${label} (${SEED}, ${LATENCY_MS} ms latency)`;
    figures.push(
      {
        name: `${what}: requests`,
        value: total,
        unit: 'requests',
        baseline: { value: minimum, label: 'the minimum a complete mirror needs from real IT Glue' },
        goal: '<= 1.05',
      },
      {
        name: `${what}: wall time, ${given !== undefined ? `concurrency ${given}` : `defaults (${concurrency} in flight)`}`,
        value: summary.durationMs / 1000,
        unit: 's',
        baseline: {
          value: (Math.ceil(minimum / concurrency) * LATENCY_MS) / 1000,
          label: `lower bound: the minimum's requests, ${concurrency} at a time`,
        },
        goal: label === 'full sync' ? '<= 1.3' : undefined,
      },
    );
    return summary;
  };

  await measured('full sync', fullMinimum);
  await measured('incremental, nothing changed', incrementalMinimum);
  let edited = 0;
  for (const type of TOP_LEVEL) {
    const all = await records(started, type);
    const step = Math.max(1, Math.round(1 / CHANGED_FRACTION));
    for (let index = 0; index < all.length; index += step) {
      const attribute = type === 'organizations' ? 'description' : 'notes';
      await control(started, `records/${type}/${all[index]?.id}`, {
        method: 'POST',
        body: JSON.stringify({ attributes: { [attribute]: `bench edit ${index}` } }),
      });
      edited++;
    }
  }
  const changed = await measured(`incremental, 1% changed (${edited})`, incrementalMinimum);
  const updated = changed.resources.reduce((sum, tally) => sum + tally.updated, 0);
  console.log(`  (the 1% sync found ${updated} updated records)\n`);

  compareTokenizers(store);
  store.close();
  child.disconnect();
  rmSync(directory, { recursive: true, force: true });
  reportFigures('mirror', figures);
}

/** The search index built from the synced mirror with each candidate tokenizer. */
function compareTokenizers(store: MirrorStore): void {
  const rows = store.db
    .prepare<[], { rowid: number; name: string; details: string; notes: string }>(
      'SELECT rowid, name, details, notes FROM search',
    )
    .all();
  const device = JSON.parse(
    (
      store.db.prepare("SELECT data FROM records WHERE type = 'configurations' LIMIT 1").get() as {
        data: string;
      }
    ).data,
  ) as Raw;
  const person = JSON.parse(
    (store.db.prepare("SELECT data FROM records WHERE type = 'contacts' LIMIT 1").get() as { data: string })
      .data,
  ) as Raw;
  const email = String(person.email);
  const queries: Record<string, string> = {
    'full serial': String(device.serialNumber),
    'serial fragment': String(device.serialNumber).slice(2, 8),
    email,
    'email domain': email.split('@')[1] as string,
    'IP prefix': String(device.primaryIp).split('.').slice(0, 3).join('.'),
    MAC: String(device.macAddress),
    'hostname fragment': String(device.hostname).slice(0, 5),
  };
  console.log(`search index over ${rows.length} records (hits per query; median query time):`);
  const tokenizers = {
    trigram: 'trigram remove_diacritics 1',
    "unicode61 tokenchars '-@._:'": "unicode61 tokenchars '-@._:'",
  };
  for (const [label, tokenizer] of Object.entries(tokenizers)) {
    const db = new Database(':memory:');
    db.exec(
      `CREATE VIRTUAL TABLE s USING fts5 (name, details, notes, tokenize = "${tokenizer.replaceAll('"', '""')}")`,
    );
    const insert = db.prepare('INSERT INTO s (rowid, name, details, notes) VALUES (?, ?, ?, ?)');
    const start = performance.now();
    db.transaction(() => {
      for (const row of rows) insert.run(row.rowid, row.name, row.details, row.notes);
    })();
    const buildMs = performance.now() - start;
    const bytes = (
      db.prepare("SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 's_%'").get() as { n: number }
    ).n;
    const results = Object.entries(queries).map(([name, query]) => {
      const statement = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM s WHERE s MATCH ?');
      const match = `"${query.replaceAll('"', '""')}"`;
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < 21; i++) {
        const t = performance.now();
        hits = statement.get(match)?.n ?? 0;
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return `${name} ${hits} (${(times[10] as number).toFixed(2)} ms)`;
    });
    console.log(`  ${label}: index ${(bytes / 1024).toFixed(0)} KiB, built in ${buildMs.toFixed(0)} ms`);
    console.log(`    ${results.join('; ')}`);
    db.close();
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
