/**
 * The experiment statistics: pure, isomorphic and dependency-free, shared by the studio's
 * server (results, dashboard) and its pages (the planning calculator).
 */
export type { CompareOptions, Comparison, Interval, MeanData, ProportionData } from './types';
export { DEFAULT_ALPHA } from './types';
export {
	compareMeans,
	compareProportions,
	relativeLift,
	welchDegreesOfFreedom,
	welchTTest
} from './frequentist';
export { alwaysValid, type AlwaysValid } from './sequential';
export { bayesMeans, bayesProportions, type BayesResult } from './bayesian';
export { sampleRatioMismatch, SRM_THRESHOLD, type SampleRatioResult } from './srm';
export { DEFAULT_POWER, daysToReach, minimumDetectableEffect, sampleSizePerVariant } from './power';
export { cupedAdjust, type CupedData, type CupedResult } from './cuped';
export { meanData } from './sample';
export {
	betaCdf,
	betaPdf,
	betaSf,
	chiSquareCdf,
	chiSquareSf,
	normalCdf,
	normalPdf,
	normalQuantile,
	normalSf,
	studentTCdf,
	studentTPdf,
	studentTQuantile,
	studentTSf
} from './distributions';
export { logBeta, logGamma } from './special';
