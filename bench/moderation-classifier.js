#!/usr/bin/env node
/**
 * Would a small statistical classifier help the offline rules generalise? (docs/trust-and-safety.md,
 * "A statistical classifier, measured and not adopted".)
 *
 *   npm run build -w @reelforge/renderer
 *   node bench/moderation-classifier.js                  # blind, blind2, blind3
 *   node bench/moderation-classifier.js --split=blind3
 *
 * A logistic regression (L2, full-batch gradient descent, fixed epochs: deterministic) is trained on
 * the tuned, holdout, external and fresh splits — never on a blind split — over three kinds of
 * features: the rules' word classes found in the text (in the languages it is written in), pairs of
 * classes within ten words in one sentence, and the stemmed words. On each blind split it prints the
 * classifier's AUC alone, and recall and false positives of the rules alone, of the classifier alone
 * and of "rules or classifier" at several thresholds.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { newStemmer } = require('snowball-stemmers');

const MODERATION = path.join(__dirname, '..', 'renderer', 'dist', 'trust', 'moderation');
const { LANGUAGE_PACKS } = require(path.join(MODERATION, 'lexicons'));
const { wordNetClasses } = require(path.join(MODERATION, 'lexicons', 'wordnetClasses'));
const { compileEntry, EntryIndex } = require(path.join(MODERATION, 'matcher'));
const { normalisedReadings, SENTENCE_END } = require(path.join(MODERATION, 'normalize'));
const { createModerator } = require(path.join(MODERATION, 'moderator'));

const TRAIN = ['tuned', 'holdout', 'external', 'fresh'];
const only = process.argv.find((a) => a.startsWith('--split='))?.split('=')[1];
const TEST = only ? [only] : ['blind', 'blind2', 'blind3'];
const EPOCHS = 300;
const LEARNING_RATE = 0.5;
const L2 = 0.01;

const readSplit = (split) =>
	fs
		.readFileSync(path.join(__dirname, 'moderation', `${split}.jsonl`), 'utf8')
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => JSON.parse(line));

const languages = LANGUAGE_PACKS.map((pack) => {
	const stemmer = newStemmer(pack.stemmer);
	const stem = (w) => stemmer.stem(w);
	const concepts = { ...pack.concepts };
	if (pack.language === 'en')
		for (const [concept, words] of Object.entries(wordNetClasses()))
			concepts[concept] = [...(concepts[concept] ?? []), ...words];
	const entries = Object.entries(concepts).flatMap(([concept, list]) =>
		list.map((term) => compileEntry(term, concept)).filter(Boolean),
	);
	return {
		stem,
		stopwords: new Set(pack.stopwords),
		concepts: new EntryIndex(entries, stem),
		safe: new EntryIndex(pack.safePhrases.map((p) => compileEntry(p, true)).filter(Boolean), stem),
	};
});

function features(text) {
	const found = new Set();
	const reading = normalisedReadings(text)[0];
	const counts = languages.map((l) => reading.filter((w) => l.stopwords.has(w)).length);
	const best = Math.max(...counts);
	const written = languages.filter((_, i) => best === 0 || counts[i] >= Math.max(1, best / 2));
	const sentenceOf = [];
	let sentence = 0;
	for (const word of reading) {
		if (word === SENTENCE_END) sentence++;
		sentenceOf.push(sentence);
	}
	for (const language of written) {
		const masked = new Set();
		for (const hit of language.safe.find(reading))
			for (let i = hit.start; i < hit.end; i++) masked.add(i);
		const hits = language.concepts.find(reading, masked);
		for (const hit of hits) found.add(`c:${hit.entry.value}`);
		for (const a of hits)
			for (const b of hits)
				if (
					a.entry.value < b.entry.value &&
					sentenceOf[a.start] === sentenceOf[b.start] &&
					Math.abs(a.start - b.start) <= 10
				)
					found.add(`p:${a.entry.value}+${b.entry.value}`);
		for (const word of reading)
			if (word !== SENTENCE_END && word.length >= 3 && !language.stopwords.has(word))
				found.add(`s:${word.length >= 4 ? language.stem(word) : word}`);
	}
	return [...found];
}

function train(rows) {
	const examples = rows.map((r) => ({ x: features(r.text), y: r.label === 'benign' ? 0 : 1 }));
	const documentFrequency = new Map();
	for (const { x } of examples)
		for (const f of x) documentFrequency.set(f, (documentFrequency.get(f) ?? 0) + 1);
	const vocabulary = [...documentFrequency.keys()]
		.filter((f) => documentFrequency.get(f) >= 2)
		.sort();
	const index = new Map(vocabulary.map((f, i) => [f, i]));
	const encode = (x) => x.map((f) => index.get(f)).filter((i) => i !== undefined);
	const encoded = examples.map(({ x, y }) => ({ x: encode(x), y }));
	const weights = new Float64Array(vocabulary.length);
	let bias = 0;
	for (let epoch = 0; epoch < EPOCHS; epoch++) {
		const gradient = new Float64Array(vocabulary.length);
		let gradientBias = 0;
		for (const { x, y } of encoded) {
			let z = bias;
			for (const i of x) z += weights[i];
			const error = 1 / (1 + Math.exp(-z)) - y;
			for (const i of x) gradient[i] += error;
			gradientBias += error;
		}
		for (let i = 0; i < weights.length; i++)
			weights[i] -= LEARNING_RATE * (gradient[i] / encoded.length + L2 * weights[i]);
		bias -= (LEARNING_RATE * gradientBias) / encoded.length;
	}
	return (text) => {
		let z = bias;
		for (const i of encode(features(text))) z += weights[i];
		return 1 / (1 + Math.exp(-z));
	};
}

async function main() {
	const probability = train(TRAIN.flatMap(readSplit));
	const moderator = createModerator({ openai: false, guard: false });
	for (const split of TEST) {
		const rows = readSplit(split);
		for (const row of rows) {
			row.p = probability(row.text);
			row.rules = (await moderator.moderateText(row.text)).action === 'block';
		}
		const harmful = rows.filter((r) => r.label !== 'benign');
		const benign = rows.filter((r) => r.label === 'benign');
		let auc = 0;
		for (const h of harmful) for (const b of benign) auc += h.p > b.p ? 1 : h.p === b.p ? 0.5 : 0;
		auc /= harmful.length * benign.length;
		const line = (name, blocked) =>
			`${name} recall ${(harmful.filter(blocked).length / harmful.length).toFixed(3)} false positives ${benign.filter(blocked).length}/${benign.length}`;
		console.log(`\n${split}: classifier AUC ${auc.toFixed(3)}; ${line('rules', (r) => r.rules)}`);
		for (const t of [0.5, 0.6, 0.7, 0.8, 0.9])
			console.log(
				`  p > ${t}: ${line('classifier', (r) => r.p > t)} | ${line('rules or classifier', (r) => r.rules || r.p > t)}`,
			);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
