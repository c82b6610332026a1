export * from './codes.js';
export * from './identifiers.js';
export * from './rules.js';
export * from './dates.js';
export * from './entities.js';
export * from './status.js';
export * from './rights.js';
export * from './terminal-text.js';
