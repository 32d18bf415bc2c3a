#!/usr/bin/env node
'use strict';
// npm run test:queue — the package in n8n queue mode, on the newest n8n 1.x and 2.x.
//
// One PostgreSQL and one Redis on 127.0.0.1 (scripts/n8n-harness/services.js), then per n8n line: a main
// instance with EXECUTIONS_MODE=queue, two `n8n worker`s and, for the webhook checks, an
// `n8n webhook` process, each with its own user folder, port and install of the packed package,
// sharing a fresh database, a Redis db and the encryption key. Sandboxes: one per worker for
// test:e2e's operations workflow (behind a webhook here), one for the trigger workflow, one that
// sends Leeloo's webhooks to the webhook process; all reached through proxies, and posted to
// recorders, that note which process sent each request (test-e2e/lib/http-taps.js). Checks:
//   ops      20 webhook executions, two at a time: every request and output of test:e2e, per run
//   workers  one execution per worker at a time, both used (worker logs), Leeloo requests only
//            from workers
//   trigger  the trigger polls on main only, its cursor is in Postgres, events injected between
//            polls (main restarts = activation polls) arrive once each
//   crash    a worker SIGKILLed while an execution waits on its HTTP write, kept down (round 1)
//            or restarted at once (round 2): every event delivered, none emitted twice by the
//            trigger; what n8n does with the execution is printed (re-run, failed or crashed)
//   restart  main restarted between polls: the next poll emits only the new events
//   webhook  test:webhook's workflow (test-e2e/lib/webhooks.js) active, the sandbox posting to the
//            webhook process: ORDER, SALE, SUBSCRIPTION, INCOMING_MESSAGE one execution each with
//            the expected item; refusals start nothing; a burst of BURST events once each; the
//            person lookups on the webhook process, the executions on the workers
//   stalled  n8n 1.x only: the crash of round 1 again with QUEUE_WORKER_MAX_STALLED_COUNT=0 on
//            every process: no write sent twice, the killed worker's execution ends `error`
//
// Env: QUEUE_LINES=1,2 (default both) · QUEUE_KEEP=1 keeps the user folders · N8N_UPDATE=1.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { ensureN8n } = require('../scripts/n8n-harness/n8n-install');
const { buildAndPack, freePort } = require('../scripts/n8n-harness/n8n-runtime');
const { startPostgres, startRedis } = require('../scripts/n8n-harness/services');
const { log, httpRequest, waitFor, sleep } = require('../scripts/n8n-harness/proc');
const { startSandbox } = require('../sandbox/server');
const { startProxy, startRecorder } = require('./lib/http-taps');
const { admin } = require('./lib/stage');
const H = require('./lib/webhooks');
const { Results, printSummary } = require('./lib/report');
const { QueueCluster, LOCKS, WORKER_CONCURRENCY } = require('./lib/queue-cluster');
const W = require('./workflows');

const CHECKS = [
	['install', 'package installed on main, each worker and the webhook process'],
	['ops', '20 executions via webhook: requests and outputs as in test:e2e'],
	['workers', 'executions ran on workers, both used; no Leeloo request from main'],
	['trigger', 'trigger polls on main, cursor in Postgres, events once'],
	['crash', 'worker SIGKILLed mid-run: nothing lost, trigger emits nothing twice'],
	['restart', 'main restarted between polls: only new events emitted'],
	['webhook', 'webhook process: 4 event types once each, expected items, run on workers'],
	['refused', 'webhook process: wrong secret and bad bodies refused, no execution'],
	['burst', 'webhook process: a burst of events, each one execution'],
	['stalled', '1.x, QUEUE_WORKER_MAX_STALLED_COUNT=0: worker killed mid-write, no re-run'],
];
const RUNS = 20;
const OPS_PATH = 'leeloo-queue-ops';
const OPS_CREDENTIAL = { id: 'queueLeelooOps01', name: 'Leeloo sandbox (operations)' };
const HOOK_CREDENTIAL = { id: 'queueLeelooHook1', name: 'Leeloo sandbox (webhook trigger)' };
const BURST = 100;
const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);
const EVENT_NODES = { newMessage: 'New messages', newOrder: 'New orders' };
const WAIT_MS = 150000;

const origin = (sandbox) => `http://127.0.0.1:${sandbox.port}`;
const tailOf = (text, n = 25) => String(text || '').trim().split('\n').slice(-n).join('\n');

/** test:e2e's operations workflow, started by a webhook instead of the manual trigger. */
function opsWorkflow(ids, adminUrl) {
	const { workflow, steps } = W.mainWorkflow(ids, adminUrl);
	const start = workflow.nodes.findIndex((n) => n.name === 'Start');
	if (start < 0) throw new Error('test-e2e/workflows.js: the operations workflow has no "Start" node');
	workflow.nodes[start] = W.node('Start', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: OPS_PATH, responseMode: 'onReceived', options: {} }, [0, 0], {
		webhookId: crypto.randomUUID(),
	});
	for (const n of workflow.nodes) if (n.credentials?.leelooApi) n.credentials = { leelooApi: OPS_CREDENTIAL };
	return { workflow: { ...workflow, name: 'Queue e2e operations' }, steps };
}

/** test:e2e's trigger workflow; each recorded post also says which execution sent it. */
function triggerWorkflow(recorderUrl) {
	const workflow = W.triggerWorkflow(recorderUrl);
	let patched = 0;
	for (const n of workflow.nodes) {
		if (n.type !== 'n8n-nodes-base.httpRequest') continue;
		const body = n.parameters.jsonBody.replace('item: $json }', 'item: $json, executionId: $execution.id }');
		if (body !== n.parameters.jsonBody) patched += 1;
		n.parameters.jsonBody = body;
	}
	if (patched !== 2) throw new Error('test-e2e/workflows.js: the trigger workflow\'s record bodies changed; adapt triggerWorkflow() here');
	return workflow;
}

/** test:webhook's workflow; its person lookups (E07) go to the webhook sandbox through a proxy. */
function hookWorkflow(recorderUrl) {
	const workflow = H.webhookWorkflow(recorderUrl);
	for (const n of workflow.nodes) if (n.credentials?.leelooApi) n.credentials = { leelooApi: HOOK_CREDENTIAL };
	return workflow;
}

async function activateAll(cli, install, ids) {
	// 1.x activates every workflow in one boot; 2.x publishes one workflow per command.
	if (install.line === 1) await cli.cli(['update:workflow', '--all', '--active=true']);
	else for (const id of ids) await cli.activate(id);
}

async function runLine(line, tgz, services) {
	const results = new Results();
	const timings = {};
	const figures = {};
	const t0 = Date.now();
	const lap = (name, since) => (timings[name] = Math.round((Date.now() - since) / 1000));
	let install;
	try {
		install = await ensureN8n({ line, update: process.env.N8N_UPDATE === '1' });
	} catch (err) {
		for (const [check] of CHECKS) results.fail(check, `n8n ${line}.x did not install: ${err.message.split('\n')[0]}`);
		return { label: `n8n ${line}.x`, results, timings, figures };
	}
	const label = `n8n ${install.version}`;
	log(`=== ${label} queue mode (Node ${install.node.version}) ===`);
	const database = `n8n_queue_${install.version.replace(/\./g, '_')}`;
	const cluster = new QueueCluster({ install, pg: services.pg, redis: services.redis, database, redisDb: line, keep: process.env.QUEUE_KEEP === '1' });
	const owners = () => cluster.pids;
	const servers = [];
	const serve = async (promise) => {
		const server = await promise;
		servers.push(server);
		return server;
	};
	services.current = cluster;
	try {
		let t = Date.now();
		await services.pg.createDatabase(database);
		// One operations sandbox per worker (same seed, same ids): two executions run at once, one on
		// each worker, and each sees only its own requests.
		const opsSandboxes = {};
		for (const role of cluster.workerRoles) opsSandboxes[role] = await serve(startSandbox({ people: 250, seed: 1, token: 'ops-sandbox-token' }));
		const trigSandbox = await serve(startSandbox({ people: 100, seed: 2, token: 'trigger-sandbox-token' }));
		const opsProxy = await serve(startProxy((owner) => opsSandboxes[owner] && origin(opsSandboxes[owner]), owners));
		const trigProxy = await serve(startProxy(() => origin(trigSandbox), owners));
		const recorder = await serve(startRecorder(owners));
		const hookSandbox = await serve(startSandbox({ people: 20, seed: 3, token: 'hook-sandbox-token' }));
		const hookProxy = await serve(startProxy(() => origin(hookSandbox), owners));
		const hookRecorder = await serve(startRecorder(owners));
		const ctx = { install, cluster, results, figures, opsSandboxes, trigSandbox, opsProxy, trigProxy, recorder, hookSandbox, hookProxy, hookRecorder };
		const installed = await cluster.installEverywhere(tgz);
		const cli = await cluster.cli();
		await cli.importCredentials([
			{ ...OPS_CREDENTIAL, type: 'leelooApi', data: { apiToken: 'ops-sandbox-token', baseUrl: `${opsProxy.url}/api/v2` } },
			{ ...W.CREDENTIAL, type: 'leelooApi', data: { apiToken: trigSandbox.token, baseUrl: `${trigProxy.url}/api/v2` } },
			{ ...HOOK_CREDENTIAL, type: 'leelooApi', data: { apiToken: hookSandbox.token, baseUrl: `${hookProxy.url}/api/v2` } },
		]);
		const states = await Promise.all(Object.values(opsSandboxes).map((sb) => admin(sb, 'GET', '/state')));
		if (new Set(states.map((st) => JSON.stringify(st.ids))).size !== 1) throw new Error('the operations sandboxes differ in their ids');
		// The fault switches go through the proxy too, so each worker flips its own sandbox's.
		const ops = opsWorkflow(states[0].ids, `${opsProxy.url}/__admin`);
		ctx.steps = ops.steps;
		await cli.importWorkflows([ops.workflow, triggerWorkflow(recorder.url), hookWorkflow(hookRecorder.url)]);
		// Active before any boot: main registers the trigger's webhook in Postgres, where the
		// webhook process looks it up.
		await activateAll(cli, install, [W.MAIN_ID, W.TRIGGER_ID, H.WORKFLOW_ID]);
		lap('setup', t);

		t = Date.now();
		await Promise.all(['main', ...cluster.workerRoles].map((role) => cluster.start(role)));
		lap('boot', t);
		// Activation poll 1 (main's boot): the baseline, stored in Postgres.
		await waitFor(
			async () => {
				const data = await cluster.staticData(W.TRIGGER_ID);
				return Object.values(EVENT_NODES).every((n) => data[`node:${n}`] && Object.keys(data[`node:${n}`]).length) && data;
			},
			{ timeoutMs: WAIT_MS, intervalMs: 1000, what: 'both trigger cursors in workflow_entity.staticData (activation poll 1)' },
		).catch((err) => {
			throw new Error(`${err.message}\n${tailOf(cluster.output('main'))}`);
		});

		await checkInstall(ctx, installed);
		t = Date.now();
		await phaseOps(ctx);
		lap('ops', t);
		t = Date.now();
		await phaseTrigger(ctx);
		lap('trigger', t);
		t = Date.now();
		await phaseCrash(ctx);
		lap('crash', t);
		t = Date.now();
		await phaseRestart(ctx);
		lap('restart', t);
		t = Date.now();
		await phaseWebhook(ctx);
		lap('webhook', t);
		t = Date.now();
		await phaseStalled(ctx);
		lap('stalled', t);
	} catch (err) {
		log(`${label}: ${err.stack || err.message}`);
		for (const [check] of CHECKS) if (results.get(check).ok !== true) results.fail(check, `run aborted: ${err.message.split('\n').slice(0, 12).join('\n  ')}`);
	} finally {
		await cluster.stopAll();
		services.current = undefined;
		await Promise.all(servers.map((server) => server.close()));
		if (process.env.QUEUE_KEEP === '1') log(`kept ${cluster.root}`);
		cluster.cleanup();
	}
	timings.total = Math.round((Date.now() - t0) / 1000);
	return { label, results, timings, figures };
}

async function checkInstall({ cluster, results }, installed) {
	for (const [i, dir] of installed.entries()) {
		const role = cluster.roles[i];
		if (!dir.startsWith(path.join(cluster.folders[role], '.n8n', 'nodes'))) results.fail('install', `${role}: package installed at ${dir}`);
		for (const file of ['dist/nodes/Leeloo/Leeloo.node.js', 'dist/nodes/LeelooTrigger/LeelooTrigger.node.js']) {
			if (!fs.existsSync(path.join(dir, file))) results.fail('install', `${role}: ${file} missing in its install`);
		}
	}
	// Main loaded the trigger (its activation poll stored a cursor); each worker proves its own
	// install by running Leeloo nodes (checked in "workers").
	const unknown = cluster.roles.filter((role) => /Unrecognized node type|Error loading package/i.test(cluster.output(role)));
	if (unknown.length) results.fail('install', `node types missing on ${unknown.join(', ')}`);
	results.pass('install');
}

/** Waits until `count` executions of a workflow not in `known` reached a final state. */
async function nextFinished(cluster, workflowId, known, count, what) {
	return waitFor(
		async () => {
			const fresh = (await cluster.executions(workflowId)).filter((x) => !known.has(x.id));
			return fresh.length >= count && fresh.every((e) => FINAL.has(e.status)) && fresh;
		},
		{ timeoutMs: 120000, intervalMs: 250, what },
	);
}

async function callWebhook(url, run) {
	// Right after boot the webhook may not be registered yet (404): retried, bounded.
	await waitFor(
		async () => {
			const res = await httpRequest(url, { method: 'POST', body: { run }, timeoutMs: 30000 });
			if (res.status === 404) return false;
			if (res.status !== 200) throw new Error(`webhook answered HTTP ${res.status}: ${res.text.slice(0, 200)}`);
			return true;
		},
		{ timeoutMs: 60000, intervalMs: 1000, what: `the webhook ${url} (run ${run})` },
	);
}

/**
 * RUNS executions, two at a time (one per worker, each worker runs one execution at a time), each
 * checked against the requests of its worker's own sandbox.
 */
async function phaseOps(ctx) {
	const { cluster, results, figures, opsSandboxes, opsProxy, steps } = ctx;
	const url = `${cluster.main.url}/webhook/${OPS_PATH}`;
	const known = new Set((await cluster.executions(W.MAIN_ID)).map((e) => e.id));
	const parallel = cluster.workerRoles.length;
	const perWorker = Object.fromEntries(cluster.workerRoles.map((r) => [r, 0]));
	let requestsSeen = 0;
	const durations = [];
	for (let first = 1; first <= RUNS; first += parallel) {
		const runs = Array.from({ length: Math.min(parallel, RUNS - first + 1) }, (_, i) => first + i);
		// Seeded data again for each run: the checks expect the seeded counts (250 people, …).
		for (const sb of Object.values(opsSandboxes)) {
			await admin(sb, 'POST', '/reset');
			await admin(sb, 'DELETE', '/requests');
		}
		const mark = opsProxy.log.length;
		await Promise.all(runs.map((run) => callWebhook(url, run)));
		const execs = await nextFinished(cluster, W.MAIN_ID, known, runs.length, `executions of runs ${runs.join(', ')} to finish`);
		const startedBy = cluster.startedBy();
		const workersOfPair = execs.map((e) => (startedBy.get(e.id) || []).join('+'));
		if (new Set(workersOfPair).size !== execs.length) results.fail('workers', `runs ${runs.join(', ')}: executions ${execs.map((e) => e.id).join(', ')} started by ${workersOfPair.join(' / ')}, expected one per worker`);
		for (const exec of execs) {
			known.add(exec.id);
			durations.push(Number(exec.ms));
			const by = startedBy.get(exec.id) || [];
			const tag = `execution ${exec.id}`;
			if (by.length !== 1 || !opsSandboxes[by[0]]) {
				results.fail('workers', `${tag}: started by ${by.join(', ') || 'no worker'} (worker logs)`);
				continue;
			}
			const worker = by[0];
			perWorker[worker] += 1;
			const data = await cluster.executionData(exec.id);
			const requests = await admin(opsSandboxes[worker], 'GET', '/requests');
			requestsSeen += requests.length;
			const problems = [];
			if (exec.status !== 'success') problems.push(`status ${exec.status}${data?.resultData?.error ? `: ${data.resultData.error.message}` : ''}`);
			if (exec.mode !== 'webhook') problems.push(`mode ${exec.mode}, expected webhook`);
			for (const step of steps) for (const p of W.checkStep(step, W.nodeOutput({ data }, step.name), requests)) problems.push(`${step.name}: ${p}`);
			const unauthorized = requests.filter((r) => r.authorized === false);
			if (unauthorized.length) problems.push(`${unauthorized.length} request(s) without the right token`);
			for (const p of problems.slice(0, 5)) results.fail('ops', `${tag} on ${worker}: ${p}`);
			if (problems.length > 5) results.fail('ops', `${tag}: … and ${problems.length - 5} more`);
		}
		const senders = [...new Set(opsProxy.log.slice(mark).map((r) => r.owner))];
		const strangers = senders.filter((o) => !cluster.workerRoles.includes(o));
		if (strangers.length) results.fail('workers', `runs ${runs.join(', ')}: Leeloo requests from ${strangers.join(', ')}`);
	}
	results.pass('ops');
	for (const [role, n] of Object.entries(perWorker)) if (!n) results.fail('workers', `${role} ran none of the ${RUNS} executions`);
	const avg = durations.length ? Math.round(durations.reduce((a, b) => a + b, 0) / durations.length) : 0;
	results.note('workers', `executions per worker: ${Object.entries(perWorker).map(([r, n]) => `${r} ${n}`).join(', ')}; ${requestsSeen} sandbox requests; ${avg} ms per execution on average (n8n's startedAt → stoppedAt)`);
	results.pass('workers');
}

/** Trigger posts the recorder got, per event. */
const delivered = (recorder, event) => recorder.events.filter((e) => e.event === event);

async function injectWave(sandbox, spec) {
	const wave = { newMessage: [], newOrder: [] };
	for (const m of spec.messages || []) wave.newMessage.push(await admin(sandbox, 'POST', '/messages', m));
	for (const o of spec.orders || []) wave.newOrder.push(await admin(sandbox, 'POST', '/orders', o));
	return wave;
}

/** Waits until the recorder holds at least `count[event]` posts per event, then a little longer for duplicates. */
async function awaitDeliveries(ctx, counts, what) {
	const { recorder, cluster } = ctx;
	const have = () => Object.keys(counts).map((e) => `${delivered(recorder, e).length} ${e}`).join(' + ');
	await waitFor(() => Object.entries(counts).every(([e, n]) => delivered(recorder, e).length >= n), { timeoutMs: WAIT_MS, intervalMs: 500, what }).catch((err) => {
		throw new Error(`${err.message} (have ${have()})\n${tailOf(cluster.output('main'))}`);
	});
	await sleep(3000);
}

async function cursors(cluster) {
	const data = await cluster.staticData(W.TRIGGER_ID);
	return Object.fromEntries(Object.entries(EVENT_NODES).map(([event, name]) => [event, JSON.stringify(data[`node:${name}`] || null)]));
}

function checkPollsOnMain(ctx, check) {
	const { trigProxy, results } = ctx;
	const from = [...new Set(trigProxy.log.map((r) => r.owner))];
	if (!trigProxy.log.length) results.fail(check, 'the trigger sandbox saw no request');
	if (from.some((o) => o !== 'main')) results.fail(check, `trigger API requests came from ${from.join(', ')} (expected main only)`);
	return from;
}

async function phaseTrigger(ctx) {
	const { cluster, results, recorder, trigSandbox } = ctx;
	if (recorder.events.length) results.fail('trigger', `activation poll 1 (baseline) emitted ${recorder.events.length} item(s)`);
	const channels = trigSandbox.store.channels.map((c) => c.id);
	ctx.wave1 = await injectWave(trigSandbox, {
		messages: [{ text: 'queue message 1' }, { text: 'queue message 2', accountId: channels[1] }],
		orders: [{ title: 'queue order 1', price: 11 }, { title: 'queue order 2', price: 12 }],
	});
	ctx.outgoing = await admin(trigSandbox, 'POST', '/messages', { text: 'queue outgoing', direction: 'OUTGOING' });
	const before = await cursors(cluster);
	// Activation poll 2: main restarts, the workers keep running.
	await cluster.restart('main');
	await awaitDeliveries(ctx, { newMessage: 2, newOrder: 2 }, 'wave 1 from activation poll 2');
	const after = await cursors(cluster);
	for (const event of Object.keys(EVENT_NODES)) {
		const got = delivered(recorder, event).map((e) => e.item.id);
		const expected = ctx.wave1[event].map((e) => e.id);
		if (JSON.stringify(got) !== JSON.stringify(expected)) results.fail('trigger', `${event}: expected ${expected.join(',')} once each, got ${got.join(',') || 'nothing'}`);
		if (before[event] === after[event]) results.fail('trigger', `${event}: the cursor in Postgres did not move with poll 2`);
		const fromWorkers = delivered(recorder, event).every((e) => cluster.workerRoles.includes(e.owner));
		if (!fromWorkers) results.fail('trigger', `${event}: posted by ${delivered(recorder, event).map((e) => e.owner).join(', ')} (expected workers)`);
	}
	if (recorder.events.some((e) => e.item?.id === ctx.outgoing.id)) results.fail('trigger', 'emitted an OUTGOING message');
	const execs = (await cluster.executions(W.TRIGGER_ID)).filter((e) => e.mode === 'trigger');
	if (execs.length !== 2 || execs.some((e) => e.status !== 'success')) results.fail('trigger', `expected 2 successful trigger executions, n8n saved ${JSON.stringify(execs)}`);
	const startedBy = cluster.startedBy();
	for (const e of execs) if (!(startedBy.get(e.id) || []).length) results.fail('trigger', `trigger execution ${e.id} was not run by a worker`);
	const from = checkPollsOnMain(ctx, 'trigger');
	results.note('trigger', `${ctx.trigProxy.log.length} trigger API requests so far, from ${from.join(', ')}`);
	results.pass('trigger');
}

/**
 * A worker SIGKILLed while one of its executions waits on its HTTP write (the recorder holds the
 * post open). Round 1: the worker stays down until n8n has dealt with the job (what n8n's queue
 * does: 1.x re-runs it on the other worker, 2.x fails it). Round 2: it is restarted at once with
 * its user folder (a container restart with its volume): n8n reads its own event log at boot.
 */
async function phaseCrash(ctx) {
	const { results, figures, recorder } = ctx;
	ctx.wave2 = { newMessage: [], newOrder: [] };
	figures.crash = [];
	for (const [round, restartAtOnce] of [
		[1, false],
		[2, true],
	]) {
		const figure = await crashRound(ctx, round, restartAtOnce);
		figures.crash.push(figure);
		for (const event of Object.keys(EVENT_NODES)) ctx.wave2[event].push(...figure.wave[event]);
	}
	// Every event of both rounds reached the recorder, each from one execution only (the trigger
	// emitted it once); a second post from the same execution is n8n re-running it.
	for (const event of Object.keys(EVENT_NODES)) {
		for (const item of ctx.wave2[event]) {
			const posts = delivered(recorder, event).filter((e) => e.item.id === item.id);
			const executions = new Set(posts.map((p) => String(p.executionId)));
			if (!posts.length) results.fail('crash', `${event} ${item.id} never arrived`);
			if (executions.size > 1) results.fail('crash', `${event} ${item.id} emitted by ${executions.size} executions (${[...executions].join(', ')})`);
		}
	}
	const resent = recorder.events.length - new Set(recorder.events.map((e) => `${e.event}:${e.item.id}:${e.executionId}`)).size;
	results.note('crash', `writes sent again by a re-run: ${resent}`);
	results.pass('crash');
}

/** One crash round (see phaseCrash); notes and failures go to `check`. Resolves its figures. */
async function crashRound(ctx, round, restartAtOnce, check = 'crash') {
	const { cluster, results, recorder, trigSandbox } = ctx;
	const channel = trigSandbox.store.channels[1 + round].id;
	const wave = await injectWave(trigSandbox, { messages: [{ text: `queue crash ${round} message`, accountId: channel }], orders: [{ title: `queue crash ${round} order`, price: 20 + round }] });
	const known = new Set((await cluster.executions(W.TRIGGER_ID)).map((e) => e.id));
	const held = recorder.holdNext();
	// An activation poll emits the wave; the first post of its executions is held open.
	await cluster.restart('main');
	const hold = await Promise.race([held, sleep(WAIT_MS).then(() => null)]);
	if (!hold) throw new Error(`crash round ${round}: no execution posted the wave to the recorder`);
	const victim = hold.owner;
	if (!cluster.workerRoles.includes(victim)) throw new Error(`crash round ${round}: the held post came from ${victim}, not a worker`);
	const running = (await cluster.executions(W.TRIGGER_ID)).filter((e) => !known.has(e.id) && !FINAL.has(e.status));
	// The victim's unfinished executions: the held one, and any other its log shows it started.
	const startedBefore = cluster.startedBy();
	const victimIds = new Set(running.filter((e) => e.id === String(hold.event.executionId) || (startedBefore.get(e.id) || []).includes(victim)).map((e) => e.id));
	const killedAt = Date.now();
	await cluster.kill(victim);
	hold.release();
	log(`crash round ${round}: killed ${victim} (SIGKILL) while execution ${hold.event.executionId} waited on its HTTP write; unfinished: ${running.map((e) => e.id).join(', ')}`);
	if (restartAtOnce) await cluster.start(victim);
	const settled = await waitFor(
		async () => {
			const list = (await cluster.executions(W.TRIGGER_ID)).filter((e) => !known.has(e.id));
			return list.length >= 2 && list.every((e) => FINAL.has(e.status)) && list;
		},
		{ timeoutMs: 180000, intervalMs: 1000, what: `crash round ${round}: the executions of the wave to reach a final state` },
	);
	const settledAfter = Math.round((Date.now() - killedAt) / 1000);
	if (!restartAtOnce) await cluster.start(victim);
	const startedBy = cluster.startedBy();
	const hit = [];
	for (const e of settled) {
		if (!victimIds.has(e.id)) continue;
		const data = await cluster.executionData(e.id);
		const by = startedBy.get(e.id) || [];
		hit.push({
			id: e.id,
			status: e.status,
			starts: by.length,
			runs: `${by.length}× (${by.join(', ')})`,
			posts: recorder.events.filter((r) => String(r.executionId) === e.id).length,
			error: data?.resultData?.error?.message,
			triggerKept: Object.values(EVENT_NODES).some((n) => data?.resultData?.runData?.[n]),
		});
	}
	const how = restartAtOnce ? 'worker restarted at once' : 'worker down until n8n settled it';
	for (const c of hit) {
		results.note(check, `round ${round} (${how}): execution ${c.id} ${c.status} ${settledAfter} s after the kill, started ${c.runs}, ${c.posts} post(s) of its item${c.error ? `, error "${c.error.slice(0, 80)}…"` : ''}, trigger items ${c.triggerKept ? 'kept' : 'not kept'} in its saved data`);
	}
	if (!hit.length) results.fail(check, `round ${round}: no execution of ${victim} was unfinished when it was killed`);
	return { round, restartAtOnce, victim, settledAfter, wave, executions: hit };
}

async function phaseRestart(ctx) {
	const { cluster, results, recorder, trigSandbox } = ctx;
	const channels = trigSandbox.store.channels.map((c) => c.id);
	const before = await cursors(cluster);
	const seen = recorder.events.length;
	await cluster.stop('main');
	// Injected while main is down, between two activation polls.
	ctx.wave3 = await injectWave(trigSandbox, { messages: [{ text: 'queue message 4', accountId: channels[3] }], orders: [{ title: 'queue order 4', price: 14 }] });
	await cluster.start('main');
	const counts = Object.fromEntries(Object.keys(EVENT_NODES).map((e) => [e, delivered(recorder, e).length + 1]));
	await awaitDeliveries(ctx, counts, 'wave 3 from the next activation poll');
	const fresh = recorder.events.slice(seen);
	for (const event of Object.keys(EVENT_NODES)) {
		const got = fresh.filter((e) => e.event === event).map((e) => e.item.id);
		const expected = ctx.wave3[event].map((e) => e.id);
		if (JSON.stringify(got) !== JSON.stringify(expected)) results.fail('restart', `${event}: the poll emitted ${got.join(',') || 'nothing'}, expected only ${expected.join(',')}`);
	}
	const after = await cursors(cluster);
	for (const event of Object.keys(EVENT_NODES)) if (before[event] === after[event]) results.fail('restart', `${event}: the cursor in Postgres did not move with the poll`);
	// Over all five polls: each incoming event from exactly one execution, none missing, no outgoing.
	for (const event of Object.keys(EVENT_NODES)) {
		for (const item of [...ctx.wave1[event], ...ctx.wave2[event], ...ctx.wave3[event]]) {
			const executions = new Set(delivered(recorder, event).filter((e) => e.item.id === item.id).map((e) => String(e.executionId)));
			if (executions.size !== 1) results.fail('restart', `${event} ${item.id}: delivered by ${executions.size} executions`);
		}
	}
	if (recorder.events.some((e) => e.item?.id === ctx.outgoing.id)) results.fail('restart', 'emitted an OUTGOING message');
	const execs = (await cluster.executions(W.TRIGGER_ID)).filter((e) => e.mode === 'trigger');
	if (execs.length !== 8) results.fail('restart', `expected 8 trigger executions (2 per poll with events: waves 1, crash 1, crash 2, 3), n8n saved ${execs.length}`);
	const from = checkPollsOnMain(ctx, 'restart');
	results.note('restart', `${ctx.trigProxy.log.length} trigger API requests over 5 polls, from ${from.join(', ')}; ${execs.length} trigger executions`);
	results.pass('restart');
	// What the crashed executions show in the end (n8n may still change them after they first settled).
	for (const round of ctx.figures.crash || []) {
		for (const c of round.executions) {
			const now = execs.find((e) => e.id === c.id);
			const data = await cluster.executionData(c.id);
			c.finalStatus = now?.status;
			c.finalError = data?.resultData?.error?.message;
			c.finalKept = Object.values(EVENT_NODES).some((n) => data?.resultData?.runData?.[n]);
			results.note('crash', `round ${round.round}: execution ${c.id} at the end of the run: ${c.finalStatus}${c.finalError ? ` ("${c.finalError.slice(0, 60)}…")` : ''}, trigger items ${c.finalKept ? 'kept' : 'not kept'}`);
		}
	}
}

/**
 * test:webhook's checks against an `n8n webhook` process, started here and stopped after: the
 * sandbox posts to its port only. That process runs the trigger's webhook() — the answer to
 * Leeloo, the refusals, the person lookups (E07, seen by the proxy) — and queues each execution,
 * which a worker runs (its post to the recorder, its worker log).
 */
async function phaseWebhook(ctx) {
	const { cluster, results, figures, hookSandbox, hookProxy, hookRecorder } = ctx;
	const booting = Date.now();
	const hook = await cluster.start('webhook');
	await H.webhookReady(hook.port, WAIT_MS);
	figures.webhookBoot = Math.round((Date.now() - booting) / 1000);
	await admin(hookSandbox, 'PUT', '/webhook', { url: H.productionUrl(hook.port) });
	const all = () => cluster.executions(H.WORKFLOW_ID);
	const idsNow = async () => new Set((await all()).map((e) => e.id));
	const freshSince = async (known) => (await all()).filter((e) => !known.has(e.id));
	// A shortfall is reported by the checks below, not as a timeout.
	const settle = (known, count, what) => nextFinished(cluster, H.WORKFLOW_ID, known, count, what).catch(() => []);

	let known = await idsNow();
	const made = await H.causeEachEvent(hookSandbox);
	const deliveries = await H.delivered(hookSandbox, 4);
	const posts = await H.recorded(hookRecorder, 4, WAIT_MS);
	await settle(known, 4, 'the executions of the 4 events to finish');
	for (const p of H.eventProblems({ deliveries, posts, runs: (await freshSince(known)).length, ...made })) results.fail('webhook', p);
	const latency = deliveries.map((d) => `${d.type} ${Math.max(...posts.filter((p) => p.item?.event === H.expectedItem(d.body).event).map((p) => p.at)) - d.sentAt} ms`);

	known = await idsNow();
	let mark = hookRecorder.events.length;
	const answers = await H.sendRefused(hookSandbox, hook.port);
	// Anything refused that still started an execution would have reached the recorder by now.
	await sleep(3000);
	for (const [what, got, want] of answers) if (got !== want) results.fail('refused', `${what}: HTTP ${got}, expected ${want}`);
	const refusedRuns = (await freshSince(known)).length;
	if (refusedRuns) results.fail('refused', `${refusedRuns} executions started by refused requests`);
	if (hookRecorder.events.length !== mark) results.fail('refused', `${hookRecorder.events.length - mark} items recorded from refused requests`);
	results.pass('refused');

	known = await idsNow();
	mark = hookRecorder.events.length;
	const started = Date.now();
	const burst = await H.sendBurst(hookSandbox, hook.port, BURST);
	const answered = (Date.now() - started) / 1000;
	await H.recorded(hookRecorder, mark + BURST, WAIT_MS);
	await settle(known, BURST, `the ${BURST} executions of the burst to finish`);
	const done = (Date.now() - started) / 1000;
	// A duplicate would arrive late: give it a moment before counting.
	await sleep(3000);
	const burstRuns = await freshSince(known);
	for (const p of H.burstProblems({ deliveries: burst, posts: hookRecorder.events.slice(mark), runs: burstRuns.length, count: BURST })) results.fail('burst', p);

	// Where it all ran: executions on the workers (their logs, their posts), the trigger on the webhook process.
	const startedBy = cluster.startedBy();
	const perWorker = Object.fromEntries(cluster.workerRoles.map((r) => [r, 0]));
	for (const e of await all()) {
		const check = burstRuns.some((b) => b.id === e.id) ? 'burst' : 'webhook';
		const by = startedBy.get(e.id) || [];
		if (e.mode !== 'webhook' || e.status !== 'success') results.fail(check, `execution ${e.id}: mode ${e.mode}, status ${e.status}`);
		if (by.length !== 1) results.fail(check, `execution ${e.id} started ${by.length}× by workers (${by.join(', ')})`);
		else perWorker[by[0]] += 1;
	}
	const posters = [...new Set(hookRecorder.events.map((e) => e.owner))];
	if (posters.some((o) => !cluster.workerRoles.includes(o))) results.fail('webhook', `the recorder got posts from ${posters.join(', ')} (expected workers)`);
	for (const [role, n] of Object.entries(perWorker)) if (!n) results.fail('webhook', `${role} ran none of the trigger's executions`);
	const lookups = [...new Set(hookProxy.log.map((r) => r.owner))];
	if (!hookProxy.log.length || lookups.some((o) => o !== 'webhook')) results.fail('webhook', `person lookups (E07) came from ${lookups.join(', ') || 'nobody'} (expected the webhook process)`);
	results.note('webhook', `webhook process ready ${figures.webhookBoot} s after its start; delivery → item recorded: ${latency.join(', ')}`);
	results.note('webhook', `executions per worker: ${Object.entries(perWorker).map(([r, n]) => `${r} ${n}`).join(', ')}; ${hookProxy.log.length} person lookups, all from ${lookups.join(', ')}`);
	results.note('burst', `${BURST} events: all answered in ${answered.toFixed(1)} s, all executions finished ${done.toFixed(1)} s after the send`);
	results.pass('webhook');
	results.pass('burst');
	await cluster.stop('webhook');
}

/**
 * Crash round 1 again (a worker SIGKILLed mid-write and kept down) with
 * QUEUE_WORKER_MAX_STALLED_COUNT=0 on main and the workers: n8n 1.x's queue (Bull) then fails a
 * stalled job instead of handing it to another worker. n8n 2.x removed the setting; it fails such
 * a job by default (crash round 1).
 */
async function phaseStalled(ctx) {
	const { install, cluster, results, figures, recorder } = ctx;
	if (install.line !== 1) {
		results.note('stalled', 'not run: n8n 2.x ignores QUEUE_WORKER_MAX_STALLED_COUNT and fails a stalled job anyway (crash round 1)');
		results.pass('stalled');
		return;
	}
	cluster.setEnv({ QUEUE_WORKER_MAX_STALLED_COUNT: '0' });
	// The workers now; main boots with it inside the round (its activation poll emits the wave).
	await Promise.all(cluster.workerRoles.map((role) => cluster.restart(role)));
	const figure = await crashRound(ctx, 3, false, 'stalled');
	figures.stalled = figure;
	// A re-run would post its item again: a moment more, then the executions once more.
	await sleep(5000);
	let twice = 0;
	for (const event of Object.keys(EVENT_NODES)) {
		for (const item of figure.wave[event]) {
			const posts = delivered(recorder, event).filter((e) => e.item.id === item.id);
			if (!posts.length) results.fail('stalled', `${event} ${item.id} never arrived`);
			if (posts.length > 1) twice += 1;
		}
	}
	if (twice) results.fail('stalled', `${twice} write(s) sent twice`);
	const now = await cluster.executions(W.TRIGGER_ID);
	for (const c of figure.executions) {
		const final = now.find((e) => e.id === c.id)?.status;
		if (c.status !== 'error' || final !== 'error') results.fail('stalled', `execution ${c.id} of the killed worker: ${c.status}, then ${final} (expected error)`);
		if (c.starts !== 1) results.fail('stalled', `execution ${c.id} started ${c.runs}`);
	}
	results.note('stalled', `writes sent twice: ${twice}; the killed worker's executions: ${figure.executions.map((c) => `${c.id} ${c.status} after ${figure.settledAfter} s`).join(', ')}`);
	results.pass('stalled');
}

async function main() {
	const started = Date.now();
	const lines = (process.env.QUEUE_LINES || '1,2').split(',').map((s) => Number(s.trim())).filter(Boolean);
	const services = {};
	// Ctrl-C / SIGTERM: stop n8n, then the databases, within a bounded time, then exit.
	const shutdown = async (code) => {
		const hard = setTimeout(() => process.exit(code), 45000);
		await services.current?.stopAll().catch(() => {});
		await Promise.all([services.pg?.stop(), services.redis?.stop()]).catch(() => {});
		clearTimeout(hard);
		process.exit(code);
	};
	process.once('SIGINT', () => shutdown(130));
	process.once('SIGTERM', () => shutdown(143));
	let failures = 1;
	try {
		const tgz = await buildAndPack();
		[services.pg, services.redis] = await Promise.all([startPostgres({ port: await freePort() }), startRedis({ port: await freePort() })]);
		const runs = [];
		for (const line of lines) runs.push(await runLine(line, tgz, services));
		failures = printSummary(CHECKS, runs, {
			title: 'queue mode check',
			seconds: ['setup', 'boot', 'ops', 'trigger', 'crash', 'restart', 'webhook', 'stalled', 'total'],
			rows: [[`worker lock/renew/stalled ms, concurrency`, () => `${Object.values(LOCKS).join('/')}, ${WORKER_CONCURRENCY}`]],
		});
	} finally {
		await Promise.all([services.pg?.stop(), services.redis?.stop()]);
	}
	log(`queue e2e finished in ${Math.round((Date.now() - started) / 1000)} s`);
	process.exit(failures ? 1 : 0);
}

main().catch((err) => {
	console.error(err.stack || err.message);
	process.exit(1);
});
