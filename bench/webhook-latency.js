'use strict';
// The webhook latency case of npm run bench (alone: npm run bench -- --only webhook).
//
// Per n8n line, n8n started once with one active workflow of four triggers, each followed by an
// HTTP Request node that posts {item, execution} to a recorder on 127.0.0.1:
//   - the Leeloo Webhook Trigger (Incoming Message), Look Up Person off and on, fed by the
//     sandbox's webhooks: 100 events one after another (each sent once the previous one's item
//     was recorded), then 100 sent at once; 5 events before each series warm n8n up, uncounted;
//   - the polling Leeloo Trigger (New Message, every minute, n8n's shortest interval), twice, each
//     on a sandbox of its own: one poll cycle for one new message and one for 100 at once.
// Webhook latency = the recorder's receive time of the post − the delivery's sentAt in the sandbox
// (both clocks are this process's); beside it the same from n8n's execution stoppedAt (its DB).
// Polling latency = the wait for the next poll (30 s on average, 60 s at worst) + the measured
// poll cycle: from the poll's first request to the sandbox to the last item recorded.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { REPO } = require('../scripts/n8n-harness/n8n-install');
const { log, httpRequest, sleep, waitFor } = require('../scripts/n8n-harness/proc');
const { startSandbox } = require('../sandbox/server');
const { withStage, admin } = require('../test-e2e/lib/stage');
const { WEBHOOK_ID, SECRET, productionUrl, webhookReady } = require('../test-e2e/lib/webhooks');
const { node, CREDENTIAL } = require('../test-e2e/workflows');

const WORKFLOW_ID = 'benchLeelooHook';
const EVENTS = 100;
const WARMUP = 5;
const TARGET_P99_MS = 1000;
const POLL_INTERVAL_MS = 60000;
const ITEM_TIMEOUT_MS = 30000;
const BURST_TIMEOUT_MS = 120000;
const POLL_TIMEOUT_MS = POLL_INTERVAL_MS + 60000;
const DOC = path.join(REPO, 'docs', 'benchmarks.md');
const MARKERS = ['<!-- bench:webhook:start -->', '<!-- bench:webhook:end -->'];
const BOTH = ['sequential', 'burst'];
const HOOKS = [
	{ key: 'plain', label: 'Webhook Trigger', webhookId: WEBHOOK_ID, lookUpPerson: false, modes: BOTH },
	{ key: 'lookup', label: 'Webhook Trigger + Look Up Person', webhookId: '8e2f4a61-3b7c-4d9e-a1f0-6c5b4d3e2f1a', lookUpPerson: true, modes: BOTH },
	// n8n's own Webhook node, same workflow shape: what n8n itself makes of a burst.
	{ key: 'reference', label: 'n8n’s Webhook node (reference)', webhookId: '2d7b9c3e-5f1a-4e8b-9c6d-0a1b2c3d4e5f', path: 'bench-reference', modes: ['burst'] },
];
const POLLS = [
	{ key: 'poll1', count: 1, label: 'one new message', credentialId: 'benchLeelooPoll1' },
	{ key: 'poll100', count: EVENTS, label: `${EVENTS} new messages at once (last item)`, credentialId: 'benchLeelooPoll100' },
];

const hookUrl = (port, hook) => (hook.path ? `http://127.0.0.1:${port}/webhook/${hook.path}` : productionUrl(port).replace(WEBHOOK_ID, hook.webhookId));

function workflow(recorderUrl) {
	const record = (key, i, item = '$json') =>
		node(
			`Record ${key}`,
			'n8n-nodes-base.httpRequest',
			4.2,
			{ method: 'POST', url: `${recorderUrl}/${key}`, sendBody: true, specifyBody: 'json', jsonBody: `={{ JSON.stringify({ item: ${item}, execution: $execution.id }) }}`, options: {} },
			[240, i * 200],
		);
	const hooks = HOOKS.map((h, i) =>
		h.path
			? [
					node(`Hook ${h.key}`, 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: h.path, responseMode: 'onReceived', options: {} }, [0, i * 200], { webhookId: h.webhookId }),
					record(h.key, i, '{ id: $json.body.data.message_id }'),
				]
			: [
					node(`Hook ${h.key}`, 'n8n-nodes-leeloo.leelooWebhookTrigger', 1, { events: ['incomingMessage'], lookUpPerson: h.lookUpPerson, options: { secret: SECRET } }, [0, i * 200], {
						webhookId: h.webhookId,
						credentials: { leelooApi: CREDENTIAL },
					}),
					record(h.key, i),
				],
	);
	const polls = POLLS.map((p, j) => [
		node(`Poll ${p.key}`, 'n8n-nodes-leeloo.leelooTrigger', 1.1, { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'newMessage', options: {} }, [0, (HOOKS.length + j) * 200], {
			credentials: { leelooApi: { id: p.credentialId, name: p.credentialId } },
		}),
		record(p.key, HOOKS.length + j),
	]);
	const pairs = [...hooks, ...polls];
	return {
		id: WORKFLOW_ID,
		name: 'Bench webhook latency',
		active: false,
		nodes: pairs.flat(),
		connections: Object.fromEntries(pairs.map(([from, to]) => [from.name, { main: [[{ node: to.name, type: 'main', index: 0 }]] }])),
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** The recorder's posts by path and item id, read on as they come. */
function arrivals(recorder) {
	const byKey = new Map();
	let read = 0;
	const scan = () => {
		for (; read < recorder.events.length; read++) {
			const e = recorder.events[read];
			const list = byKey.get(e.path) ?? [];
			list.push(e);
			byKey.set(e.path, list);
		}
	};
	return {
		/** Waits until `ids` (or any `count` posts when ids is null) reached /key; returns those posts. */
		async wait(key, ids, count, timeoutMs) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				scan();
				const posts = byKey.get(`/${key}`) ?? [];
				const found = ids ? posts.filter((p) => ids.has(p.item?.id)) : posts;
				if (found.length >= count) return found;
				if (Date.now() > deadline) throw new Error(`${found.length} of ${count} items reached /${key} within ${timeoutMs / 1000} s`);
				await sleep(5);
			}
		},
	};
}

function checked(deliveries) {
	const bad = deliveries.find((d) => d.status !== 200);
	if (bad) throw new Error(`a delivery was answered ${bad.status ?? bad.error}`);
	return deliveries.map((d) => ({ id: JSON.parse(d.body).data.message_id, sentAt: d.sentAt, answeredAt: d.answeredAt }));
}

const sample = (sent, post) => ({ ...sent, at: post.at, execution: post.execution, ms: post.at - sent.sentAt });

async function sequential(sandbox, seen, hook, count) {
	const samples = [];
	for (let i = 0; i < count; i++) {
		const [sent] = checked((await admin(sandbox, 'POST', '/webhooks/send', { type: 'INCOMING_MESSAGE', count: 1 })).deliveries);
		const [post] = await seen.wait(hook.key, new Set([sent.id]), 1, ITEM_TIMEOUT_MS);
		samples.push(sample(sent, post));
	}
	return samples;
}

async function burst(sandbox, seen, hook, count) {
	const sent = checked((await admin(sandbox, 'POST', '/webhooks/send', { type: 'INCOMING_MESSAGE', count })).deliveries);
	const posts = await seen.wait(hook.key, new Set(sent.map((s) => s.id)), count, BURST_TIMEOUT_MS);
	const byId = new Map(posts.map((p) => [p.item.id, p]));
	return sent.map((s) => sample(s, byId.get(s.id)));
}

/**
 * n8n's stoppedAt (ms) of the samples' executions, once all are saved (or after 30 s, with those
 * saved); SQLite keeps 'YYYY-MM-DD HH:MM:SS.SSS' in UTC.
 */
async function addStoppedAt(n8n, samples) {
	const ms = (v) => (typeof v === 'number' ? v : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`));
	let stopped = new Map();
	await waitFor(
		async () => {
			const rows = await n8n.query('SELECT id, "stoppedAt" FROM execution_entity WHERE "workflowId" = ?', [WORKFLOW_ID]);
			stopped = new Map(rows.filter((r) => r.stoppedAt).map((r) => [String(r.id), ms(r.stoppedAt)]));
			return samples.every((s) => stopped.has(String(s.execution)));
		},
		{ timeoutMs: 30000, intervalMs: 1000, what: 'the executions saved' },
	).catch(() => {});
	for (const s of samples) if (stopped.has(String(s.execution))) s.stoppedMs = stopped.get(String(s.execution)) - s.sentAt;
}

/** One poll cycle: inject the messages, wait for the poll that emits them, time it from its first request. */
async function pollCycle(box, seen, poll) {
	const channels = box.store.channels;
	const injectedAt = Date.now();
	await Promise.all(Array.from({ length: poll.count }, (_, k) => admin(box, 'POST', '/messages', { direction: 'INCOMING', accountId: channels[k % channels.length].id })));
	const posts = await seen.wait(poll.key, null, poll.count, POLL_TIMEOUT_MS);
	const executions = new Set(posts.map((p) => p.execution)).size;
	// A poll that came while the messages were being injected: its cycle is not the one of all of them.
	if (executions > 1) throw new Error(`the ${poll.count} messages came in ${executions} polls`);
	const first = Math.min(...posts.map((p) => p.at));
	const last = Math.max(...posts.map((p) => p.at));
	// Polls are a minute apart and take seconds: the poll's first request is the first within 30 s before its first item.
	const requests = (await admin(box, 'GET', '/requests')).map((r) => Date.parse(r.at)).filter((t) => t > first - POLL_INTERVAL_MS / 2 && t <= first);
	if (!requests.length) throw new Error(`no request of the poll reached sandbox ${poll.key}`);
	const start = Math.min(...requests);
	return { ...poll, cycleMs: last - start, requests: requests.length, executions, observedMs: last - injectedAt };
}

async function benchLine(line, tgz) {
	const load = [os.loadavg()[0]];
	const boxes = [];
	try {
		return await withStage({ line, tgz, prefix: 'leeloo-bench-hook-', sandbox: { people: 20, seed: 3 } }, async ({ install, n8n, sandbox, recorder }) => {
			log(`=== webhook latency, n8n ${install.version} (Node ${install.node.version}) ===`);
			for (const p of POLLS) boxes.push(await startSandbox({ people: 20, seed: 5 }));
			await n8n.importCredentials(POLLS.map((p, i) => ({ id: p.credentialId, name: p.credentialId, type: 'leelooApi', data: { apiToken: boxes[i].token, baseUrl: boxes[i].baseUrl } })));
			await n8n.importWorkflows([workflow(recorder.url)]);
			await n8n.activate(WORKFLOW_ID);
			await n8n.start();
			await webhookReady(n8n.port);
			for (const h of HOOKS.filter((x) => x.key === 'lookup')) {
				const probe = await httpRequest(hookUrl(n8n.port, h), { method: 'POST', body: { type: 'E2E_PROBE', data: {} } });
				if (probe.status !== 200) throw new Error(`${h.label}: its URL answered HTTP ${probe.status}`);
			}
			const seen = arrivals(recorder);
			const cases = [];
			for (const hook of HOOKS) {
				await admin(sandbox, 'PUT', '/webhook', { url: hookUrl(n8n.port, hook), events: ['INCOMING_MESSAGE'], timeoutMs: BURST_TIMEOUT_MS });
				for (const mode of hook.modes) {
					const c = { hook, mode };
					log(`${hook.label}, ${mode === 'burst' ? `${EVENTS} at once` : `${EVENTS} one after another`}…`);
					try {
						if (mode === hook.modes[0]) await sequential(sandbox, seen, hook, WARMUP);
						c.samples = await (mode === 'burst' ? burst : sequential)(sandbox, seen, hook, EVENTS);
					} catch (error) {
						c.failed = error.message.split('\n')[0];
					}
					cases.push(c);
				}
			}
			log('polling Leeloo Trigger: waiting for the next poll of each (up to a minute)…');
			const polls = await Promise.all(POLLS.map((p, i) => pollCycle(boxes[i], seen, p).catch((error) => ({ ...p, failed: error.message.split('\n')[0] }))));
			load.push(os.loadavg()[0]);
			await addStoppedAt(n8n, cases.flatMap((c) => c.samples ?? []));
			return { version: install.version, node: install.node.version, cases, polls, load, uptime: os.loadavg() };
		});
	} finally {
		await Promise.all(boxes.map((box) => box.close()));
	}
}

/** Nearest rank: the smallest value with at least q of the values at or below it. */
function percentile(values, q) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

const ms = (v) => (v === undefined ? '—' : v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(2)} s`);
const secs = (v) => `${(v / 1000).toFixed(1)} s`;

function stats(c) {
	const latency = c.samples.map((s) => s.ms);
	const stopped = c.samples.map((s) => s.stoppedMs).filter((v) => v !== undefined);
	return {
		p50: percentile(latency, 0.5),
		p99: percentile(latency, 0.99),
		max: Math.max(...latency),
		stopped: stopped.length === latency.length ? [percentile(stopped, 0.5), percentile(stopped, 0.99)] : undefined,
		answered: Math.max(...c.samples.map((s) => s.answeredAt - s.sentAt)),
	};
}

/** The target per line: p99 ≤ 1 s for events one after another, with and without Look Up Person. */
function targets(line) {
	if (line.failed) return [];
	return line.cases
		.filter((c) => c.mode === 'sequential')
		.map((c) => {
			const p99 = c.samples ? stats(c).p99 : undefined;
			return { target: `${c.hook.label}, one after another: p99 ≤ ${ms(TARGET_P99_MS)}`, measured: c.failed ? `failed: ${c.failed}` : ms(p99), met: p99 !== undefined && p99 <= TARGET_P99_MS };
		});
}

function lineReport(line) {
	if (line.failed) return `### n8n ${line.version}\n\nNot measured: ${line.failed}`;
	const out = [`### n8n ${line.version} (Node ${line.node})`, ''];
	out.push(`Load average ${line.load.map((l) => l.toFixed(1)).join(' → ')} (1 minute, start → end of this line; ${line.uptime.map((l) => l.toFixed(2)).join(', ')} over 1, 5, 15 minutes at its end).`, '');
	out.push('| Webhook case | Events | p50 | p99 | max | to execution end (n8n’s stoppedAt) p50 / p99 | Slowest answer to the sandbox |', '|---|---|---|---|---|---|---|');
	for (const c of line.cases) {
		const label = `${c.hook.label}, ${c.mode === 'burst' ? `${EVENTS} sent at once` : 'one after another'}`;
		if (c.failed) {
			out.push(`| ${label} | ${EVENTS} | failed: ${c.failed} | | | | |`);
			continue;
		}
		const s = stats(c);
		out.push(`| ${label} | ${c.samples.length} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} | ${s.stopped ? `${ms(s.stopped[0])} / ${ms(s.stopped[1])}` : '—'} | ${ms(s.answered)} |`);
	}
	out.push('', '| Polling Leeloo Trigger, every minute | Poll cycle (measured) | Mean latency (30 s + cycle) | Worst (60 s + cycle) | This run (message → item) |', '|---|---|---|---|---|');
	for (const p of line.polls) {
		if (p.failed) out.push(`| ${p.label} | failed: ${p.failed} | | | |`);
		else out.push(`| ${p.label} | ${ms(p.cycleMs)} (${p.requests} requests, one execution) | ${secs(POLL_INTERVAL_MS / 2 + p.cycleMs)} | ${secs(POLL_INTERVAL_MS + p.cycleMs)} | ${secs(p.observedMs)} |`);
	}
	out.push('', '| Target | Measured | Met |', '|---|---|---|');
	for (const t of targets(line)) out.push(`| ${t.target} | ${t.measured} | ${t.met ? 'met' : '**not met**'} |`);
	return out.join('\n');
}

function report(lines, seconds) {
	const cpu = os.cpus();
	const head =
		`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu.length} × ${cpu[0]?.model?.trim() ?? 'CPU'}, ` +
		`${Math.round(os.totalmem() / 2 ** 30)} GB; latency from the sandbox's POST to the recorder's receipt of the workflow's last post, ` +
		`${EVENTS} events per case after ${WARMUP} uncounted; load average above ${cpu.length} means the machine was shared. Whole case ${Math.round(seconds)} s.`;
	return [head, '', ...lines.map(lineReport).join('\n\n').split('\n')].join('\n');
}

function writeDoc(markdown) {
	const [start, end] = MARKERS;
	const text = fs.readFileSync(DOC, 'utf8');
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < from) throw new Error(`${path.relative(REPO, DOC)} has no ${start} … ${end} section`);
	fs.writeFileSync(DOC, `${text.slice(0, from + start.length)}\n${markdown}\n${text.slice(to)}`);
	log(`webhook latency written into ${path.relative(REPO, DOC)}`);
}

/** Runs the case on `lines` with the packed package `tgz`; prints (and with `write` stores) its tables. */
async function webhookLatency({ lines, tgz, write }) {
	const started = Date.now();
	const results = [];
	for (const line of lines) {
		try {
			results.push(await benchLine(line, tgz));
		} catch (error) {
			log(`webhook latency, n8n ${line}.x: ${error.message}`);
			results.push({ version: `${line}.x`, failed: error.message.split('\n')[0] });
		}
	}
	const markdown = report(results, (Date.now() - started) / 1000);
	console.log(`\n${markdown}`);
	if (write) writeDoc(markdown);
	const unmet = results.flatMap((l) => targets(l).filter((t) => !t.met)).length;
	const failed = results.filter((l) => l.failed || l.cases.some((c) => c.failed) || l.polls.some((p) => p.failed)).length;
	log(`webhook latency: ${unmet ? `${unmet} target(s) not met` : 'targets met'}${failed ? `, ${failed} line(s) with a failed measurement` : ''}`);
	return { unmet, failed };
}

module.exports = { webhookLatency, percentile };
