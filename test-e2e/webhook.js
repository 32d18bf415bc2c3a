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
const { WORKFLOW_ID, productionUrl, testUrl, webhookReady, webhookWorkflow, executions, recorded, delivered } = require('./lib/webhooks');

const BURST = 200;
const CHECKS = [
	['events', 'ORDER, SALE, SUBSCRIPTION, INCOMING_MESSAGE: one execution each, expected items'],
	['refused', 'no secret 401, wrong secret 403, not JSON 400, no type 400: no execution'],
	['burst', `${BURST} events at once: ${BURST} executions, none lost, none twice`],
	['listen', 'editor listening (test URL): the sandbox\'s event shows as the item'],
];

/** What the trigger must make of one delivered body (docs/leeloo-api.md#webhooks). */
function expectedItem(body, personId) {
	const d = Object.fromEntries(Object.entries(body.data).map(([key, value]) => [key, value === 'NOT_DEFINED' ? null : value]));
	switch (body.type) {
		case 'ORDER':
		case 'SALE':
			return {
				event: body.type === 'ORDER' ? 'order' : 'sale',
				orderId: d.order_id,
				accountId: d.account_id,
				personId,
				offerName: d.offer_name,
				price: d.price,
				currency: d.currency,
				email: d.email,
				phone: d.phone,
				createdAt: d.created_at,
				...(body.type === 'SALE' ? { paymentMethod: d.payment_method } : {}),
			};
		case 'SUBSCRIPTION':
			return { event: 'subscription', accountId: d.account_id, personId: d.person_id, tunnelId: d.tunnel_id, leadGenToolId: d.lead_gen_tool_id, createdAt: d.created_at };
		default:
			return { event: 'incomingMessage', id: d.message_id, accountId: d.account_id, personId, text: d.text, direction: null, type: null, createdAt: d.created_at };
	}
}

const sameJson = (a, b) => JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort()) && Object.keys(a).length === Object.keys(b).length;

async function checkEvents(results, { n8n, sandbox, recorder }) {
	const order = await admin(sandbox, 'POST', '/orders', { status: 'PENDING', price: 250 });
	const resolved = await httpRequest(`${sandbox.baseUrl}/orders/${order.id}`, {
		method: 'POST',
		headers: { 'X-Leeloo-AuthToken': sandbox.token },
		body: { status: 'RESOLVED', payment_date: '2026-12-04 10:00' },
	});
	if (resolved.status !== 200) throw new Error(`E12 RESOLVED: HTTP ${resolved.status} ${resolved.text.slice(0, 200)}`);
	await admin(sandbox, 'POST', '/subscriptions', {});
	const message = await admin(sandbox, 'POST', '/messages', { direction: 'INCOMING', text: 'Is it in stock?' });

	const deliveries = await delivered(sandbox, 4);
	const posts = await recorded(recorder, 4);
	const runs = await executions(n8n);
	results.check('events', (fail) => {
		const types = deliveries.map((d) => d.type).sort();
		if (JSON.stringify(types) !== JSON.stringify(['INCOMING_MESSAGE', 'ORDER', 'SALE', 'SUBSCRIPTION'])) fail(`the sandbox delivered ${types.join(', ')}`);
		for (const d of deliveries) if (d.status !== 200) fail(`${d.type} answered HTTP ${d.status ?? d.error}`);
		if (runs.length !== 4) fail(`${runs.length} executions, expected 4`);
		if (posts.length !== 4) fail(`${posts.length} recorded items, expected 4`);
		if (new Set(posts.map((p) => p.execution)).size !== posts.length) fail('two items came from one execution');
		for (const d of deliveries) {
			const personId = d.type === 'INCOMING_MESSAGE' ? message.personId : d.type === 'SUBSCRIPTION' ? d.body.data.person_id : order.personId;
			const want = expectedItem(d.body, personId);
			const got = posts.find((p) => p.item?.event === want.event)?.item;
			if (!got) fail(`no item for ${d.type}`);
			else if (!sameJson(got, want)) fail(`${d.type}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
		}
	});
	results.note('events', `delivery → item recorded: ${deliveries.map((d) => `${d.type} ${Math.max(...posts.filter((p) => p.item?.event === expectedItem(d.body).event).map((p) => p.at)) - d.sentAt} ms`).join(', ')}`);
}

async function checkRefused(results, { n8n, sandbox, recorder }) {
	const before = (await executions(n8n)).length;
	const posts = recorder.events.length;
	const attempts = [
		['no secret', { url: productionUrl(n8n.port, null) }, { type: 'ORDER', count: 1 }, 401],
		['wrong secret', { url: productionUrl(n8n.port, 'not-the-secret') }, { type: 'ORDER', count: 1 }, 403],
		['not JSON', { url: productionUrl(n8n.port) }, { raw: 'an order was placed', contentType: 'text/plain' }, 400],
		['no type', { url: productionUrl(n8n.port) }, { raw: JSON.stringify({ data: { order_id: 'x' } }), contentType: 'text/plain' }, 400],
	];
	const answers = [];
	for (const [what, setting, send, status] of attempts) {
		await admin(sandbox, 'DELETE', '/webhooks');
		await admin(sandbox, 'PUT', '/webhook', setting);
		await admin(sandbox, 'POST', '/webhooks/send', send);
		const [delivery] = await delivered(sandbox, 1);
		answers.push([what, delivery.status, status]);
	}
	await admin(sandbox, 'PUT', '/webhook', { url: productionUrl(n8n.port) });
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
	await admin(sandbox, 'DELETE', '/webhooks');
	await admin(sandbox, 'PUT', '/webhook', { url: productionUrl(n8n.port), timeoutMs: 120000 });
	const started = Date.now();
	await admin(sandbox, 'POST', '/webhooks/send', { type: 'INCOMING_MESSAGE', count: BURST });
	const deliveries = await delivered(sandbox, BURST, 120000);
	const all = await recorded(recorder, posts + BURST, 240000);
	const seconds = (Date.now() - started) / 1000;
	// A duplicate would arrive late: give it a moment before counting.
	await sleep(3000);
	const burst = recorder.events.slice(posts);
	const runs = (await executions(n8n)).length - before;
	results.check('burst', (fail) => {
		const refused = deliveries.filter((d) => d.status !== 200);
		if (refused.length) fail(`${refused.length} deliveries not answered 200, e.g. ${refused[0].status ?? refused[0].error}`);
		const sent = new Set(deliveries.map((d) => d.body.data.message_id));
		const got = burst.map((p) => p.item?.id);
		const unique = new Set(got);
		if (sent.size !== BURST) fail(`the sandbox sent ${sent.size} distinct messages`);
		if (unique.size !== got.length) fail(`${got.length - unique.size} items twice`);
		const lost = [...sent].filter((id) => !unique.has(id));
		if (lost.length) fail(`${lost.length} events lost`);
		if (runs !== BURST) fail(`${runs} executions, expected ${BURST}`);
		if (burst.some((p) => !p.item?.personId)) fail('an item without personId');
	});
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
