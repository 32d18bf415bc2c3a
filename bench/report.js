'use strict';
// The benchmark's tables (Markdown, readable in a terminal too) and its targets.
const os = require('os');

const num = (n) => n.toLocaleString('en-US');
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a, b) => (a?.ms > 0 && b?.ms > 0 ? a.ms / b.ms : undefined);
const times = (x) => (x === undefined ? '—' : `${x.toFixed(2)}×`);
/**
 * A case and implementation over its --repeat rounds: the time of the fastest complete run, the
 * counters of the worst round (a bound or an order broken once is broken).
 */
function find(line, key, impl) {
	const runs = line.runs.filter((r) => r.key === key && r.impl === impl);
	const best = runs.filter(complete).sort((a, b) => a.ms - b.ms)[0] ?? runs[0];
	const worst = (field) => Math.max(...runs.map((r) => r.server[field] ?? 0));
	return {
		...best,
		server: {
			requests: worst('requests'),
			maxInFlight: worst('maxInFlight'),
			outOfOrder: worst('outOfOrder'),
			sentOnce: runs.every((r) => r.server.sentOnce !== false),
			firstAt: best?.server.firstAt,
		},
	};
}

/** How long after the node started the sandbox saw its first request: n8n's work per item before any request. */
function firstRequest(r) {
	const after = r.server.firstAt - r.startTime;
	return r.failed || !Number.isFinite(after) ? '—' : seconds(Math.max(0, after));
}

/** The run produced the whole, correct result (so that its time means something). */
function complete(r) {
	if (!r || r.failed || r.errors) return false;
	if (r.kind === 'send') return r.items === r.count && r.server.sentOnce;
	return r.items === r.count && r.distinct === r.count;
}

function output(r) {
	if (r.failed) return `failed: ${r.failed.split('\n')[0].slice(0, 120)}`;
	const errors = r.errors ? `, ${num(r.errors)} error item(s)` : '';
	if (r.kind === 'send') return `${num(r.items)} sent${errors}${r.server.sentOnce ? ', each once' : ', NOT each exactly once'}`;
	return `${num(r.items)} records (${num(r.distinct)} distinct)${errors}`;
}

/** The targets, per case present in this run (`--only` may leave cases out). */
function targets(line, cases) {
	const has = (key) => cases.some((c) => c.key === key) && line.runs.some((r) => r.key === key);
	const l = (key) => find(line, key, 'leeloo');
	const vs = (key, impl) => ratio(l(key), find(line, key, impl));
	const check = (target, r, measured, met) => ({ target, measured: complete(r) ? measured : `${measured} (run incomplete)`, met: complete(r) && met });
	const pages = Math.ceil(10000 / 100);
	const out = [];
	if (has('getAll')) {
		out.push(
			check('Set-up 1: Return All 10,000 ≤ 0.6× HTTP Request + Split Out', l('getAll'), times(vs('getAll', 'http')), vs('getAll', 'http') <= 0.6),
			check('Set-up 1: Return All 10,000 ≤ 2× raw loop', l('getAll'), times(vs('getAll', 'raw')), vs('getAll', 'raw') <= 2),
			check(`Set-up 1: Return All requests = ceil(10,000 / 100) = ${pages}`, l('getAll'), num(l('getAll').server.requests), l('getAll').server.requests === pages),
		);
	}
	if (has('getAll50')) {
		const r = l('getAll50');
		out.push(
			check('Set-up 1, 50 ms latency: Return All 10,000 ≤ 0.6× HTTP Request + Split Out', r, times(vs('getAll50', 'http')), vs('getAll50', 'http') <= 0.6),
			check('Set-up 1, 50 ms latency: Return All 10,000 ≤ 2× raw loop', r, times(vs('getAll50', 'raw')), vs('getAll50', 'raw') <= 2),
			check(`Set-up 1, 50 ms latency: Return All requests = ${pages}, at most 10 in flight`, r, `${num(r.server.requests)}, ${num(r.server.maxInFlight)} in flight`, r.server.requests === pages && r.server.maxInFlight <= 10),
		);
	}
	if (has('send200')) {
		const r = l('send200');
		out.push(
			check('Set-up 1, 50 ms latency: 200-item send ≤ 1.0× HTTP Request', r, times(vs('send200', 'http')), vs('send200', 'http') <= 1),
			check('Set-up 1, 50 ms latency: at most 10 requests in flight', r, num(r.server.maxInFlight), r.server.maxInFlight <= 10),
			check("Set-up 1, 50 ms latency: one channel's messages in item order", r, r.server.outOfOrder ? `${num(r.server.outOfOrder)} out of order` : 'in order', r.server.outOfOrder === 0),
		);
	}
	if (has('send1000')) out.push(check('Set-up 1: 1,000-item send ≤ 1.0× HTTP Request', l('send1000'), times(vs('send1000', 'http')), vs('send1000', 'http') <= 1));
	for (const [setup, send, raw] of [
		[1, 'send1000', 'getAllRaw'],
		[2, 'late.send1000', 'late.getAllRaw'],
	]) {
		if (has(send)) out.push(check(`Set-up ${setup}: 1,000-item send ≤ 0.8× HTTP Request`, l(send), times(vs(send, 'http')), vs(send, 'http') <= 0.8));
		if (has(raw)) out.push(check(`Set-up ${setup}: Return All 10,000, Simplify off ≤ 0.4× HTTP Request + Split Out`, l(raw), times(vs(raw, 'http')), vs(raw, 'http') <= 0.4));
	}
	return out;
}

function lineReport(line, { cases, impls }) {
	if (line.failed) return `### n8n ${line.version}\n\nNot measured: ${line.failed}`;
	const out = [`### n8n ${line.version} (Node ${line.node})`, ''];
	const present = cases.filter((c) => line.runs.some((r) => r.key === c.key));
	out.push('| Set-up | Case | Leeloo node | HTTP Request node | raw keep-alive loop | node ÷ HTTP Request | node ÷ raw loop |', '|---|---|---|---|---|---|---|');
	for (const c of present) {
		const [leeloo, http, raw] = ['leeloo', 'http', 'raw'].map((impl) => find(line, c.key, impl));
		const cell = (r) => (r.failed ? 'failed' : r.ms === undefined ? '—' : seconds(r.ms));
		out.push(`| ${c.setup} | ${c.label} | ${cell(leeloo)} | ${cell(http)} | ${cell(raw)} | ${times(ratio(leeloo, http))} | ${times(ratio(leeloo, raw))} |`);
	}
	out.push('', '| Case | Implementation | Time | First request after | Requests | Max in flight | Output | One channel’s messages |', '|---|---|---|---|---|---|---|---|');
	for (const c of present) {
		for (const impl of Object.keys(impls).filter((x) => line.runs.some((r) => r.key === c.key && r.impl === x))) {
			const r = find(line, c.key, impl);
			const order = r.kind !== 'send' || r.failed ? '—' : r.server.outOfOrder ? `${num(r.server.outOfOrder)} out of item order` : 'in item order';
			out.push(`| ${c.label} | ${impls[impl]} | ${r.failed ? '—' : seconds(r.ms)} | ${firstRequest(r)} | ${num(r.server.requests)} | ${num(r.server.maxInFlight)} | ${output(r)} | ${order} |`);
		}
	}
	out.push('', '| Target | Measured | Met |', '|---|---|---|');
	for (const t of targets(line, cases)) out.push(`| ${t.target} | ${t.measured} | ${t.met ? 'met' : '**not met**'} |`);
	// With n requests at most in flight, each answer taking latency ms, no node can be faster.
	const c = present.find((x) => x.key === 'send200');
	const http = c && find(line, c.key, 'http');
	if (http && !http.failed) {
		const floor = Math.ceil(c.count / 10) * c.latencyMs;
		out.push(
			'',
			`Floor: ${num(c.count)} requests, at most 10 at once, ${c.latencyMs} ms each → at least ${seconds(floor)}; the HTTP Request node took ` +
				`${seconds(http.ms)} with up to ${num(http.server.maxInFlight)} in flight, so "≤ 1.0× HTTP Request" and "at most 10 in flight" ` +
				`${http.ms >= floor ? 'can both be met here, above n8n\'s per-item loop (see "Why the 200-item send at 50 ms misses its target")' : 'cannot both be met in this run'}.`,
		);
	}
	return out.join('\n');
}

/** Every target on every line of this run, in one table. */
function sideBySide(lines, { cases }) {
	const measured = lines.filter((l) => !l.failed);
	if (!measured.length) return [];
	const rows = new Map();
	for (const [i, line] of measured.entries()) {
		for (const t of targets(line, cases)) {
			if (!rows.has(t.target)) rows.set(t.target, Array(measured.length).fill('—'));
			rows.get(t.target)[i] = `${t.measured}${t.met ? '' : ' **not met**'}`;
		}
	}
	return [
		'### Targets side by side',
		'',
		`| Target | ${measured.map((l) => `n8n ${l.version}`).join(' | ')} |`,
		`|---|${measured.map(() => '---|').join('')}`,
		...[...rows].map(([target, cells]) => `| ${target} | ${cells.join(' | ')} |`),
	];
}

function report(lines, meta) {
	const cpu = os.cpus();
	const head = [
		`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu.length} × ${cpu[0]?.model?.trim() ?? 'CPU'}, ` +
			`${Math.round(os.totalmem() / 2 ** 30)} GB, Leeloo node v${meta.leelooVersion}` +
			`${meta.repeat > 1 ? `; each case ${meta.repeat} times: the time of the fastest complete run, the counters of the worst` : ''}; raw loop: ${meta.rawConcurrency} requests at once at most, ` +
			`one channel's items in order (sends), pages one after another (list). Load average ${meta.load.map((l) => l.toFixed(1)).join(' → ')} ` +
			`(start → end; above ${cpu.length} the machine was shared and the figures are noisier). Whole run ${Math.round(meta.seconds)} s.`,
	];
	const setups = Object.entries(meta.setups).map(([n, text]) => `${n}. ${text.replace(/^Set-up \d+: /, '')}`);
	return [...head, '', 'Set-ups (one execution): ' + setups.join('; ') + '.', '', ...lines.map((line) => lineReport(line, meta)).join('\n\n').split('\n'), '', ...sideBySide(lines, meta)].join('\n');
}

module.exports = { report, targets };
