// `npm run recs:eval -- --data <file> --format ml100k|online-retail|csv [--split random|temporal]
// [--seed 42] [--k 10]`: the offline evaluation of every model under the protocol of
// shared/bench/recsys_ref.py, printed as the same table. `--churn --data <online-retail file>`
// evaluates the churn classifier instead.
import { parseArgs } from 'node:util';
import {
	buildCosineIndex,
	evaluateTopK,
	fitItemKnn,
	pairsMatrix,
	scoreItemKnn,
	scoreUserKnn,
	splitPerUser,
	ITEM_KNN_DEFAULTS,
	tuneItemKnn,
	type Csr,
	type Evaluation,
	type UserScorer
} from '../src/index.js';
import { runChurn } from './churn-eval.js';
import { collapse, readInteractions, type DataFormat } from './datasets.js';

const { values: args } = parseArgs({
	options: {
		data: { type: 'string' },
		format: { type: 'string', default: 'ml100k' },
		split: { type: 'string', default: 'random' },
		seed: { type: 'string', default: '42' },
		k: { type: 'string', default: '10' },
		knn: { type: 'string' },
		models: { type: 'string', default: 'pop,itemknn,userknn,rp3beta,tuned' },
		'test-frac': { type: 'string', default: '0.2' },
		'min-rating': { type: 'string' },
		sep: { type: 'string', default: ',' },
		'user-col': { type: 'string', default: 'user' },
		'item-col': { type: 'string', default: 'item' },
		'rating-col': { type: 'string' },
		'time-col': { type: 'string' },
		shrinkage: { type: 'string' },
		alpha: { type: 'string' },
		beta: { type: 'string' },
		churn: { type: 'boolean', default: false },
		'churn-window': { type: 'string', default: '90' },
		'churn-k': { type: 'string' },
		help: { type: 'boolean', default: false }
	}
});

if (args.help || !args.data) {
	console.log(
		'usage: npm run recs:eval -- --data <file> --format ml100k|online-retail|csv ' +
			'[--split random|temporal] [--seed 42] [--k 10] [--knn 50] [--models a,b]\n' +
			'       npm run recs:eval -- --churn --data <online-retail.csv.gz> [--churn-window 90]'
	);
	process.exit(args.help ? 0 : 1);
}

if (args.churn) {
	const window = Number(args['churn-window']);
	runChurn(args.data, window, args['churn-k'] === undefined ? undefined : Number(args['churn-k']));
	process.exit(0);
}

const format = args.format as DataFormat;
if (!['ml100k', 'online-retail', 'csv'].includes(format))
	throw new Error(`unknown --format ${format}`);
const split = args.split === 'temporal' ? 'temporal' : 'random';
const seed = Number(args.seed);
const k = Number(args.k);
const knn = num(args.knn, 50);
const notes: string[] = [];
const testFraction = Number(args['test-frac']);

const t0 = performance.now();
const raw = readInteractions(args.data, format, {
	separator: args.sep,
	user: args['user-col'],
	item: args['item-col'],
	rating: args['rating-col'],
	time: args['time-col']
});
const minRating = args['min-rating'] === undefined ? undefined : Number(args['min-rating']);
const data = collapse(raw, minRating);
const nUsers = data.userIds.length;
const nItems = data.itemIds.length;
const pairs = data.pairs.users.length;
console.log(
	`# data=${args.data} format=${format} raw_rows=${data.rawRows} unique_pairs=${pairs} ` +
		`users=${nUsers} items=${nItems} density=${((100 * pairs) / (nUsers * nItems)).toFixed(4)}% ` +
		`load_s=${((performance.now() - t0) / 1000).toFixed(2)}`
);
console.log(
	`# protocol: per-user ${split} split test_frac=${testFraction}, all items ranked, seen(train) ` +
		`items removed, K=${k}, knn=${knn}; split draws = numpy default_rng(${seed}).random ` +
		`(PCG64, reproduced bit for bit), so train/test are identical to recsys_ref.py's`
);

const { train, test } = splitPerUser(data.pairs, { kind: split, testFraction, seed });
const X = pairsMatrix(train, nUsers, nItems);
const T = pairsMatrix(test, nUsers, nItems);

/** Each model: fit on X, return a scorer for a training row. */
const models: Record<string, (x: Csr) => UserScorer> = {
	pop: (x) => {
		const popularity = new Float64Array(nItems);
		for (const i of x.indices) popularity[i] = (popularity[i] as number) + 1;
		return (_u, scores) => scores.set(popularity);
	},
	// The reference's item-kNN: plain cosine, k = 50, no damping.
	itemknn: (x) => itemScorer(x, fitItemKnn(x, { k: knn, similarity: 'cosine', beta: 0 })),
	userknn: (x) => {
		const index = buildCosineIndex(x);
		return (u, scores) => {
			const s = x.indptr[u] as number;
			const e = x.indptr[u + 1] as number;
			scoreUserKnn(index, x.indices.subarray(s, e), x.values.subarray(s, e), knn, scores, u);
		};
	},
	rp3beta: (x) =>
		itemScorer(
			x,
			fitItemKnn(x, {
				k: num(args.knn, ITEM_KNN_DEFAULTS.k),
				similarity: 'rp3beta',
				alpha: num(args.alpha, ITEM_KNN_DEFAULTS.alpha),
				beta: num(args.beta, ITEM_KNN_DEFAULTS.beta)
			})
		),
	// The production default: k, alpha and beta chosen on a validation part of the training
	// pairs (never the test part), with the same kind of hold-out as the split being evaluated.
	tuned: (x) => {
		const tuned = tuneItemKnn(train, {
			users: nUsers,
			items: nItems,
			validation: split,
			seed: seed + 1
		});
		notes.push(
			`tuned: ${tuned.best.similarity} k=${tuned.best.k} alpha=${tuned.best.alpha} beta=${tuned.best.beta} ` +
				`(validation nDCG@10 ${tuned.trials[0]?.ndcg.toFixed(4)}, ${tuned.trials.length} candidates)`
		);
		return itemScorer(x, tuned.model);
	}
};

function num(value: string | undefined, fallback: number): number {
	return value === undefined ? fallback : Number(value);
}

function itemScorer(x: Csr, model: ReturnType<typeof fitItemKnn>): UserScorer {
	return (u, scores) => {
		const s = x.indptr[u] as number;
		const e = x.indptr[u + 1] as number;
		scoreItemKnn(model, x.indices.subarray(s, e), x.values.subarray(s, e), scores);
	};
}

const names = args.models.split(',').filter(Boolean);
const rows: [string, Evaluation, number][] = [];
for (const name of names) {
	const make = models[name];
	if (!make) throw new Error(`unknown model ${name}; known: ${Object.keys(models).join(', ')}`);
	const fitStart = performance.now();
	const scorer = make(X);
	const fitSeconds = (performance.now() - fitStart) / 1000;
	rows.push([name, evaluateTopK(scorer, X, T, k, () => performance.now()), fitSeconds]);
}

const firstEval = rows[0]?.[1];
console.log(
	`# seed=${seed}  train_pairs=${train.users.length} test_pairs=${test.users.length} ` +
		`users_evaluated=${firstEval?.usersEvaluated ?? 0}`
);
const metricCols = ['precision', 'recall', 'ndcg', 'map', 'map_ms', 'hr'].map((m) => `${m}@${k}`);
const header = [...metricCols, 'coverage', 'fit_s', 'recommend_ms_per_user'];
console.log(`| model | ${header.join(' | ')} |`);
console.log(`|${'---|'.repeat(header.length + 1)}`);
for (const [name, e, fitSeconds] of rows) {
	const cells = [e.precision, e.recall, e.ndcg, e.map, e.mapMs, e.hr, e.coverage].map((v) =>
		v.toFixed(4)
	);
	cells.push(fitSeconds.toFixed(3), e.msPerUser.toFixed(3));
	console.log(`| ${name} | ${cells.join(' | ')} |`);
}
for (const note of notes) console.log(`# ${note}`);
