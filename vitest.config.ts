import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each suite starts its own emulator on 127.0.0.1:0, so files run in parallel safely.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The JSON report feeds the "N passed, N failed" line that .ci/run prints.
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
