export * from './core/index.js';
export { VERSION } from './version.js';
