export * from './types.js';
export * from './errors.js';
export * from './messages-pl.js';
export * from './client.js';
export * from './auth.js';
export * from './enrollment.js';
