'use strict';
// What the webhook e2e runs (test-e2e/webhook.js, test-e2e/queue.js) and the latency benchmark
// share: the workflow *Leeloo Webhook Trigger → HTTP Request to a recorder*, the URL the sandbox
// posts to, waits on the sandbox's deliveries and the recorder's posts, the events, refusals and
// bursts the sandbox sends, and what the trigger must make of them.
const { httpRequest, waitFor } = require('../../scripts/n8n-harness/proc');
const { node, CREDENTIAL } = require('../workflows');
const { admin } = require('./stage');

const WORKFLOW_ID = 'e2eLeelooHook';
const WEBHOOK_ID = '5c0c8d1e-6f4e-4d55-9f5a-9d1e2b3c4d5e';
const SECRET = 'e2e-hook-secret-7c41';
/** n8n's production URL of the workflow's trigger (secret null: without ?secret=). */
const productionUrl = (port, secret = SECRET) => `http://127.0.0.1:${port}/webhook/${WEBHOOK_ID}/webhook${secret === null ? '' : `?secret=${secret}`}`;

/** The test URL n8n serves while the editor listens for a test event. */
const testUrl = (port) => `http://127.0.0.1:${port}/webhook-test/${WEBHOOK_ID}/webhook?secret=${SECRET}`;

/**
 * Waits until n8n serves the trigger's production URL: n8n answers /healthz before it has
 * registered the webhooks of active workflows, and while it starts up it answers every other path
 * 200 "n8n is starting up. Please wait". The probe's type is one the trigger does not know, so the
 * trigger itself answers {received: 1, started: false} and starts nothing.
 */
async function webhookReady(port, timeoutMs = 120000) {
	const probe = async () => {
		const res = await httpRequest(productionUrl(port), { method: 'POST', body: { type: 'E2E_PROBE', data: {} } });
		return res.status === 200 && res.json?.received === 1 && res.json.started === false;
	};
	await waitFor(probe, {
		timeoutMs,
		intervalMs: 250,
		what: 'the webhook trigger registered',
	});
}

/** The workflow; `parameters` are the trigger's (default: all events, a secret, Look Up Person). */
function webhookWorkflow(recorderUrl, parameters = { events: ['order', 'sale', 'subscription', 'incomingMessage'], lookUpPerson: true, options: { secret: SECRET } }) {
	const record = '={{ JSON.stringify({ item: $json, execution: $execution.id }) }}';
	return {
		id: WORKFLOW_ID,
		name: 'E2E webhook trigger',
		active: false,
		nodes: [
			node('Leeloo Webhook Trigger', 'n8n-nodes-leeloo.leelooWebhookTrigger', 1, parameters, [0, 0], {
				webhookId: WEBHOOK_ID,
				credentials: { leelooApi: CREDENTIAL },
			}),
			node('Record', 'n8n-nodes-base.httpRequest', 4.2, { method: 'POST', url: `${recorderUrl}/webhook`, sendBody: true, specifyBody: 'json', jsonBody: record, options: {} }, [240, 0]),
		],
		connections: { 'Leeloo Webhook Trigger': { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** The saved executions of the workflow, from n8n's database. */
async function executions(n8n) {
	return await n8n.query('SELECT id, status FROM execution_entity WHERE "workflowId" = ?', [WORKFLOW_ID]);
}

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

/**
 * Makes the sandbox send one webhook of each type: an order injected (ORDER), resolved through
 * E12 (SALE), a subscription (SUBSCRIPTION) and an incoming message (INCOMING_MESSAGE). Returns
 * the order and the message, which the expected items need.
 */
async function causeEachEvent(sandbox) {
	const order = await admin(sandbox, 'POST', '/orders', { status: 'PENDING', price: 250 });
	const resolved = await httpRequest(`${sandbox.baseUrl}/orders/${order.id}`, {
		method: 'POST',
		headers: { 'X-Leeloo-AuthToken': sandbox.token },
		body: { status: 'RESOLVED', payment_date: '2026-12-04 10:00' },
	});
	if (resolved.status !== 200) throw new Error(`E12 RESOLVED: HTTP ${resolved.status} ${resolved.text.slice(0, 200)}`);
	await admin(sandbox, 'POST', '/subscriptions', {});
	const message = await admin(sandbox, 'POST', '/messages', { direction: 'INCOMING', text: 'Is it in stock?' });
	return { order, message };
}

/**
 * What is wrong with the four deliveries of causeEachEvent(), the recorded posts ({ item,
 * execution }) and the number of executions n8n saved for them; [] when nothing.
 */
function eventProblems({ deliveries, posts, runs, order, message }) {
	const problems = [];
	const types = deliveries.map((d) => d.type).sort();
	if (JSON.stringify(types) !== JSON.stringify(['INCOMING_MESSAGE', 'ORDER', 'SALE', 'SUBSCRIPTION'])) problems.push(`the sandbox delivered ${types.join(', ')}`);
	for (const d of deliveries) if (d.status !== 200) problems.push(`${d.type} answered HTTP ${d.status ?? d.error}${d.answer ? `: ${d.answer.slice(0, 100)}` : ''}`);
	if (runs !== 4) problems.push(`${runs} executions, expected 4`);
	if (posts.length !== 4) problems.push(`${posts.length} recorded items, expected 4`);
	if (new Set(posts.map((p) => p.execution)).size !== posts.length) problems.push('two items came from one execution');
	for (const d of deliveries) {
		const personId = d.type === 'INCOMING_MESSAGE' ? message.personId : d.type === 'SUBSCRIPTION' ? d.body.data.person_id : order.personId;
		const want = expectedItem(d.body, personId);
		const got = posts.find((p) => p.item?.event === want.event)?.item;
		if (!got) problems.push(`no item for ${d.type}`);
		else if (!sameJson(got, want)) problems.push(`${d.type}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
	}
	return problems;
}

/**
 * Has the sandbox deliver four requests the trigger must refuse to n8n on `port` (no secret, a
 * wrong one, a body that is not JSON, one without a type), then sets the production URL again.
 * Returns [what, status answered, status expected] per request.
 */
async function sendRefused(sandbox, port) {
	const attempts = [
		['no secret', { url: productionUrl(port, null) }, { type: 'ORDER', count: 1 }, 401],
		['wrong secret', { url: productionUrl(port, 'not-the-secret') }, { type: 'ORDER', count: 1 }, 403],
		['not JSON', { url: productionUrl(port) }, { raw: 'an order was placed', contentType: 'text/plain' }, 400],
		['no type', { url: productionUrl(port) }, { raw: JSON.stringify({ data: { order_id: 'x' } }), contentType: 'text/plain' }, 400],
	];
	const answers = [];
	for (const [what, setting, send, status] of attempts) {
		await admin(sandbox, 'DELETE', '/webhooks');
		await admin(sandbox, 'PUT', '/webhook', setting);
		await admin(sandbox, 'POST', '/webhooks/send', send);
		const [delivery] = await delivered(sandbox, 1);
		answers.push([what, delivery.status, status]);
	}
	await admin(sandbox, 'PUT', '/webhook', { url: productionUrl(port) });
	return answers;
}

/** Has the sandbox deliver `count` INCOMING_MESSAGE webhooks at once to n8n on `port`; resolves them once all are answered. */
async function sendBurst(sandbox, port, count) {
	await admin(sandbox, 'DELETE', '/webhooks');
	await admin(sandbox, 'PUT', '/webhook', { url: productionUrl(port), timeoutMs: 120000 });
	await admin(sandbox, 'POST', '/webhooks/send', { type: 'INCOMING_MESSAGE', count });
	return delivered(sandbox, count, 120000);
}

/**
 * What is wrong with a burst of `count` INCOMING_MESSAGE deliveries, the posts recorded since it
 * started and the number of executions n8n saved for it; [] when nothing.
 */
function burstProblems({ deliveries, posts, runs, count }) {
	const problems = [];
	const refused = deliveries.filter((d) => d.status !== 200);
	if (refused.length) problems.push(`${refused.length} deliveries not answered 200, e.g. ${refused[0].status ?? refused[0].error}`);
	const sent = new Set(deliveries.map((d) => d.body.data.message_id));
	const got = posts.map((p) => p.item?.id);
	const unique = new Set(got);
	if (sent.size !== count) problems.push(`the sandbox sent ${sent.size} distinct messages`);
	if (unique.size !== got.length) problems.push(`${got.length - unique.size} items twice`);
	const lost = [...sent].filter((id) => !unique.has(id));
	if (lost.length) problems.push(`${lost.length} events lost`);
	if (runs !== count) problems.push(`${runs} executions, expected ${count}`);
	if (posts.some((p) => !p.item?.personId)) problems.push('an item without personId');
	return problems;
}

/** Waits until the recorder holds `count` posts (or the time is up), then returns them. */
async function recorded(recorder, count, timeoutMs = 120000) {
	await waitFor(async () => recorder.events.length >= count, { timeoutMs, intervalMs: 250, what: `${count} recorded executions` }).catch(() => {});
	return recorder.events;
}

/** Waits until the sandbox has an answer for `count` deliveries, then returns them (JSON bodies parsed). */
async function delivered(sandbox, count, timeoutMs = 60000) {
	let deliveries = [];
	await waitFor(
		async () => {
			deliveries = await admin(sandbox, 'GET', '/webhooks');
			return deliveries.length >= count && deliveries.every((d) => d.answeredAt);
		},
		{ timeoutMs, intervalMs: 250, what: `${count} answered deliveries` },
	);
	return deliveries.map((d) => ({ ...d, body: d.contentType === 'application/json' ? JSON.parse(d.body) : d.body }));
}

module.exports = {
	WORKFLOW_ID,
	WEBHOOK_ID,
	SECRET,
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
};
