// The sandbox's outgoing webhooks (sandbox/webhooks.js): what Leeloo would POST, when, and the
// admin endpoints that set and watch them. A receiver on 127.0.0.1 stands in for n8n.
const http = require('node:http');
const { startSandbox } = require('../sandbox/server');
const { letLocalThrough } = require('./helpers/local-net');
const { startSandboxCli, stopSandboxCli, runSandboxCli } = require('./helpers/sandbox-cli');

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ALL = ['ORDER', 'SALE', 'SUBSCRIPTION', 'INCOMING_MESSAGE'];

/** One HTTP request; resolves {status, text, json, ms}. */
function request(method, url, { body, headers = {} } = {}) {
	const payload = body === undefined ? undefined : JSON.stringify(body);
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method, headers: { ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }), ...headers }, timeout: 20000 },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({ status: res.statusCode, text, json: /json/.test(res.headers['content-type'] ?? '') ? JSON.parse(text) : undefined, ms: Date.now() - started });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${url}`)));
		req.on('error', reject);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
}

/**
 * The webhook receiver: records every request ({method, url, headers, body}); `behaviour.delayMs`
 * holds answers, `behaviour.holdUntil` holds them until that many requests are in, `behaviour.silent`
 * never answers. Tracks how many were in at once.
 */
async function startReceiver() {
	const got = [];
	const waiting = [];
	const behaviour = { delayMs: 0, holdUntil: 0, silent: false, status: 200 };
	const stats = { inFlight: 0, maxInFlight: 0 };
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			got.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			stats.inFlight += 1;
			stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
			if (behaviour.silent) return;
			const answer = () => {
				stats.inFlight -= 1;
				res.writeHead(behaviour.status, { 'content-type': 'text/plain' }).end('ok');
			};
			if (behaviour.holdUntil) {
				waiting.push(answer);
				if (waiting.length >= behaviour.holdUntil) waiting.splice(0).forEach((fn) => fn());
			} else setTimeout(answer, behaviour.delayMs);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		port,
		got,
		behaviour,
		stats,
		bodies: () => got.map((r) => JSON.parse(r.body)),
		reset() {
			got.length = 0;
			Object.assign(behaviour, { delayMs: 0, holdUntil: 0, silent: false, status: 200 });
			Object.assign(stats, { inFlight: 0, maxInFlight: 0 });
		},
		close: () => {
			waiting.splice(0).forEach((fn) => fn());
			server.closeAllConnections();
			return new Promise((resolve) => server.close(resolve));
		},
	};
}

let sandbox;
let receiver;
let hookUrl;
let state;
const api = (method, apiPath, body) => request(method, `${sandbox.baseUrl}${apiPath}`, { body, headers: { 'X-Leeloo-AuthToken': sandbox.token } });
const admin = (method, adminPath, body) => request(method, `${sandbox.adminUrl}${adminPath}`, { body });
const ok = (response) => {
	expect({ status: response.status, body: response.json?.status }).toEqual({ status: 200, body: 1 });
	return response.json.data;
};
/** What the receiver got once every delivery is answered. */
const delivered = async () => {
	await sandbox.webhooks.settled();
	return receiver.bodies();
};
const channelOf = (id) => sandbox.store.byId.channel.get(id);

// Requests on 127.0.0.1 are the point here; anything else still reaches nock-guard.
let undoLocal;
beforeAll(async () => {
	undoLocal = letLocalThrough();
	receiver = await startReceiver();
	hookUrl = `http://127.0.0.1:${receiver.port}/webhook/abc/webhook?secret=dev-secret`;
	sandbox = await startSandbox({ people: 30, webhookUrl: hookUrl });
	state = (await admin('GET', '/state')).json;
});

afterAll(async () => {
	await sandbox?.close();
	await receiver?.close();
	undoLocal?.();
});

beforeEach(async () => {
	await sandbox.webhooks.settled();
	expect((await admin('PUT', '/webhook', { url: hookUrl })).status).toBe(200);
	receiver.reset();
});

describe('events fire when the sandbox does what Leeloo announces', () => {
	test('E09 → ORDER: one JSON POST to the URL as set (query kept), the exact body and headers; recorded', async () => {
		const person = sandbox.store.people.find((p) => p.email !== 'NOT_DEFINED' && p.phone !== 'NOT_DEFINED');
		const offer = sandbox.store.offers[2];
		const { id } = ok(await api('POST', '/orders', { paymentCreditsId: state.ids.paymentCredits, offerId: offer.id, personId: person.id }));
		const order = ok(await api('GET', `/orders/${id}`));
		expect(await delivered()).toEqual([
			{
				type: 'ORDER',
				data: {
					order_id: id,
					account_id: person.channels[0].id,
					offer_name: 'Consultation',
					price: 1500,
					currency: 'UAH',
					email: person.email,
					phone: person.phone,
					created_at: order.createdAt,
				},
			},
		]);
		const [sent] = receiver.got;
		// No signature or other header; `connection` is Node's (nock, loaded by every test, sets it to close).
		const { connection, ...headers } = sent.headers;
		expect({ method: sent.method, url: sent.url, headers }).toEqual({
			method: 'POST',
			url: '/webhook/abc/webhook?secret=dev-secret',
			headers: { host: `127.0.0.1:${receiver.port}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(sent.body)) },
		});
		expect(['keep-alive', 'close']).toContain(connection);
		const log = (await admin('GET', '/webhooks')).json;
		expect(log.at(-1)).toEqual({
			id: expect.any(Number),
			type: 'ORDER',
			url: hookUrl,
			contentType: 'application/json',
			body: sent.body,
			sentAt: expect.any(Number),
			answeredAt: expect.any(Number),
			status: 200,
			error: null,
			answer: 'ok',
		});
		expect(log.at(-1).answeredAt).toBeGreaterThanOrEqual(log.at(-1).sentAt);
	});

	test('E12 to RESOLVED → SALE with the updated price and currency and payment_method = the order’s payment system; REJECTED → nothing', async () => {
		const person = sandbox.store.people[4];
		const offer = sandbox.store.offers[0];
		const card = sandbox.store.paymentCredits[1].id;
		const { id } = ok(await api('POST', '/orders', { paymentCreditsId: card, offerId: offer.id, personId: person.id }));
		ok(await api('POST', `/orders/${id}`, { status: 'RESOLVED', price: 45.5, currency: 'EUR' }));
		const order = ok(await api('GET', `/orders/${id}`));
		const common = { order_id: id, account_id: person.channels[0].id, offer_name: 'Starter course', email: person.email, phone: person.phone, created_at: order.createdAt };
		expect(await delivered()).toEqual([
			{ type: 'ORDER', data: { ...common, price: 49, currency: 'USD' } },
			{ type: 'SALE', data: { ...common, price: 45.5, currency: 'EUR', payment_method: card } },
		]);

		receiver.reset();
		const other = ok(await api('POST', '/orders', { paymentCreditsId: card, offerId: offer.id, personId: person.id }));
		ok(await api('POST', `/orders/${other.id}`, { status: 'REJECTED' }));
		expect((await delivered()).map((b) => b.type)).toEqual(['ORDER']);
	});

	test('E12 on a seeded manual order: payment_method is the manual payment system; a refused update sends nothing', async () => {
		const seeded = sandbox.store.orders.find((o) => o.type === 'MANUAL');
		ok(await api('POST', `/orders/${seeded.id}`, { status: 'RESOLVED' }));
		expect(await delivered()).toEqual([
			{
				type: 'SALE',
				data: {
					order_id: seeded.id,
					account_id: seeded.person.channels[0].id,
					offer_name: seeded.title,
					price: seeded.price,
					currency: seeded.currency,
					email: seeded.email,
					phone: seeded.phone,
					created_at: new Date(seeded.createdAt).toISOString(),
					payment_method: state.ids.paymentCredits,
				},
			},
		]);
		receiver.reset();
		const online = sandbox.store.orders.find((o) => o.type === 'ONLINE');
		const refused = await api('POST', `/orders/${online.id}`, { status: 'RESOLVED' });
		expect(refused.json).toMatchObject({ status: 0, error: { code: 'ORDER_NOT_MANUAL' } });
		expect(await delivered()).toEqual([]);
	});

	test('E30 → SUBSCRIPTION: account, person, tunnel, the tunnel’s first lead generation tool', async () => {
		const tunnel = sandbox.store.tunnels[1];
		const channel = sandbox.store.channels[5];
		ok(await api('POST', `/communication-channels/${channel.id}/manual-subscribe`, { tunnel_id: tunnel.id, tunnel_block_id: tunnel.blocks[1].id }));
		const subscription = sandbox.store.subscriptions.at(-1);
		expect(await delivered()).toEqual([
			{
				type: 'SUBSCRIPTION',
				data: {
					account_id: channel.id,
					person_id: channel.person.id,
					tunnel_id: tunnel.id,
					lead_gen_tool_id: tunnel.leadGenTools[0].id,
					created_at: new Date(subscription.createdAt).toISOString(),
				},
			},
		]);
	});

	test('POST /__admin/messages INCOMING → INCOMING_MESSAGE without person_id; OUTGOING and E05 sends → nothing', async () => {
		const channel = sandbox.store.channels[7];
		const injected = (await admin('POST', '/messages', { accountId: channel.id, text: 'Is it still on sale?' })).json;
		expect(await delivered()).toEqual([
			{ type: 'INCOMING_MESSAGE', data: { account_id: channel.id, message_id: injected.id, text: 'Is it still on sale?', created_at: injected.createdAt } },
		]);
		receiver.reset();
		expect((await admin('POST', '/messages', { accountId: channel.id, direction: 'OUTGOING' })).status).toBe(200);
		ok(await api('POST', '/messages/send-message', { account_id: channel.id, text: 'Hello' }));
		expect(await delivered()).toEqual([]);
	});

	test('POST /__admin/orders → ORDER; with status RESOLVED → ORDER and SALE', async () => {
		const person = sandbox.store.people[2];
		const pending = (await admin('POST', '/orders', { personId: person.id, price: 250, currency: 'EUR', title: 'Injected' })).json;
		const order = {
			account_id: person.channels[0].id, offer_name: 'Injected', price: 250, currency: 'EUR', email: person.email, phone: person.phone,
		};
		expect(await delivered()).toEqual([{ type: 'ORDER', data: { order_id: pending.id, ...order, created_at: pending.createdAt } }]);
		receiver.reset();
		const paid = (await admin('POST', '/orders', { personId: person.id, price: 250, currency: 'EUR', title: 'Injected', status: 'RESOLVED' })).json;
		const data = { order_id: paid.id, ...order, created_at: paid.createdAt };
		expect((await delivered()).sort((a, b) => a.type.localeCompare(b.type))).toEqual([
			{ type: 'ORDER', data },
			{ type: 'SALE', data: { ...data, payment_method: state.ids.paymentCredits } },
		]);
	});

	test('POST /__admin/subscriptions {accountId?, tunnelId?} subscribes for real (E26 counts it) → SUBSCRIPTION', async () => {
		const tunnel = sandbox.store.tunnels[2];
		const before = ok(await api('GET', `/tunnels/${tunnel.id}/stats`)).subscribers;
		const made = (await admin('POST', '/subscriptions', { accountId: state.ids.channel, tunnelId: tunnel.id })).json;
		expect(made).toEqual({
			accountId: state.ids.channel,
			personId: state.ids.person,
			tunnelId: tunnel.id,
			tunnelBlockId: tunnel.blocks[0].id,
			leadGenToolId: tunnel.leadGenTools[0].id,
			createdAt: expect.stringMatching(ISO),
		});
		expect(ok(await api('GET', `/tunnels/${tunnel.id}/stats`)).subscribers).toBe(before + 1);
		expect(await delivered()).toEqual([
			{ type: 'SUBSCRIPTION', data: { account_id: state.ids.channel, person_id: state.ids.person, tunnel_id: tunnel.id, lead_gen_tool_id: tunnel.leadGenTools[0].id, created_at: made.createdAt } },
		]);
		const defaulted = (await admin('POST', '/subscriptions', {})).json;
		expect([defaulted.accountId, defaulted.tunnelId]).toEqual([state.ids.channel, state.ids.tunnel]);
		expect((await admin('POST', '/subscriptions', { tunnelId: 'f'.repeat(24) })).json).toEqual({ error: `No tunnel ${'f'.repeat(24)}` });
		expect((await admin('POST', '/subscriptions', { accountId: 'f'.repeat(24) })).json).toEqual({ error: `No communication channel ${'f'.repeat(24)}` });
	});
});

describe('setting the webhook', () => {
	test('GET /__admin/webhook: the current setting; PUT replaces it (events default to all four)', async () => {
		expect((await admin('GET', '/webhook')).json).toEqual({ url: hookUrl, events: ALL, timeoutMs: 10000 });
		const other = `http://localhost:${receiver.port}/other`;
		expect((await admin('PUT', '/webhook', { url: other, events: ['SALE', 'ORDER'], timeoutMs: 500 })).json).toEqual({ url: other, events: ['ORDER', 'SALE'], timeoutMs: 500 });
		expect((await admin('GET', '/webhook')).json).toEqual({ url: other, events: ['ORDER', 'SALE'], timeoutMs: 500 });
		expect((await admin('PUT', '/webhook', { url: other })).json).toEqual({ url: other, events: ALL, timeoutMs: 10000 });
	});

	test('events filter: only the selected types are sent', async () => {
		await admin('PUT', '/webhook', { url: hookUrl, events: ['INCOMING_MESSAGE'] });
		await admin('POST', '/orders', {});
		await admin('POST', '/subscriptions', {});
		await admin('POST', '/messages', { text: 'only me' });
		expect((await delivered()).map((b) => [b.type, b.data.text])).toEqual([['INCOMING_MESSAGE', 'only me']]);
	});

	test('{"url": null} switches webhooks off: nothing is sent or recorded', async () => {
		await admin('DELETE', '/webhooks');
		expect((await admin('PUT', '/webhook', { url: null })).json).toEqual({ url: null, events: ALL, timeoutMs: 10000 });
		await admin('POST', '/messages', {});
		await admin('POST', '/orders', { status: 'RESOLVED' });
		expect(await delivered()).toEqual([]);
		expect((await admin('GET', '/webhooks')).json).toEqual([]);
		expect((await admin('POST', '/webhooks/send', { type: 'ORDER' })).json).toEqual({ error: 'No webhook url is set: PUT /__admin/webhook {"url": "http://127.0.0.1:…"} first' });
	});

	test('a localhost URL is sent to 127.0.0.1 with the Host it names', async () => {
		await admin('PUT', '/webhook', { url: `http://localhost:${receiver.port}/hook` });
		await admin('POST', '/messages', {});
		await sandbox.webhooks.settled();
		expect(receiver.got.map((r) => [r.url, r.headers.host])).toEqual([['/hook', `localhost:${receiver.port}`]]);
	});

	test('only http:// to 127.0.0.1 or localhost: anything else is refused, naming only the origin', async () => {
		const refusals = [
			['https://127.0.0.1/hook', 'https://127.0.0.1'],
			['http://example.com/hook?secret=abc', 'http://example.com'],
			['http://10.0.0.5:5678/webhook', 'http://10.0.0.5:5678'],
			['http://[::1]:5678/webhook', 'http://[::1]:5678'],
			['ftp://localhost/x', 'ftp://localhost'],
		];
		for (const [url, origin] of refusals) {
			expect((await admin('PUT', '/webhook', { url })).json).toEqual({ error: `the sandbox sends webhooks only to http://127.0.0.1 or http://localhost (got ${origin})` });
		}
		expect((await admin('PUT', '/webhook', { url: 'not a url' })).json).toEqual({ error: 'webhook url is not a URL' });
		expect((await admin('PUT', '/webhook', { url: 42 })).json).toEqual({ error: 'webhook url must be a string (or null to switch webhooks off)' });
		expect((await admin('PUT', '/webhook', {})).json).toEqual({ error: 'url is required (null switches webhooks off)' });
		expect((await admin('PUT', '/webhook', { url: hookUrl, events: ['ORDER', 'PAYMENT'] })).json).toEqual({ error: 'webhook events must be a non-empty list of ORDER, SALE, SUBSCRIPTION, INCOMING_MESSAGE' });
		expect((await admin('PUT', '/webhook', { url: hookUrl, events: [] })).status).toBe(400);
		expect((await admin('PUT', '/webhook', { url: hookUrl, timeoutMs: 0 })).json).toEqual({ error: 'webhook timeoutMs must be an integer from 1 to 120000' });
		// A refused setting leaves the previous one in place.
		expect((await admin('GET', '/webhook')).json).toEqual({ url: hookUrl, events: ALL, timeoutMs: 10000 });
		await expect(startSandbox({ people: 5, webhookUrl: 'http://example.com/hook' })).rejects.toThrow('(got http://example.com)');
		await expect(startSandbox({ people: 5, webhookUrl: hookUrl, webhookEvents: ['NOPE'] })).rejects.toThrow('webhook events must be');
	});

	test('GET /__admin/webhooks lists deliveries oldest first; DELETE clears them; ids go on counting', async () => {
		await admin('DELETE', '/webhooks');
		await admin('POST', '/messages', { text: 'one' });
		await admin('POST', '/messages', { text: 'two' });
		await sandbox.webhooks.settled();
		const log = (await admin('GET', '/webhooks')).json;
		expect(log.map((d) => [d.type, JSON.parse(d.body).data.text, d.status])).toEqual([['INCOMING_MESSAGE', 'one', 200], ['INCOMING_MESSAGE', 'two', 200]]);
		expect(log[1].id).toBe(log[0].id + 1);
		expect((await admin('DELETE', '/webhooks')).json).toEqual({ cleared: true });
		expect((await admin('GET', '/webhooks')).json).toEqual([]);
		await admin('POST', '/messages', {});
		await sandbox.webhooks.settled();
		expect((await admin('GET', '/webhooks')).json.map((d) => d.id)).toEqual([log[1].id + 1]);
	});
});

describe('delivery never holds up the API', () => {
	test('a slow receiver: the API answers at once while the delivery is still waiting', async () => {
		receiver.behaviour.delayMs = 1500;
		const started = Date.now();
		const { id } = ok(await api('POST', '/orders', { paymentCreditsId: state.ids.paymentCredits, offerId: state.ids.offer, personId: state.ids.person }));
		const answeredIn = Date.now() - started;
		const inFlight = (await admin('GET', '/webhooks')).json.at(-1);
		expect(answeredIn).toBeLessThan(1000);
		expect(inFlight).toMatchObject({ type: 'ORDER', answeredAt: null, status: null, error: null });
		expect(JSON.parse(inFlight.body).data.order_id).toBe(id);
		await sandbox.webhooks.settled();
		const done = (await admin('GET', '/webhooks')).json.at(-1);
		expect(done.status).toBe(200);
		expect(done.answeredAt - done.sentAt).toBeGreaterThanOrEqual(1400);
	});

	test('no answer within timeoutMs → the delivery fails with that error; not retried', async () => {
		receiver.behaviour.silent = true;
		await admin('PUT', '/webhook', { url: hookUrl, timeoutMs: 300 });
		await admin('POST', '/messages', {});
		await sandbox.webhooks.settled();
		const failed = (await admin('GET', '/webhooks')).json.at(-1);
		expect(failed).toMatchObject({ type: 'INCOMING_MESSAGE', status: null, error: 'no answer within 300 ms', answer: null });
		expect(failed.answeredAt - failed.sentAt).toBeGreaterThanOrEqual(290);
		expect(receiver.got).toHaveLength(1);
	});

	test('nobody listening → the error is recorded, the API answers as usual; an HTTP error status is recorded too', async () => {
		const gone = await startReceiver();
		const url = `http://127.0.0.1:${gone.port}/hook`;
		await gone.close();
		await admin('PUT', '/webhook', { url });
		expect((await admin('POST', '/messages', {})).status).toBe(200);
		await sandbox.webhooks.settled();
		expect((await admin('GET', '/webhooks')).json.at(-1)).toMatchObject({ status: null, error: `connect ECONNREFUSED 127.0.0.1:${gone.port}` });

		await admin('PUT', '/webhook', { url: hookUrl });
		receiver.behaviour.status = 404;
		await admin('POST', '/messages', {});
		await sandbox.webhooks.settled();
		expect((await admin('GET', '/webhooks')).json.at(-1)).toMatchObject({ status: 404, error: null, answer: 'ok' });
	});

	test('close() ends deliveries in flight at once (recorded as "sandbox closed")', async () => {
		const box = await startSandbox({ people: 5, webhookUrl: hookUrl });
		receiver.behaviour.silent = true;
		await request('POST', `${box.adminUrl}/messages`, { body: {} });
		await new Promise((resolve) => setTimeout(resolve, 100));
		const started = Date.now();
		await box.close();
		expect(Date.now() - started).toBeLessThan(1000);
		await box.webhooks.settled();
		expect(box.webhooks.deliveries.map((d) => d.error)).toEqual(['sandbox closed']);
	});
});

describe('POST /__admin/webhooks/send (bursts)', () => {
	test('{type: INCOMING_MESSAGE, count: 50}: 50 real messages, posted at once, answered with the deliveries', async () => {
		receiver.behaviour.holdUntil = 50; // answers only once all 50 are in: they must come at once
		const answer = await admin('POST', '/webhooks/send', { type: 'INCOMING_MESSAGE', count: 50 });
		expect(answer.status).toBe(200);
		const { ids, deliveries } = answer.json;
		expect(ids).toHaveLength(50);
		expect(deliveries.map((d) => d.id)).toEqual(ids);
		expect(deliveries.every((d) => d.status === 200 && d.type === 'INCOMING_MESSAGE' && d.answeredAt >= d.sentAt)).toBe(true);
		expect(receiver.stats.maxInFlight).toBe(50);
		const bodies = receiver.bodies();
		expect(new Set(bodies.map((b) => b.data.message_id)).size).toBe(50);
		// On the channels in turn, and each message is in its channel's history.
		expect(bodies.map((b) => b.data.account_id).sort()).toEqual(sandbox.store.channels.slice(0, 50).map((c) => c.id).sort());
		for (const { data } of bodies.slice(0, 3)) {
			const history = ok(await api('GET', `/communication-channels/${data.account_id}/chat-messages?limit=1`));
			expect(history[0]).toEqual({ id: data.message_id, text: data.text, direction: 'INCOMING', type: 'TEXT', createdAt: data.created_at });
		}
	});

	test('ORDER, SALE, SUBSCRIPTION bursts make real records; accountId pins the channel', async () => {
		const channel = sandbox.store.channels[3];
		const orders = (await admin('POST', '/webhooks/send', { type: 'ORDER', count: 3, accountId: channel.id })).json;
		const sales = (await admin('POST', '/webhooks/send', { type: 'SALE', count: 2, accountId: channel.id })).json;
		const subscriptions = (await admin('POST', '/webhooks/send', { type: 'SUBSCRIPTION', count: 2 })).json;
		const events = [...orders.deliveries, ...sales.deliveries, ...subscriptions.deliveries].map((d) => JSON.parse(d.body));
		expect(events.map((e) => e.type)).toEqual(['ORDER', 'ORDER', 'ORDER', 'SALE', 'SALE', 'SUBSCRIPTION', 'SUBSCRIPTION']);
		expect(new Set(events.slice(0, 5).map((e) => e.data.order_id)).size).toBe(5);
		for (const { type, data } of events.slice(0, 5)) {
			expect(data.account_id).toBe(channel.id);
			expect(ok(await api('GET', `/orders/${data.order_id}`))).toMatchObject({ personId: channel.person.id, status: type === 'SALE' ? 'RESOLVED' : 'PENDING' });
		}
		expect(events[3].data.payment_method).toBe(state.ids.paymentCredits);
		expect(events.slice(5).map((e) => e.data.account_id)).toEqual([sandbox.store.channels[0].id, sandbox.store.channels[1].id]);
		expect(receiver.got).toHaveLength(7);
	});

	test('the events filter does not apply to a burst; {body} sends that JSON, {raw, contentType} that text', async () => {
		await admin('PUT', '/webhook', { url: hookUrl, events: ['ORDER'] });
		expect((await admin('POST', '/webhooks/send', { type: 'SUBSCRIPTION' })).json.deliveries[0].status).toBe(200);
		const custom = (await admin('POST', '/webhooks/send', { type: 'ORDER', count: 2, body: { type: 'ORDER', data: { order_id: 'x' } } })).json;
		expect(custom.deliveries.map((d) => [d.type, d.body, d.contentType])).toEqual([
			['ORDER', '{"type":"ORDER","data":{"order_id":"x"}}', 'application/json'],
			['ORDER', '{"type":"ORDER","data":{"order_id":"x"}}', 'application/json'],
		]);
		const raw = (await admin('POST', '/webhooks/send', { raw: 'not json', contentType: 'text/plain' })).json;
		expect(raw.deliveries[0]).toMatchObject({ type: null, body: 'not json', contentType: 'text/plain', status: 200 });
		const untyped = (await admin('POST', '/webhooks/send', { raw: '{"data":{}}', contentType: 'application/json' })).json;
		expect(untyped.deliveries[0]).toMatchObject({ type: null, body: '{"data":{}}', contentType: 'application/json' });
		expect(receiver.got.slice(-2).map((r) => [r.body, r.headers['content-type']])).toEqual([
			['not json', 'text/plain'],
			['{"data":{}}', 'application/json'],
		]);
	});

	test('bad bursts are refused', async () => {
		const refused = async (body) => (await admin('POST', '/webhooks/send', body)).json.error;
		expect(await refused({ type: 'ORDER', count: 0 })).toBe('count must be an integer from 1 to 1000');
		expect(await refused({ type: 'ORDER', count: 1001 })).toBe('count must be an integer from 1 to 1000');
		expect(await refused({ type: 'PAYMENT' })).toBe('type must be one of ORDER, SALE, SUBSCRIPTION, INCOMING_MESSAGE');
		expect(await refused({})).toBe('type must be one of ORDER, SALE, SUBSCRIPTION, INCOMING_MESSAGE (or give body or raw)');
		expect(await refused({ raw: 'x', body: {} })).toBe('give body or raw, not both');
		expect(await refused({ raw: 5 })).toBe('raw must be a string');
		expect(await refused({ type: 'ORDER', accountId: 'f'.repeat(24) })).toBe(`No communication channel ${'f'.repeat(24)}`);
		expect(receiver.got).toEqual([]);
	});
});

describe('cli', () => {
	test('--webhook-url and --webhook-events: shown in the banner and used; a non-loopback URL stops it with the reason', async () => {
		const { child, output } = await startSandboxCli(['--port', '0', '--people', '5', '--webhook-url', hookUrl, '--webhook-events', 'INCOMING_MESSAGE,ORDER']);
		try {
			expect(output).toContain(`Webhooks: ORDER, INCOMING_MESSAGE → ${hookUrl}`);
			const adminUrl = /Admin: +(\S+)\/state/.exec(output)[1];
			await request('POST', `${adminUrl}/messages`, { body: { text: 'from the cli' } });
			await request('POST', `${adminUrl}/subscriptions`, { body: {} });
			const log = (await request('GET', `${adminUrl}/webhooks`)).json;
			expect(log.map((d) => d.type)).toEqual(['INCOMING_MESSAGE']);
		} finally {
			expect(await stopSandboxCli(child)).toBe(0);
		}
		expect(await runSandboxCli(['--port', '0', '--webhook-url', 'https://hooks.example.com/x'])).toEqual({
			code: 1,
			stderr: 'the sandbox sends webhooks only to http://127.0.0.1 or http://localhost (got https://hooks.example.com)',
		});
	});
});
