/**
 * gluekit/emulator: a local IT Glue for demos and tests. It speaks real IT Glue's wire format
 * (profile `real`, the default) or takes the seed document literally (profile `seed`), keeps one
 * in-memory store per API key, and injects faults on request.
 *
 * ```ts
 * const emulator = await startEmulator({ seed: 'demo' });
 * const client = new GlueKit({ apiKey: emulator.apiKey, baseUrl: emulator.url });
 * await emulator.stop();
 * ```
 */
export { createEmulatorApp, type EmulatorApp } from './app.js';
export type { EmulatorControl, RawRecord } from './control.js';
export type { EmulatorOptions, Profile, SeedName } from './options.js';
export { BIG_ORGANIZATION_ID } from './seed/index.js';
export { type RunningEmulator, startEmulator } from './server.js';
export type { FaultConfig } from './traffic/faults.js';
export type { RateLimit } from './traffic/rate-limit.js';
export type { RequestCounts, WriteLogEntry } from './traffic/request-log.js';
