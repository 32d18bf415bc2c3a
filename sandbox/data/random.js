'use strict';
// Seeded randomness and ids. Same seed → same sequence → same data, ids included.

// Local bindings: in a vm context (jest) every global lookup is slow, and these run millions of times.
const { imul, floor } = Math;

/** mulberry32: tiny and fast; plenty for fake data. */
function createRandom(seed) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = imul(t ^ (t >>> 15), t | 1);
		t ^= t + imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + floor(next() * (max - min + 1)),
		pick: (list) => list[floor(next() * list.length)],
		chance: (probability) => next() < probability,
	};
}

/** A seed for sub-stream `n` of `seed` (messages of one channel are generated on first use). */
function mixSeed(seed, n) {
	let h = imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ imul(n >>> 0, 0xc2b2ae35);
	h ^= h >>> 16;
	h = imul(h, 0x7feb352d);
	h ^= h >>> 15;
	return h >>> 0;
}

/**
 * Mongo-style ObjectIds: 8 hex of seconds (the record's createdAt), 10 hex "machine" drawn from
 * the seed, 6 hex counter. The counter makes every id unique; callers may reserve a block of
 * counters up front so records generated later (lazily) still get fixed ids.
 */
function createIdFactory(random) {
	const machine = floor(random.next() * 2 ** 40)
		.toString(16)
		.padStart(10, '0');
	let counter = 0;
	return {
		make: (ms, count) =>
			(0x100000000 + (floor(ms / 1000) % 0x100000000)).toString(16).slice(1) +
			machine +
			(0x1000000 + (count & 0xffffff)).toString(16).slice(1),
		/** Takes the next `n` counters; returns the first. */
		reserve(n = 1) {
			const base = counter;
			counter += n;
			return base;
		},
	};
}

const ID_PATTERN = /^[0-9a-f]{24}$/i;
const isId = (value) => typeof value === 'string' && ID_PATTERN.test(value);

module.exports = { createRandom, mixSeed, createIdFactory, isId };
