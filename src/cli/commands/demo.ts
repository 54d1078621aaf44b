/**
 * `gluekit demo` (and `npm run demo`): a short tour with real output, against an emulator started
 * in this process. It needs no key and no network.
 */
import { inspect } from 'node:util';
import { GlueKit } from '../../client.js';
import { AmbiguousWriteError } from '../../core/errors.js';
import { startEmulator } from '../../emulator/index.js';

const out = (line = '') => process.stdout.write(`${line}\n`);
const step = (n: number, title: string) => out(`\n${n}. ${title}`);
const code = (text: string) => out(`   > ${text}`);

function table(rows: string[][]): void {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const row of rows)
    out(`     ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd());
}

async function countRequests(url: string): Promise<number> {
  const counts = (await (await fetch(`${url}/__emulator/requests`)).json()) as { total: number };
  return counts.total;
}

export async function runDemo(): Promise<void> {
  const started = Date.now();
  out(
    'gluekit demo: IT Glue from TypeScript and the terminal, against a local emulator (no key, no network).',
  );

  step(1, 'Start the emulator: it behaves like real IT Glue (profile "real") and holds a small demo MSP.');
  const emulator = await startEmulator({ seed: 'demo' });
  try {
    code(`startEmulator({ seed: 'demo' })  ->  ${emulator.url}`);
    const client = new GlueKit({ apiKey: emulator.apiKey, baseUrl: emulator.url });

    step(2, 'List organizations: one request at page size 1000 (IT Glue defaults to 50).');
    code("client.organizations.list({ sort: 'name' })");
    const orgs = (await client.organizations.list({ sort: 'name' })).data;
    table([['ID', 'NAME', 'TYPE'], ...orgs.map((org) => [org.id, org.name, org.organizationTypeName ?? ''])]);
    const big = orgs.find((org) => BigInt(org.id) > BigInt(Number.MAX_SAFE_INTEGER));
    if (big)
      out(
        `   ${big.name}'s id ${big.id} is above 2^53: JSON.parse would round it; gluekit keeps every id exact.`,
      );

    step(
      3,
      'Find a device by hostname. Real IT Glue has no hostname filter (it ignores it and returns everything);',
    );
    out('   gluekit reads the candidates and matches for you, so the filter means what it says.');
    const device = (await client.configurations.list({ pageSize: 50 })).data.find((c) => c.hostname);
    if (device?.hostname) {
      code(`client.configurations.list({ filter: { hostname: '${device.hostname.toLowerCase()}' } })`);
      const hits = (await client.configurations.list({ filter: { hostname: device.hostname.toLowerCase() } }))
        .data;
      table([
        ['NAME', 'SERIAL', 'ORGANIZATION'],
        ...hits.map((c) => [c.name, c.serialNumber ?? '', c.organizationName ?? '']),
      ]);
    }

    step(4, "Create a contact with the document's fields; gluekit sends what real IT Glue accepts.");
    const organizationId = big?.id ?? (orgs[0]?.id as string);
    code(
      `client.contacts.create({ organizationId: '${organizationId}', name: 'Ada Lovelace', email: 'ada@example.com' })`,
    );
    const contact = await client.contacts.create({
      organizationId,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    out(`   -> id ${contact.id}; sent first-name "${contact.firstName}", last-name "${contact.lastName}",`);
    out(`      contact-emails ${JSON.stringify(contact.contactEmails)}`);
    code("client.contacts.list({ filter: { email: 'ADA@example.com' } })");
    const found = (await client.contacts.list({ filter: { email: 'ADA@example.com' } })).data;
    out(`   -> ${found.length} match: ${found.map((c) => `${c.name} <${c.email}>`).join(', ')}`);

    step(5, 'Passwords are metadata unless you reveal one, and a revealed value still prints masked.');
    const password = (await client.passwords.list({ filter: { organizationId } })).data[0];
    if (password) {
      code(`client.passwords.get('${password.id}')`);
      const meta = await client.passwords.get(password.id);
      out(
        `   -> ${meta.name}: username ${meta.username ?? '-'}, password ${meta.password === undefined ? 'not fetched' : 'fetched'}`,
      );
      code(`console.log(await client.passwords.get('${password.id}', { reveal: true }))`);
      const revealed = await client.passwords.get(password.id, { reveal: true });
      // util.inspect of the record itself: the value is masked even though it was fetched.
      const shown = inspect(revealed, { breakLength: 200 })
        .split('\n')
        .filter((line) => /^\s*(name|password):/.test(line));
      for (const line of shown) out(`     ${line.trim()}`);
      out(
        `   -> the value is there (${revealed.password?.length ?? 0} characters) for code that reads .password.`,
      );
    }

    step(6, 'A lost response: the emulator commits the next create, then drops the connection.');
    await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lostResponseRate: 1 }),
    });
    code("client.contacts.create({ ..., name: 'Grace Hopper', email: 'grace@example.com' })");
    try {
      await client.contacts.create({ organizationId, name: 'Grace Hopper', email: 'grace@example.com' });
    } catch (error) {
      if (!(error instanceof AmbiguousWriteError)) throw error;
      out(`   -> ${error.name}: a POST is never re-sent blindly.`);
    } finally {
      await fetch(`${emulator.url}/__emulator/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lostResponseRate: 0 }),
      });
    }
    const grace = (await client.contacts.list({ filter: { email: 'grace@example.com' } })).data;
    out(`   -> looked up by email instead: ${grace.length} record (it was created exactly once).`);

    step(7, 'The rate budget: 3000 requests per 5 minutes per key, spent like money.');
    const used = await countRequests(emulator.url);
    const budget = client.rateBudget();
    out(
      `   -> this tour used ${used} requests; ${budget?.remaining ?? '?'} of ${budget?.limit ?? '?'} left in the window.`,
    );
  } finally {
    await emulator.stop();
  }

  out('\nPoint gluekit at your own tenant (nothing else changes):');
  out('   export ITGLUE_API_KEY=ITG.xxxxxxxx   # Account > Settings > API Keys');
  out('   export ITGLUE_REGION=us              # or eu, au');
  out(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
