/** The documents (onboarding) workflow: templates, the plan driver and its writer. */
export * from './markdown.js';
export * from './spec.js';
export * from './template.js';
export * from './workflow.js';
