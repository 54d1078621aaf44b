/**
 * A malformed input never starts a write. Source files certain to be broken (bad bytes, NUL,
 * UTF-16, a quote never closed, a row too wide) go down the path `contacts sync --apply` and
 * `configurations import --apply` take, in process and through the real binary, against the
 * emulator: the file is refused with its line before IT Glue is even read, so the emulator sees
 * no request at all. Input that reads but names things IT Glue does not have (an organization, a
 * contact type) is refused by the planner after its reads, with no POST or PATCH.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConfigurationSource, readContactSource, SourceInputError } from '../../src/sources/index.js';
import { configurationExecutor, planConfigurationImport } from '../../src/workflows/configurations/index.js';
import { contactExecutor, planContactSync } from '../../src/workflows/contacts/index.js';
import { applyPlan } from '../../src/workflows/engine/apply.js';
import { PlanInputError } from '../../src/workflows/engine/input-errors.js';
import { jsonError, runCli } from '../helpers/cli.js';
import { newTenantKey, requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';
import { newTenant } from '../workflows/support.js';
import {
  contactCsv,
  contactLayout,
  corrupt,
  corruption,
  type Dialect,
  deviceCsv,
  devices,
  dialect,
  people,
} from './support.js';

const ORG = 'Happy Frog Dental';

/** Everyone in an organization that exists, so only the damage can stop the sync. */
const inOrganization = people(8).map((list) => list.map((person) => ({ ...person, organization: ORG })));
const devicesInOrganization = devices(8).map((list) =>
  list.map((device) => ({ ...device, organization: ORG })),
);

describe('a malformed input never starts a write', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('contacts: refused with its line before any request, in process', async () => {
    const tenant = await newTenant(emulator.current);
    const target = { baseUrl: tenant.client.baseUrl, keyFingerprint: tenant.client.keyFingerprint };
    await fc.assert(
      fc.asyncProperty(
        inOrganization,
        contactLayout,
        dialect,
        corruption,
        async (persons, layout, d, how) => {
          const { bytes, line } = corrupt(contactCsv(persons, layout, d).text, how, 5 + layout.extra, d);
          const path = join(tenant.dir, 'broken.csv');
          writeFileSync(path, bytes);
          await resetCounts(emulator.current);
          // The CLI's order: read the source, then plan (reads IT Glue), then apply (writes).
          const attempt = async () => {
            const source = await readContactSource(path, { format: 'csv' });
            const plan = await planContactSync(
              tenant.client,
              tenant.journal,
              { file: path, format: source.format, rows: source.rows },
              {},
            );
            return applyPlan({
              plan,
              target,
              journal: tenant.journal,
              executors: { contacts: contactExecutor(tenant.client) },
              checkPreconditions: false,
            });
          };
          const error = await attempt().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(SourceInputError);
          expect((error as SourceInputError).problems.map((p) => p.line)).toContain(line);
          expect((await requestCounts(emulator.current)).total).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
    expect(tenant.journal.listRuns()).toEqual([]);
  });

  it('devices: refused with its line before any request, in process', async () => {
    const tenant = await newTenant(emulator.current);
    await fc.assert(
      fc.asyncProperty(devicesInOrganization, dialect, corruption, async (list, d, how) => {
        const { bytes, line } = corrupt(deviceCsv(list, d).text, how, 5, d);
        const path = join(tenant.dir, 'broken-devices.csv');
        writeFileSync(path, bytes);
        await resetCounts(emulator.current);
        const attempt = async () => {
          const source = await readConfigurationSource(path, { format: 'csv' });
          const plan = await planConfigurationImport(
            tenant.client,
            tenant.journal,
            { file: path, format: source.format, rows: source.rows },
            { type: 'Managed Workstation' },
          );
          return applyPlan({
            plan,
            target: plan.target,
            journal: tenant.journal,
            executors: { configurations: configurationExecutor(tenant.client) },
            checkPreconditions: false,
          });
        };
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(SourceInputError);
        expect((error as SourceInputError).problems.map((p) => p.line)).toContain(line);
        expect((await requestCounts(emulator.current)).total).toBe(0);
      }),
      { numRuns: 30 },
    );
  });

  it('contacts: names IT Glue does not have are refused by the planner, after reads only', async () => {
    const tenant = await newTenant(emulator.current);
    const unknown = fc.record({
      organization: fc.constantFrom(ORG, 'No Such Organization', 'Happy Frog Dentistry'),
      contactType: fc.constantFrom('', 'Astronaut', 'Employe'),
    });
    await fc.assert(
      fc.asyncProperty(
        people(6),
        fc.array(unknown, { minLength: 6, maxLength: 6 }),
        async (persons, names) => {
          fc.pre(names.some((n) => n.organization !== ORG || n.contactType !== ''));
          const rows = persons.map((person, i) => {
            const n = names[i] as { organization: string; contactType: string };
            return `${n.organization},Person${i},x,${person.email},${n.contactType}`;
          });
          const badLine = persons.findIndex((_, i) => {
            const n = names[i] as { organization: string; contactType: string };
            return n.organization !== ORG || n.contactType !== '';
          });
          fc.pre(badLine >= 0);
          const path = tenant.file(
            'names.csv',
            `organization,first_name,last_name,email,contact_type\n${rows.join('\n')}\n`,
          );
          await resetCounts(emulator.current);
          const source = await readContactSource(path, { format: 'csv' });
          const error = await planContactSync(
            tenant.client,
            tenant.journal,
            { file: path, format: source.format, rows: source.rows },
            {},
          ).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(PlanInputError);
          expect((error as Error).message).toContain(`names.csv:${badLine + 2}:`);
          const counts = await requestCounts(emulator.current);
          expect((counts.byMethod.POST ?? 0) + (counts.byMethod.PATCH ?? 0)).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('through the binary: `contacts sync --apply --yes` and `configurations import --apply --yes` exit 9 (input) and send nothing', async () => {
    const apiKey = await newTenantKey(emulator.current);
    const tenant = await newTenant(emulator.current);
    const env = { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: apiKey };
    await fc.assert(
      fc.asyncProperty(
        inOrganization,
        devicesInOrganization,
        contactLayout,
        dialect,
        corruption,
        fc.boolean(),
        async (persons, list, layout, d: Dialect, how, contacts) => {
          const { bytes, line } = contacts
            ? corrupt(contactCsv(persons, layout, d).text, how, 5 + layout.extra, d)
            : corrupt(deviceCsv(list, d).text, how, 5, d);
          const path = join(tenant.dir, contacts ? 'cli-people.csv' : 'cli-devices.csv');
          writeFileSync(path, bytes);
          await resetCounts(emulator.current);
          const args = contacts
            ? ['contacts', 'sync', '--from', path, '--org', ORG, '--format', 'csv', '--apply', '--yes']
            : [
                'configurations',
                'import',
                '--from',
                path,
                '--type',
                'Managed Workstation',
                '--apply',
                '--yes',
              ];
          const result = await runCli(args, { env, home: tenant.dir });
          expect(result.code, result.stderr).toBe(9);
          const error = jsonError(result).error;
          expect(error.code).toBe('SourceInputError');
          expect(error.message).toContain(`${path}:${line}:`);
          expect((await requestCounts(emulator.current)).total).toBe(0);
        },
      ),
      { numRuns: 6 },
    );
  });
});
