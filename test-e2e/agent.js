#!/usr/bin/env node
'use strict';
// npm run test:agent — the Leeloo node as an AI-agent tool in real n8n 1.x and 2.x.
//
// Per n8n line, one user folder and one `n8n start`: a Webhook-triggered AI Agent with n8n's
// OpenAI Chat Model (its credential's base URL is a scripted chat-completions server on
// 127.0.0.1, test-e2e/agent/model-server.js) and five Leeloo tool nodes whose inputs come from
// the model ($fromAI). Each scenario is one webhook call = one execution; the scripted model
// answers with prepared tool calls (ids taken from the tool results it was sent) and records
// what it was shown. Checks: what the model sees (tool descriptions, parameter schema, result
// sizes, empty results, errors) and what reached the sandbox. Why each rule: docs/agent-tool-design.md.
//
// Env: E2E_LINES=1,2 (default both) · E2E_KEEP=1 keeps the user folders.
const fs = require('fs');
const path = require('path');
const { REPO } = require('../scripts/n8n-harness/n8n-install');
const { log, httpRequest, waitFor } = require('../scripts/n8n-harness/proc');
const { startModelServer, toolResults } = require('./agent/model-server');
const W = require('./agent/workflow');
const { Results } = require('./lib/report');
const { executionError } = require('./lib/executions');
const { withStage, runScript, installLine, abortChecks, linesFrom } = require('./lib/stage');

// ---------------------------------------------------------------------------------------------
// What "good" means: every threshold and expected text in one place (reasons in docs/agent-tool-design.md).
const EXPECT = {
	// Tool descriptions (n8n sends them as `tools[].function.description`).
	descriptionMaxChars: 1024,
	descriptionTerms: {
		find_people: [
			['phone filter', /phone/i],
			['email filter', /e-?mail/i],
			['tag filter', /\btags?\b/i],
			['returned id', /\bids?\b/i],
			['returned name', /\bnames?\b/i],
			['returned channels', /channel/i],
		],
		get_person: [['takes a person ID', /\bID\b/], ['returned channels', /channel/i]],
		tag_person: [['tag by name', /\bname\b/i], ['person ID', /\bID\b/]],
		send_message: [['channel ID', /channel/i], ['where the channel ID comes from', /\b(person|people)\b/i], ['text', /\btext\b/i]],
	},
	// Parameter descriptions (`tools[].function.parameters.properties.<key>.description`).
	paramMinChars: 12,
	paramTerms: {
		personId: [['say it is an ID', /\bID\b/]],
		tagId: [['say it accepts a tag name', /\bname\b/i]],
		accountId: [['say it is an ID', /\bID\b/], ['name the channel', /channel/i]],
	},
	// Bytes per person in a tool result. What an agent acts on (id, name, phone, email, tags,
	// lastMessageTime, channels as accountId + from) measures 314 bytes for the test person (2
	// channels) and 15.9 kB for the first 50 sandbox people; 350 leaves ~10% for naming. Today's
	// 476/488 bytes add createdAt, updatedAt and channels[].connectionId, which no tool takes.
	maxBytesPerPerson: 350,
	listSize: 50,
	// 50 people in at most 17.5 kB (50 × 350), ~4.4k tokens at ~4 bytes per token of JSON.
	maxListBytes: 17500,
	// An empty search must say so in words a model reads (n8n turns zero items into `""`).
	emptyResult: /\b(no|0|zero|none)\b[^"]*\b(people|person|match|matches|matched|found|results?)\b/i,
	// A tool error must reach the model as a tool result naming the parameter (its display name
	// or its name) and the value that failed.
	errorNamesField: { personId: /\bperson\b/i },
};
// ---------------------------------------------------------------------------------------------

const CHECKS = [
	['run', 'agent runs: scripted model called with the 5 Leeloo tools, every scenario executed'],
	...Object.keys(EXPECT.descriptionTerms).map((tool) => [`desc:${tool}`, `tool description of ${tool} (${W.TOOLS[tool].resource} → ${W.TOOLS[tool].operation})`]),
	['params', 'parameter schema: every $fromAI input typed and described'],
	['find', 'find by phone: GET /people?filter[phone] → result reaches the model'],
	['send', 'send: POST /messages/send-message to the found channel'],
	['tagByName', 'tag by name (people carry tag names): add-tag with that tag'],
	['sizeOne', `person search result ≤ ${EXPECT.maxBytesPerPerson} bytes per person`],
	['sizeMany', `${EXPECT.listSize} people ≤ ${EXPECT.maxListBytes} bytes`],
	['empty', 'empty search: the model reads words, not ""'],
	['notFound', '404 (unknown person ID) comes back as a tool result naming the field'],
	['notFound:goesOn', '404: the agent goes on, the execution succeeds'],
	['badParam', 'invalid ID comes back as a tool result naming the field, no request sent'],
	['badParam:goesOn', 'invalid ID: the agent goes on, the execution succeeds'],
];

const short = (v, n = 300) => {
	const s = typeof v === 'string' ? v : JSON.stringify(v);
	return s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s;
};
const parse = (text) => {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
};

/** People in a tool result whatever its shape (simplified or raw Leeloo records). */
function peopleIn(content) {
	const data = parse(content);
	const list = Array.isArray(data) ? data : data ? [data] : [];
	return list.filter((p) => p && typeof p === 'object' && typeof p.id === 'string');
}
const channelOf = (person) => person.channels?.[0]?.accountId ?? person.channels?.[0]?.id ?? person.accounts?.[0]?.account_id;

/** The sandbox world this run works on: a person with a phone and channels, a tag they lack. */
function pickWorld(sandbox) {
	const person = sandbox.store.people.find((p) => /^\+\d+$/.test(p.phone) && p.channels.length >= 1 && p.channels.length <= 2 && p.tags.length < 2);
	const tag = sandbox.store.tags.find((t) => !person.tags.includes(t));
	return {
		person,
		tag,
		text: 'Hello from the agent e2e',
		unknownId: '0123456789abcdef01234567',
		invalidId: 'person-42',
		noOnesPhone: '+19990000000',
	};
}

/** The scripted model: per scenario, the next tool calls from what it was sent. */
function scripts(world, tools) {
	const key = (tool, param) => tools[tool].keys[param].key;
	const call = (name, args) => ({ toolCalls: [{ name, args }] });
	const last = (results, name) => [...results].reverse().find((r) => r.name === name);
	return {
		happy: ({ results, turn }) => {
			if (turn === 0) return call('find_people', { [key('find_people', 'filters.phone')]: world.person.phone });
			const found = peopleIn(last(results, 'find_people')?.content)[0];
			if (!found) return { text: 'No such person.' };
			if (turn === 1) return call('send_message', { [key('send_message', 'accountId')]: channelOf(found), [key('send_message', 'text')]: world.text });
			// People carry tag names, so a model passes the name it read or was told.
			if (turn === 2) return call('tag_person', { [key('tag_person', 'personId')]: found.id, [key('tag_person', 'tagId')]: world.tag.name });
			return { text: 'Done: messaged and tagged.' };
		},
		empty: ({ turn }) => (turn === 0 ? call('find_people', { [key('find_people', 'filters.phone')]: world.noOnesPhone }) : { text: 'Nobody has that phone.' }),
		list: ({ turn }) => (turn === 0 ? call('list_people', { [key('list_people', 'limit')]: EXPECT.listSize }) : { text: 'Listed.' }),
		notFound: ({ turn }) => (turn === 0 ? call('get_person', { [key('get_person', 'personId')]: world.unknownId }) : { text: 'That person does not exist.' }),
		badParam: ({ turn }) => (turn === 0 ? call('get_person', { [key('get_person', 'personId')]: world.invalidId }) : { text: 'That is not a valid ID.' }),
	};
}

const PROMPTS = (world) => ({
	happy: `Find the person with phone ${world.person.phone}, send them "${world.text}" and tag them ${world.tag.name}.`,
	empty: `Find the person with phone ${world.noOnesPhone}.`,
	list: `List ${EXPECT.listSize} people.`,
	notFound: `Show me person ${world.unknownId}.`,
	badParam: `Show me person ${world.invalidId}.`,
});
const FINAL = { happy: 'Done: messaged and tagged.', empty: 'Nobody has that phone.', list: 'Listed.', notFound: 'That person does not exist.', badParam: 'That is not a valid ID.' };

async function runLine(line, tgz) {
	const results = new Results();
	const timings = {};
	const t0 = Date.now();
	let label = `n8n ${line}.x`;
	let n8n;
	let model;
	try {
		const install = await installLine(line);
		label = `n8n ${install.version}`;
		const { workflow, tools } = W.agentWorkflow(nodeDescription(), agentVersions(install));
		let world;
		// The scripted model plays on the sandbox's people; its credential goes in with the sandbox's.
		const credentials = async ({ sandbox }) => {
			world = pickWorld(sandbox);
			model = await startModelServer(scripts(world, tools));
			return [{ ...W.CREDENTIALS.openAi, type: 'openAiApi', data: { apiKey: 'scripted-model-key', url: model.url } }];
		};
		await withStage({ install, tgz, sandbox: { people: 120, seed: 1 }, credentials, prefix: 'leeloo-agent-' }, async (stage) => {
			const { installedAt, sandbox, userFolder } = stage;
			n8n = stage.n8n;
			await n8n.importWorkflows([workflow]);
			await n8n.activate(W.WORKFLOW_ID);
			timings.setup = Math.round((Date.now() - installedAt) / 1000);
			let t = Date.now();
			await n8n.start();
			await waitForWebhook(n8n);
			timings.start = Math.round((Date.now() - t) / 1000);

			t = Date.now();
			const runs = {};
			const prompts = PROMPTS(world);
			for (const scenario of Object.keys(prompts)) {
				const before = sandbox.requests.length;
				const res = await httpRequest(`${n8n.url}/webhook/${W.WEBHOOK_PATH}`, { method: 'POST', body: { prompt: `[scenario:${scenario}] ${prompts[scenario]}` }, timeoutMs: 120000 });
				runs[scenario] = { status: res.status, body: res.json ?? res.text, requests: sandbox.requests.slice(before), model: model.requests.filter((r) => r.scenario === scenario) };
			}
			timings.scenarios = Math.round((Date.now() - t) / 1000);
			const executions = await n8n.query('SELECT id, status FROM execution_entity WHERE workflowId = ? ORDER BY id', [W.WORKFLOW_ID]);
			for (const [i, scenario] of Object.keys(prompts).entries()) {
				const execution = executions[i];
				runs[scenario].execution = execution && { ...execution, error: execution.status === 'success' ? undefined : await executionError(n8n, execution.id) };
			}
			fs.writeFileSync(path.join(userFolder, 'agent-runs.json'), JSON.stringify(runs, null, 1));
			check(results, runs, world, tools, executions);
		});
	} catch (err) {
		log(`${label}: ${err.stack || err.message}`);
		const tail = n8n?.output ? `\n${n8n.output.trim().split('\n').slice(-15).join('\n')}` : '';
		abortChecks(results, CHECKS, err, (c) => (c === 'run' ? tail : ''));
	} finally {
		await model?.close();
	}
	timings.boots = n8n?.boots;
	timings.total = Math.round((Date.now() - t0) / 1000);
	return { label, results, timings };
}

/** The Leeloo node's description, from the build runScript made. */
function nodeDescription() {
	const { Leeloo } = require(path.join(REPO, 'dist', 'nodes', 'Leeloo', 'Leeloo.node.js'));
	return new Leeloo().description;
}

/** `n8n start` answers /healthz before it has activated workflows: wait for the webhook. */
async function waitForWebhook(n8n) {
	// A GET on a POST-only production webhook names the method once the webhook is registered.
	await waitFor(
		async () => {
			const res = await httpRequest(`${n8n.url}/webhook/${W.WEBHOOK_PATH}`, { timeoutMs: 5000 });
			return /POST/.test(res.text);
		},
		{ timeoutMs: 60000, intervalMs: 500, what: `the webhook /webhook/${W.WEBHOOK_PATH} of the activated agent workflow` },
	);
}

/** The newest AI Agent and OpenAI Chat Model (Chat Completions) versions of this n8n install. */
function agentVersions(install) {
	const base = path.join(install.dir, 'node_modules', '@n8n', 'n8n-nodes-langchain', 'dist', 'nodes');
	const agentSrc = fs.readFileSync(path.join(base, 'agents', 'Agent', 'V3', 'AgentV3.node.js'), 'utf8');
	const agent = Math.max(...JSON.parse(/version:\s*(\[[\d.,\s]+\])/.exec(agentSrc)[1]));
	// 1.2: the last version without the Responses API switch (1.3 defaults to it).
	return { agent, model: 1.2 };
}

function toolsOffered(request) {
	return Object.fromEntries((request?.body?.tools || []).map((t) => [t.function?.name, t.function]));
}

function check(results, runs, world, tools, executions) {
	const first = Object.values(runs).map((r) => r.model[0]).find(Boolean);
	const offered = toolsOffered(first);
	const resultOf = (scenario, tool) => runs[scenario].model.flatMap((r) => toolResults(r.body.messages)).find((m) => m.name === tool);

	results.check('run', (fail) => {
		for (const name of Object.keys(W.TOOLS)) if (!offered[name]) fail(`the model was not offered tool "${name}" (offered: ${Object.keys(offered).join(', ') || 'nothing'})`);
		for (const [scenario, run] of Object.entries(runs)) {
			if (!run.model.length) fail(`scenario ${scenario}: the model was never called (webhook HTTP ${run.status}: ${short(run.body)})`);
		}
		if (executions.length !== Object.keys(runs).length) fail(`expected ${Object.keys(runs).length} executions, n8n saved ${executions.length}`);
		if (first && !first.authorization) fail('the chat request carried no Authorization header (credential not used)');
	});

	for (const [tool, terms] of Object.entries(EXPECT.descriptionTerms)) {
		results.check(`desc:${tool}`, (fail) => {
			const description = offered[tool]?.description;
			if (typeof description !== 'string') return fail(`tool ${tool} not offered`);
			const missing = terms.filter(([, re]) => !re.test(description)).map(([what, re]) => `${what} (${re})`);
			if (missing.length) fail(`the description the model reads, ${JSON.stringify(description)} (${description.length} chars), does not mention: ${missing.join('; ')}`);
			if (description.length > EXPECT.descriptionMaxChars) fail(`description is ${description.length} chars, more than ${EXPECT.descriptionMaxChars}`);
		});
	}

	results.check('params', (fail) => {
		for (const [tool, spec] of Object.entries(tools)) {
			const props = offered[tool]?.parameters?.properties || {};
			for (const [param, { key }] of Object.entries(spec.keys)) {
				const schema = props[key];
				if (!schema) {
					fail(`${tool}: no parameter "${key}" in the schema (has ${Object.keys(props).join(', ')})`);
					continue;
				}
				const wantType = param === 'limit' ? 'number' : 'string';
				if (schema.type !== wantType) fail(`${tool}.${key}: type ${schema.type}, expected ${wantType}`);
				const d = schema.description || '';
				if (d.length < EXPECT.paramMinChars) fail(`${tool}.${key}: description ${JSON.stringify(d)} is shorter than ${EXPECT.paramMinChars} chars`);
				for (const [what, re] of EXPECT.paramTerms[param] || []) if (!re.test(d)) fail(`${tool}.${key}: description ${JSON.stringify(d)} does not ${what} (${re})`);
			}
		}
	});

	const happy = runs.happy;
	const found = resultOf('happy', 'find_people');
	const foundPeople = peopleIn(found?.content);
	results.check('find', (fail) => {
		const get = happy.requests.filter((r) => r.method === 'GET' && r.path === '/people');
		if (get.length !== 1) return fail(`expected 1 GET /people, the sandbox saw ${get.length}: ${short(happy.requests.map((r) => `${r.method} ${r.url}`))}`);
		if (get[0].query['filter[phone]'] !== world.person.phone) fail(`GET /people filter[phone] = ${JSON.stringify(get[0].query['filter[phone]'])}, expected ${world.person.phone}`);
		if (!found) return fail('no find_people result reached the model');
		if (foundPeople.length !== 1 || foundPeople[0].id !== world.person.id) fail(`the model got ${short(found.content)}, expected exactly person ${world.person.id}`);
	});

	results.check('send', (fail) => {
		const channel = world.person.channels[0].id;
		const sent = happy.requests.filter((r) => r.method === 'POST' && r.path === '/messages/send-message');
		if (sent.length !== 1) return fail(`expected 1 POST /messages/send-message, the sandbox saw ${sent.length}`);
		if (sent[0].body?.account_id !== channel || sent[0].body?.text !== world.text) fail(`sent ${short(sent[0].body)}, expected account_id ${channel} and text ${JSON.stringify(world.text)}`);
		if (sent[0].status !== 200) fail(`the sandbox answered ${sent[0].status}`);
		const result = resultOf('happy', 'send_message');
		if (!result) fail('no send_message result reached the model');
		else if (/error/i.test(result.content)) fail(`the model got an error: ${short(result.content)}`);
	});

	results.check('tagByName', (fail) => {
		const tagged = happy.requests.filter((r) => r.method === 'PUT' && r.path === `/people/${world.person.id}/add-tag`);
		const result = resultOf('happy', 'tag_person');
		if (!result) return fail(`no tag_person result reached the model: the execution stopped at "${happy.execution?.error}" (webhook HTTP ${happy.status}: ${short(happy.body)})`);
		if (tagged.length !== 1) return fail(`the model passed the tag name "${world.tag.name}"; expected 1 PUT /people/{id}/add-tag, the sandbox saw ${tagged.length}; the model got ${short(result.content)}`);
		if (tagged[0].body?.tag_id !== world.tag.id) fail(`add-tag sent ${short(tagged[0].body)}, expected tag_id ${world.tag.id} (the id of "${world.tag.name}")`);
		if (!world.person.tags.includes(world.tag)) fail('the person does not carry the tag afterwards');
		if (/error/i.test(result.content)) fail(`the model got an error: ${short(result.content)}`);
	});

	results.check('sizeOne', (fail) => {
		if (!found) return fail('no find_people result reached the model');
		const bytes = Buffer.byteLength(found.content);
		const people = Math.max(foundPeople.length, 1);
		if (bytes / people > EXPECT.maxBytesPerPerson) fail(`${bytes} bytes for ${people} person(s) with ${world.person.channels.length} channel(s): ${short(found.content, 600)}`);
	});

	results.check('sizeMany', (fail) => {
		const list = resultOf('list', 'list_people');
		if (!list) return fail(`no list_people result reached the model (webhook HTTP ${runs.list.status}: ${short(runs.list.body)})`);
		const people = peopleIn(list.content);
		const bytes = Buffer.byteLength(list.content);
		if (people.length !== EXPECT.listSize) fail(`the model got ${people.length} people, asked for ${EXPECT.listSize}`);
		if (bytes > EXPECT.maxListBytes) fail(`${bytes} bytes for ${people.length} people (${Math.round(bytes / Math.max(people.length, 1))} per person); fields per person: ${Object.keys(people[0] || {}).join(', ')}`);
	});

	results.check('empty', (fail) => {
		const result = resultOf('empty', 'find_people');
		if (!result) return fail(`no find_people result reached the model (webhook HTTP ${runs.empty.status}: ${short(runs.empty.body)})`);
		if (result.content === '""' || result.content === '' || result.content === '[]' || result.content === '[{}]') {
			return fail(`the model got ${JSON.stringify(result.content)} for a search that matched nobody`);
		}
		if (!EXPECT.emptyResult.test(result.content)) fail(`the model got ${short(result.content)}, which does not say that nothing matched (${EXPECT.emptyResult})`);
	});

	for (const [scenario, value, noRequest] of [['notFound', world.unknownId, false], ['badParam', world.invalidId, true]]) {
		const run = runs[scenario];
		const result = resultOf(scenario, 'get_person');
		results.check(scenario, (fail) => {
			if (!result) return fail(`the model never got a get_person result: the execution stopped at the tool error "${run.execution?.error}" (webhook HTTP ${run.status}: ${short(run.body)})`);
			if (!EXPECT.errorNamesField.personId.test(result.content)) fail(`the model got ${short(result.content)}, which does not name the field (${EXPECT.errorNamesField.personId})`);
			if (!result.content.includes(value)) fail(`the model got ${short(result.content)}, which does not name the value ${value}`);
			if (!/error/i.test(result.content)) fail(`the model got ${short(result.content)}, which does not read as an error`);
			const sent = run.requests.filter((r) => r.path.startsWith('/people'));
			if (noRequest && sent.length) fail(`an invalid ID reached the API: ${short(sent.map((r) => `${r.method} ${r.url}`))}`);
		});
		results.check(`${scenario}:goesOn`, (fail) => {
			if (run.model.length < 2) fail(`the model was called ${run.model.length} time(s); after the tool error the agent must call it again with the result`);
			if (run.execution?.status !== 'success') fail(`execution ${run.execution?.id} ended "${run.execution?.status}": ${run.execution?.error} (webhook HTTP ${run.status}: ${short(run.body)})`);
			if (run.body?.output !== FINAL[scenario]) fail(`the workflow answered ${short(run.body)}, expected the agent's final text ${JSON.stringify(FINAL[scenario])}`);
		});
	}
}

runScript({
	name: 'agent e2e',
	lines: linesFrom('E2E_LINES'),
	checks: CHECKS,
	runLine,
	summary: { seconds: ['setup', 'start', 'scenarios', 'total'] },
});
