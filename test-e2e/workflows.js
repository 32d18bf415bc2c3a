'use strict';
// The workflows the e2e run imports into real n8n, built from the sandbox's ids, and the checks
// on their output and on the requests the sandbox recorded. One workflow ("E2E operations")
// holds every operation as a chain of nodes, so one `n8n execute` covers them all; a second one
// holds the two triggers.
const crypto = require('crypto');

const CREDENTIAL = { id: 'e2eLeelooSandbox', name: 'Leeloo sandbox' };
const MAIN_ID = 'e2eLeelooOpsMain'; // n8n ids are at most 16 characters
const TRIGGER_ID = 'e2eLeelooTrigger';
// Asia/Tokyo is UTC+9 all year: a wall time there is 9 hours ahead of the UTC value sent.
const TIMEZONE = 'Asia/Tokyo';

const rl = (value) => ({ __rl: true, mode: 'id', value });

function node(name, type, typeVersion, parameters, position, extra = {}) {
	return { id: crypto.randomUUID(), name, type, typeVersion, position, parameters, ...extra };
}

function leeloo(name, parameters, position, extra = {}) {
	return node(name, 'n8n-nodes-leeloo.leeloo', 1, parameters, position, {
		credentials: { leelooApi: CREDENTIAL },
		// Each step runs once whatever the previous step returned, and a failing step does not
		// hide the steps after it: its error becomes its output item, which the checks read.
		executeOnce: true,
		alwaysOutputData: true,
		onError: 'continueRegularOutput',
		...extra,
	});
}

function httpPost(name, url, jsonBody, position, extra = {}) {
	return node(
		name,
		'n8n-nodes-base.httpRequest',
		4.2,
		{ method: 'POST', url, sendBody: true, specifyBody: 'json', jsonBody, options: {} },
		position,
		extra,
	);
}

function chain(nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

const same = (a, b) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
function sortKeys(v) {
	if (Array.isArray(v)) return v.map(sortKeys);
	if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
	return v;
}

/**
 * Steps of the operations workflow. Each: node name, parameters, the resource it checks (or
 * another check group), the request(s) the sandbox must have seen, and a check of the output items
 * (returns an error text or nothing).
 */
function operationSteps(ids, adminUrl) {
	const S = ids;
	const steps = [];
	const add = (group, name, parameters, expect) => steps.push({ group, name, parameters, ...expect });
	const count = (n) => (items) => (items.length === n ? undefined : `expected ${n} items, got ${items.length}`);
	const first = (pred, what) => (items) => (items[0] && pred(items[0]) ? undefined : `expected ${what}, got ${JSON.stringify(items[0]).slice(0, 300)}`);

	// person
	add('person', 'Person: get many', { resource: 'person', operation: 'getAll', returnAll: false, limit: 3 }, {
		requests: [{ method: 'GET', path: '/people', query: { limit: '3', offset: '0' } }],
		output: count(3),
	});
	add('returnAll', 'Person: get all (pages)', { resource: 'person', operation: 'getAll', returnAll: true }, {
		requests: [
			{ method: 'GET', path: '/people', query: { limit: '100', offset: '0' } },
			{ method: 'GET', path: '/people', query: { limit: '100', offset: '100' } },
			{ method: 'GET', path: '/people', query: { limit: '100', offset: '200' } },
		],
		output: (items) => {
			if (items.length !== 250) return `expected 250 people over 3 pages, got ${items.length}`;
			if (new Set(items.map((i) => i.id)).size !== 250) return 'people repeated across pages';
		},
	});
	add('person', 'Person: get', { resource: 'person', operation: 'get', personId: rl(S.person), options: { include: ['orders'] } }, {
		requests: [{ method: 'GET', path: `/people/${S.person}`, query: { include: 'orders' } }],
		output: first((p) => p.id === S.person, `person ${S.person}`),
	});
	add('person', 'Person: create', { resource: 'person', operation: 'create', name: 'E2E Person', additionalFields: { phone: '+380501112233', email: 'e2e@example.com' } }, {
		requests: [{ method: 'POST', path: '/people', body: { name: 'E2E Person', phone: '+380501112233', email: 'e2e@example.com' } }],
		output: (items) => (items.length === 1 && !items[0].error ? undefined : `unexpected output ${JSON.stringify(items).slice(0, 300)}`),
	});
	add('person', 'Person: update', {
		resource: 'person', operation: 'update', personId: rl(S.person),
		updateFields: { email: 'updated@example.com', customFields: { field: [{ key: 'plan', value: 'gold' }] } },
	}, {
		requests: [{ method: 'PUT', path: `/people/${S.person}`, body: { email: 'updated@example.com', custom_fields: { plan: 'gold' } } }],
	});
	add('person', 'Person: add comment', { resource: 'person', operation: 'addComment', personId: rl(S.person), comment: 'Called from e2e' }, {
		requests: [{ method: 'PUT', path: `/people/${S.person}/add-comment`, body: { comment: 'Called from e2e' } }],
	});
	add('person', 'Person: add SMS connection', { resource: 'person', operation: 'addSmsConnection', personId: rl(S.person), phone: '+380509998877' }, {
		requests: [{ method: 'POST', path: '/people/sms', body: { person_id: S.person, phone: '+380509998877' } }],
	});
	// Create or Update: a phone no seeded person has (seeded ones end in their index, < 250) is
	// created, then found by the same phone written differently and updated; tags are seeded names.
	let upserted;
	const findUpserted = { method: 'GET', path: '/people', query: { 'filter[phone]': '+380671230001', limit: '100', offset: '0' } };
	add('person', 'Person: create or update (create)', {
		resource: 'person', operation: 'upsert', matchBy: 'phone', phone: '+380671230001', name: 'E2E Upsert', additionalFields: { tags: ['new'] },
	}, {
		requests: [
			findUpserted,
			{ method: 'POST', path: '/people', body: { name: 'E2E Upsert', phone: '+380671230001', tags: ['new'] } },
			{ method: 'GET', pathPattern: /^\/people\/[0-9a-f]{24}$/, query: {} },
		],
		output: (items) => {
			upserted = items[0]?.id;
			const ok = items.length === 1 && items[0].upsert === 'created' && items[0].phone === '+380671230001' && same(items[0].tags, ['new']);
			return ok ? undefined : `expected the created person, got ${JSON.stringify(items).slice(0, 300)}`;
		},
	});
	add('person', 'Person: create or update (update)', {
		resource: 'person', operation: 'upsert', matchBy: 'phone', phone: '+380 67 123 00 01', email: 'upsert@example.com',
		additionalFields: { tags: ['vip'], customFields: { field: [{ key: 'plan', value: 'gold' }] } },
	}, {
		requests: [
			findUpserted,
			{ method: 'GET', path: '/tags', query: {} },
			{ method: 'PUT', pathPattern: /^\/people\/[0-9a-f]{24}$/, body: { email: 'upsert@example.com', custom_fields: { plan: 'gold' } } },
			{ method: 'PUT', pathPattern: /^\/people\/[0-9a-f]{24}\/add-tag$/, body: { tag_id: S.tag } },
		],
		output: (items) => {
			const [person] = items;
			const ok =
				items.length === 1 && person.upsert === 'updated' && person.id === upserted && person.email === 'upsert@example.com' &&
				same(person.tags, ['new', 'vip']) && person.customFields?.plan === 'gold';
			return ok ? undefined : `expected person ${upserted} updated, got ${JSON.stringify(items).slice(0, 300)}`;
		},
	});

	// tag
	add('tag', 'Tag: add to person', { resource: 'tag', operation: 'addToPerson', personId: rl(S.person), tagId: rl(S.tag) }, {
		requests: [{ method: 'PUT', path: `/people/${S.person}/add-tag`, body: { tag_id: S.tag } }],
	});
	add('tag', 'Tag: get many', { resource: 'tag', operation: 'getAll' }, {
		requests: [{ method: 'GET', path: '/tags', query: {} }],
		output: count(12),
	});
	add('tag', 'Tag: remove from person', { resource: 'tag', operation: 'removeFromPerson', personId: rl(S.person), tagId: rl(S.tag) }, {
		requests: [{ method: 'PUT', path: `/people/${S.person}/remove-tag`, body: { tag_id: S.tag } }],
	});

	// communicationChannel (+ a date filter read in Asia/Tokyo: 05:00 on Dec 1 there is Nov 30 in UTC)
	add('communicationChannel', 'Channel: get many', {
		resource: 'communicationChannel', operation: 'getAll', returnAll: false, limit: 2,
		filters: { lastMessageFrom: '2025-12-01T05:00:00' },
	}, {
		requests: [{ method: 'GET', path: '/communication-channels', query: { limit: '2', offset: '0', 'filter[last_message][from]': '2025-11-30' } }],
		output: count(2),
		timezone: 'filter[last_message][from] 2025-12-01T05:00 Asia/Tokyo → 2025-11-30',
	});
	add('communicationChannel', 'Channel: get person', { resource: 'communicationChannel', operation: 'getPerson', accountId: rl(S.channel) }, {
		requests: [{ method: 'GET', path: `/communication-channels/${S.channel}/person`, query: {} }],
		output: first((p) => p.id === S.person, `the person of channel ${S.channel}`),
	});
	add('communicationChannel', 'Channel: subscribe', {
		resource: 'communicationChannel', operation: 'subscribe', accountId: rl(S.channel), tunnelId: rl(S.tunnel), tunnelBlockId: S.tunnelBlock,
	}, {
		requests: [{ method: 'POST', path: `/communication-channels/${S.channel}/manual-subscribe`, body: { tunnel_id: S.tunnel, tunnel_block_id: S.tunnelBlock } }],
	});

	// message: a sent message shows up first in the channel's history
	add('message', 'Message: send', { resource: 'message', operation: 'send', accountId: rl(S.channel), text: 'Hello from the e2e test' }, {
		requests: [{ method: 'POST', path: '/messages/send-message', body: { account_id: S.channel, text: 'Hello from the e2e test' } }],
	});
	add('message', 'Message: get many', { resource: 'message', operation: 'getAll', accountId: rl(S.channel), returnAll: false, limit: 2 }, {
		requests: [{ method: 'GET', path: `/communication-channels/${S.channel}/chat-messages`, query: { limit: '2', offset: '0' } }],
		output: first((m) => m.text === 'Hello from the e2e test' && m.direction === 'OUTGOING', 'the sent message first'),
	});

	// messageTemplate
	add('messageTemplate', 'Template: get categories', { resource: 'messageTemplate', operation: 'getCategories' }, {
		requests: [{ method: 'GET', path: '/categories/templates', query: {} }],
		output: count(4),
	});
	add('messageTemplate', 'Template: get many', { resource: 'messageTemplate', operation: 'getAll', categoryId: rl(S.category) }, {
		requests: [{ method: 'GET', path: `/categories/templates/${S.category}`, query: {} }],
		output: (items) => (items.length >= 1 && items.every((t) => t.id) ? undefined : `expected templates, got ${JSON.stringify(items).slice(0, 300)}`),
	});
	add('messageTemplate', 'Template: send', {
		resource: 'messageTemplate', operation: 'send', accountId: rl(S.channel), templateId: rl(S.template),
		variables: { variable: [{ key: 'name', value: 'Ann' }] },
	}, {
		requests: [{ method: 'POST', path: '/messages/send-template', body: { account_id: S.channel, template_id: S.template, variables: { name: 'Ann' } } }],
	});

	// order (+ dates read in Asia/Tokyo)
	add('order', 'Order: create', {
		resource: 'order', operation: 'create', paymentCreditsId: rl(S.paymentCredits), offerId: rl(S.offer), personId: rl(S.person),
		additionalFields: { email: 'buyer@example.com', transactionDate: '2024-03-22T23:30:00', notifyPerson: false },
	}, {
		requests: [{
			method: 'POST', path: '/orders',
			body: { paymentCreditsId: S.paymentCredits, offerId: S.offer, personId: S.person, email: 'buyer@example.com', transactionDate: '2024-03-22T14:30:00.000Z', isNotifyAccount: false },
		}],
		output: first((o) => /^[0-9a-f]{24}$/.test(o.id), 'the new order id'),
		timezone: 'transactionDate 2024-03-22T23:30 Asia/Tokyo → 2024-03-22T14:30:00.000Z',
	});
	const createdOrder = "={{ $('Order: create').first().json.id }}";
	add('order', 'Order: update', {
		resource: 'order', operation: 'update', orderId: rl(createdOrder), status: 'RESOLVED',
		updateFields: { paymentDate: '2024-03-23T09:15:00', price: 150, currency: 'USD' },
	}, {
		requests: [{ method: 'POST', pathPattern: /^\/orders\/[0-9a-f]{24}$/, body: { status: 'RESOLVED', paymentDate: '2024-03-23 00:15', price: 150, currency: 'USD' }, bodyLoose: ['price'] }],
		timezone: 'paymentDate 2024-03-23T09:15 Asia/Tokyo → 2024-03-23 00:15',
	});
	add('order', 'Order: get', { resource: 'order', operation: 'get', orderId: rl(createdOrder) }, {
		requests: [{ method: 'GET', pathPattern: /^\/orders\/[0-9a-f]{24}$/, query: {} }],
		output: first((o) => o.status === 'RESOLVED' && o.personId === S.person, 'the created order, now RESOLVED'),
	});
	add('order', 'Order: get many', { resource: 'order', operation: 'getAll', returnAll: false, limit: 5 }, {
		requests: [{ method: 'GET', path: '/orders', query: { limit: '5', offset: '0' } }],
		output: count(5),
	});

	// call
	add('call', 'Call: create', {
		resource: 'call', operation: 'create', userId: rl(S.user), accountId: rl(S.channel), from: '606', to: '607',
		date: '2024-03-22T23:30:17', status: 'SUCCESS', duration: 100, type: 'INBOUND',
	}, {
		requests: [{
			method: 'POST', path: '/calls',
			body: { user_id: S.user, account_id: S.channel, from: '606', to: '607', date: '2024-03-22T14:30:17.000Z', status: 'SUCCESS', duration: 100, type: 'INBOUND', record_link: 'NOT_DEFINED' },
			bodyLoose: ['duration'],
		}],
		timezone: 'date 2024-03-22T23:30:17 Asia/Tokyo → 2024-03-22T14:30:17.000Z',
	});

	// trafficSource
	add('trafficSource', 'Traffic source: create', {
		resource: 'trafficSource', operation: 'create', leadGenToolId: rl(S.leadGenTool), name: 'E2E source', additionalFields: { description: 'made by e2e' },
	}, {
		requests: [{ method: 'POST', path: `/leadgentools/${S.leadGenTool}/create-traffic-source`, body: { name: 'E2E source', description: 'made by e2e' } }],
	});

	// tunnel
	add('tunnel', 'Tunnel: get', { resource: 'tunnel', operation: 'get', tunnelId: rl(S.tunnel), options: { includeLeadGenTools: true } }, {
		requests: [{ method: 'GET', path: `/tunnels/${S.tunnel}`, query: { include: 'leadgentools' } }],
		output: first((t) => t.id === S.tunnel && Array.isArray(t.leadgentools), 'the tunnel with its lead gen tools'),
	});
	add('tunnel', 'Tunnel: get many', { resource: 'tunnel', operation: 'getAll', returnAll: true }, {
		requests: [{ method: 'GET', path: '/tunnels', query: { limit: '100', offset: '0' } }],
		output: count(6),
	});
	add('tunnel', 'Tunnel: stats', { resource: 'tunnel', operation: 'getStats', tunnelId: rl(S.tunnel) }, {
		requests: [{ method: 'GET', path: `/tunnels/${S.tunnel}/stats`, query: {} }],
	});
	add('tunnel', 'Tunnel: stats of all', { resource: 'tunnel', operation: 'getAllStats' }, {
		requests: [{ method: 'GET', path: '/tunnels/stats', query: {} }],
		output: count(6),
	});

	// user
	add('user', 'User: get many', { resource: 'user', operation: 'getAll', returnAll: true }, {
		requests: [{ method: 'GET', path: '/users', query: { limit: '100', offset: '0' } }],
		output: count(8),
	});
	add('user', 'User: get', { resource: 'user', operation: 'get', userId: rl(S.user) }, {
		requests: [{ method: 'GET', path: `/users/${S.user}`, query: {} }],
		output: first((u) => u.id === S.user, `user ${S.user}`),
	});

	// connection
	add('connection', 'Connection: get many', { resource: 'connection', operation: 'getAll' }, {
		requests: [{ method: 'GET', path: '/connections', query: {} }],
		output: count(7),
	});

	// Failing requests: the sandbox's fault switch is turned on by an HTTP Request node right
	// before the Leeloo node, for exactly one request. Reads are retried (pacing and retries);
	// a write that Leeloo applied before failing is not sent again; with Retry off errors surface.
	steps.push({ fault: { mode: 'rateLimit', count: 1 }, name: 'Fault: rate limit on', adminUrl });
	add('fault', 'Tag: get many (429, retried)', { resource: 'tag', operation: 'getAll' }, {
		requests: [
			{ method: 'GET', path: '/tags', query: {}, status: 429 },
			{ method: 'GET', path: '/tags', query: {}, status: 200 },
		],
		output: count(12),
	});
	steps.push({ fault: { mode: 'serverError', count: 1 }, name: 'Fault: server error on', adminUrl });
	add('fault', 'User: get (500, retried)', { resource: 'user', operation: 'get', userId: rl(S.user) }, {
		requests: [
			{ method: 'GET', path: `/users/${S.user}`, query: {}, status: 500 },
			{ method: 'GET', path: `/users/${S.user}`, query: {}, status: 200 },
		],
		output: first((u) => u.id === S.user, `user ${S.user}`),
	});
	steps.push({ fault: { mode: 'nonJson', count: 1 }, name: 'Fault: non-JSON on', adminUrl });
	add('fault', 'Connection: get many (HTML, retries off)', { resource: 'connection', operation: 'getAll', pacing: { retry: false } }, {
		requests: [{ method: 'GET', path: '/connections', query: {}, status: 200 }],
		failure: /not JSON.*retries are off/i,
	});
	steps.push({ fault: { mode: 'processedThen502', count: 1 }, name: 'Fault: applied, then 502', adminUrl });
	add('fault', 'Message: send (applied, then 502)', { resource: 'message', operation: 'send', accountId: rl(S.channel), text: 'Sent once' }, {
		requests: [{ method: 'POST', path: '/messages/send-message', body: { account_id: S.channel, text: 'Sent once' }, status: 502 }],
		failure: /may or may not have been applied, so it was not sent again/,
		sentOnce: { method: 'POST', path: '/messages/send-message', text: 'Sent once' },
	});
	return steps;
}

// Item linking: 3 items, each a phone and a note → Person Get Many by the item's phone (the middle
// phone is nobody's, so 2 people come out of 3 items: n8n cannot link them by itself) → a Set node
// that reads the note of the item each person came from.
const LINK = { items: 'Link: items', source: 'Link: source', leeloo: 'Link: people by phone', read: 'Link: read note' };

function linkingNodes(phones) {
	const at = (col) => [220 * col, 300];
	const items = phones.map((phone, i) => ({ phone, note: `note ${i}` }));
	return [
		node(LINK.items, 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: JSON.stringify({ items }), options: {} }, at(1)),
		node(LINK.source, 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'items', options: {} }, at(2)),
		leeloo(
			LINK.leeloo,
			{ resource: 'person', operation: 'getAll', returnAll: false, limit: 5, filters: { phone: '={{ $json.phone }}' } },
			at(3),
			{ executeOnce: false },
		),
		node(
			LINK.read,
			'n8n-nodes-base.set',
			3.4,
			{ assignments: { assignments: [{ id: crypto.randomUUID(), name: 'note', value: `={{ $('${LINK.source}').item.json.note }}`, type: 'string' }] }, options: {} },
			at(4),
			// Without the links n8n fails this node ("Paired item data … is unavailable"): the
			// other checks go on, this one reads the error.
			{ onError: 'continueRegularOutput' },
		),
	];
}

/**
 * Problems of the linking branch in run data: each person names the item whose phone found it
 * (`people`: the expected ids per input item), and the Set node read that item's note.
 */
function checkLinking(run, people) {
	const output = (name) => run?.data?.resultData?.runData?.[name]?.[0]?.data?.main?.[0];
	const found = output(LINK.leeloo);
	if (!found) return [`node "${LINK.leeloo}" did not run or output nothing`];
	const expected = people.flatMap((ids, item) => ids.map((id) => ({ id, item })));
	const got = found.map((i) => ({ id: i.json.id, item: i.pairedItem?.item }));
	const problems = [];
	if (!same(got, expected)) problems.push(`people and their pairedItem: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
	const read = (output(LINK.read) || []).map((i) => i.json.note ?? i.json.error);
	const want = expected.map(({ item }) => `note ${item}`);
	if (!same(read, want)) problems.push(`"${LINK.read}" read ${JSON.stringify(read)} from $('${LINK.source}').item, expected ${JSON.stringify(want)}`);
	return problems;
}

function mainWorkflow(ids, adminUrl, phones) {
	const steps = operationSteps(ids, adminUrl);
	const nodes = [node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0])];
	steps.forEach((step, i) => {
		const position = [220 * (i + 1), 0];
		if (step.fault) nodes.push(httpPost(step.name, `${step.adminUrl}/fault`, JSON.stringify(step.fault), position, { executeOnce: true }));
		else nodes.push(leeloo(step.name, step.parameters, position));
	});
	// With `phones`, the linking branch: a second branch from Start, below the first (n8n's v1
	// order runs it after the whole first one).
	const linking = phones ? linkingNodes(phones) : [];
	const connections = { ...chain(nodes), ...chain(linking) };
	if (phones) connections.Start.main[0].push({ node: LINK.items, type: 'main', index: 0 });
	return {
		workflow: {
			id: MAIN_ID,
			name: 'E2E operations',
			active: false,
			nodes: [...nodes, ...linking],
			connections,
			settings: { executionOrder: 'v1', timezone: TIMEZONE },
			pinData: {},
		},
		steps: steps.filter((s) => !s.fault),
	};
}

function triggerWorkflow(recorderUrl) {
	const record = (event) => `={{ JSON.stringify({ event: "${event}", item: $json }) }}`;
	// Only the activation polls are tested: a scheduled poll (every minute fires at a random second)
	// could land in n8n's shutdown and add an execution that tells nothing about the node.
	const pollTimes = { item: [{ mode: 'custom', cronExpression: '0 0 0 1 1 *' }] };
	const nodes = [
		node('New messages', 'n8n-nodes-leeloo.leelooTrigger', 1, { pollTimes, event: 'newMessage', options: {} }, [0, 0], {
			credentials: { leelooApi: CREDENTIAL },
		}),
		httpPost('Record message', `${recorderUrl}/newMessage`, record('newMessage'), [220, 0]),
		node('New orders', 'n8n-nodes-leeloo.leelooTrigger', 1, { pollTimes, event: 'newOrder' }, [0, 200], {
			credentials: { leelooApi: CREDENTIAL },
		}),
		httpPost('Record order', `${recorderUrl}/newOrder`, record('newOrder'), [220, 200]),
	];
	return {
		id: TRIGGER_ID,
		name: 'E2E triggers',
		active: false,
		nodes,
		connections: {
			'New messages': { main: [[{ node: 'Record message', type: 'main', index: 0 }]] },
			'New orders': { main: [[{ node: 'Record order', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** Output items (json) of a node in an `execute` run; undefined when it did not run. */
function nodeOutput(run, name) {
	const runs = run?.data?.resultData?.runData?.[name];
	if (!runs || !runs.length) return undefined;
	const last = runs[runs.length - 1];
	if (last.error) return [{ error: last.error.message, description: last.error.description }];
	return (last.data?.main?.[0] || []).map((i) => i.json);
}

/** Checks one step against its node output and the recorded requests; returns problems. */
function checkStep(step, items, requests) {
	const problems = [];
	if (items === undefined) return [`node "${step.name}" did not run`];
	const errorItem = items.find((i) => i && i.error);
	if (step.failure) {
		if (!errorItem) problems.push(`expected an error, got ${JSON.stringify(items).slice(0, 200)}`);
		else if (!step.failure.test(String(errorItem.error))) problems.push(`error "${errorItem.error}" does not match ${step.failure}`);
	} else if (errorItem) {
		problems.push(`failed: ${errorItem.error}${errorItem.description ? ` — ${errorItem.description}` : ''}`);
	} else if (step.output) {
		const problem = step.output(items);
		if (problem) problems.push(problem);
	}
	if (step.sentOnce) {
		const sent = requests.filter((r) => r.method === step.sentOnce.method && r.path === step.sentOnce.path && r.body?.text === step.sentOnce.text);
		if (sent.length !== 1) problems.push(`expected exactly 1 ${step.sentOnce.method} ${step.sentOnce.path} with "${step.sentOnce.text}", the sandbox saw ${sent.length}`);
	}
	for (const want of step.requests || []) {
		const found = requests.find((r) => requestMatches(r, want));
		if (!found) {
			const similar = requests.filter((r) => r.method === want.method && (want.path ? r.path === want.path : want.pathPattern.test(r.path)));
			problems.push(
				`no request ${want.method} ${want.path || want.pathPattern} ${JSON.stringify(want.query ?? want.body ?? want.bodyIncludes ?? '')}` +
					(similar.length ? `; saw ${similar.map((r) => JSON.stringify({ query: r.query, body: r.body, status: r.status })).join(' ')}`.slice(0, 600) : '; none with that path'),
			);
		}
	}
	return problems;
}

function requestMatches(r, want) {
	if (r.method !== want.method) return false;
	if (want.path ? r.path !== want.path : !want.pathPattern.test(r.path)) return false;
	if (want.status !== undefined && r.status !== want.status) return false;
	if (want.query && !same(r.query || {}, want.query)) return false;
	if (want.body) {
		// Numbers may arrive as numbers or numeric strings (the API takes both).
		const body = { ...(r.body || {}) };
		const expected = { ...want.body };
		for (const k of want.bodyLoose || []) {
			if (body[k] !== undefined) body[k] = String(body[k]);
			if (expected[k] !== undefined) expected[k] = String(expected[k]);
		}
		if (!same(body, expected)) return false;
	}
	if (want.bodyIncludes) {
		for (const [k, v] of Object.entries(want.bodyIncludes)) if (!same((r.body || {})[k], v)) return false;
	}
	return true;
}

module.exports = { CREDENTIAL, MAIN_ID, TRIGGER_ID, TIMEZONE, mainWorkflow, triggerWorkflow, nodeOutput, checkStep, checkLinking, leeloo, node, rl };
