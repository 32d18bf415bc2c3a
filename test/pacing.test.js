// Pacing and retries (nodes/Leeloo/engine/limiter.ts, retry.ts, routing.ts) through n8n-core's
// routing engine: what is sent again and what never is, the bounds, the shared limiter.
const nock = require('nock');
const { runNode, TOKEN, BASE_URL } = require('./helpers/harness');

const hex = (n) => n.toString(16).padStart(24, '0');
const CHANNELS = [hex(0xa1), hex(0xa2), hex(0xa3)];
const rl = (value) => ({ __rl: true, mode: 'id', value });
const send = (extra = {}) => ({ resource: 'message', operation: 'send', accountId: rl('={{ $json.account }}'), text: '={{ $json.text }}', ...extra });
const itemsFor = (count, channels = CHANNELS) =>
	Array.from({ length: count }, (_, i) => ({ json: { account: channels[i % channels.length], text: `message ${i}` } }));
const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN, 'content-type': /application\/json/ } });
const ok = (data = {}) => [200, { data, status: 1 }];
const rateLimited = (seconds = '0') => [429, 'Too many requests, please try again later.', { 'Content-Type': 'text/plain', 'Retry-After': seconds }];
const errorWith = (code, message = code) => Object.assign(new Error(message), { code });
const people = (count) => Array.from({ length: count }, (_, i) => ({ id: hex(i), name: `Person ${i}` }));

function expectNoToken(result) {
	const everything = JSON.stringify({
		items: result.items,
		error: result.error && { ...result.error, message: result.error.message, description: result.error.description },
		itemErrors: result.items.map((item) => item.error && { message: item.error.message, description: item.error.description }),
	});
	expect(everything).not.toContain(TOKEN);
}

/** A Leeloo that accepts sends at `perSecond` (a token bucket of `burst`) and answers 429 beyond it. */
function bucketServer({ perSecond, burst }) {
	const applied = [];
	let tokens = burst;
	let last = Date.now();
	let refused = 0;
	api()
		.post('/messages/send-message')
		.times(100000)
		.reply((uri, body) => {
			const now = Date.now();
			tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
			last = now;
			if (tokens < 1) {
				refused += 1;
				return rateLimited(String(Math.ceil((1 - tokens) / perSecond)));
			}
			tokens -= 1;
			applied.push(body);
			return ok({ id: hex(applied.length) });
		});
	return { applied, refused: () => refused };
}

afterEach(() => nock.cleanAll());

describe('rate limits (HTTP 429)', () => {
	test('1,000 sends against 20 requests/s: each message applied exactly once, in item order per channel, the node succeeds', async () => {
		const server = bucketServer({ perSecond: 20, burst: 20 });
		const items = itemsFor(1000);
		const started = Date.now();
		const result = await runNode({ items, parameters: send() });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1000);
		expect(result.items.every((item) => item.json.id && !item.error)).toBe(true);
		expect(server.applied).toHaveLength(1000);
		expect(new Set(server.applied.map((body) => body.text)).size).toBe(1000);
		for (const channel of CHANNELS) {
			const texts = server.applied.filter((body) => body.account_id === channel).map((body) => body.text);
			expect(texts).toEqual(items.filter((item) => item.json.account === channel).map((item) => item.json.text));
		}
		// The limiter learns the pace: far fewer refusals than sends.
		expect(server.refused()).toBeLessThan(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual((1000 - 20) * 50 - 1000);
		expectNoToken(result);
		nock.cleanAll();
	}, 120000);

	test('a 429 is waited out (Retry-After) and the same request sent again, for reads and writes', async () => {
		api().get('/tags').reply(...rateLimited('1'));
		api().get('/tags').reply(...ok([{ id: hex(1), name: 'vip' }]));
		api().post('/messages/send-message', { account_id: CHANNELS[0], text: 'hi' }).reply(...rateLimited('0'));
		api().post('/messages/send-message', { account_id: CHANNELS[0], text: 'hi' }).reply(...ok({ id: hex(2) }));
		const started = Date.now();
		const read = await runNode({ parameters: { resource: 'tag', operation: 'getAll' } });
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(read.error).toBeUndefined();
		expect(read.items.map((item) => item.json)).toEqual([{ id: hex(1), name: 'vip' }]);
		const write = await runNode({ items: [{ json: { account: CHANNELS[0], text: 'hi' } }], parameters: send() });
		expect(write.error).toBeUndefined();
		expect(write.items.map((item) => item.json)).toEqual([{ id: hex(2) }]);
	});

	test('retries are bounded by Max Retry Time, and the message says how many attempts over how long', async () => {
		let calls = 0;
		api()
			.post('/messages/send-message')
			.times(10)
			.reply(() => {
				calls += 1;
				return rateLimited('1');
			});
		const result = await runNode({
			items: [{ json: { account: CHANNELS[0], text: 'hi' } }],
			parameters: send({ pacing: { maxRetryTime: 2 } }),
			continueOnFail: true,
		});
		expect(calls).toBe(3);
		const [item] = result.items;
		expect(item.error.message).toMatch(/^Leeloo rate limit reached \(HTTP 429\): gave up after 3 attempts over [23] s$/);
		expect(item.error.description).toMatch(/Nothing was applied for this item\./);
		expect(item.error.description).toMatch(/Continue \(using error output\)/);
		expect(item.error.description).toMatch(/Do not use Settings → Retry On Fail/);
		nock.cleanAll();
	});

	test('with Retry off a 429 fails its item at once', async () => {
		api().post('/messages/send-message').reply(...rateLimited('0'));
		const result = await runNode({
			items: [{ json: { account: CHANNELS[0], text: 'hi' } }],
			parameters: send({ pacing: { retry: false } }),
			continueOnFail: true,
		});
		expect(result.items[0].error.message).toBe('Leeloo rate limit reached (HTTP 429): gave up after 1 attempt over 0 s (retries are off)');
	});
});

describe('writes that may have been applied are never sent again', () => {
	test('a send answered 502 after Leeloo applied it: one request, one clear error item, the other items go on', async () => {
		const applied = [];
		api()
			.post('/messages/send-message')
			.times(3)
			.reply((uri, body) => {
				applied.push(body.text);
				return body.text === 'message 1' ? [502, '<html>502 Bad Gateway</html>', { 'Content-Type': 'text/html' }] : ok({ id: hex(applied.length) });
			});
		const result = await runNode({ items: itemsFor(3), parameters: send(), continueOnFail: true });
		expect(applied).toEqual(['message 0', 'message 1', 'message 2']);
		expect(result.items).toHaveLength(3);
		expect(result.items[0].error).toBeUndefined();
		expect(result.items[2].error).toBeUndefined();
		expect(result.items[1].json).toEqual({
			error: 'Leeloo server error (HTTP 502) on POST /messages/send-message: it may or may not have been applied, so it was not sent again',
		});
		expect(result.items[1].error.description).toMatch(/sending it again could apply it twice/);
		expectNoToken(result);
	});

	test.each([
		['ECONNRESET', 'socket hang up'],
		['ECONNABORTED', 'timeout of 300000ms exceeded'],
		['ETIMEDOUT', 'read ETIMEDOUT'],
	])('a write whose connection failed with %s is not sent again', async (code, message) => {
		api().post('/messages/send-message').replyWithError(errorWith(code, message));
		const result = await runNode({ items: itemsFor(1), parameters: send(), continueOnFail: true });
		expect(result.items[0].error.message).toBe(
			`Leeloo could not be reached (${code}) on POST /messages/send-message: it may or may not have been applied, so it was not sent again`,
		);
	});

	test('a write whose connection was refused (nothing was sent) is sent again', async () => {
		api().post('/messages/send-message').replyWithError(errorWith('ECONNREFUSED', 'connect ECONNREFUSED'));
		api().post('/messages/send-message', { account_id: CHANNELS[0], text: 'message 0' }).reply(...ok({ id: hex(9) }));
		const result = await runNode({ items: itemsFor(1), parameters: send() });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ id: hex(9) }]);
	});

	test('a refusal by Leeloo (status 0) is not retried', async () => {
		api().post('/messages/send-message').reply(200, { status: 0, error: { code: 'VALIDATION_ERROR', fields: { account_id: 'NOT_FOUND' } } });
		const result = await runNode({ items: itemsFor(1), parameters: send(), continueOnFail: true });
		expect(result.items[0].error.message).toBe('Leeloo refused POST /messages/send-message: VALIDATION_ERROR (account_id: NOT_FOUND)');
	});
});

describe('reads are retried on server errors, non-JSON answers and dropped connections', () => {
	/**
	 * 1,500 people (E13) behind the same faults, by request count: every 4th a 429, every 7th a 502,
	 * every 9th an HTML page, and the first request for the page at `droppedAt` a dropped socket.
	 * With `withTotal` the pages carry meta.totalCount (so the node asks for them at once).
	 */
	function faultyPeople({ droppedAt, withTotal, delayMs = 0 }) {
		const all = people(1500);
		const state = { all, asked: [], inFlight: 0, max: 0 };
		let n = 0;
		// Registered first, so that it takes the first request for that page.
		state.dropped = nock(BASE_URL).get('/people').query({ limit: '100', offset: String(droppedAt) }).replyWithError(errorWith('ECONNRESET', 'socket hang up'));
		nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } })
			.get('/people')
			.query(true)
			.times(100)
			.reply((uri, body, callback) => {
				n += 1;
				const query = new URL(uri, BASE_URL).searchParams;
				const offset = Number(query.get('offset'));
				const limit = Number(query.get('limit'));
				state.inFlight += 1;
				state.max = Math.max(state.max, state.inFlight);
				let answer;
				if (n % 4 === 0) answer = rateLimited('0');
				else if (n % 7 === 0) answer = [502, '<html>bad gateway</html>', { 'Content-Type': 'text/html' }];
				else if (n % 9 === 0) answer = [200, '<html>maintenance</html>', { 'Content-Type': 'text/html' }];
				else {
					state.asked.push(offset);
					const data = all.slice(offset, offset + limit);
					answer = [200, { data, ...(withTotal && { meta: { limit, offset, filteredCount: data.length, totalCount: all.length } }), status: 1 }];
				}
				setTimeout(() => {
					state.inFlight -= 1;
					callback(null, answer);
				}, delayMs);
			});
		return state;
	}
	const getEveryone = () => runNode({ parameters: { resource: 'person', operation: 'getAll', returnAll: true, simplify: false } });

	test('Return All over 1,500 people with 429s, 502s and dropped sockets: every record exactly once', async () => {
		const state = faultyPeople({ droppedAt: 300, withTotal: false });
		const result = await getEveryone();
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(state.all.map((person) => person.id));
		expect(state.asked).toEqual(Array.from({ length: 16 }, (_, i) => i * 100));
		expect(state.dropped.isDone()).toBe(true);
		nock.cleanAll();
	}, 60000);

	test('the same faults while the pages are asked for at once (meta.totalCount known): every record exactly once', async () => {
		const state = faultyPeople({ droppedAt: 700, withTotal: true, delayMs: 5 });
		const result = await getEveryone();
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(state.all.map((person) => person.id));
		expect(state.max).toBeGreaterThan(1);
		expect(state.max).toBeLessThanOrEqual(10);
		expect(state.dropped.isDone()).toBe(true);
		nock.cleanAll();
	}, 60000);

	test('a read that keeps failing gives up within Max Retry Time', async () => {
		let calls = 0;
		api()
			.get('/tags')
			.times(20)
			.reply(() => {
				calls += 1;
				return [503, 'down', { 'Content-Type': 'text/plain' }];
			});
		const started = Date.now();
		const result = await runNode({ parameters: { resource: 'tag', operation: 'getAll', pacing: { maxRetryTime: 1 } } });
		expect(Date.now() - started).toBeLessThan(3000);
		expect(calls).toBeGreaterThanOrEqual(1);
		expect(calls).toBeLessThanOrEqual(2);
		expect(result.error.message).toMatch(/^Leeloo server error \(HTTP 503\) on GET \/tags: gave up after [12] attempts? over [01] s$/);
		nock.cleanAll();
	});
});

describe('the limiter of a node run', () => {
	/** Answers sends after `delayMs`, recording the highest number in flight and start times. */
	function slowServer(delayMs) {
		const state = { inFlight: 0, max: 0, starts: [], applied: [] };
		api()
			.post('/messages/send-message')
			.times(1000)
			.reply((uri, body, callback) => {
				state.inFlight += 1;
				state.max = Math.max(state.max, state.inFlight);
				state.starts.push(Date.now());
				setTimeout(() => {
					state.inFlight -= 1;
					state.applied.push(body);
					callback(null, ok({ id: hex(state.applied.length) }));
				}, typeof delayMs === 'function' ? delayMs() : delayMs);
			});
		return state;
	}

	test('at most 10 requests in flight by default, and Max Requests in Flight changes it', async () => {
		const first = slowServer(30);
		expect((await runNode({ items: itemsFor(60, Array.from({ length: 60 }, (_, i) => hex(i + 1))), parameters: send() })).error).toBeUndefined();
		expect(first.max).toBe(10);
		nock.cleanAll();
		const second = slowServer(30);
		const result = await runNode({ items: itemsFor(20, Array.from({ length: 20 }, (_, i) => hex(i + 1))), parameters: send({ pacing: { maxInFlight: 3 } }) });
		expect(result.error).toBeUndefined();
		expect(second.max).toBe(3);
		nock.cleanAll();
	});

	test('writes to one channel reach Leeloo in item order, even when answers come back out of order', async () => {
		let k = 0;
		const state = slowServer(() => [40, 5, 25, 1, 15][k++ % 5]);
		const items = itemsFor(30);
		const result = await runNode({ items, parameters: send() });
		expect(result.error).toBeUndefined();
		for (const channel of CHANNELS) {
			expect(state.applied.filter((body) => body.account_id === channel).map((body) => body.text)).toEqual(
				items.filter((item) => item.json.account === channel).map((item) => item.json.text),
			);
		}
		expect(state.max).toBeGreaterThan(1);
		nock.cleanAll();
	});

	test('Max Requests per Second spaces the requests of all items', async () => {
		const state = slowServer(0);
		const result = await runNode({ items: itemsFor(11, Array.from({ length: 11 }, (_, i) => hex(i + 1))), parameters: send({ pacing: { maxRequestsPerSecond: 10 } }) });
		expect(result.error).toBeUndefined();
		const gaps = state.starts.slice(1).map((at, i) => at - state.starts[i]);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
		expect(state.starts[10] - state.starts[0]).toBeGreaterThanOrEqual(950);
		nock.cleanAll();
	});
});

describe('Return All asks for the pages at once once the total is known', () => {
	/**
	 * A people list of `total` records (E13) that answers after `delayMs` with meta.totalCount, and
	 * records each request's query and the most in flight; `answer(offset, limit)` overrides a page.
	 */
	function listServer({ total, delayMs = 20, answer = () => undefined, totalAt = () => total }) {
		const all = people(total);
		const state = { asked: [], inFlight: 0, max: 0 };
		nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } })
			.get('/people')
			.query(true)
			.times(1000)
			.reply((uri, body, callback) => {
				const query = new URL(uri, BASE_URL).searchParams;
				const offset = Number(query.get('offset'));
				const limit = Number(query.get('limit'));
				state.asked.push([limit, offset]);
				state.inFlight += 1;
				state.max = Math.max(state.max, state.inFlight);
				setTimeout(() => {
					state.inFlight -= 1;
					const data = all.slice(offset, offset + limit);
					callback(null, answer(offset, limit) ?? [200, { data, meta: { limit, offset, filteredCount: data.length, totalCount: totalAt(offset) }, status: 1 }]);
				}, delayMs);
			});
		return { all, state };
	}
	const getAll = (extra = {}) => runNode({ parameters: { resource: 'person', operation: 'getAll', returnAll: true, simplify: false, ...extra } });
	const ids = (result) => result.items.map((item) => item.json.id);

	test('1,050 people: 11 requests, the 10 after the first at once, every record once and in order', async () => {
		const { all, state } = listServer({ total: 1050 });
		const result = await getAll();
		expect(result.error).toBeUndefined();
		expect(ids(result)).toEqual(all.map((person) => person.id));
		expect(state.asked[0]).toEqual([100, 0]);
		expect(state.asked.slice(1).sort((a, b) => a[1] - b[1])).toEqual(Array.from({ length: 10 }, (_, i) => [100, (i + 1) * 100]));
		expect(state.max).toBe(10);
		nock.cleanAll();
	});

	test('Max Requests in Flight bounds the pages too', async () => {
		const { all, state } = listServer({ total: 1000 });
		const result = await getAll({ pacing: { maxInFlight: 3 } });
		expect(ids(result)).toEqual(all.map((person) => person.id));
		expect(state.asked).toHaveLength(10);
		expect(state.max).toBe(3);
		nock.cleanAll();
	});

	test('Limit 250: the first page, then the two pages that make up the Limit', async () => {
		const { all, state } = listServer({ total: 1000 });
		const result = await runNode({ parameters: { resource: 'person', operation: 'getAll', returnAll: false, limit: 250, simplify: false } });
		expect(ids(result)).toEqual(all.slice(0, 250).map((person) => person.id));
		expect(state.asked[0]).toEqual([100, 0]);
		expect(state.asked.slice(1).sort((a, b) => a[1] - b[1])).toEqual([
			[100, 100],
			[50, 200],
		]);
		nock.cleanAll();
	});

	test('a short page ends the list: the pages after it are dropped, even a failed one', async () => {
		// Records deleted while reading: the total still says 500, but the page at 200 holds 30.
		const { all, state } = listServer({
			total: 500,
			answer: (offset) => {
				if (offset === 200) return [200, { data: all.slice(200, 230), meta: { totalCount: 500 }, status: 1 }];
				if (offset === 400) return [404, { status: 0, errors: ['not found'] }];
				return undefined;
			},
		});
		const result = await getAll();
		expect(result.error).toBeUndefined();
		expect(ids(result)).toEqual(all.slice(0, 230).map((person) => person.id));
		expect(state.asked).toHaveLength(5);
		nock.cleanAll();
	});

	test('a page that fails fails the node with that page\'s error, after the other pages settled', async () => {
		const { state } = listServer({ total: 500, answer: (offset) => (offset === 300 ? [400, { status: 0, errors: ['bad offset'] }] : undefined) });
		const result = await getAll();
		expect(result.error.message).toMatch(/GET \/people/);
		expect(result.error.message).toMatch(/bad offset|HTTP 400/);
		expect(state.inFlight).toBe(0);
		expect(state.asked).toHaveLength(5);
		nock.cleanAll();
	});

	test('a total that grows while reading is read to its new end', async () => {
		// The first page says 150; the page at 100 says 300 (people were added meanwhile).
		const { all, state } = listServer({ total: 300, totalAt: (offset) => (offset === 0 ? 150 : 300) });
		const result = await getAll();
		expect(ids(result)).toEqual(all.map((person) => person.id));
		expect(state.asked.map(([, offset]) => offset)).toEqual([0, 100, 200]);
		nock.cleanAll();
	});

	test('without a total, one page after another', async () => {
		const { all, state } = listServer({ total: 250, answer: (offset, limit) => [200, { data: all.slice(offset, offset + limit), status: 1 }] });
		const result = await getAll();
		expect(ids(result)).toEqual(all.map((person) => person.id));
		expect(state.asked).toEqual([
			[100, 0],
			[100, 100],
			[100, 200],
		]);
		expect(state.max).toBe(1);
		nock.cleanAll();
	});
});
