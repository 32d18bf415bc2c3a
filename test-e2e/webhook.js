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
//   3. a burst of 200 incoming messages posted at once: 200 executions, none lost or twice.
// Executions are counted in n8n's database, items read from the recorder.
//
// Env: WEBHOOK_LINES=1,2 (default both) · E2E_KEEP=1 keeps the user folders.
const { sleep } = require('../scripts/lib/proc');
const { Results } = require('./lib/report');
const { withStage, runScript, linesFrom } = require('./lib/stage');
const {
	WORKFLOW_ID,
	productionUrl,
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
		for (const [check] of CHECKS) if (results.get(check).ok !== true) results.fail(check, `run aborted: ${err.message.split('\n')[0]}`);
	}
	timings.total = Math.round((Date.now() - t0) / 1000);
	return { label, results, timings };
}

runScript({
	name: 'test:webhook',
	lines: linesFrom('WEBHOOK_LINES'),
	checks: CHECKS,
	runLine,
	summary: { seconds: ['setup', 'events', 'refused', 'burst', 'total'] },
});
