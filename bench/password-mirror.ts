/**
 * bench/password-mirror: 2,000 vault entries over 20 organizations, mirrored once, then 2% of
 * the values changed in the vault and the mirror run again. IT Glue's lists never carry values,
 * so a tool that must know whether a value changed either remembers what it wrote (gluekit: an
 * HMAC fingerprint in the journal) or GETs every password to compare. Prints the requests of the
 * re-run's plan and apply against that naive approach, and the minimum. Asserts nothing.
 *
 *   npx tsx bench/password-mirror.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../src/emulator/index.js';
import { GlueKit } from '../src/index.js';
import { applyPlan } from '../src/workflows/engine/apply.js';
import { fingerprinter } from '../src/workflows/engine/fingerprint-key.js';
import { Journal } from '../src/workflows/engine/journal.js';
import {
  passwordExecutor,
  planPasswordMirror,
  secretsFromMap,
  type VaultSourceRow,
} from '../src/workflows/passwords/index.js';
import { reportFigures } from './_report.js';

const ORGANIZATIONS = 20;
const PER_ORGANIZATION = 100;
const CHANGED_EVERY = 50; // 2%

async function requests(url: string): Promise<number> {
  return ((await (await fetch(`${url}/__emulator/requests`)).json()) as { total: number }).total;
}
async function resetRequests(url: string): Promise<void> {
  await fetch(`${url}/__emulator/requests/reset`, { method: 'POST' });
}

export async function runPasswordMirrorBench() {
  const emulator = await startEmulator({ seed: `scale:${ORGANIZATIONS}`, rateLimit: false });
  const dir = mkdtempSync(join(tmpdir(), 'gluekit-bench-pw-'));
  const journal = Journal.open(join(dir, 'journal.sqlite'));
  try {
    const client = new GlueKit({ apiKey: emulator.apiKey, baseUrl: emulator.url, rateLimit: false });
    const organizations = (await client.organizations.list()).data;
    const fingerprint = fingerprinter(randomBytes(32));
    const target = { baseUrl: client.baseUrl, keyFingerprint: client.keyFingerprint };
    const rowsFor = (round: number): VaultSourceRow[] =>
      organizations.slice(0, ORGANIZATIONS).flatMap((organization, o) =>
        Array.from({ length: PER_ORGANIZATION }, (_, i) => {
          const n = o * PER_ORGANIZATION + i;
          const changed = round > 0 && n % CHANGED_EVERY === 0;
          return {
            source: { file: 'vault.json', line: n + 2 },
            name: `Bench login ${i}`,
            username: `user${i}`,
            password: `value-${n}-${changed ? round : 0}`,
            organization: organization.id,
          };
        }),
      );
    const run = async (rows: VaultSourceRow[]) => {
      const planned = await planPasswordMirror(
        client,
        journal,
        { file: 'vault.json', format: 'json', rows },
        fingerprint,
        {},
      );
      const planRequests = await requests(emulator.url);
      const executor = passwordExecutor(
        client,
        journal,
        target,
        fingerprint,
        secretsFromMap(planned.secrets),
      );
      const result = await applyPlan({
        plan: planned.plan,
        target,
        journal,
        executors: { passwords: executor },
        checkPreconditions: false,
      });
      return { planned, planRequests, writes: result.outcomes.filter((o) => o.state === 'done').length };
    };

    await run(rowsFor(0));
    await resetRequests(emulator.url);
    const started = Date.now();
    const again = await run(rowsFor(1));
    const ms = Date.now() - started;
    const ours = await requests(emulator.url);

    // Naive: the same list pages, then GET every matched password to compare its value.
    await resetRequests(emulator.url);
    const listPages = again.planRequests;
    const entries = ORGANIZATIONS * PER_ORGANIZATION;
    // Counted on one organization (100 GETs) and scaled: the requests grow one per entry.
    const sampleOrganization = organizations[0]?.id as string;
    const sample = await client.passwords.list({ organizationId: sampleOrganization }).toArray();
    for (const password of sample.filter((p) => p.name.startsWith('Bench login '))) {
      await client.passwords.get(password.id, { reveal: true });
    }
    const perOrganization = (await requests(emulator.url)) - 1;
    const naive = listPages + perOrganization * ORGANIZATIONS + again.writes;
    const minimum = listPages + again.writes;
    return {
      entries,
      organizations: ORGANIZATIONS,
      changed: entries / CHANGED_EVERY,
      writes: again.writes,
      planRequests: again.planRequests,
      ours,
      minimum,
      naive,
      ms,
    };
  } finally {
    journal.close();
    await emulator.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runPasswordMirrorBench();
  console.log(
    `bench/password-mirror: ${r.entries} entries over ${r.organizations} organizations, ${r.changed} values changed, re-run`,
  );
  console.log(
    `gluekit re-run        ${String(r.ours).padStart(6)} requests  (${r.planRequests} to plan: lists only, 0 value fetches; ${r.writes} writes)  ${(r.ms / 1000).toFixed(1)} s`,
  );
  console.log(
    `minimum               ${String(r.minimum).padStart(6)} requests  ${(r.ours / r.minimum).toFixed(3)}x`,
  );
  console.log(
    `GET every password    ${String(r.naive).padStart(6)} requests  ${(r.naive / r.ours).toFixed(1)}x gluekit's`,
  );
  reportFigures('password-mirror', [
    {
      name: `password mirror re-run: requests (${r.entries.toLocaleString('en-US')} entries, ${r.organizations} organizations, ${r.changed} values changed)`,
      value: r.ours,
      unit: 'requests',
      baseline: { value: r.minimum, label: 'the minimum: list pages plus the writes' },
      goal: '<= 1.05',
    },
    {
      name: 'password mirror re-run: GET every password to compare its value (naive)',
      value: r.naive,
      unit: 'requests',
      baseline: { value: r.ours, label: "gluekit's re-run" },
    },
  ]);
}
