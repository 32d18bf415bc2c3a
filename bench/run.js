#!/usr/bin/env node
'use strict';
// npm run bench [-- --line 1|2] [--repeat n] [--check] [--write] [--only keys] [--impl names] [--profile dir]
//
// In the real n8n 1.x and 2.x (the cached installs of npm run test:e2e), side by side against the
// sandbox on 127.0.0.1: the Leeloo node, n8n's HTTP Request node doing the same requests and a raw
// keep-alive Node loop, for Message → Send and Person → Get Many, Return All over 10,000 people
// (Simplify on and off), in two set-ups of one execution (see SETUPS); then the Leeloo Webhook
// Trigger's latency (bench/webhook-latency.js). Prints per n8n line a table of figures and ratios
// and the targets, met or not.
//   --repeat n     runs every case n times (1–5, default 2): the fastest time, the worst counters
//   --check        exit 1 when a target is not met (otherwise only a failed measurement exits non-zero)
//   --write        also puts the tables into docs/benchmarks.md (between its bench:results markers)
//   --only keys    only these cases (comma-separated keys of CASES, e.g. to profile one; `bulk` = all
//                  of them; `webhook` = the webhook latency case of bench/webhook-latency.js)
//   --impl names   only these implementations (leeloo, http, raw), e.g. to profile one
//   --profile dir  CPU profiles (.cpuprofile) of the n8n process that runs the workflow, into dir
// Time counted: the node's own executionTime in n8n's run data (of the execution `n8n execute`
// saved), so neither n8n's boot nor the nodes that build the input items count.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureN8n, REPO } = require('../scripts/n8n-harness/n8n-install');
const { N8n, buildAndPack, installPackage, freePort } = require('../scripts/n8n-harness/n8n-runtime');
const { log, run } = require('../scripts/n8n-harness/proc');
const { startSandbox } = require('../sandbox/server');
const { WORKFLOW_ID, HEADER_CREDENTIAL, PAGE, benchWorkflow, sendItems } = require('./workflow');
const { report, targets } = require('./report');
const { webhookLatency } = require('./webhook-latency');

// --only keys that name a whole section rather than one case.
const SECTIONS = ['bulk', 'webhook'];

const DEADLINE_MS = 25 * 60 * 1000;
const EXECUTE_TIMEOUT_MS = 6 * 60 * 1000;
const RAW_CONCURRENCY = 10;
const DOC = path.join(REPO, 'docs', 'benchmarks.md');
// Two set-ups in one execution. Set-up 1: a send's items go in pairs to 100 channels, and the sends
// run before any big read. Set-up 2: a 10,000-person Return All has run earlier in the same
// execution (its records are in the run data), and a send's items are spread over 50 channels,
// 20 each (item i to channel i mod 50).
const SETUPS = {
	1: 'Set-up 1: sends first, pairs of items over 100 channels',
	2: 'Set-up 2: after a 10,000-person Return All, items over 50 channels (20 each)',
};
const CASES = [
	{ key: 'send1000', setup: 1, kind: 'send', spread: 'pairs', count: 1000, latencyMs: 0, people: 200, label: 'Message → Send, 1,000 items, no added latency' },
	{ key: 'send200', setup: 1, kind: 'send', spread: 'pairs', count: 200, latencyMs: 50, people: 200, label: 'Message → Send, 200 items, 50 ms server latency' },
	{ key: 'getAll', setup: 1, kind: 'list', count: 10000, latencyMs: 0, people: 10000, label: 'Person → Get Many, Return All, 10,000 people' },
	{ key: 'getAll50', setup: 1, kind: 'list', count: 10000, latencyMs: 50, people: 10000, label: 'Person → Get Many, Return All, 10,000 people, 50 ms server latency' },
	{ key: 'getAllRaw', setup: 1, kind: 'list', simplify: false, count: 10000, latencyMs: 0, people: 10000, label: 'Person → Get Many, Return All, 10,000 people, Simplify off' },
	{ key: 'late.send1000', setup: 2, kind: 'send', spread: 'fifty', count: 1000, latencyMs: 0, people: 200, label: 'Message → Send, 1,000 items over 50 channels, after a big Return All' },
	{ key: 'late.getAllRaw', setup: 2, kind: 'list', simplify: false, count: 10000, latencyMs: 0, people: 10000, label: 'Person → Get Many, Return All, 10,000 people, Simplify off, after a big Return All' },
];
// Set-up 2's earlier Return All (not timed, not reported): the Leeloo node, Simplify off.
const EARLIER_READ = { key: 'setup2.earlierRead', setup: 2, kind: 'list', simplify: false, count: 10000, latencyMs: 0, people: 10000, earlier: true };
const IMPLS = { leeloo: 'Leeloo node', http: 'HTTP Request node', raw: 'raw keep-alive loop' };

function parseArgs(argv) {
	const options = { lines: [1, 2], repeat: 2, check: false, write: false, only: undefined, impls: undefined, profile: undefined };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--check') options.check = true;
		else if (arg === '--write') options.write = true;
		else if (arg === '--line') options.lines = [Number(argv[++i])];
		else if (arg === '--repeat') options.repeat = Number(argv[++i]);
		else if (arg === '--only') options.only = String(argv[++i]).split(',');
		else if (arg === '--impl') options.impls = String(argv[++i]).split(',');
		else if (arg === '--profile') options.profile = path.resolve(String(argv[++i]));
		else if (arg === '--help' || arg === '-h') options.help = true;
		else throw new Error(`unknown option ${arg} (known: --line 1|2, --repeat n, --check, --write, --only keys, --impl names, --profile dir)`);
	}
	const unknown = (options.only ?? []).filter((key) => !SECTIONS.includes(key) && !CASES.some((c) => c.key === key));
	if (unknown.length) throw new Error(`--only: no case ${unknown.join(', ')} (cases: ${[...SECTIONS, ...CASES.map((c) => c.key)].join(', ')})`);
	if ((options.impls ?? []).some((impl) => !IMPLS[impl])) throw new Error(`--impl takes ${Object.keys(IMPLS).join(', ')}`);
	const section = !options.only || (options.only.length === 1 && SECTIONS.includes(options.only[0]));
	if (options.write && (!section || options.impls || options.profile)) throw new Error('--write takes whole sections: no --only but bulk or webhook, no --impl or --profile');
	if (!options.lines.every((l) => l === 1 || l === 2)) throw new Error('--line takes 1 or 2');
	if (!Number.isInteger(options.repeat) || options.repeat < 1 || options.repeat > 5) throw new Error('--repeat takes 1 to 5');
	return options;
}

function leelooNodeVersion() {
	const { Leeloo } = require(path.join(REPO, 'dist', 'nodes', 'Leeloo', 'Leeloo.node.js'));
	const { version } = new Leeloo().description;
	return Math.max(...[].concat(version));
}

/**
 * One sandbox per case, implementation and round, so that its counters belong to that run alone.
 * The order is the order of execution: per set-up, the sends of every round, then the lists, so
 * that set-up 1's sends never follow a big read, and set-up 2's earlier Return All comes first.
 */
async function startSandboxes(opened, { repeat, only, impls = Object.keys(IMPLS) }) {
	const runs = [];
	const add = async (c, impl, round) => {
		const box = await startSandbox({ people: c.people, seed: 1, latencyMs: c.latencyMs });
		opened.push(box);
		const channels = box.store.channels.map((ch) => ch.id);
		runs.push({
			...c,
			impl,
			round,
			box,
			baseUrl: box.baseUrl,
			name: `${c.earlier ? 'Earlier read' : IMPLS[impl]}: ${c.key}${repeat > 1 ? ` #${round}` : ''}`,
			credentialId: `benchLeeloo${runs.length}`,
			items: c.kind === 'send' ? sendItems(channels, c.count, c.spread) : undefined,
		});
	};
	const chosen = CASES.filter((c) => !only || only.includes(c.key));
	for (const setup of Object.keys(SETUPS).map(Number)) {
		const own = chosen.filter((c) => c.setup === setup);
		if (!own.length) continue;
		if (setup === EARLIER_READ.setup) await add(EARLIER_READ, 'leeloo', 1);
		for (const kind of ['send', 'list']) {
			for (let round = 1; round <= repeat; round++) {
				for (const c of own.filter((x) => x.kind === kind)) for (const impl of impls) await add(c, impl, round);
			}
		}
	}
	return runs;
}

/** What the sandbox saw: requests, the most at once, and for sends whether each item arrived once and in channel order. */
function serverSide(r) {
	const first = r.box.requests[0];
	const seen = { requests: r.box.stats.requests, maxInFlight: r.box.stats.maxInFlight, firstAt: first ? Date.parse(first.at) : undefined };
	if (r.kind !== 'send') return seen;
	const index = new Map(r.items.map((item, i) => [item.text, i]));
	const texts = r.box.sends.map((s) => s.text);
	seen.sentOnce = texts.length === r.items.length && new Set(texts).size === texts.length && texts.every((t) => index.has(t));
	const highest = new Map();
	let outOfOrder = 0;
	for (const { accountId, text } of r.box.sends) {
		const i = index.get(text);
		if (i < (highest.get(accountId) ?? -1)) outOfOrder += 1;
		else highest.set(accountId, i);
	}
	seen.outOfOrder = outOfOrder;
	return seen;
}

function fromExecution(r, nodes) {
	const tasks = r.timed.map((name) => nodes[name]);
	if (tasks.some((t) => !t)) return { failed: `node "${r.timed.find((name, i) => !tasks[i])}" did not run` };
	const error = tasks.find((t) => t.error)?.error;
	if (error) return { failed: error };
	const out = nodes[r.output];
	return { ms: tasks.reduce((sum, t) => sum + t.executionTime, 0), startTime: tasks[0].startTime, items: out.items - out.errorItems, errors: out.errorItems, distinct: out.distinct };
}

/** Runs the workflow with `n8n execute` and returns the per-node summary of the execution it saved. */
async function execute(n8n, nodes) {
	const res = await n8n.cli(['execute', `--id=${WORKFLOW_ID}`], { allowFail: true, timeoutMs: EXECUTE_TIMEOUT_MS });
	if (res.code !== 0) throw new Error(`n8n execute failed (exit ${res.code}):\n${(res.stdout + res.stderr).trim().split('\n').slice(-30).join('\n')}`);
	const read = await run(n8n.install.node.bin, [path.join(__dirname, 'read-execution.js')], {
		input: JSON.stringify({
			db: path.join(n8n.userFolder, '.n8n', 'database.sqlite'),
			n8nDir: path.dirname(path.dirname(n8n.install.n8nBin)),
			workflowId: WORKFLOW_ID,
			nodes,
		}),
		timeoutMs: 120000,
	});
	if (read.code !== 0) throw new Error(`reading the saved execution failed: ${read.stderr.trim()}`);
	return JSON.parse(read.stdout).nodes;
}

async function rawRun(r, node) {
	const task = r.kind === 'send' ? { mode: 'send', items: r.items, concurrency: RAW_CONCURRENCY } : { mode: 'list', pageSize: PAGE };
	const res = await run(node, [path.join(__dirname, 'raw.js')], {
		input: JSON.stringify({ ...task, baseUrl: r.baseUrl, token: r.box.token }),
		timeoutMs: 120000,
	});
	if (res.code !== 0) return { failed: `raw loop exit ${res.code}: ${res.stderr.trim().split('\n').pop()}` };
	const out = JSON.parse(res.stdout);
	return { ms: out.ms, items: out.items, errors: out.errors, distinct: out.items };
}

async function benchLine(line, tgz, leelooVersion, options) {
	const { profile } = options;
	const install = await ensureN8n({ line });
	log(`=== n8n ${install.version} (Node ${install.node.version}) ===`);
	const opened = [];
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `leeloo-bench-n8n${line}-`));
	const removeFolder = () => fs.rmSync(userFolder, { recursive: true, force: true });
	process.on('exit', removeFolder);
	const n8n = new N8n(install, userFolder, { port: await freePort(), extraEnv: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) } });
	try {
		const runs = await startSandboxes(opened, options);
		const inN8n = runs.filter((r) => r.impl !== 'raw');
		await installPackage(userFolder, tgz);
		const token = runs[0].box.token;
		await n8n.importCredentials([
			{ ...HEADER_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'X-Leeloo-AuthToken', value: token } },
			...inN8n
				.filter((r) => r.impl === 'leeloo')
				.map((r) => ({ id: r.credentialId, name: r.credentialId, type: 'leelooApi', data: { apiToken: token, baseUrl: r.baseUrl } })),
		]);
		await n8n.importWorkflows([benchWorkflow(inN8n, leelooVersion)]);
		log(`running ${inN8n.length} cases in one n8n execute (Leeloo node v${leelooVersion})…`);
		if (profile) {
			// CPU profiles of the n8n process that runs the workflow (and of any process it starts).
			const dir = path.join(profile, `n8n-${install.version}`);
			fs.mkdirSync(dir, { recursive: true });
			n8n.env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${dir}`;
			log(`CPU profiles go to ${dir}`);
		}
		const nodes = await execute(n8n, [...new Set(inN8n.flatMap((r) => [...r.timed, r.output]))]);
		for (const r of inN8n) Object.assign(r, fromExecution(r, nodes), { server: serverSide(r) });
		for (const r of runs.filter((x) => x.impl === 'raw')) {
			log(`${r.name}…`);
			Object.assign(r, await rawRun(r, install.node.bin), { server: serverSide(r) });
		}
		return { version: install.version, node: install.node.version, runs, boots: n8n.boots, bootSeconds: n8n.bootSeconds };
	} finally {
		await n8n.stop();
		await Promise.all(opened.map((box) => box.close()));
		removeFolder();
	}
}

function writeDoc(markdown) {
	const start = '<!-- bench:results:start -->';
	const end = '<!-- bench:results:end -->';
	const text = fs.readFileSync(DOC, 'utf8');
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < from) throw new Error(`${path.relative(REPO, DOC)} has no ${start} … ${end} section`);
	fs.writeFileSync(DOC, `${text.slice(0, from + start.length)}\n${markdown}\n${text.slice(to)}`);
	log(`results written into ${path.relative(REPO, DOC)}`);
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if (options.help) {
		console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(2, 19).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
		return 0;
	}
	const watchdog = setTimeout(() => {
		console.error(`bench: still running after ${DEADLINE_MS / 60000} min, stopping`);
		process.exit(2);
	}, DEADLINE_MS);
	watchdog.unref();
	const started = Date.now();
	const loadAtStart = os.loadavg()[0];
	const tgz = await buildAndPack();
	const webhook = !options.only || options.only.includes('webhook');
	const bulkKeys = options.only?.filter((key) => key !== 'webhook');
	if (bulkKeys && !bulkKeys.length) {
		const hook = await webhookLatency({ lines: options.lines, tgz, write: options.write });
		return hook.failed || (options.check && hook.unmet) ? 1 : 0;
	}
	if (bulkKeys?.includes('bulk')) options.only = undefined;
	else options.only = bulkKeys;
	const leelooVersion = leelooNodeVersion();
	const lines = [];
	for (const line of options.lines) {
		try {
			lines.push(await benchLine(line, tgz, leelooVersion, options));
		} catch (error) {
			log(`n8n ${line}.x: ${error.message}`);
			lines.push({ version: `${line}.x`, failed: error.message.split('\n')[0] });
		}
	}
	const markdown = report(lines, { cases: CASES, setups: SETUPS, impls: IMPLS, rawConcurrency: RAW_CONCURRENCY, repeat: options.repeat, leelooVersion, seconds: (Date.now() - started) / 1000, load: [loadAtStart, os.loadavg()[0]] });
	console.log(`\n${markdown}`);
	if (options.write) writeDoc(markdown);
	const measured = lines.filter((l) => !l.failed);
	const unmet = measured.flatMap((l) => targets(l, CASES).filter((t) => !t.met));
	log(`${unmet.length ? `${unmet.length} target(s) not met` : 'all targets met'} (${Math.round((Date.now() - started) / 1000)} s in all)`);
	const hook = webhook ? await webhookLatency({ lines: options.lines, tgz, write: options.write }) : { unmet: 0, failed: 0 };
	if (measured.length < lines.length || hook.failed) return 1;
	return options.check && (unmet.length || hook.unmet) ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`npm run bench failed: ${error.message}`);
		process.exit(1);
	},
);
