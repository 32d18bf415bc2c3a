// Every poll fits n8n's poll budget (getPollBudgetMs, n8n 2.x), the baseline included, on a big
// account: the sandbox with 50,000 people (about 100,000 channels) and 20,000 orders, 50 ms per
// request. A backlog bigger than one poll's budget arrives in chunks over several polls, each
// record once. Through n8n-core's PollContext and real HTTP to the sandbox on 127.0.0.1; prints
// its figures (a benchmark, not a timed assertion beyond the budget itself).
const nock = require('nock');
const { poll } = require('./helpers/harness');
const { startSandbox } = require('../sandbox/server');
const { addMessage, addOrder } = require('../sandbox/data/model');

const BUDGET_MS = 2000;
const LATENCY_MS = 50;
const ORDERS = 20000;
const BACKLOG_CHANNELS = 200;
const BACKLOG_ORDERS = 1500;

const copy = (value) => JSON.parse(JSON.stringify(value));

let sandbox;
beforeAll(async () => {
	// Real HTTP to the sandbox: nock steps aside for this file.
	nock.restore();
	sandbox = await startSandbox({ people: 50000, seed: 7, latencyMs: LATENCY_MS });
	// The seed gives about 18,500 orders; older ones fill up to 20,000.
	const { store } = sandbox;
	const first = store.orders[0].createdAt;
	for (let i = 0; store.orders.length < ORDERS; i++) {
		const person = store.people[i % store.people.length];
		addOrder(store, { status: 'RESOLVED', type: 'MANUAL', price: 9, currency: 'USD', title: 'Older order', offerId: store.offers[0].id, person, email: person.email, phone: person.phone }, first - (i + 1) * 60000);
	}
}, 60000);
afterAll(async () => {
	await sandbox?.close();
	nock.activate();
});

async function timedPoll(event, staticData) {
	const before = sandbox.requests.length;
	const started = Date.now();
	const { result, staticData: after } = await poll({
		parameters: { event, options: {} },
		staticData: copy(staticData),
		credentials: { baseUrl: sandbox.baseUrl, apiToken: sandbox.token },
		pollBudgetMs: BUDGET_MS,
	});
	const ms = Date.now() - started;
	return { items: (result?.[0] ?? []).map((item) => item.json), staticData: after, ms, requests: sandbox.requests.length - before };
}

test('baseline and backlog polls stay within the poll budget on 100,000 channels and 20,000 orders; every record once', async () => {
	const { store } = sandbox;
	const figures = { people: store.people.length, channels: store.channels.length, orders: store.orders.length, budgetMs: BUDGET_MS, latencyMs: LATENCY_MS };
	expect(figures.channels).toBeGreaterThan(99000);
	expect(figures.orders).toBe(ORDERS);

	const states = {};
	for (const event of ['newOrder', 'newMessage']) {
		const baseline = await timedPoll(event, {});
		expect(baseline.items).toEqual([]);
		expect(baseline.ms).toBeLessThan(BUDGET_MS);
		figures[`${event}Baseline`] = { ms: baseline.ms, requests: baseline.requests };
		states[event] = baseline.staticData;
	}

	// A backlog as after an hour without polls: incoming messages in 200 channels (an outgoing
	// reply in each too) and 1,500 new orders, spread over the hour.
	const now = Date.now();
	const at = (i, count) => now - 60 * 60000 + Math.floor((i * 60 * 60000) / count);
	const expected = { newMessage: new Set(), newOrder: new Set() };
	const outgoing = new Set();
	for (let i = 0; i < BACKLOG_CHANNELS; i++) {
		const channel = store.channels[(i * 331) % store.channels.length];
		expected.newMessage.add(addMessage(store, channel, { text: `backlog ${i}`, direction: 'INCOMING', createdAt: at(i, BACKLOG_CHANNELS) }).id);
		outgoing.add(addMessage(store, channel, { text: `reply ${i}`, direction: 'OUTGOING', createdAt: at(i, BACKLOG_CHANNELS) + 1000 }).id);
	}
	for (let i = 0; i < BACKLOG_ORDERS; i++) {
		const person = store.people[i % store.people.length];
		expected.newOrder.add(addOrder(store, { status: 'PENDING', type: 'MANUAL', price: 1, currency: 'USD', title: `backlog ${i}`, offerId: store.offers[0].id, person, email: person.email, phone: person.phone }, at(i, BACKLOG_ORDERS)).id);
	}

	for (const event of ['newOrder', 'newMessage']) {
		const emitted = new Map();
		const durations = [];
		let requests = 0;
		let state = states[event];
		for (let i = 0; i < 60; i++) {
			const polled = await timedPoll(event, state);
			durations.push(polled.ms);
			requests += polled.requests;
			state = polled.staticData;
			for (const { id } of polled.items) emitted.set(id, (emitted.get(id) ?? 0) + 1);
			if (!polled.items.length) break;
		}
		const lost = [...expected[event]].filter((id) => !emitted.has(id));
		const duplicated = [...emitted].filter(([, n]) => n > 1).map(([id]) => id);
		const unexpected = [...emitted.keys()].filter((id) => !expected[event].has(id));
		figures[`${event}Backlog`] = { records: expected[event].size, polls: durations.length, requests, maxPollMs: Math.max(...durations), meanPollMs: Math.round(durations.reduce((a, b) => a + b, 0) / durations.length) };
		Object.assign(figures[`${event}Backlog`], { lost: lost.length, duplicated: duplicated.length, unexpected: unexpected.length });
	}
	console.log(`poll budget ${JSON.stringify(figures)}`);
	for (const event of ['newOrder', 'newMessage']) {
		const backlog = figures[`${event}Backlog`];
		expect([backlog.lost, backlog.duplicated, backlog.unexpected]).toEqual([0, 0, 0]);
		// More than one poll: the backlog did not fit one budget and was carried over.
		expect(backlog.polls).toBeGreaterThan(2);
		expect(backlog.maxPollMs).toBeLessThan(BUDGET_MS);
	}
	// Yesterday's day filter is what keeps the message baseline small on a big account.
	expect(figures.newMessageBaseline.requests).toBeLessThan(5);
}, 120000);
