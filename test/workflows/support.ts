/**
 * Workflow test support: a fresh emulator tenant per test (so tests never see each other's
 * writes), a temp data dir with its own journal, and source files written from strings.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GlueKit } from '../../src/index.js';
import { Journal } from '../../src/workflows/engine/journal.js';
import { clientFor, type Emulator, newTenantKey } from '../helpers/emulator.js';

export interface Tenant {
  apiKey: string;
  client: GlueKit;
  journal: Journal;
  dir: string;
  /** Writes a source file in the tenant's temp dir and returns its path. */
  file(name: string, content: string): string;
}

export async function newTenant(emulator: Emulator, seed = 'demo'): Promise<Tenant> {
  const apiKey = await newTenantKey(emulator, seed);
  const dir = mkdtempSync(join(tmpdir(), 'gluekit-wf-'));
  return {
    apiKey,
    client: clientFor(emulator, { apiKey }),
    journal: Journal.open(join(dir, 'journal.sqlite')),
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

/** Writes counted by the emulator for one tenant's key (POST and PATCH). */
export async function writesSeen(emulator: Emulator): Promise<number> {
  const counts = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as {
    byMethod: Record<string, number>;
  };
  return (counts.byMethod.POST ?? 0) + (counts.byMethod.PATCH ?? 0);
}

export async function editRecord(
  emulator: Emulator,
  apiKey: string,
  type: string,
  id: string,
  attributes: Record<string, unknown>,
) {
  const response = await fetch(`${emulator.url}/__emulator/records/${type}/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ attributes }),
  });
  if (!response.ok) throw new Error(`edit failed: ${response.status} ${await response.text()}`);
}
