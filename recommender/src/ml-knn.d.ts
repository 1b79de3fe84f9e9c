// ml-knn 3.0.0 ships no types. Only what the churn model uses is declared.
declare module 'ml-knn' {
	export interface KnnOptions {
		k?: number;
	}
	export default class KNN {
		constructor(dataset: number[][], labels: number[], options?: KnnOptions);
		/** The majority label of the k nearest training points (Euclidean). */
		predict(dataset: number[]): number;
		predict(dataset: number[][]): number[];
		toJSON(): unknown;
		static load(model: unknown): KNN;
	}
}
