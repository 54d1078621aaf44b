/**
 * bench/contact-sync: one organization with 10,000 contacts, a source with 1% changed, and the
 * emulator answering every request after 100 ms. Prints the requests gluekit's sync used, the
 * minimum (the list pages plus the writes), what a per-contact "look up, then write" approach
 * uses (the approach the document's own descriptions suggest), and the wall times.
 * Prints figures; asserts nothing.
 *
 *   npx tsx bench/contact-sync.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../src/emulator/index.js';
import { GlueKit } from '../src/index.js';
import { readContactSource } from '../src/sources/index.js';
import { contactExecutor, planContactSync } from '../src/workflows/contacts/index.js';
import { applyPlan } from '../src/workflows/engine/apply.js';
import { Journal } from '../src/workflows/engine/journal.js';
import { reportFigures } from './_report.js';

const CONTACTS = 10_000;
const CHANGED = CONTACTS / 100;
const LATENCY_MS = 100;
const NAIVE_SAMPLE = 1000;

async function counts(url: string): Promise<number> {
  return ((await (await fetch(`${url}/__emulator/requests`)).json()) as { total: number }).total;
}
async function control(url: string, path: string, body: unknown, method = 'POST'): Promise<void> {
  await fetch(`${url}/__emulator/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function runContactSyncBench() {
  // The naive approach spends 10,000+ requests: far past IT Glue's 3000 per 5 minutes, so the
  // emulator's limit is off for it (and for ours, which would never reach it).
  const emulator = await startEmulator({ seed: 'scale:1', rateLimit: false });
  try {
    const client = new GlueKit({ apiKey: emulator.apiKey, baseUrl: emulator.url, rateLimit: false });
    const organizationId = String(emulator.control.records('organizations')[0]?.id ?? '');
    const org = organizationId ? { id: organizationId } : undefined;
    if (!org) throw new Error('the seed has no organization to sync into');
    // Setup, without latency: 10,000 contacts in bulk creates of 500.
    const people = Array.from({ length: CONTACTS }, (_, i) => ({
      first: 'Person',
      last: `N${i}`,
      email: `person${i}@bench.example`,
      title: 'Engineer',
    }));
    for (let at = 0; at < people.length; at += 500) {
      const data = people.slice(at, at + 500).map((p) => ({
        type: 'contacts',
        attributes: {
          'first-name': p.first,
          'last-name': p.last,
          title: p.title,
          'contact-emails': [{ value: p.email, primary: true, 'label-name': 'Work' }],
        },
      }));
      const response = await fetch(`${emulator.url}/organizations/${org.id}/relationships/contacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.api+json', 'x-api-key': emulator.apiKey },
        body: JSON.stringify({ data }),
      });
      if (!response.ok) throw new Error(`setup failed: ${response.status} ${await response.text()}`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'gluekit-bench-'));
    const csv = join(dir, 'people.csv');
    writeFileSync(
      csv,
      `first_name,last_name,email,title\n${people.map((p, i) => `${p.first},${p.last},${p.email},${i % 100 === 0 ? 'Senior Engineer' : p.title}`).join('\n')}\n`,
    );
    const source = await readContactSource(csv, { format: 'csv' });
    await control(emulator.url, 'faults', { latencyMs: LATENCY_MS }, 'PUT');

    // gluekit: plan (one read of the organization) and apply.
    await control(emulator.url, 'requests/reset', {});
    const journal = Journal.open(join(dir, 'journal.sqlite'));
    const started = Date.now();
    const plan = await planContactSync(
      client,
      journal,
      { file: csv, format: source.format, rows: source.rows },
      { org: org.id },
    );
    const result = await applyPlan({
      plan,
      target: { baseUrl: client.baseUrl, keyFingerprint: client.keyFingerprint },
      journal,
      executors: { contacts: contactExecutor(client) },
      checkPreconditions: false,
    });
    const ourMs = Date.now() - started;
    const ours = await counts(emulator.url);
    journal.close();
    const writes = result.outcomes.length;
    const minimum = Math.ceil(CONTACTS / 1000) + writes;

    // Naive: for each row, look the contact up by email, then write if it differs. Its requests
    // grow one per row, so they are counted on a 1,000-row sample without latency and scaled up
    // (at 100 ms the whole run would take minutes); its time is projected.
    await control(emulator.url, 'faults', { latencyMs: 0 }, 'PUT');
    await control(emulator.url, 'requests/reset', {});
    const sample = people.slice(0, NAIVE_SAMPLE);
    for (const [i, person] of sample.entries()) {
      const found = (await client.contacts.list({ filter: { email: person.email, organizationId: org.id } }))
        .data[0];
      if (found && i % 100 === 0) await client.contacts.update(found.id, { title: 'Principal Engineer' });
    }
    const naive = (await counts(emulator.url)) * (CONTACTS / NAIVE_SAMPLE);
    return {
      contacts: CONTACTS,
      changed: CHANGED,
      writes,
      ours,
      minimum,
      naive,
      ourMs,
      naiveProjectedMs: Math.ceil(naive / 4) * LATENCY_MS,
    };
  } finally {
    await emulator.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runContactSyncBench();
  console.log(
    `bench/contact-sync: ${r.contacts} contacts in one organization, ${r.changed} changed, ${LATENCY_MS} ms latency`,
  );
  console.log(
    `gluekit sync        ${String(r.ours).padStart(6)} requests  ${(r.ours / r.minimum).toFixed(3)}x the minimum (goal <= 1.05x)  ${(r.ourMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `minimum             ${String(r.minimum).padStart(6)} requests  (${Math.ceil(r.contacts / 1000)} list pages + ${r.writes} writes)`,
  );
  console.log(
    `look up, then write ${String(r.naive).padStart(6)} requests (counted on ${NAIVE_SAMPLE} rows, scaled)  ${(r.naive / r.minimum).toFixed(1)}x the minimum  ~${Math.round(r.naiveProjectedMs / 1000)} s at 4 in flight; ${Math.ceil(r.naive / 3000) * 5} min of IT Glue's rate budget at least`,
  );
  reportFigures('contact-sync', [
    {
      name: `contact sync: requests (${r.contacts.toLocaleString('en-US')} contacts in one organization, 1% changed, ${LATENCY_MS} ms latency)`,
      value: r.ours,
      unit: 'requests',
      baseline: { value: r.minimum, label: 'the minimum: list pages + writes' },
      goal: '<= 1.05',
    },
    {
      name: 'contact sync: look up, then write (per-row approach, counted on 1,000 rows, scaled)',
      value: r.naive,
      unit: 'requests',
      baseline: { value: r.minimum, label: 'the minimum' },
    },
    {
      name: 'contact sync: wall time',
      value: r.ourMs / 1000,
      unit: 's',
      baseline: { value: r.naiveProjectedMs / 1000, label: 'look up, then write, projected at 4 in flight' },
    },
  ]);
}
