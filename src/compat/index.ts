/**
 * Real-IT-Glue adaptations. The seed document is the surface callers use; real IT Glue is what the
 * wire gets. Every difference between the two is handled in exactly one of these modules, and
 * tested against both emulator profiles (`test/sdk/compat.test.ts`).
 */
export * from './configurations.js';
export * from './contacts.js';
export * from './dialect.js';
export * from './documents.js';
export * from './list-plan.js';
export * from './organizations.js';
export * from './passwords.js';
