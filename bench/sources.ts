/**
 * bench/sources: reading 100,000-row exports. Prints the time of the bare CSV parse, the whole
 * contact read of a Microsoft 365 export (20 columns, proxy addresses), and a device read, with
 * the heap each leaves behind, next to a naive `split` of the same text. Asserts nothing.
 *
 *   npx tsx bench/sources.ts
 */
import { parseCsv } from '../src/sources/csv.js';
import { parseConfigurationSource, parseContactSource } from '../src/sources/index.js';
import { type Figure, reportFigures } from './_report.js';

const ROWS = 100_000;

function m365Export(): string {
  const lines = [
    'User principal name,Display name,First name,Last name,Proxy addresses,Block credential,Title,Phone number,Mobile Phone,Object Id,Licenses,City,Country/Region,Department,Office,Postal code,State,Street address,Usage location,When created',
  ];
  for (let i = 0; i < ROWS; i++) {
    lines.push(
      `user${i}@contoso.com,"User ${i}, Jr",User,Number${i},SMTP:User.${i}@contoso.com+smtp:u${i}@contoso.com+SIP:user${i}@contoso.com,${i % 10 === 0 ? 'True' : 'False'},Engineer,+1 555 0100,,6a1f0c2e-${i},Microsoft 365 Business Premium,Seattle,United States,IT,"Office, 2nd floor",98101,WA,1 Main St,US,2024-01-15 10:00:00`,
    );
  }
  return lines.join('\r\n');
}

function deviceList(): string {
  const lines = [
    'organization,name,hostname,serial_number,asset_tag,mac_address,primary_ip,type,manufacturer,model,os,notes',
  ];
  for (let i = 0; i < ROWS; i++) {
    const mac = (i % 0xffffff).toString(16).padStart(6, '0');
    lines.push(
      `Client ${i % 50},PC-${i},pc-${i}.corp.local,5CG${i}XYZ,AT-${i},3c:52:82:${mac.slice(0, 2)}:${mac.slice(2, 4)}:${mac.slice(4)},10.0.${i % 256}.${i % 250},Workstation,HP,EliteDesk 800 G6,Windows 11 Pro,"Desk ${i}\nsecond line"`,
    );
  }
  return lines.join('\n');
}

function median(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
}

function measure(label: string, megabytes: number, run: () => unknown): number {
  const times: number[] = [];
  let kept: unknown;
  for (let round = 0; round < 5; round++) {
    kept = undefined;
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    kept = run();
    times.push(performance.now() - started);
    if (round === 4) {
      globalThis.gc?.();
      const retained = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
      const ms = median(times);
      console.log(
        `${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${(megabytes / (ms / 1000)).toFixed(0).padStart(4)} MB/s  result holds ${retained.toFixed(0).padStart(4)} MB`,
      );
    }
  }
  if (kept === undefined) throw new Error('nothing was read');
  return median(times);
}

const contacts = m365Export();
const devices = deviceList();
const size = (text: string) => Buffer.byteLength(text) / 1024 / 1024;
console.log(
  `${ROWS} rows; M365 export ${size(contacts).toFixed(1)} MB, device list ${size(devices).toFixed(1)} MB`,
);
if (!globalThis.gc) console.log('(run with node --expose-gc --import tsx for the heap figures)');
const split = (text: string, newline: string) => () => text.split(newline).map((line) => line.split(','));
const naiveContacts = measure('naive split (no quotes, no lines)', size(contacts), split(contacts, '\r\n'));
const csvMs = measure('parseCsv, M365 export', size(contacts), () =>
  parseCsv(contacts, { file: 'users.csv' }),
);
const contactMs = measure('parseContactSource, M365 export', size(contacts), () =>
  parseContactSource(contacts, 'users.csv'),
);
const naiveDevices = measure('naive split, device list', size(devices), split(devices, '\n'));
const deviceMs = measure('parseConfigurationSource, devices', size(devices), () =>
  parseConfigurationSource(devices, 'devices.csv'),
);
const figure = (name: string, ms: number, naiveMs: number): Figure => ({
  name: `${name} (${ROWS.toLocaleString('en-US')} rows)`,
  value: ms,
  unit: 'ms',
  baseline: { value: naiveMs, label: "`split('\\n')` and `split(',')` of the same text" },
});
reportFigures('sources', [
  figure('CSV parse of an M365 export', csvMs, naiveContacts),
  figure('contact read of an M365 export (parse, detect, map, validate)', contactMs, naiveContacts),
  figure('device read of a device list', deviceMs, naiveDevices),
]);
