/** The configurations workflow: its pure planner, its plan driver and its writer. */
export * from './executor.js';
export * from './planner.js';
export * from './spec.js';
export * from './workflow.js';
