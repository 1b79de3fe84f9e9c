export { bucketRanges, chooseVariant, fnv1a, hash, inRange } from './hash.js';
export type { BucketRange, HashVersion } from './hash.js';
export { assignVariant } from './experiment.js';
export type { ExperimentConfig } from './experiment.js';
export type { Offer } from './offer.js';
