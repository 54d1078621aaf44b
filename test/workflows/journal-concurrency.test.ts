/**
 * Three plans started together open one new journal from three processes (the dashboard's own
 * scenario did, and one failed with "UNIQUE constraint failed: meta.key", then "database is
 * locked" while turning the file to WAL). Every opener of the journal, the mirror and the rate
 * budget must succeed, whoever creates the files first.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/workflows/engine/journal.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./journal-open.child.ts', import.meta.url));
const OPENERS = 6;

function openInChild(dir: string, go: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CHILD, dir, go],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`a process failed to open the shared files: ${stderr}`));
        else resolve(stdout.trim());
      },
    );
  });
}

describe('new shared SQLite files opened by several processes at once', () => {
  it('opens in every process and keeps one schema stamp', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gluekit-journal-race-'));
    const go = join(dir, 'go');
    const children = Array.from({ length: OPENERS }, () => openInChild(dir, go));
    // Release them together once every child has loaded and reached its wait loop.
    while (readdirSync(dir).filter((name) => name.startsWith('go.ready.')).length < OPENERS) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    writeFileSync(go, '');
    expect(await Promise.all(children)).toEqual(Array(OPENERS).fill('opened'));
    const journal = Journal.open(join(dir, 'journal.sqlite'));
    expect(journal.listRuns()).toEqual([]);
    journal.close();
  }, 180_000);
});
