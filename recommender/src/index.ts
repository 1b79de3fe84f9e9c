export { topK } from './top-k.js';
export type { Scored } from './top-k.js';
