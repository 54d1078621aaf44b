/**
 * Child process for journal-concurrency.test.ts: says it is loaded (a file beside argv[3]), waits
 * until the file argv[3] exists (so every child opens at the same moment), then opens the journal,
 * the mirror and the rate budget in the folder argv[2] and prints "opened".
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileRateStore } from '../../src/core/rate-stores/file.js';
import { MirrorStore } from '../../src/mirror/store.js';
import { Journal } from '../../src/workflows/engine/journal.js';

const [dir, go] = process.argv.slice(2) as [string, string];
writeFileSync(`${go}.ready.${process.pid}`, '');
while (!existsSync(go)) await new Promise((resolve) => setTimeout(resolve, 2));
const journal = Journal.open(join(dir, 'journal.sqlite'));
const mirror = MirrorStore.open(join(dir, 'mirror.sqlite'));
const budget = new FileRateStore(join(dir, 'rate-budget.sqlite'));
await budget.usage('key', { limit: 3000, windowMs: 300_000 });
journal.close();
mirror.close();
await budget.close();
process.stdout.write('opened\n');
