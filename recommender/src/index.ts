export { topK } from './top-k.js';
export type { Scored } from './top-k.js';
export { csrFromTriplets, transpose, rowIndices, rowValues, valueAt, rowNorms } from './sparse.js';
export type { Csr } from './sparse.js';
export { NumpyRandom } from './numpy-random.js';
export { splitPerUser, trainSize } from './split.js';
export type { Pairs, Split, SplitOptions } from './split.js';
export { rankingMetrics, MetricsMean, METRIC_NAMES, auc } from './metrics.js';
export type { RankingMetrics } from './metrics.js';
export { evaluateTopK, pairsMatrix } from './evaluate.js';
export type { Evaluation, UserScorer } from './evaluate.js';
export { fitItemKnn, scoreItemKnn, ITEM_KNN_DEFAULTS } from './item-knn.js';
export type { ItemKnn, ItemKnnOptions, ItemSimilarity } from './item-knn.js';
export { buildCosineIndex, nearestRows, scoreUserKnn } from './cosine-index.js';
export type { CosineIndex } from './cosine-index.js';
export { itemNeighbourLists, itemKnnFromLists } from './item-knn.js';
export type { NeighbourLists } from './item-knn.js';
export { tuneItemKnn, TUNE_DEFAULTS } from './tune.js';
export type { TuneOptions, TunedItemKnn, WeightedPairs } from './tune.js';
export { buildInteractions, decay, indexIds, DEFAULT_WEIGHTS, DAY_MS } from './interactions.js';
export type {
	InteractionEvent,
	InteractionOptions,
	Interactions,
	StrengthWeights
} from './interactions.js';
export { popularityScores, rankByScore } from './popularity.js';
export { fitFrequentlyBoughtTogether, FBT_DEFAULTS } from './fbt.js';
export type { FbtOptions } from './fbt.js';
export { fitRecommender, servingIndex } from './model.js';
export type { RecommenderModel, FitOptions, ServingIndex } from './model.js';
export { recommend, similarItems } from './recommend.js';
export type {
	Recommendation,
	RecommendRequest,
	RecommendContext,
	Reason,
	Source
} from './recommend.js';
export { passesFilters, matches } from './rules.js';
export type { Product, ProductMatch, PlacementRule, RecommendRules } from './rules.js';
export { serialize, deserialize } from './snapshot.js';
export {
	churnFeatures,
	churnedAfter,
	trainChurnModel,
	predictChurn,
	classifyChurn,
	CHURN_FEATURES
} from './churn.js';
export type {
	ChurnFeatures,
	ChurnFeatureOptions,
	ChurnExample,
	ChurnModel,
	Order
} from './churn.js';
export { trainAndEvaluate } from './train.js';
export type { HoldoutMetrics, TrainingResult, TrainOptions, TrainingProgress } from './train.js';
