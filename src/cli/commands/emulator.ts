/** `gluekit emulator`: serve a local IT Glue until Ctrl-C. */
import { closeSync, openSync } from 'node:fs';
import { isLoopbackHost } from '../../core/config.js';
import { startEmulator } from '../../emulator/index.js';
import { UsageError } from '../usage-error.js';

export interface EmulatorCommandOptions {
  port: string;
  host: string;
  profile: string;
  seed: string;
  apiKey?: string;
  latency: string;
  jitter: string;
  failRate: string;
  resetRate: string;
  lostResponseRate: string;
  rateLimit: string;
  env?: boolean;
}

function number(name: string, raw: string, { min = 0, max = Number.POSITIVE_INFINITY } = {}): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** `3000/300` → 3000 requests per 300 seconds; `off` → no limit. */
export function parseRateLimit(raw: string): { limit: number; windowSeconds: number } | false {
  if (raw === 'off') return false;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw);
  if (!match)
    throw new UsageError(
      `--rate-limit must look like 3000/300 (requests/seconds) or "off", got ${JSON.stringify(raw)}`,
    );
  return { limit: Number(match[1]), windowSeconds: Number(match[2]) };
}

/**
 * Closes stdout for good. Node cannot end process.stdout, so fd 1 is closed and at once reopened
 * on the null device: the shell's `$(...)` sees end-of-file, and nothing opened later can land
 * on fd 1 and receive stray output.
 */
function detachStdout(): void {
  process.stdout.on('error', () => {});
  closeSync(1);
  openSync(process.platform === 'win32' ? 'NUL' : '/dev/null', 'w');
}

export async function runEmulatorCommand(options: EmulatorCommandOptions): Promise<void> {
  if (options.profile !== 'real' && options.profile !== 'seed') {
    throw new UsageError(`--profile must be "real" or "seed", got ${JSON.stringify(options.profile)}`);
  }
  if (!/^(demo|empty|scale:\d+)$/.test(options.seed)) {
    throw new UsageError(`--seed must be demo, empty or scale:N, got ${JSON.stringify(options.seed)}`);
  }
  const emulator = await startEmulator({
    port: number('port', options.port, { max: 65535 }),
    host: options.host,
    profile: options.profile,
    seed: options.seed as 'demo',
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    rateLimit: parseRateLimit(options.rateLimit),
    faults: {
      latencyMs: number('latency', options.latency),
      jitterMs: number('jitter', options.jitter),
      errorRate: number('fail-rate', options.failRate, { max: 1 }),
      resetRate: number('reset-rate', options.resetRate, { max: 1 }),
      lostResponseRate: number('lost-response-rate', options.lostResponseRate, { max: 1 }),
    },
  });
  if (!isLoopbackHost(options.host.replace(/^\[|\]$/g, ''))) {
    process.stderr.write(
      [
        `gluekit emulator: WARNING: listening on ${options.host}, not loopback. Anyone who can reach this address can`,
        '  use the API key printed here, read the fake password values through /__emulator/, and reset or fault',
        '  the emulator; and with no loopback to insist on, the Host header is not checked (DNS rebinding).',
        '  Bind 127.0.0.1 unless another machine (a container) must reach it.',
        '',
      ].join('\n'),
    );
  }
  const stop = () => {
    void emulator.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  if (options.env) {
    // Exactly two lines, then stdout is closed so `eval "$(gluekit emulator --env &)"` returns
    // while the emulator keeps serving. It runs on in the background, so stderr says how to end it.
    process.stderr.write(
      `gluekit emulator: serving ${emulator.url} as process ${process.pid}; stop it with: kill ${process.pid}\n`,
    );
    process.stdout.write(
      `export ITGLUE_BASE_URL=${emulator.url}\nexport ITGLUE_API_KEY=${emulator.apiKey}\n`,
      detachStdout,
    );
    return;
  }
  process.stdout.write(
    [
      `IT Glue emulator (profile ${options.profile}, seed ${options.seed}) listening on ${emulator.url}`,
      `API key: ${emulator.apiKey}`,
      '',
      'Point gluekit at it:',
      `  export ITGLUE_BASE_URL=${emulator.url}`,
      `  export ITGLUE_API_KEY=${emulator.apiKey}`,
      '',
      `Control routes: ${emulator.url}/__emulator/requests (request counts), /__emulator/faults, /__emulator/reset`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}
