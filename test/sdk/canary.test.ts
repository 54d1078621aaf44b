/**
 * Secrets canary: a distinctive API key and password value go through creates, updates, reveals,
 * failures and retries, with debug logging on. Neither may appear in any error message, stack,
 * serialized error, log line, stderr output or `util.inspect` of a result.
 */
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/index.js';
import { clientFor, NO_FAULTS, setFaults, useEmulator } from '../helpers/emulator.js';

const CANARY_KEY = 'ITG.canary-key-7f3e9d1c5b2a4e6f8d0c';
const CANARY_PASSWORD = 'canary-pw-Zq8#Xv2!Lm9';
const CANARY_OTP = 'JBSWY3DPEHPK3PXPCANARY';
const BIG_ORG_ID = '9007199254740993';

describe('secrets canary', () => {
  const emulator = useEmulator({ seed: 'demo', apiKey: CANARY_KEY });
  const produced: string[] = [];
  const logger: Logger = {
    error: (m, f) => produced.push(m, JSON.stringify(f ?? {})),
    warn: (m, f) => produced.push(m, JSON.stringify(f ?? {})),
    info: (m, f) => produced.push(m, JSON.stringify(f ?? {})),
    debug: (m, f) => produced.push(m, JSON.stringify(f ?? {})),
  };
  const stderrWrite = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    produced.push(String(chunk));
    return (stderrWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  afterAll(() => {
    process.stderr.write = stderrWrite;
  });

  function capture(value: unknown): void {
    if (value instanceof Error) {
      produced.push(value.message, String(value.stack), JSON.stringify(value), inspect(value, { depth: 8 }));
      if (value.cause) capture(value.cause);
    } else {
      produced.push(inspect(value, { depth: 8 }), JSON.stringify(value) ?? '');
    }
  }

  it('never lets the key or a password value out', async () => {
    const withLogger = clientFor(emulator.current, { logger });
    const withStderr = clientFor(emulator.current, { logLevel: 'debug' });
    for (const client of [withLogger, withStderr]) {
      const created = await client.passwords.create({
        organizationId: BIG_ORG_ID,
        name: 'Canary',
        username: 'canary',
        password: CANARY_PASSWORD,
        otpSecret: CANARY_OTP,
      });
      capture(created);
      capture(
        await client.passwords.update(created.id, {
          password: `${CANARY_PASSWORD}-2`,
          otpSecret: CANARY_OTP,
        }),
      );
      capture(await client.passwords.list({ filter: { organizationId: BIG_ORG_ID } }));
      const revealed = await client.passwords.get(created.id, { reveal: true });
      expect(revealed.password).toBe(`${CANARY_PASSWORD}-2`);
      // Inspecting a revealed record still masks the value; only reading the property (or
      // serializing the record on purpose) reveals it.
      produced.push(inspect(revealed, { depth: 8 }), String(revealed));

      await setFaults(emulator.current, { lostResponseRate: 1 });
      capture(
        await client.passwords
          .create({ organizationId: BIG_ORG_ID, name: 'Lost', password: CANARY_PASSWORD })
          .catch((e) => e),
      );
      await setFaults(emulator.current, { errorRate: 1 });
      capture(
        await client.passwords
          .update(created.id, { password: CANARY_PASSWORD }, { maxRetries: 1 })
          .catch((e) => e),
      );
      capture(
        await client.passwords
          .create({ organizationId: BIG_ORG_ID, name: 'Err', password: CANARY_PASSWORD })
          .catch((e) => e),
      );
      await setFaults(emulator.current, { ...NO_FAULTS, rateLimitBurst: 1, burstRetryAfterSeconds: 0.01 });
      capture(await client.passwords.get(created.id, { reveal: false }));
      await setFaults(emulator.current, NO_FAULTS);
      capture(
        await client.passwords
          .create({ organizationId: '1', name: 'Bad org', password: CANARY_PASSWORD })
          .catch((e) => e),
      );
      capture(
        await client.passwords.create({ organizationId: BIG_ORG_ID, name: 'No value' }).catch((e) => e),
      );
      capture(
        await clientFor(emulator.current, { apiKey: `${CANARY_KEY}-wrong`, logger })
          .organizations.list()
          .catch((e) => e),
      );
      capture(client);
    }
    expect(produced.length).toBeGreaterThan(20);
    const everything = produced.join('\n');
    expect(everything).toContain('gluekit debug'); // the stderr logger really ran
    expect(everything).not.toContain(CANARY_KEY);
    expect(everything).not.toContain(CANARY_PASSWORD);
    expect(everything).not.toContain(CANARY_OTP);
  });
});
