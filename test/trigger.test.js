// The Leeloo Trigger through n8n-core's PollContext (test/helpers/harness.js `poll`): nock for
// exact requests where the request count matters, the sandbox over 127.0.0.1 for longer stories
// (test/helpers/sandbox.js; the requests it saw are read back from it).
const path = require('node:path');
const nock = require('nock');
const { poll, TOKEN, BASE_URL, DIST } = require('./helpers/harness');
const { useSandbox, withoutNock, directPoller, SERVER_ERROR, RATE_LIMITED, iso } = require('./helpers/sandbox');

const T = Date.parse('2026-01-13T08:21:09.619Z');
const SEC = 1000;
const MIN = 60 * SEC;
const KEY = 'node:Leeloo Trigger';
const ORDERS = { event: 'newOrder', options: {} };
const MESSAGES = { event: 'newMessage', options: {} };
const FROM = 'filter[last_message][from]';

const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });
const envelope = (data, offset, total = data.length) => ({ data, status: 1, meta: { limit: 100, offset, filteredCount: data.length, totalCount: total } });
const query = (offset, extra = {}) => ({ limit: '100', offset: String(offset), ...extra });
const hex = (n) => n.toString(16).padStart(24, '0');
const order = (n, ms) => ({ id: hex(n), status: 'RESOLVED', price: 100, currency: 'RUB', createdAt: iso(ms), updatedAt: iso(ms) });
const itemsOf = (result) => (result === null ? null : result[0].map((item) => item.json));
const idsOf = (result) => (itemsOf(result) ?? []).map((item) => item.id);
const cursorOf = (staticData) => staticData[KEY]?.leelooCursor;
const snapshot = (staticData) => JSON.stringify(cursorOf(staticData) ?? null);
/** What a restart does to the stored state: it is saved as JSON and read back. */
const restart = (staticData) => JSON.parse(JSON.stringify(staticData));

const leeloo = useSandbox();
/** One poll against the sandbox. */
const pollSandbox = (options) => poll({ ...options, credentials: leeloo.credentials });

/** Polls the sandbox on, restoring the state from JSON before each poll, until one returns nothing. */
async function drain(parameters, staticData, { pollBudgetMs, max = 20 } = {}) {
	const emitted = [];
	let state = staticData;
	for (let i = 0; i < max; i++) {
		const { result, staticData: after } = await pollSandbox({ parameters, staticData: restart(state), pollBudgetMs });
		state = after;
		if (result === null) return { emitted, staticData: state, polls: i + 1 };
		emitted.push(...itemsOf(result));
	}
	throw new Error('the trigger kept emitting');
}

describe('Leeloo Trigger: description', () => {
	test('is a polling trigger on the leelooApi credential, not an AI tool', () => {
		const { LeelooTrigger } = require(path.join(DIST, 'nodes/LeelooTrigger/LeelooTrigger.node.js'));
		const { description } = new LeelooTrigger();
		expect(description).toMatchObject({
			name: 'leelooTrigger',
			displayName: 'Leeloo Trigger',
			polling: true,
			inputs: [],
			credentials: [{ name: 'leelooApi', required: true }],
			icon: { light: 'file:../../icons/leeloo.svg', dark: 'file:../../icons/leeloo.dark.svg' },
		});
		expect(description.usableAsTool).toBeUndefined();
		const event = description.properties.find((p) => p.name === 'event');
		expect(event.options.map((o) => o.value)).toEqual(['newMessage', 'newOrder']);
		const options = description.properties.find((p) => p.name === 'options');
		expect(options.options.map((o) => [o.name, o.type, o.default])).toEqual([['includeOutgoing', 'boolean', false]]);
	});
});

describe('Leeloo Trigger: new order (E10)', () => {
	test('manual run returns the newest order and neither reads nor writes the cursor', async () => {
		const stored = { [KEY]: { leelooCursor: { v: 1, event: 'newOrder', hw: T, seen: {}, sort: 'asc', anchor: 5 } } };
		api().get('/orders').query(query(0)).reply(200, envelope([order(3, T + MIN), order(2, T), order(1, T - MIN)], 0));
		const { result, staticData } = await poll({ parameters: ORDERS, staticData: restart(stored), mode: 'manual' });
		expect(itemsOf(result)).toEqual([order(3, T + MIN)]);
		expect(restart(staticData)).toEqual(stored);

		// Without any state, nothing is created either.
		api().get('/orders').query(query(0)).reply(200, envelope([order(1, T - MIN), order(2, T)], 0));
		const fresh = await poll({ parameters: ORDERS, staticData: {}, mode: 'manual' });
		expect(itemsOf(fresh.result)).toEqual([order(2, T)]);
		expect(restart(fresh.staticData)).toEqual({});
	});

	test('manual run on an empty account returns nothing', async () => {
		api().get('/orders').query(query(0)).reply(200, envelope([], 0));
		const { result } = await poll({ parameters: ORDERS, mode: 'manual' });
		expect(result).toBeNull();
	});

	test('first poll records a baseline and emits nothing; then new orders, oldest first, each once', async () => {
		const history = [order(3, T), order(2, T - 2 * MIN), order(1, T - 9 * MIN)];
		api().get('/orders').query(query(0)).reply(200, envelope(history, 0));
		let { result, staticData } = await poll({ parameters: ORDERS });
		expect(result).toBeNull();
		expect(cursorOf(staticData)).toEqual({
			v: 1, event: 'newOrder', hw: T, sort: 'desc', anchor: 0,
			seen: { [hex(3)]: T, [hex(2)]: T - 2 * MIN },
		});

		const next = [order(5, T + 2 * MIN), order(4, T + MIN), ...history];
		api().get('/orders').query(query(0)).reply(200, envelope(next, 0));
		({ result, staticData } = await poll({ parameters: ORDERS, staticData: restart(staticData) }));
		expect(itemsOf(result)).toEqual([order(4, T + MIN), order(5, T + 2 * MIN)]);
		expect(cursorOf(staticData).hw).toBe(T + 2 * MIN);

		api().get('/orders').query(query(0)).reply(200, envelope(next, 0));
		({ result } = await poll({ parameters: ORDERS, staticData: restart(staticData) }));
		expect(result).toBeNull();
	});

	test('a quiet poll costs exactly one E10 request', async () => {
		const history = [order(2, T), order(1, T - 9 * MIN)];
		api().get('/orders').query(query(0)).reply(200, envelope(history, 0));
		const { staticData } = await poll({ parameters: ORDERS });
		const scope = api().get('/orders').query(query(0)).once().reply(200, envelope(history, 0));
		const { result } = await poll({ parameters: ORDERS, staticData: restart(staticData) });
		expect(result).toBeNull();
		scope.done();
	});

	test('orders sharing a timestamp across polls are each emitted once', async () => {
		api().get('/orders').query(query(0)).reply(200, envelope([order(1, T)], 0));
		let { staticData } = await poll({ parameters: ORDERS });
		api().get('/orders').query(query(0)).reply(200, envelope([order(2, T), order(1, T)], 0));
		let result;
		({ result, staticData } = await poll({ parameters: ORDERS, staticData: restart(staticData) }));
		expect(idsOf(result)).toEqual([hex(2)]);
		api().get('/orders').query(query(0)).reply(200, envelope([order(3, T), order(2, T), order(1, T)], 0));
		({ result, staticData } = await poll({ parameters: ORDERS, staticData: restart(staticData) }));
		expect(idsOf(result)).toEqual([hex(3)]);
	});

	test('a late order up to 5 minutes older than the newest emitted is emitted once; an older one is not', async () => {
		api().get('/orders').query(query(0)).reply(200, envelope([order(1, T - 20 * MIN)], 0));
		let { staticData } = await poll({ parameters: ORDERS });
		api().get('/orders').query(query(0)).reply(200, envelope([order(2, T), order(1, T - 20 * MIN)], 0));
		let result;
		({ result, staticData } = await poll({ parameters: ORDERS, staticData: restart(staticData) }));
		expect(idsOf(result)).toEqual([hex(2)]);
		// Two orders show up late: 4 minutes and 6 minutes older than the newest emitted.
		const late = [order(2, T), order(3, T - 4 * MIN), order(4, T - 6 * MIN), order(1, T - 20 * MIN)];
		api().get('/orders').query(query(0)).reply(200, envelope(late, 0));
		({ result, staticData } = await poll({ parameters: ORDERS, staticData: restart(staticData) }));
		expect(idsOf(result)).toEqual([hex(3)]);
		api().get('/orders').query(query(0)).reply(200, envelope(late, 0));
		({ result } = await poll({ parameters: ORDERS, staticData: restart(staticData) }));
		expect(result).toBeNull();
	});

	test('newest-first list: a 3-page backlog is read page by page and emitted oldest first', async () => {
		await leeloo.lists({ orders: 'desc' });
		for (let i = 0; i < 500; i++) leeloo.addOrder(T - (500 - i) * MIN);
		let { staticData } = await pollSandbox({ parameters: ORDERS });
		expect(await leeloo.take()).toEqual(['/orders@0']);
		const backlog = [];
		for (let i = 0; i < 250; i++) backlog.push(leeloo.addOrder(T + i * SEC).id);
		const { result } = await pollSandbox({ parameters: ORDERS, staticData: restart(staticData) });
		expect(await leeloo.take()).toEqual(['/orders@0', '/orders@100', '/orders@200']);
		expect(idsOf(result)).toEqual(backlog);
	});

	test('oldest-first list: detected, the newest end found through totalCount; the history is never read', async () => {
		await leeloo.lists({ orders: 'asc' });
		for (let i = 0; i < 1000; i++) leeloo.addOrder(T - (1000 - i) * MIN);
		let { result, staticData } = await pollSandbox({ parameters: ORDERS });
		expect(result).toBeNull();
		// Page 0 shows the order, the last page holds the newest orders.
		expect(await leeloo.take()).toEqual(['/orders@0', '/orders@900']);
		expect(cursorOf(staticData)).toMatchObject({ sort: 'asc', anchor: 993, hw: T - MIN });

		// Quiet: one request, at the anchor.
		({ result, staticData } = await pollSandbox({ parameters: ORDERS, staticData: restart(staticData) }));
		expect(result).toBeNull();
		expect(await leeloo.take()).toEqual(['/orders@993']);

		// A 3-page backlog: read forward from the anchor, oldest first.
		const backlog = [];
		for (let i = 0; i < 250; i++) backlog.push(leeloo.addOrder(T + i * SEC).id);
		({ result, staticData } = await pollSandbox({ parameters: ORDERS, staticData: restart(staticData) }));
		expect(await leeloo.take()).toEqual(['/orders@993', '/orders@1093', '/orders@1193']);
		expect(idsOf(result)).toEqual(backlog);

		// Quiet again, but all 250 orders lie inside the 5-minute window, which is read again (late
		// orders) from the newest order older than it: position 999.
		({ result } = await pollSandbox({ parameters: ORDERS, staticData: restart(staticData) }));
		expect(result).toBeNull();
		expect(await leeloo.take()).toEqual(['/orders@999', '/orders@1099', '/orders@1199']);
	});

	test('orders in a named list (data.orders) are read the same way', async () => {
		await leeloo.lists({ data: 'named' });
		leeloo.addOrder(T - MIN);
		const { staticData } = await pollSandbox({ parameters: ORDERS });
		const added = leeloo.addOrder(T);
		const { result } = await pollSandbox({ parameters: ORDERS, staticData: restart(staticData) });
		expect(itemsOf(result)).toEqual([added]);
	});

	test.each([
		['HTTP 500', SERVER_ERROR, 'Leeloo server error (HTTP 500) on GET /orders'],
		['HTTP 429', RATE_LIMITED, 'Leeloo rate limit reached (HTTP 429)'],
	])('%s mid-way through a backlog: clear error, cursor unchanged, next poll delivers everything once', async (_, failure, message) => {
		await leeloo.lists({ orders: 'desc' });
		for (let i = 0; i < 300; i++) leeloo.addOrder(T - (300 - i) * MIN);
		let { staticData } = await pollSandbox({ parameters: ORDERS });
		const backlog = [];
		for (let i = 0; i < 250; i++) backlog.push(leeloo.addOrder(T + i * SEC).id);
		await leeloo.take();

		const before = snapshot(staticData);
		await leeloo.fail({ ...failure, path: '/orders', query: { offset: '200' } });
		const failed = pollSandbox({ parameters: ORDERS, staticData });
		await expect(failed).rejects.toThrow(message);
		await expect(failed).rejects.toMatchObject({ name: 'NodeApiError' });
		expect(await leeloo.take()).toEqual(['/orders@0', '/orders@100', '/orders@200']);
		expect(snapshot(staticData)).toBe(before);

		await leeloo.fail({ mode: 'none' });
		const { emitted } = await drain(ORDERS, staticData);
		expect(emitted.map((o) => o.id)).toEqual(backlog);
	});

	test('a failed baseline stores nothing; the next poll takes the baseline', async () => {
		api().get('/orders').query(query(0)).reply(500, { status: 0 });
		await expect(poll({ parameters: ORDERS })).rejects.toThrow('Leeloo server error (HTTP 500)');
		api().get('/orders').query(query(0)).reply(200, envelope([order(1, T)], 0));
		const { result, staticData } = await poll({ parameters: ORDERS, staticData: {} });
		expect(result).toBeNull();
		expect(cursorOf(staticData).hw).toBe(T);
	});

	test.each(['desc', 'asc'])('short of time (%s list): a backlog arrives in chunks, oldest first, each order once', async (orderSort) => {
		await leeloo.lists({ orders: orderSort });
		for (let i = 0; i < 600; i++) leeloo.addOrder(T - (600 - i) * MIN);
		const { staticData } = await pollSandbox({ parameters: ORDERS });
		const backlog = [];
		for (let i = 0; i < 350; i++) backlog.push(leeloo.addOrder(T + i * SEC).id);
		await leeloo.take();
		const { emitted, polls } = await drain(ORDERS, staticData, { pollBudgetMs: 0 });
		expect(emitted.map((o) => o.id)).toEqual(backlog);
		expect(polls).toBeGreaterThan(3);
		// Each chunk costs a few requests: no poll reads the whole backlog.
		const requests = await leeloo.requests();
		console.log(`chunks ${orderSort}: ${polls} polls, ${requests.length} requests`);
		expect(requests.length).toBeLessThanOrEqual(polls * 4);
	});

	test('changing the event takes a new baseline', async () => {
		api().get('/orders').query(query(0)).reply(200, envelope([order(1, T)], 0));
		const { staticData } = await poll({ parameters: ORDERS });
		api().get('/communication-channels').query(query(0)).reply(200, envelope([], 0));
		const { result, staticData: after } = await poll({ parameters: MESSAGES, staticData: restart(staticData) });
		expect(result).toBeNull();
		expect(cursorOf(after)).toEqual({ v: 1, event: 'newMessage', hw: null, seen: {}, channels: {} });
	});

	test('state stays small and flat over many polls through n8n', async () => {
		await leeloo.lists({ orders: 'desc' });
		leeloo.addOrder(T - MIN);
		let { staticData } = await pollSandbox({ parameters: ORDERS });
		const sizes = [];
		let emitted = 0;
		for (let p = 0; p < 40; p++) {
			for (let i = 0; i < 100; i++) leeloo.addOrder(T + p * 10 * MIN + i * 6 * SEC);
			let result;
			({ result, staticData } = await pollSandbox({ parameters: ORDERS, staticData: restart(staticData) }));
			emitted += result[0].length;
			sizes.push(JSON.stringify(staticData).length);
		}
		expect(emitted).toBe(4000);
		expect(Math.max(...sizes)).toBeLessThan(2600);
		// Flat: only the digits of the anchor position grow.
		expect(Math.abs(sizes[39] - sizes[1])).toBeLessThanOrEqual(4);
	});
});

describe('Leeloo Trigger: new message (E06 + E04)', () => {
	const CH_A = hex(0xa1);
	const CH_B = hex(0xb1);
	const PERSON_A = hex(0xa2);
	const PERSON_B = hex(0xb2);
	const channel = (id, person, ms) => ({ id, person_id: person, name: 'Ann', from: 'TELEGRAM', lastMessageTime: iso(ms), createdAt: iso(T - 100 * MIN) });
	const message = (n, ms, direction = 'INCOMING') => ({ id: hex(n), text: `m${n}`, ...(direction ? { direction } : {}), type: 'TEXT', createdAt: iso(ms) });
	const chat = (id) => `/communication-channels/${id}/chat-messages`;

	test('manual run returns the newest incoming message of the most recently active channel, with accountId and personId', async () => {
		api().get('/communication-channels').query(query(0)).reply(200, envelope([channel(CH_A, PERSON_A, T - MIN), channel(CH_B, PERSON_B, T)], 0));
		api().get(chat(CH_B)).query(query(0)).reply(200, envelope([message(3, T, 'OUTGOING'), message(2, T - 30 * SEC), message(1, T - MIN)], 0));
		const { result, staticData } = await poll({ parameters: MESSAGES, mode: 'manual' });
		expect(itemsOf(result)).toEqual([{ ...message(2, T - 30 * SEC), accountId: CH_B, personId: PERSON_B }]);
		expect(restart(staticData)).toEqual({});
	});

	test('baseline, then new messages across channels oldest first; outgoing skipped; no direction emitted', async () => {
		// Baseline: every channel is listed once; only channels active in the last 5 minutes are read.
		api().get('/communication-channels').query(query(0)).reply(200, envelope([channel(CH_A, PERSON_A, T - 20 * MIN), channel(CH_B, PERSON_B, T)], 0));
		api().get(chat(CH_B)).query(query(0)).reply(200, envelope([message(2, T), message(1, T - 9 * MIN)], 0));
		let { result, staticData } = await poll({ parameters: MESSAGES });
		expect(result).toBeNull();
		const baseline = cursorOf(staticData);
		expect(baseline).toMatchObject({ v: 1, event: 'newMessage', hw: T, seen: { [hex(2)]: T }, sort: 'desc' });
		expect(Object.keys(baseline.channels)).toEqual([CH_B]);

		// Both channels have new messages; the list is asked for channels active since the floor's UTC day.
		api().get('/communication-channels').query(query(0, { [FROM]: '2026-01-13' }))
			.reply(200, envelope([channel(CH_A, PERSON_A, T + 3 * MIN), channel(CH_B, PERSON_B, T + 2 * MIN)], 0));
		api().get(chat(CH_B)).query(query(0)).reply(200, envelope([message(5, T + 2 * MIN, null), message(4, T + MIN, 'OUTGOING'), message(2, T), message(1, T - 9 * MIN)], 0));
		api().get(chat(CH_A)).query(query(0)).reply(200, envelope([message(6, T + 3 * MIN), message(3, T + 30 * SEC), message(0, T - 20 * MIN)], 0));
		({ result, staticData } = await poll({ parameters: MESSAGES, staticData: restart(staticData) }));
		expect(itemsOf(result)).toEqual([
			{ ...message(3, T + 30 * SEC), accountId: CH_A, personId: PERSON_A },
			{ ...message(5, T + 2 * MIN, null), accountId: CH_B, personId: PERSON_B },
			{ ...message(6, T + 3 * MIN), accountId: CH_A, personId: PERSON_A },
		]);
		expect(cursorOf(staticData).hw).toBe(T + 3 * MIN);

		// Quiet: exactly one E06 request; channels whose record did not change are not read.
		const scope = api().get('/communication-channels').query(query(0, { [FROM]: '2026-01-13' }))
			.once().reply(200, envelope([channel(CH_A, PERSON_A, T + 3 * MIN), channel(CH_B, PERSON_B, T + 2 * MIN)], 0));
		({ result } = await poll({ parameters: MESSAGES, staticData: restart(staticData) }));
		expect(result).toBeNull();
		scope.done();
	});

	test('includeOutgoing emits the messages sent to the person too', async () => {
		api().get('/communication-channels').query(query(0)).reply(200, envelope([channel(CH_A, PERSON_A, T)], 0));
		api().get(chat(CH_A)).query(query(0)).reply(200, envelope([message(1, T)], 0));
		const parameters = { event: 'newMessage', options: { includeOutgoing: true } };
		let { staticData } = await poll({ parameters });
		api().get('/communication-channels').query(query(0, { [FROM]: '2026-01-13' })).reply(200, envelope([channel(CH_A, PERSON_A, T + MIN)], 0));
		api().get(chat(CH_A)).query(query(0)).reply(200, envelope([message(3, T + MIN, 'OUTGOING'), message(2, T + 30 * SEC), message(1, T)], 0));
		const { result } = await poll({ parameters, staticData: restart(staticData) });
		expect(idsOf(result)).toEqual([hex(2), hex(3)]);
	});

	test('the date filter is the UTC day of the cursor minus 5 minutes', async () => {
		const midnight = Date.parse('2026-01-14T00:02:00.000Z');
		api().get('/communication-channels').query(query(0)).reply(200, envelope([channel(CH_A, PERSON_A, midnight)], 0));
		api().get(chat(CH_A)).query(query(0)).reply(200, envelope([message(1, midnight)], 0));
		const { staticData } = await poll({ parameters: MESSAGES, timezone: 'Asia/Tokyo' });
		// 00:02 − 5 min is still the day before (UTC), whatever the workflow's timezone.
		api().get('/communication-channels').query(query(0, { [FROM]: '2026-01-13' })).reply(200, envelope([channel(CH_A, PERSON_A, midnight)], 0));
		const { result } = await poll({ parameters: MESSAGES, staticData: restart(staticData), timezone: 'Asia/Tokyo' });
		expect(result).toBeNull();
	});

	test('messages sharing a timestamp across polls, and late ones inside the window, are emitted once', async () => {
		const a = leeloo.addChannel();
		const b = leeloo.addChannel();
		leeloo.addMessage(a, T);
		let { staticData } = await pollSandbox({ parameters: MESSAGES });
		const m1 = leeloo.addMessage(b, T); // same time as the newest seen
		let result;
		({ result, staticData } = await pollSandbox({ parameters: MESSAGES, staticData: restart(staticData) }));
		expect(idsOf(result)).toEqual([m1.id]);
		const m2 = leeloo.addMessage(a, T + 10 * MIN);
		({ result, staticData } = await pollSandbox({ parameters: MESSAGES, staticData: restart(staticData) }));
		expect(idsOf(result)).toEqual([m2.id]);
		const late = leeloo.addMessage(b, T + 6 * MIN); // 4 minutes older than the newest emitted
		const tooLate = leeloo.addMessage(a, T + 4 * MIN); // 6 minutes older: outside the window
		({ result, staticData } = await pollSandbox({ parameters: MESSAGES, staticData: restart(staticData) }));
		expect(idsOf(result)).toEqual([late.id]);
		expect(idsOf(result)).not.toContain(tooLate.id);
		({ result } = await pollSandbox({ parameters: MESSAGES, staticData: restart(staticData) }));
		expect(result).toBeNull();
	});

	test('HTTP 429 on a chat list mid-way: cursor unchanged, next poll delivers everything once', async () => {
		const channels = [leeloo.addChannel(), leeloo.addChannel(), leeloo.addChannel()];
		channels.forEach((c, i) => leeloo.addMessage(c, T - i * MIN));
		let { staticData } = await pollSandbox({ parameters: MESSAGES });
		const added = [];
		channels.forEach((c, i) => added.push(leeloo.addMessage(c, T + (i + 1) * MIN).id));
		await leeloo.take();
		const before = snapshot(staticData);
		const target = `/communication-channels/${channels[1].id}/chat-messages`;
		await leeloo.fail({ ...RATE_LIMITED, path: target });
		await expect(pollSandbox({ parameters: MESSAGES, staticData })).rejects.toThrow(`Leeloo rate limit reached (HTTP 429)`);
		expect(snapshot(staticData)).toBe(before);
		await leeloo.fail({ mode: 'none' });
		const { emitted } = await drain(MESSAGES, staticData);
		expect(emitted.map((m) => m.id)).toEqual(added);
	});

	test('a 3-page chat backlog, newest-first or oldest-first, is read completely', async () => {
		for (const messageSort of ['desc', 'asc']) {
			await leeloo.reset();
			await leeloo.lists({ messages: messageSort });
			const c = leeloo.addChannel();
			for (let i = 0; i < 150; i++) leeloo.addMessage(c, T - (150 - i) * MIN);
			const { staticData } = await pollSandbox({ parameters: MESSAGES });
			const backlog = [];
			for (let i = 0; i < 250; i++) backlog.push(leeloo.addMessage(c, T + i * SEC).id);
			await leeloo.take();
			const { emitted } = await drain(MESSAGES, staticData);
			expect(emitted.map((m) => m.id)).toEqual(backlog);
			const reads = (await leeloo.take()).filter((r) => r.includes('chat-messages'));
			// newest-first: 3 pages down to the window; oldest-first: page 0 (order, total), then from the end back.
			expect(reads).toHaveLength(messageSort === 'desc' ? 3 : 4);
		}
	});

	test('short of time: one channel per poll, every message once', async () => {
		const channels = [leeloo.addChannel(), leeloo.addChannel(), leeloo.addChannel(), leeloo.addChannel()];
		channels.forEach((c) => leeloo.addMessage(c, T - 30 * MIN));
		const { staticData } = await pollSandbox({ parameters: MESSAGES });
		const added = new Set();
		channels.forEach((c, i) => {
			for (let k = 0; k < 5; k++) added.add(leeloo.addMessage(c, T + (k * 4 + i) * SEC).id);
		});
		const { emitted, polls } = await drain(MESSAGES, staticData, { pollBudgetMs: 0 });
		expect(polls).toBe(5);
		expect(emitted).toHaveLength(20);
		expect(new Set(emitted.map((m) => m.id))).toEqual(added);
	});
});

describe('Leeloo Trigger: state size over 1,000 polls and 100,000 records', () => {
	// Through the trigger's own modules with requests sent straight to the sandbox (see directPoller):
	// 1,000 polls through n8n would take minutes. 100 records per poll, 6 s apart; polls 10 minutes apart.
	withoutNock();
	test.each(['newOrder', 'newMessage'])('%s: the state JSON stays under 3 KB and does not grow', async (event) => {
		const pollDirect = directPoller(leeloo);
		const channels = Array.from({ length: 4 }, () => leeloo.addChannel());
		if (event === 'newOrder') leeloo.addOrder(T - MIN);
		else leeloo.addMessage(channels[0], T - MIN);
		let { staticData } = await pollDirect({ event, staticData: {} });
		const sizes = [];
		let emitted = 0;
		let records = 0;
		for (let p = 0; p < 1000; p++) {
			for (let i = 0; i < 100; i++, records++) {
				const ms = T + p * 10 * MIN + i * 6 * SEC;
				if (event === 'newOrder') leeloo.addOrder(ms);
				else leeloo.addMessage(channels[i % channels.length], ms);
			}
			let items;
			({ items, staticData } = await pollDirect({ event, staticData: restart(staticData) }));
			emitted += items.length;
			sizes.push(JSON.stringify(staticData).length);
		}
		console.log(`${event}: ${records} records, ${emitted} emitted, state ${sizes[0]}..${Math.max(...sizes)} bytes`);
		expect(records).toBe(100000);
		expect(emitted).toBe(100000);
		// The 51 records of the last 5 minutes (~41 bytes each) plus positions and channel marks.
		expect(Math.max(...sizes)).toBeLessThan(3000);
		expect(Math.abs(sizes[999] - sizes[1])).toBeLessThanOrEqual(4);
	}, 60000);
});
