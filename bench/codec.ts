/**
 * bench/codec: decoding a 1000-contact IT Glue page with the SDK's codec (lossless JSON parse,
 * JSON:API flattening, camelCase keys, compat normalization) against a plain `JSON.parse` of the
 * same bytes. Goal: at most 1.5x. Prints figures; asserts nothing.
 *
 *   npx tsx bench/codec.ts
 */
import { normalizeContact } from '../src/compat/contacts.js';
import { deserialize, type FlatResource } from '../src/jsonapi/deserialize.js';
import { parseJson } from '../src/jsonapi/json.js';
import { reportFigures } from './_report.js';

export function contactsPage(organizationId: number | string, firstId: bigint): string {
  const data = Array.from({ length: 1000 }, (_, i) => {
    const id = (firstId + BigInt(i)).toString();
    return `{"id":"${id}","type":"contacts","attributes":{"organization-id":${organizationId},"organization-name":"Fabrikam Manufacturing","name":"Person ${i} Example","first-name":"Person ${i}","last-name":"Example","title":"Engineer","contact-type-id":24,"contact-type-name":"Employee","location-id":null,"location-name":null,"important":null,"notes":"Joined in 2024; prefers email.","restricted":false,"psa-integration":null,"created-at":"2024-03-12T14:48:21.054Z","updated-at":"2025-01-02T09:00:00.000Z","contact-emails":[{"value":"person${i}@fabrikam.example","primary":true,"label-name":"Work"},{"value":"p${i}@home.example","primary":false,"label-name":"Home"}],"contact-phones":[{"value":"4155552156","extension":null,"primary":true,"label-name":"Work","label-type":"phone","formatted-value":"(415) 555-2156"}]}}`;
  });
  return `{"data":[${data.join(',')}],"meta":{"current-page":1,"next-page":2,"prev-page":null,"total-pages":3,"total-count":2500,"filters":{}},"links":{"self":"https://api.itglue.com/contacts?page[number]=1&page[size]=1000","next":"https://api.itglue.com/contacts?page[number]=2&page[size]=1000"}}`;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median times of two functions, run alternately so both see the same GC and JIT conditions. */
function measurePair(baseline: () => unknown, candidate: () => unknown, rounds = 300): [number, number] {
  for (let i = 0; i < 50; i++) {
    baseline();
    candidate();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let start = process.hrtime.bigint();
    baseline();
    a.push(Number(process.hrtime.bigint() - start) / 1e6);
    start = process.hrtime.bigint();
    candidate();
    b.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return [median(a), median(b)];
}

// Exactly what the SDK does with a page: parse losslessly, flatten to camelCase records, normalize.
const decode = (text: string) => deserialize<FlatResource[]>(parseJson(text)).data.map(normalizeContact);

export function runCodecBench(): Array<{
  case: string;
  baselineMs: number;
  gluekitMs: number;
  ratio: number;
}> {
  const cases = [
    { name: 'ids below 2^53 (7 digits)', text: contactsPage(2000123, 4000000n) },
    { name: 'ids above 2^53 (16 digits)', text: contactsPage('9007199254740993', 9007199254741000n) },
  ];
  return cases.map(({ name, text }) => {
    const [baselineMs, gluekitMs] = measurePair(
      () => JSON.parse(text),
      () => decode(text),
    );
    return { case: name, baselineMs, gluekitMs, ratio: gluekitMs / baselineMs };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sample = contactsPage('9007199254740993', 9007199254741000n);
  const first = decode(sample)[0];
  console.log(
    `bench/codec: one 1000-contact page (${(sample.length / 1024).toFixed(0)} KiB); median of 300 alternating runs`,
  );
  console.log(`check: first contact organizationId ${first?.organizationId} (exact), email ${first?.email}`);
  const rows = runCodecBench();
  for (const row of rows) {
    console.log(
      `${row.case.padEnd(28)} JSON.parse ${row.baselineMs.toFixed(2)} ms   gluekit decode ${row.gluekitMs.toFixed(2)} ms   ratio ${row.ratio.toFixed(2)}x (goal <= 1.5x)`,
    );
  }
  reportFigures(
    'codec',
    rows.map((row) => ({
      name: `SDK decode of a 1000-contact page, ${row.case} (median of 300)`,
      value: row.gluekitMs,
      unit: 'ms',
      baseline: { value: row.baselineMs, label: 'JSON.parse of the same bytes' },
      goal: '<= 1.5',
    })),
  );
}
