#!/usr/bin/env node
'use strict';
// npm run test:webhook — the Leeloo Webhook Trigger in real n8n 1.x and 2.x, fed by the sandbox,
// which posts Leeloo's webhooks when things happen in it (sandbox/webhooks.js).
//
// Per n8n line: one active workflow *Leeloo Webhook Trigger (all events, a secret, Look Up
// Person) → HTTP Request to a recorder*, n8n started once; then
//   1. an order injected (ORDER), the order resolved through E12 (SALE), a subscription and an
//      incoming message (SUBSCRIPTION, INCOMING_MESSAGE): each exactly one execution, with the
//      item the sandbox's payload implies (the message's personId looked up through E07);
//   2. refused: no secret (401), a wrong one (403), a body that is not JSON and one without a
//      type (400), all delivered by the sandbox: no execution;
//   3. a burst of 200 incoming messages posted at once: 200 executions, none lost or twice;
//   4. the editor listening for a test event (a manual run through n8n's REST API): the sandbox's
//      event posted to the test URL runs the workflow with the item.
// Executions are counted in n8n's database, items read from the recorder.
//
// Env: WEBHOOK_LINES=1,2 (default both) · E2E_KEEP=1 keeps the user folders.
const { httpRequest, sleep } = require('../scripts/n8n-harness/proc');
const { Results } = require('./lib/report');
const { withStage, runScript, abortChecks, linesFrom, admin } = require('./lib/stage');
const {
	WORKFLOW_ID,
	productionUrl,
	testUrl,
	webhookReady,
	webhookWorkflow,
	executions,
	recorded,
	delivered,
	expectedItem,
	causeEachEvent,
	eventProblems,
	sendRefused,
	sendBurst,
	burstProblems,
} = require('./lib/webhooks');

const BURST = 200;
const CHECKS = [
	['events', 'ORDER, SALE, SUBSCRIPTION, INCOMING_MESSAGE: one execution each, expected items'],
	['refused', 'no secret 401, wrong secret 403, not JSON 400, no type 400: no execution'],
	['burst', `${BURST} events at once: ${BURST} executions, none lost, none twice`],
	['listen', 'editor listening (test URL): the sandbox\'s event shows as the item'],
];

async function checkEvents(results, { n8n, sandbox, recorder }) {
	const made = await causeEachEvent(sandbox);
	const deliveries = await delivered(sandbox, 4);
	const posts = await recorded(recorder, 4);
	const runs = (await executions(n8n)).length;
	results.check('events', (fail) => eventProblems({ deliveries, posts, runs, ...made }).forEach(fail));
	results.note('events', `delivery → item recorded: ${deliveries.map((d) => `${d.type} ${Math.max(...posts.filter((p) => p.item?.event === expectedItem(d.body).event).map((p) => p.at)) - d.sentAt} ms`).join(', ')}`);
}

async function checkRefused(results, { n8n, sandbox, recorder }) {
	const before = (await executions(n8n)).length;
	const posts = recorder.events.length;
	const answers = await sendRefused(sandbox, n8n.port);
	// Anything refused that still started an execution would have reached the recorder by now.
	await sleep(3000);
	const after = (await executions(n8n)).length;
	results.check('refused', (fail) => {
		for (const [what, got, want] of answers) if (got !== want) fail(`${what}: HTTP ${got}, expected ${want}`);
		if (after !== before) fail(`${after - before} executions started by refused requests`);
		if (recorder.events.length !== posts) fail(`${recorder.events.length - posts} items recorded from refused requests`);
	});
}

async function checkBurst(results, { n8n, sandbox, recorder }) {
	const before = (await executions(n8n)).length;
	const posts = recorder.events.length;
	const started = Date.now();
	const deliveries = await sendBurst(sandbox, n8n.port, BURST);
	const all = await recorded(recorder, posts + BURST, 240000);
	const seconds = (Date.now() - started) / 1000;
	// A duplicate would arrive late: give it a moment before counting.
	await sleep(3000);
	const runs = (await executions(n8n)).length - before;
	results.check('burst', (fail) => burstProblems({ deliveries, posts: recorder.events.slice(posts), runs, count: BURST }).forEach(fail));
	results.note('burst', `${BURST} events: ${all.length - posts} items in ${seconds.toFixed(1)} s`);
}

/**
 * What the editor does on "Listen for test event": a manual run from the trigger through n8n's REST
 * API, which registers the test URL until one request arrives; the sandbox then posts to it.
 */
async function checkListen(results, { n8n, sandbox, recorder }) {
	const auth = await n8n.login({ email: 'e2e@example.com', password: 'LeelooE2e1' });
	if (!auth.ok) throw new Error(auth.detail);
	const headers = { cookie: auth.cookie, 'push-ref': 'e2e-listen' };
	const saved = await httpRequest(`${n8n.url}/rest/workflows/${WORKFLOW_ID}`, { headers });
	const run = await httpRequest(`${n8n.url}/rest/workflows/${WORKFLOW_ID}/run`, {
		method: 'POST',
		headers,
		// n8n 1.x runs the workflow it is sent, n8n 2.x the saved one.
		body: { workflowData: saved.json?.data, triggerToStartFrom: { name: 'Leeloo Webhook Trigger' } },
	});
	const posts = recorder.events.length;
	await admin(sandbox, 'DELETE', '/webhooks');
	await admin(sandbox, 'PUT', '/webhook', { url: testUrl(n8n.port) });
	await admin(sandbox, 'POST', '/webhooks/send', { type: 'ORDER', count: 1 });
	const [delivery] = await delivered(sandbox, 1);
	await admin(sandbox, 'PUT', '/webhook', { url: productionUrl(n8n.port) });
	const [post] = (await recorded(recorder, posts + 1, 60000)).slice(posts);
	results.check('listen', (fail) => {
		if (run.status !== 200 || run.json?.data?.waitingForWebhook !== true) fail(`the manual run did not wait for the webhook: HTTP ${run.status} ${run.text.slice(0, 200)}`);
		if (delivery.status !== 200) fail(`the test URL answered HTTP ${delivery.status ?? delivery.error}`);
		if (!post) fail('no item from the test event');
		else if (post.item?.event !== 'order' || post.item?.orderId !== delivery.body.data.order_id) fail(`item ${JSON.stringify(post.item)}`);
	});
}

async function runLine(line, tgz) {
	const results = new Results();
	const timings = {};
	const t0 = Date.now();
	let label = `n8n ${line}.x`;
	try {
		await withStage({ line, tgz, prefix: 'leeloo-webhook-', sandbox: (port) => ({ people: 20, seed: 3, webhookUrl: productionUrl(port) }) }, async (stage) => {
			label = `n8n ${stage.install.version}`;
			await stage.n8n.importWorkflows([webhookWorkflow(stage.recorder.url)]);
			await stage.n8n.activate(WORKFLOW_ID);
			await stage.n8n.start();
			await webhookReady(stage.n8n.port);
			timings.setup = Math.round((Date.now() - t0) / 1000);
			for (const [check, run] of [
				['events', checkEvents],
				['refused', checkRefused],
				['burst', checkBurst],
				['listen', checkListen],
			]) {
				const t = Date.now();
				try {
					await run(results, stage);
				} catch (err) {
					results.fail(check, `aborted: ${err.message.split('\n')[0]}`);
				}
				timings[check] = Math.round((Date.now() - t) / 1000);
			}
		});
	} catch (err) {
		abortChecks(results, CHECKS, err);
	}
	timings.total = Math.round((Date.now() - t0) / 1000);
	return { label, results, timings };
}

runScript({
	name: 'test:webhook',
	lines: linesFrom('WEBHOOK_LINES'),
	checks: CHECKS,
	runLine,
	summary: { seconds: ['setup', 'events', 'refused', 'burst', 'listen', 'total'] },
});
