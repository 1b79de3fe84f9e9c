export { bucketRanges, chooseVariant, fnv1a, hash, inRange } from './hash.js';
export type { BucketRange, HashVersion } from './hash.js';
