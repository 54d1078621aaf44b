export * from './case.js';
export * from './deserialize.js';
export * from './errors.js';
export * from './json.js';
export * from './query.js';
export * from './serialize.js';
export type * from './types.js';
