// The sandbox (sandbox/server.js) as the Leeloo of the trigger tests: one per test file, over
// real HTTP on 127.0.0.1 with nock still in front of every other host; an empty account (no
// seeded people), reset before each test. Records are added in-process, as
// test/trigger-budget.test.js does; sort orders, envelopes and failures are switched through
// /__admin/lists and /__admin/fault; what the trigger asked is read from GET /__admin/requests.
const http = require('node:http');
const path = require('node:path');
const nock = require('nock');
const { startSandbox } = require('../../sandbox/server');
const { addChannel, addMessage, addOrder, addPerson, messageView, orderView } = require('../../sandbox/data/model');
const { TOKEN, DIST } = require('./harness');
const { letLocalThrough } = require('./local-net');

const FROM = 'filter[last_message][from]';
const iso = (ms) => new Date(ms).toISOString();
// When the people and channels the tests add were created (their ids follow from it).
const CREATED = Date.parse('2025-06-01T00:00:00.000Z');

/** Failures as POST /__admin/fault takes them: HTTP 500 with a status:0 body, HTTP 429 in plain text. */
const SERVER_ERROR = { mode: 'reply', status: 500, body: { status: 0, error: { code: 'INTERNAL_ERROR' } } };
const RATE_LIMITED = { mode: 'reply', status: 429, body: 'Too many requests, please try again later.' };

/** 'path@offset' (with ' from <day>' when the date filter was sent) for a recorded request. */
const describeRequest = ({ path: route, query }) => `${route}@${query.offset}${query[FROM] ? ` from ${query[FROM]}` : ''}`;

/**
 * What the trigger may not do, from the recorded requests: anything but GET with the token, limit
 * 100 and an offset, on E10, E06 (also with a YYYY-MM-DD date filter) or E04 of a known channel.
 */
function problemsOf(requests) {
	const problems = [];
	for (const { method, path: route, url, query, status, authorized } of requests) {
		const allowed = route === '/communication-channels' ? ['limit', 'offset', FROM] : ['limit', 'offset'];
		if (method !== 'GET' || !authorized) problems.push(`unexpected ${method} ${url} (token ${authorized ? 'sent' : 'missing'})`);
		if (query.limit !== '100' || !/^\d+$/.test(query.offset ?? '') || Object.keys(query).some((key) => !allowed.includes(key))) {
			problems.push(`unexpected query ${url}`);
		}
		if (query[FROM] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(query[FROM])) problems.push(`bad date ${query[FROM]}`);
		const listed = route === '/orders' || route === '/communication-channels' || /^\/communication-channels\/[0-9a-f]{24}\/chat-messages$/.test(route);
		if (!listed || status === 404) problems.push(`unknown path ${route}`);
	}
	return problems;
}

class TestSandbox {
	constructor(server) {
		this.server = server;
		this.orderPerson = undefined;
	}

	/** The credential fields that point the trigger at the sandbox (the token is the harness's). */
	get credentials() {
		return { baseUrl: this.server.baseUrl };
	}

	async admin(method, route, body) {
		const response = await fetch(`${this.server.adminUrl}${route}`, {
			method,
			...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
		});
		const json = await response.json();
		if (response.status !== 200) throw new Error(`${method} /__admin${route}: HTTP ${response.status} ${json.error}`);
		return json;
	}

	/** Sort orders and envelope: {orders?, messages?, channels?: 'desc'|'asc', data?: 'array'|'named', meta?}. */
	async lists(settings) {
		return await this.admin('POST', '/lists', settings);
	}

	/** A fault as POST /__admin/fault takes it (e.g. {...SERVER_ERROR, path, query}); {mode: 'none'} ends it. */
	async fail(fault) {
		return await this.admin('POST', '/fault', fault);
	}

	/** Back to an empty account with the start settings; the recorded requests are cleared. */
	async reset() {
		await this.admin('POST', '/reset');
		await this.admin('DELETE', '/requests');
		this.orderPerson = undefined;
	}

	/** Adds a RESOLVED order created at `ms`; returns it as E10 shows it. */
	addOrder(ms) {
		const { store } = this.server;
		this.orderPerson ??= addPerson(store, { name: 'Order Person', phone: '+380500000000', email: 'orders@example.com' }, CREATED);
		const person = this.orderPerson;
		const fields = { status: 'RESOLVED', type: 'MANUAL', price: 100, currency: 'RUB', title: 'Course', offerId: store.offers[0].id, person, email: person.email, phone: person.phone };
		return orderView(addOrder(store, fields, ms));
	}

	/** Adds a person with a Telegram channel and no messages; returns the channel (its `id` is the account id). */
	addChannel() {
		const { store } = this.server;
		const person = addPerson(store, { name: `Person ${store.people.length + 1}`, phone: 'NOT_DEFINED', email: 'NOT_DEFINED' }, CREATED);
		return addChannel(store, person, 'TELEGRAM', CREATED);
	}

	/** Adds a message to `channel` at `ms` (which becomes the channel's last message time if newer); returns it as E04 shows it. */
	addMessage(channel, ms, { direction = 'INCOMING', text } = {}) {
		const message = addMessage(this.server.store, channel, { text: text ?? `message ${this.server.store.messageCount + 1}`, direction, createdAt: ms });
		return messageView(message);
	}

	/** The API requests recorded since the last call (GET /__admin/requests), then cleared. */
	async requests() {
		const requests = await this.admin('GET', '/requests');
		await this.admin('DELETE', '/requests');
		return requests;
	}

	/** As requests(), each as 'path@offset' (with ' from <day>' when the date filter was sent). */
	async take() {
		return (await this.requests()).map(describeRequest);
	}
}

/**
 * Starts one sandbox for the test file (beforeAll; `options` as startSandbox takes them) and resets
 * it before each test. Returns the TestSandbox, usable once beforeAll ran.
 */
function useSandbox(options = {}) {
	const box = new TestSandbox(undefined);
	let undoLocal;
	beforeAll(async () => {
		undoLocal = letLocalThrough();
		box.server = await startSandbox({ people: 0, token: TOKEN, ...options });
	});
	beforeEach(async () => await box.reset());
	afterAll(async () => {
		await box.server?.close();
		agent.destroy();
		undoLocal?.();
	});
	return box;
}

/**
 * nock steps aside (intercepts nothing) within the calling describe block or file: real HTTP is
 * then several times faster. Only where no test mocks a request with nock.
 */
function withoutNock() {
	beforeAll(() => nock.restore());
	afterAll(() => nock.activate());
}

const agent = new http.Agent({ keepAlive: true });

/** GET on the sandbox's API with the token: resolves [status, text]. */
function get(url) {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { agent, headers: { 'x-leeloo-authtoken': TOKEN } }, (response) => {
			const chunks = [];
			response.on('data', (chunk) => chunks.push(chunk));
			response.on('end', () => resolve([response.statusCode, Buffer.concat(chunks).toString('utf8')]));
			response.on('error', reject);
		});
		request.on('error', reject);
	});
}

/**
 * What the trigger's poll() does, minus n8n: the trigger's own modules (from dist) with each
 * request sent straight to the sandbox. Thousands of polls fit in seconds this way (faster still
 * under withoutNock()).
 * Returns ({ event, staticData, short }) => { items, staticData }; staticData as n8n keeps it.
 */
function directPoller(box) {
	const events = require(path.join(DIST, 'nodes/LeelooTrigger/events.js'));
	const { restore } = require(path.join(DIST, 'nodes/LeelooTrigger/cursor.js'));
	const { readPage } = require(path.join(DIST, 'nodes/shared/api/envelopes.js'));
	const page = async (route, query) => {
		const [status, text] = await get(`${box.server.baseUrl}${route}?${new URLSearchParams(query)}`);
		if (status !== 200) throw new Error(status === 429 ? 'Leeloo rate limit reached (HTTP 429)' : `Leeloo server error (HTTP ${status})`);
		return readPage(JSON.parse(text));
	};
	return async ({ event, staticData, short = false }) => {
		const api = {
			pageSize: 100,
			orders: async (offset) => await page('/orders', { limit: 100, offset }),
			channels: async (offset, fromDay) => await page('/communication-channels', { limit: 100, offset, ...(fromDay ? { [FROM]: fromDay } : {}) }),
			messages: async (id, offset) => await page(`/communication-channels/${id}/chat-messages`, { limit: 100, offset }),
			more: () => !short,
		};
		const stored = restore(staticData['node:Leeloo Trigger']?.leelooCursor, event);
		let outcome;
		if (!stored) outcome = { state: event === 'newOrder' ? await events.baselineOrders(api) : await events.baselineMessages(api), items: [] };
		else outcome = event === 'newOrder' ? await events.pollOrders(api, stored) : await events.pollMessages(api, stored, false);
		return { items: outcome.items, staticData: { ...staticData, 'node:Leeloo Trigger': { leelooCursor: outcome.state } } };
	};
}

module.exports = { useSandbox, withoutNock, directPoller, problemsOf, SERVER_ERROR, RATE_LIMITED, iso };
