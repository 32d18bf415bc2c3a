'use strict';
// The benchmark workflow: one Manual Trigger, one branch per case. n8n's v1 order runs a branch
// to its end before the next one starts, so the cases never overlap, and each case talks to a
// sandbox of its own, whose counters then belong to that case alone.
const crypto = require('crypto');

const WORKFLOW_ID = 'leelooBenchmark1'; // n8n ids are at most 16 characters
const HEADER_CREDENTIAL = { id: 'benchHeaderAuth1', name: 'Leeloo token header (bench)' };
const PAGE = 100;

/**
 * Which channel item i writes to. `pairs`: consecutive pairs of items go to the same channel (a
 * text and its follow-up), over 100 channels, so sending items at once can reorder a channel's
 * messages. `fifty`: item i goes to channel i mod 50, so each channel gets count / 50 items.
 */
const SPREADS = {
	pairs: (channels, i) => channels[Math.floor(i / 2) % Math.min(100, channels.length)],
	fifty: (channels, i) => channels[i % Math.min(50, channels.length)],
};
const sendItems = (channels, count, spread = 'pairs') => Array.from({ length: count }, (_, i) => ({ accountId: SPREADS[spread](channels, i), text: `bench item ${i}` }));

function node(name, type, typeVersion, parameters, position, extra = {}) {
	return { id: crypto.randomUUID(), name, type, typeVersion, position, parameters, ...extra };
}

const rl = (value) => ({ __rl: true, mode: 'id', value });
// A failing item becomes an error item instead of stopping the other cases.
const keepGoing = { onError: 'continueRegularOutput' };
const headerAuth = { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' };

/** Nodes of one case; the first one is wired to the trigger, `timed` are the nodes whose time counts. */
function caseNodes(c, y, leelooVersion) {
	const at = (col) => [240 + col * 220, y];
	const leelooCredentials = { leelooApi: { id: c.credentialId, name: c.credentialId } };
	const httpCredentials = { httpHeaderAuth: HEADER_CREDENTIAL };
	if (c.kind === 'send') {
		// The input items are literal JSON (no expression, no Code node, no task runner) split into items.
		const items = node(`${c.name} · items`, 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: JSON.stringify({ items: c.items }), options: {} }, at(0));
		const split = node(`${c.name} · split items`, 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'items', options: {} }, at(1));
		const work =
			c.impl === 'leeloo'
				? node(c.name, 'n8n-nodes-leeloo.leeloo', leelooVersion, { resource: 'message', operation: 'send', accountId: rl('={{ $json.accountId }}'), text: '={{ $json.text }}' }, at(2), {
						credentials: leelooCredentials,
						...keepGoing,
					})
				: node(
						c.name,
						'n8n-nodes-base.httpRequest',
						4.2,
						{
							method: 'POST',
							url: `${c.baseUrl}/messages/send-message`,
							...headerAuth,
							sendBody: true,
							contentType: 'json',
							specifyBody: 'keypair',
							bodyParameters: { parameters: [{ name: 'account_id', value: '={{ $json.accountId }}' }, { name: 'text', value: '={{ $json.text }}' }] },
							options: {},
						},
						at(2),
						{ credentials: httpCredentials, ...keepGoing },
					);
		return { nodes: [items, split, work], timed: [work.name] };
	}
	if (c.impl === 'leeloo') {
		const simplify = c.simplify === false ? { simplify: false } : {};
		const work = node(c.name, 'n8n-nodes-leeloo.leeloo', leelooVersion, { resource: 'person', operation: 'getAll', returnAll: true, ...simplify }, at(0), {
			credentials: leelooCredentials,
			...keepGoing,
		});
		return { nodes: [work], timed: [work.name] };
	}
	// n8n's own way: offset pagination until the page that reaches totalCount, then Split Out.
	const get = node(
		c.name,
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			method: 'GET',
			url: `${c.baseUrl}/people`,
			...headerAuth,
			sendQuery: true,
			specifyQuery: 'keypair',
			queryParameters: { parameters: [{ name: 'limit', value: String(PAGE) }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: 'offset', value: `={{ $pageCount * ${PAGE} }}` }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ $response.body.meta.offset + $response.body.meta.filteredCount >= $response.body.meta.totalCount }}',
					},
				},
			},
		},
		at(0),
		{ credentials: httpCredentials, ...keepGoing },
	);
	const split = node(`${c.name} → Split Out`, 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'data', options: {} }, at(1));
	return { nodes: [get, split], timed: [get.name, split.name], output: split.name };
}

/** The workflow for the in-n8n cases; sets c.timed / c.output (node names) on each case. */
function benchWorkflow(cases, leelooVersion) {
	const trigger = node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]);
	const nodes = [trigger];
	const connections = { [trigger.name]: { main: [[]] } };
	cases.forEach((c, index) => {
		const built = caseNodes(c, index * 200, leelooVersion);
		c.timed = built.timed;
		c.output = built.output ?? built.nodes.at(-1).name;
		connections[trigger.name].main[0].push({ node: built.nodes[0].name, type: 'main', index: 0 });
		for (let i = 0; i < built.nodes.length - 1; i++) {
			connections[built.nodes[i].name] = { main: [[{ node: built.nodes[i + 1].name, type: 'main', index: 0 }]] };
		}
		nodes.push(...built.nodes);
	});
	return { id: WORKFLOW_ID, name: 'Leeloo benchmark', active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

module.exports = { WORKFLOW_ID, HEADER_CREDENTIAL, PAGE, benchWorkflow, sendItems };
