export * from './types.js';
export * from './errors.js';
export * from './messages.js';
export * from './client.js';
export * from './auth.js';
export * from './enrollment.js';
