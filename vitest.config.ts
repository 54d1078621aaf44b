import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each suite starts its own emulator on 127.0.0.1:0, so files run in parallel safely.
    pool: 'forks',
    // Hang guards, not speed limits (bench/ measures speed): on a busy 2-core machine a heavy
    // test (a 200-organization sync, a tour of the binary) takes several times its idle time,
    // and a limit it can reach that way would fail a correct test. A hang still fails.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The JSON report feeds the "N passed, N failed" line that .ci/run prints.
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
