export * from './common.js';
export * from './identity.js';
export * from './villages.js';
export * from './organizations.js';
export * from './pairings.js';
export * from './activities.js';
export * from './audit.js';
