#!/usr/bin/env node
'use strict';
// npm run test:e2e — the package in real n8n, against the sandbox, on the newest n8n 1.x and 2.x.
//
// Per n8n line, in a fresh temporary N8N_USER_FOLDER: install the packed package into
// .n8n/nodes/node_modules (where n8n loads community packages), import a credential and two
// workflows, run the operations workflow once with `n8n execute`, then activate the trigger
// workflow and start n8n three times (baseline, then new events injected before each restart),
// and check outputs, the sandbox's recorded requests, and n8n's saved executions/static data.
// The example workflows of examples/ run too (test-e2e/examples.js).
//
// Env: E2E_LINES=1,2 (default both) · E2E_KEEP=1 keeps the user folders · N8N_UPDATE=1 looks for
// newer n8n releases than the cached ones · LEELOO_CACHE_DIR moves the cache.
const fs = require('fs');
const path = require('path');
const { log, httpRequest, waitFor, sleep } = require('../scripts/n8n-harness/proc');
const W = require('./workflows');
const { Results } = require('./lib/report');
const { executionError } = require('./lib/executions');
const { withStage, runScript, abortChecks, linesFrom, admin } = require('./lib/stage');
const E = require('./examples');

const RESOURCES = ['call', 'communicationChannel', 'connection', 'message', 'messageTemplate', 'order', 'person', 'tag', 'trafficSource', 'tunnel', 'user'];
const CHECKS = [
	['package', 'package loads, credential sends the token'],
	...RESOURCES.map((r) => [r, `resource ${r}`]),
	['returnAll', 'Return All across 3 pages (250 people)'],
	['fault', 'failures: reads retried (429, 500), a write applied then 502 not resent, errors with retries off'],
	['timezone', 'Asia/Tokyo workflow: dates arrive in UTC'],
	['linking', "item linking: 3 items → Get Many by phone (2 people) → $('Source').item"],
	['trigger:newMessage', 'trigger newMessage: 3 activations, each event once'],
	['trigger:newOrder', 'trigger newOrder: 3 activations, each event once'],
	...E.CHECKS,
];
const PEOPLE = 250;
const WAIT_MS = 150000;

async function runLine(line, tgz) {
	const results = new Results();
	const timings = {};
	const t0 = Date.now();
	const lap = (name, since) => (timings[name] = Math.round((Date.now() - since) / 1000));
	let label = `n8n ${line}.x`;
	let n8n;
	try {
		await withStage(
			{ line, tgz, sandbox: { people: PEOPLE, seed: 1 }, credentials: ({ sandbox }) => [E.credential(sandbox)] },
			async (stage) => {
				const { install, installedAt, sandbox, recorder, userFolder } = stage;
				n8n = stage.n8n;
				label = `n8n ${install.version}`;
				timings.install = Math.round((installedAt - t0) / 1000);
				const state = await admin(sandbox, 'GET', '/state');
				const linking = linkingPeople(sandbox);
				const { workflow, steps } = W.mainWorkflow(state.ids, sandbox.adminUrl, linking.phones);
				await n8n.importWorkflows([workflow, W.triggerWorkflow(recorder.url), ...E.examples]);
				lap('setup', installedAt);

				// ---- operations: one execute runs every step
				let t = Date.now();
				await admin(sandbox, 'DELETE', '/requests');
				const run = await n8n.execute(W.MAIN_ID);
				lap('execute', t);
				const requests = await admin(sandbox, 'GET', '/requests');
				fs.writeFileSync(path.join(userFolder, 'e2e-run.json'), JSON.stringify(run, null, 1));
				fs.writeFileSync(path.join(userFolder, 'e2e-requests.json'), JSON.stringify(requests, null, 1));
				checkOperations(results, run, steps, requests);
				for (const problem of W.checkLinking(run, linking.people)) results.fail('linking', problem);
				results.pass('linking');

				// ---- examples 01 and 02 as `npm run dev -- --smoke` runs them (before the trigger's baseline)
				t = Date.now();
				await E.checkManualExamples(results, n8n);
				lap('examples', t);

				// ---- trigger: activation 1 (baseline), then new events before activations 2 and 3
				t = Date.now();
				await checkTrigger(results, n8n, sandbox, recorder);
				lap('trigger', t);
				fs.writeFileSync(path.join(userFolder, 'e2e-trigger-events.json'), JSON.stringify(recorder.events, null, 1));

				// ---- example 03: activated on its own, after the trigger rounds
				t = Date.now();
				await E.checkTriggerExample(results, n8n);
				lap('example03', t);

				// ---- example 04: the webhook trigger answers a message the sandbox posts about
				t = Date.now();
				await E.checkWebhookExample(results, n8n, sandbox);
				lap('example04', t);
			},
		);
	} catch (err) {
		log(`${label}: ${err.stack || err.message}`);
		abortChecks(results, CHECKS, err);
	}
	timings.boots = n8n?.boots;
	timings.total = Math.round((Date.now() - t0) / 1000);
	return { label, results, timings };
}

/**
 * Phones for the linking check: two people's, with nobody's between them; `people` are the ids
 * each phone finds. People the operations workflow changes are left out.
 */
function linkingPeople(sandbox) {
	const [first, second] = sandbox.store.people.slice(10).filter((p) => /^\+380\d{9}$/.test(p.phone));
	return { phones: [first.phone, '+380000000000', second.phone], people: [[first.id], [], [second.id]] };
}

function checkOperations(results, run, steps, requests) {
	const runData = run?.data?.resultData?.runData || {};
	const leelooRan = steps.some((s) => runData[s.name]);
	const topError = run?.data?.resultData?.error;
	if (!leelooRan) results.fail('package', `no Leeloo node ran${topError ? `: ${topError.message}` : ''}`);
	else if (topError) results.fail('package', `execution error: ${topError.message}`);
	const unauthorized = requests.filter((r) => r.authorized === false);
	if (unauthorized.length) results.fail('package', `${unauthorized.length} request(s) without the right token, e.g. ${unauthorized[0].method} ${unauthorized[0].path}`);
	if (!requests.length) results.fail('package', 'the sandbox saw no request');
	results.pass('package');

	for (const step of steps) {
		const problems = W.checkStep(step, W.nodeOutput(run, step.name), requests);
		const groups = [step.group, ...(step.timezone ? ['timezone'] : [])];
		for (const group of groups) {
			for (const p of problems) results.fail(group, `${step.name}: ${p}`);
			results.pass(group);
		}
	}
}

async function checkTrigger(results, n8n, sandbox, recorder) {
	const events = { newMessage: 'New messages', newOrder: 'New orders' };
	const cursors = async () => {
		const rows = await n8n.query('SELECT staticData FROM workflow_entity WHERE id = ?', [W.TRIGGER_ID]);
		const data = rows[0] && rows[0].staticData ? JSON.parse(rows[0].staticData) : {};
		return Object.fromEntries(Object.entries(events).map(([event, nodeName]) => [event, data[`node:${nodeName}`]?.leelooCursor]));
	};
	const received = (event) => recorder.events.filter((e) => e.event === event).map((e) => e.item);

	await n8n.activate(W.TRIGGER_ID);

	// Activation 1: the first poll takes a baseline and emits nothing.
	await n8n.start();
	await waitFor(async () => Object.values(await cursors()).every(Boolean), { timeoutMs: WAIT_MS, intervalMs: 1000, what: 'both trigger cursors saved by activation 1' }).catch((err) => {
		for (const event of Object.keys(events)) results.fail(`trigger:${event}`, `${err.message}\n${tailOf(n8n.output)}`);
		throw err;
	});
	await sleep(2000);
	await n8n.stop();
	for (const event of Object.keys(events)) {
		if (received(event).length) results.fail(`trigger:${event}`, `activation 1 (baseline) emitted ${received(event).length} item(s)`);
	}
	const baseline = await cursors();

	// New events while n8n is stopped; activation 2 must emit exactly these.
	const channels = await httpRequest(`${sandbox.baseUrl}/communication-channels?limit=5`, { headers: { 'X-Leeloo-AuthToken': sandbox.token } });
	const otherChannel = channels.json.data.map((c) => c.id).find((id) => id !== sandbox.store.channels[0].id);
	const wave1 = {
		newMessage: [
			await admin(sandbox, 'POST', '/messages', { text: 'e2e message 1' }),
			await admin(sandbox, 'POST', '/messages', { text: 'e2e message 2', accountId: otherChannel }),
		],
		newOrder: [await admin(sandbox, 'POST', '/orders', { title: 'e2e order 1', price: 11 }), await admin(sandbox, 'POST', '/orders', { title: 'e2e order 2', price: 12 })],
	};
	// Sent to the person, so not emitted without Include Outgoing.
	const outgoing = await admin(sandbox, 'POST', '/messages', { text: 'e2e outgoing', direction: 'OUTGOING' });
	await activationRound(n8n, recorder, wave1, 2);

	const wave2 = {
		newMessage: [await admin(sandbox, 'POST', '/messages', { text: 'e2e message 3', accountId: otherChannel })],
		newOrder: [await admin(sandbox, 'POST', '/orders', { title: 'e2e order 3', price: 13 })],
	};
	await activationRound(n8n, recorder, { newMessage: [...wave1.newMessage, ...wave2.newMessage], newOrder: [...wave1.newOrder, ...wave2.newOrder] }, 3);
	const final = await cursors();

	const executions = await n8n.query('SELECT id, status, mode, finished FROM execution_entity WHERE workflowId = ? ORDER BY id', [W.TRIGGER_ID]);
	for (const event of Object.keys(events)) {
		const check = `trigger:${event}`;
		const expected = [...wave1[event], ...wave2[event]].map((e) => e.id);
		const got = received(event).map((i) => i.id);
		if (JSON.stringify(got) !== JSON.stringify(expected)) {
			results.fail(check, `expected ids ${expected.join(',')} once each in this order, got ${got.join(',') || 'nothing'}`);
		}
		if (event === 'newMessage') {
			if (got.includes(outgoing.id)) results.fail(check, 'emitted an OUTGOING message without Include Outgoing');
			const bad = received(event).filter((i) => !/^[0-9a-f]{24}$/.test(i.accountId || '') || !/^[0-9a-f]{24}$/.test(i.personId || ''));
			if (bad.length) results.fail(check, `items without accountId/personId: ${JSON.stringify(bad[0]).slice(0, 200)}`);
		}
		if (!baseline[event] || !final[event]) results.fail(check, 'no cursor in the workflow static data');
		else if (JSON.stringify(baseline[event]) === JSON.stringify(final[event])) results.fail(check, 'cursor never advanced in static data');
		results.pass(check);
	}
	const failed = executions.filter((e) => e.status !== 'success');
	if (executions.length !== 4 || failed.length) {
		const errors = [];
		for (const e of failed) {
			const error = await executionError(n8n, e.id).catch((err) => `could not read it: ${err.message}`);
			errors.push(`execution ${e.id} (${e.status}): ${error ?? 'no error recorded'}`);
		}
		const detail = `expected 4 successful trigger executions (2 per event), n8n saved ${executions.length}: ${JSON.stringify(executions).slice(0, 300)}${errors.length ? `\n  ${errors.join('\n  ')}` : ''}`;
		for (const event of Object.keys(events)) results.fail(`trigger:${event}`, detail);
	}
}

/** Starts n8n, waits until the recorder holds `expected` (cumulative) for both events, stops. */
async function activationRound(n8n, recorder, expected, round) {
	const count = (event) => recorder.events.filter((e) => e.event === event).length;
	await n8n.start();
	try {
		await waitFor(() => Object.entries(expected).every(([event, list]) => count(event) >= list.length), {
			timeoutMs: WAIT_MS,
			intervalMs: 500,
			what: `activation ${round} to emit ${Object.entries(expected).map(([e, l]) => `${l.length} ${e}`).join(' + ')} (got ${Object.keys(expected).map((e) => `${count(e)} ${e}`).join(' + ')})`,
		});
		// Give a duplicate a chance to show up before stopping.
		await sleep(3000);
	} catch (err) {
		err.message += `\n${tailOf(n8n.output)}`;
		throw err;
	} finally {
		await n8n.stop();
	}
}

const tailOf = (text, n = 25) => `--- n8n output (last ${n} lines) ---\n${String(text || '').trim().split('\n').slice(-n).join('\n')}`;

runScript({
	name: 'e2e',
	lines: linesFrom('E2E_LINES'),
	checks: CHECKS,
	runLine,
	summary: {
		seconds: ['install', 'setup', 'execute', 'examples', 'trigger', 'example03', 'example04', 'total'],
		rows: [['n8n boots (CLI commands + starts)', (r) => String(r.timings.boots ?? '-')]],
	},
});
