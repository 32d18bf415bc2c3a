'use strict';
// The example workflows of examples/ in real n8n, as `npm run dev` shows them to a new user.
// 01 and 02 run with `n8n execute` the way `npm run dev -- --smoke` runs them
// (scripts/n8n-harness/examples.js), and what each node returns is checked: records in the output
// vocabulary (docs/output.md), the message really sent and read back, the order really made,
// resolved and read back. 03 starts with the polling trigger, which `n8n execute` cannot start: it
// is activated and must take its first poll (the baseline) without an error. 04 starts with the
// webhook trigger: it is activated, the sandbox sends it its webhooks, and a message injected into
// the sandbox must be answered, as `npm run dev -- --smoke` checks.
const { EXAMPLE_CREDENTIAL, readExamples, runExamples, firstRunItems, webhookExample, answersInstantly } = require('../scripts/n8n-harness/examples');
const { waitFor, sleep } = require('../scripts/n8n-harness/proc');
const { admin } = require('./lib/stage');

const CHECKS = [
	['example:01', 'example 01 (people, channels, a message) runs, output in the vocabulary'],
	['example:02', 'example 02 (create, resolve, read an order) runs, output in the vocabulary'],
	['example:03', 'example 03 (trigger) imports, activates and takes its baseline'],
	['example:04', 'example 04 (webhook trigger) answers a message injected into the sandbox'],
];
// The workflow id of each manual example in examples/.
const MANUAL = { 'example:01': 'leelooExPeople01', 'example:02': 'leelooExOrders01' };
const TRIGGER_EXAMPLE = 'leelooExReply001';
const HEX_ID = /^[0-9a-f]{24}$/;

const examples = readExamples();

/** The example credential, pointing at this run's sandbox. */
const credential = (sandbox) => ({ ...EXAMPLE_CREDENTIAL, type: 'leelooApi', data: { apiToken: sandbox.token, baseUrl: sandbox.baseUrl } });

/** Problems of a record that is not in the output vocabulary: snake_case keys, NOT_DEFINED. */
function vocabularyProblems(what, record) {
	const problems = [];
	const visit = (value, where) => {
		if (value === 'NOT_DEFINED') problems.push(`${what}: ${where} is "NOT_DEFINED"`);
		if (Array.isArray(value)) value.forEach((inner, i) => visit(inner, `${where}[${i}]`));
		else if (value && typeof value === 'object') {
			for (const [key, inner] of Object.entries(value)) {
				if (key.includes('_') && where !== 'customFields') problems.push(`${what}: key "${key}" at ${where || 'top'} is not camelCase`);
				visit(inner, key);
			}
		}
	};
	visit(record, '');
	return problems;
}

const expectations = {
	'example:01': (items) => {
		const problems = [];
		const people = items('Get 10 people');
		const [channel] = items('Get the latest channel');
		const [sent] = items('Send a message');
		const chat = items('Read the chat');
		if (people.length !== 10) problems.push(`Get 10 people: ${people.length} items`);
		for (const person of people) {
			problems.push(...vocabularyProblems(`person ${person.id}`, person));
			if (!HEX_ID.test(person.id) || !Array.isArray(person.channels) || person.channels.some((c) => !HEX_ID.test(c.accountId))) {
				problems.push(`person without id or channels[].accountId: ${JSON.stringify(person).slice(0, 200)}`);
			}
		}
		if (!channel || !HEX_ID.test(channel.id) || !HEX_ID.test(channel.personId) || !channel.name || !channel.from) {
			return [...problems, `Get the latest channel: expected id, personId, name, from, got ${JSON.stringify(channel)}`];
		}
		problems.push(...vocabularyProblems('channel', channel));
		if (!sent || !HEX_ID.test(sent.id)) problems.push(`Send a message: expected the new message's id, got ${JSON.stringify(sent)}`);
		const newest = chat[0] || {};
		problems.push(...chat.flatMap((message) => vocabularyProblems(`message ${message.id}`, message)));
		const want = { id: sent?.id, accountId: channel.id, text: `Hello ${channel.name}, this message was sent from n8n.`, direction: 'OUTGOING' };
		for (const [key, value] of Object.entries(want)) {
			if (newest[key] !== value) problems.push(`Read the chat: the newest message's ${key} is ${JSON.stringify(newest[key])}, expected ${JSON.stringify(value)}`);
		}
		return problems;
	},
	'example:02': (items) => {
		const problems = [];
		const [person] = items('Get a person');
		const [latest] = items('Latest orders');
		const [created] = items('Create an order');
		const resolved = items('Resolve the order');
		const [order] = items('Read the order back');
		if (!person || !latest || !HEX_ID.test(latest.offerId ?? '')) return [`expected a person and an order with offerId, got ${JSON.stringify([person, latest])}`];
		if (!created || !HEX_ID.test(created.id)) return [`Create an order: expected the new order's id, got ${JSON.stringify(created)}`];
		if (JSON.stringify(resolved) !== '[{"success":true}]') problems.push(`Resolve the order: ${JSON.stringify(resolved)}`);
		if (!order) return [...problems, 'Read the order back returned nothing'];
		problems.push(...vocabularyProblems('order', order));
		const want = { id: created.id, status: 'RESOLVED', price: 100, currency: 'USD', personId: person.id, offerId: latest.offerId };
		for (const [key, value] of Object.entries(want)) {
			if (order[key] !== value) problems.push(`Read the order back: ${key} is ${JSON.stringify(order[key])}, expected ${JSON.stringify(value)}`);
		}
		return problems;
	},
};

/** Runs examples 01 and 02 once and checks what every node returned. */
async function checkManualExamples(results, n8n) {
	const outcomes = await runExamples(n8n, examples);
	for (const [check, id] of Object.entries(MANUAL)) {
		const outcome = outcomes.find((o) => o.workflow.id === id);
		if (!outcome) {
			results.fail(check, `no manual example ${id} in examples/`);
			continue;
		}
		for (const problem of outcome.problems) results.fail(check, problem);
		if (outcome.run && !outcome.problems.length) {
			const items = (name) => (firstRunItems(outcome.run, name) || []).map((item) => item.json);
			results.check(check, (fail) => expectations[check](items).forEach(fail));
		}
		results.pass(check);
	}
}

/** Activates example 03 (one boot), starts n8n until its trigger saved a baseline cursor, stops. */
async function checkTriggerExample(results, n8n) {
	const check = 'example:03';
	const trigger = examples.find((w) => w.id === TRIGGER_EXAMPLE).nodes.find((node) => node.type === 'n8n-nodes-leeloo.leelooTrigger');
	const stored = await n8n.query('SELECT nodes FROM workflow_entity WHERE id = ?', [TRIGGER_EXAMPLE]);
	const nodes = stored[0] ? JSON.parse(stored[0].nodes) : [];
	const imported = nodes.find((node) => node.name === trigger.name);
	if (!imported || imported.typeVersion !== trigger.typeVersion) {
		results.fail(check, `n8n stored no "${trigger.name}" at version ${trigger.typeVersion}: ${JSON.stringify(imported)}`);
		return;
	}
	const cursor = async () => {
		const rows = await n8n.query('SELECT staticData FROM workflow_entity WHERE id = ?', [TRIGGER_EXAMPLE]);
		const data = rows[0]?.staticData ? JSON.parse(rows[0].staticData) : {};
		return data[`node:${trigger.name}`]?.leelooCursor;
	};
	await n8n.activate(TRIGGER_EXAMPLE);
	await n8n.start();
	try {
		await waitFor(async () => Boolean(await cursor()), { timeoutMs: 60000, intervalMs: 1000, what: 'example 03 to save its baseline' });
		// A poll that failed after the baseline would be an error execution.
		await sleep(1000);
		const failed = await n8n.query("SELECT id, status FROM execution_entity WHERE workflowId = ? AND status != 'success'", [TRIGGER_EXAMPLE]);
		if (failed.length) results.fail(check, `failed executions: ${JSON.stringify(failed)}`);
	} catch (err) {
		results.fail(check, `${err.message}\n${String(n8n.output || '').trim().split('\n').slice(-15).join('\n')}`);
	} finally {
		await n8n.stop();
	}
	results.pass(check);
}

/** Activates example 04 (one boot), points the sandbox's webhooks at it, starts n8n, injects a message. */
async function checkWebhookExample(results, n8n, sandbox) {
	const check = 'example:04';
	const hook = webhookExample(examples, n8n.port);
	await admin(sandbox, 'PUT', '/webhook', { url: hook.url });
	await n8n.activate(hook.workflow.id);
	await n8n.start();
	try {
		for (const problem of await answersInstantly(sandbox.adminUrl, hook.url)) results.fail(check, problem);
	} finally {
		await n8n.stop();
		await admin(sandbox, 'PUT', '/webhook', { url: null });
	}
	results.pass(check);
}

module.exports = { CHECKS, examples, credential, checkManualExamples, checkTriggerExample, checkWebhookExample };
