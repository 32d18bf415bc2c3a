#!/usr/bin/env node
'use strict';
// Where the time goes in CPU profiles of `npm run bench -- --profile dir`: per function, its own
// time (self) and its time with everything it called (total, a function counted once per sample
// even when it recurses), over every .cpuprofile in dir (or one file).
// Run: node bench/profile.js <dir|file> [--top n] [--match text]
//   --top n       rows per table (default 40)
//   --match text  only functions whose name or file contains text (e.g. routing-node, leeloo)
const fs = require('fs');
const path = require('path');

function parseArgs(argv) {
	const options = { top: 40, match: undefined, target: undefined };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--top') options.top = Number(argv[++i]);
		else if (argv[i] === '--match') options.match = argv[++i];
		else options.target = argv[i];
	}
	if (!options.target) throw new Error('usage: node bench/profile.js <dir|file.cpuprofile> [--top n] [--match text]');
	return options;
}

function files(target) {
	if (fs.statSync(target).isFile()) return [target];
	return fs
		.readdirSync(target, { recursive: true })
		.filter((f) => String(f).endsWith('.cpuprofile'))
		.map((f) => path.join(target, String(f)));
}

/** A function's name and where it is: its package (or file) and line. */
function keyOf({ functionName, url, lineNumber }) {
	const where = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '');
	return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
}

function summarize(file) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
	const self = new Map();
	const total = new Map();
	let all = 0;
	profile.samples.forEach((id, i) => {
		const ms = (profile.timeDeltas[i] ?? 0) / 1000;
		all += ms;
		const leaf = keyOf(byId.get(id).callFrame);
		self.set(leaf, (self.get(leaf) ?? 0) + ms);
		const seen = new Set();
		for (let at = id; at !== undefined; at = parent.get(at)) {
			const key = keyOf(byId.get(at).callFrame);
			if (seen.has(key)) continue;
			seen.add(key);
			total.set(key, (total.get(key) ?? 0) + ms);
		}
	});
	return { all, self, total };
}

function table(title, map, { top, match }, all) {
	const rows = [...map].filter(([key]) => !match || key.includes(match)).sort((a, b) => b[1] - a[1]).slice(0, top);
	console.log(`\n${title}\n${'ms'.padStart(9)}  ${'%'.padStart(5)}  function`);
	for (const [key, ms] of rows) console.log(`${ms.toFixed(0).padStart(9)}  ${((100 * ms) / all).toFixed(1).padStart(5)}  ${key}`);
}

const options = parseArgs(process.argv.slice(2));
for (const file of files(options.target)) {
	const { all, self, total } = summarize(file);
	console.log(`\n=== ${path.relative(process.cwd(), file)}: ${(all / 1000).toFixed(1)} s sampled`);
	table('Self time', self, options, all);
	table('Total time (with callees)', total, options, all);
}
