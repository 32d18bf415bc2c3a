'use strict';
// The example workflows of examples/: read them, run the manual ones with `n8n execute` and check
// that the webhook example answers, for `npm run dev -- --smoke` and for the e2e
// (test-e2e/examples.js), which also checks their outputs.
const fs = require('fs');
const path = require('path');
const { REPO } = require('./n8n-install');
const { PACKAGE_NAME } = require('./n8n-runtime');
const { log, httpRequest, waitFor } = require('./proc');

const EXAMPLES_DIR = path.join(REPO, 'examples');
/** The credential every example's Leeloo node names (`npm run dev` imports it). */
const EXAMPLE_CREDENTIAL = { id: 'leelooDevCred001', name: 'Leeloo sandbox' };

/** examples/*.json in file order. */
function readExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8')));
}

const isManual = (workflow) => workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger');

/** The items of a node's first run ({json, error}); undefined when it did not run. */
function firstRunItems(run, name) {
	const runs = run?.data?.resultData?.runData?.[name];
	return runs ? runs[0].data?.main?.[0] || [] : undefined;
}

/**
 * `n8n execute` for each example that starts with a Manual Trigger (one n8n boot each). Returns per
 * example { workflow, run, problems }: run is n8n's run data (null when there was none), problems
 * the Leeloo nodes that did not run or failed.
 */
async function runExamples(n8n, examples) {
	const outcomes = [];
	for (const workflow of examples.filter(isManual)) {
		log(`executing "${workflow.name}" (n8n execute --id=${workflow.id})…`);
		const problems = [];
		const run = await n8n.execute(workflow.id).catch((err) => {
			problems.push(`${workflow.name}: ${err.message.split('\n')[0]}`);
			return null;
		});
		const topError = run?.data?.resultData?.error;
		if (topError) problems.push(`${workflow.name}: ${topError.message}`);
		for (const node of run ? workflow.nodes.filter((x) => x.type === `${PACKAGE_NAME}.leeloo`) : []) {
			const runs = run.data?.resultData?.runData?.[node.name];
			const items = firstRunItems(run, node.name);
			if (!items) {
				problems.push(`${workflow.name}: node "${node.name}" did not run`);
				continue;
			}
			const error = runs[0].error || items.find((i) => i.json?.error)?.json;
			if (error) problems.push(`${workflow.name}: node "${node.name}" failed: ${error.message || error.error}`);
			else log(`  ${node.name}: ${items.length} item(s)${items[0] ? `, e.g. ${JSON.stringify(items[0].json).slice(0, 100)}` : ''}`);
		}
		outcomes.push({ workflow, run, problems });
	}
	return outcomes;
}

/**
 * The example with a Leeloo Webhook Trigger and the production URL n8n serves it on
 * (<n8n>/webhook/<webhookId>/webhook), with the trigger's secret as Leeloo's URL would carry it.
 */
function webhookExample(examples, n8nPort) {
	for (const workflow of examples) {
		const node = workflow.nodes.find((n) => n.type === `${PACKAGE_NAME}.leelooWebhookTrigger`);
		if (!node) continue;
		const secret = node.parameters?.options?.secret;
		const query = secret ? `?secret=${encodeURIComponent(secret)}` : '';
		return { workflow, url: `http://127.0.0.1:${n8nPort}/webhook/${node.webhookId}/webhook${query}` };
	}
	return undefined;
}

/**
 * The webhook example end to end: an incoming message injected into the sandbox must be answered
 * (Message → Send to its channel) within a few seconds. Returns the problems found.
 */
async function answersInstantly(adminUrl, hookUrl) {
	// n8n answers /healthz before it has registered the webhooks of active workflows (and every path
	// 200 while it starts up); a type the trigger does not know is answered by the trigger itself,
	// {received: 1, started: false}, and starts nothing.
	const probe = async () => (await httpRequest(hookUrl, { method: 'POST', body: { type: 'DEV_PROBE' } })).json?.started === false;
	const registered = await waitFor(probe, {
		timeoutMs: 60000,
		intervalMs: 250,
		what: 'the webhook example registered',
	}).then(
		() => true,
		() => false,
	);
	if (!registered) return [`n8n does not serve the webhook example at ${hookUrl.replace(/\?.*/, '')}`];
	// Sends to a channel, counted before the message: the channel may have had answers already.
	const sendsTo = async (channel) => ((await httpRequest(`${adminUrl}/sends`)).json?.[channel] ?? []).length;
	const before = (await httpRequest(`${adminUrl}/sends`)).json ?? {};
	const started = Date.now();
	const injected = await httpRequest(`${adminUrl}/messages`, { method: 'POST', body: { text: 'Hi! Do you deliver on Sundays?' } });
	const channel = injected.json?.accountId;
	const answered = await waitFor(async () => (await sendsTo(channel)) > (before[channel] ?? []).length, {
		timeoutMs: 15000,
		intervalMs: 200,
		what: 'the answer',
	}).then(
		() => true,
		() => false,
	);
	if (!answered) return ['the webhook example did not answer an injected message within 15 s'];
	log(`  webhook example: an injected message was answered in ${Date.now() - started} ms`);
	return [];
}

module.exports = { EXAMPLES_DIR, EXAMPLE_CREDENTIAL, readExamples, runExamples, firstRunItems, webhookExample, answersInstantly };
