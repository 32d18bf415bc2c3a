'use strict';
// What the webhook e2e runs (test-e2e/webhook.js, test-e2e/queue.js) and the latency benchmark
// share: the workflow *Leeloo Webhook Trigger → HTTP Request to a recorder*, the URL the sandbox
// posts to, and waits on the sandbox's deliveries and the recorder's posts.
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
 * registered the webhooks of active workflows. The probe's type is one the trigger does not know,
 * so it is answered 200 and starts nothing.
 */
async function webhookReady(port, timeoutMs = 120000) {
	await waitFor(async () => (await httpRequest(productionUrl(port), { method: 'POST', body: { type: 'E2E_PROBE', data: {} } })).status === 200, {
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

module.exports = { WORKFLOW_ID, WEBHOOK_ID, SECRET, productionUrl, testUrl, webhookReady, webhookWorkflow, executions, recorded, delivered };
