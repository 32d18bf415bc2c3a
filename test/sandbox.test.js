// The dev sandbox (sandbox/): a Leeloo-compatible API on 127.0.0.1, exercised over real HTTP.
const http = require('node:http');
const { startSandbox } = require('../sandbox/server');
const { routes } = require('../sandbox/routes');
const { letLocalThrough } = require('./helpers/local-net');
const { startSandboxCli, stopSandboxCli, runSandboxCli } = require('./helpers/sandbox-cli');

const HEX24 = /^[0-9a-f]{24}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const RATE_LIMIT_TEXT = 'Too many requests, please try again later.';
const LIST_DEFAULTS = { orders: 'desc', messages: 'desc', channels: 'desc', data: 'array', meta: 'full' };

/** One HTTP request; resolves {status, headers, text, json, ms}. Times out after 20 s (or timeoutMs). */
function request(method, url, { body, headers = {}, contentType = 'application/json', timeoutMs = 20000 } = {}) {
	const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method,
				headers: { ...(payload !== undefined && { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) }), ...headers },
				timeout: timeoutMs,
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json;
					if (/json/.test(res.headers['content-type'] ?? '')) json = JSON.parse(text);
					resolve({ status: res.statusCode, headers: res.headers, text, json, ms: Date.now() - started });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${url}`)));
		req.on('error', reject);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
}

let sandbox;
let ids;
let undoLocal;
const api = (method, apiPath, body, options = {}) =>
	request(method, `${sandbox.baseUrl}${apiPath}`, {
		body,
		...options,
		headers: { 'X-Leeloo-AuthToken': sandbox.token, ...options.headers },
	});
const admin = (method, adminPath, body, box = sandbox) => request(method, `${box.adminUrl}${adminPath}`, { body });
const ok = (response) => {
	expect({ status: response.status, body: response.json?.status }).toEqual({ status: 200, body: 1 });
	return response.json;
};

// Requests to the sandbox on 127.0.0.1 are the point of this file; anything else still reaches nock-guard.
beforeAll(async () => {
	undoLocal = letLocalThrough();
	sandbox = await startSandbox({ seed: 1, people: 200 });
	ids = (await admin('GET', '/state')).json.ids;
});

afterAll(async () => {
	await sandbox?.close();
	undoLocal?.();
});

afterEach(async () => {
	await admin('POST', '/fault', { mode: 'none' });
	await admin('POST', '/rate-limit', { perSecond: 0 });
	await admin('POST', '/lists', LIST_DEFAULTS);
});

describe('server', () => {
	test('listens on 127.0.0.1 only and reports its URLs', async () => {
		expect(sandbox.baseUrl).toBe(`http://127.0.0.1:${sandbox.port}/api/v2`);
		expect(sandbox.adminUrl).toBe(`http://127.0.0.1:${sandbox.port}/__admin`);
		expect(sandbox.token).toBe('sandbox-token');
		await expect(startSandbox({ host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.1/);
		await expect(startSandbox({ people: 100001 })).rejects.toThrow(/100000/);
	});

	test('checks the token: missing → REQUIRED, wrong → INVALID, both HTTP 401; the token is never recorded', async () => {
		const missing = await request('GET', `${sandbox.baseUrl}/tags`);
		expect(missing.status).toBe(401);
		expect(missing.json).toEqual({ status: 0, error: { code: 'FORMAT_ERROR', fields: { authToken: 'REQUIRED' } } });
		const wrong = await api('GET', '/tags', undefined, { headers: { 'X-Leeloo-AuthToken': 'nope' } });
		expect(wrong.status).toBe(401);
		expect(wrong.json).toEqual({ status: 0, error: { code: 'FORMAT_ERROR', fields: { authToken: 'INVALID' } } });
		const right = await api('GET', '/tags');
		expect(right.status).toBe(200);
		const recorded = sandbox.requests.slice(-3);
		expect(recorded.map((r) => [r.status, r.authorized, r.headers['x-leeloo-authtoken']])).toEqual([
			[401, false, undefined],
			[401, false, '<redacted>'],
			[200, true, '<redacted>'],
		]);
		expect(JSON.stringify(sandbox.requests)).not.toContain(sandbox.token);
	});

	test('answers unknown paths, wrong methods, malformed and unknown ids with status:0 bodies', async () => {
		expect((await api('GET', '/nothing')).json).toMatchObject({ status: 0, error: { code: 'NOT_FOUND' } });
		const wrongMethod = await api('DELETE', '/tags');
		expect([wrongMethod.status, wrongMethod.json.status]).toEqual([405, 0]);
		const malformed = await api('GET', '/people/not-an-id');
		expect([malformed.status, malformed.json]).toEqual([400, { status: 0, error: { code: 'FORMAT_ERROR', fields: { person_id: 'INVALID' } } }]);
		const unknown = await api('GET', `/orders/${'0'.repeat(24)}`);
		expect(unknown.status).toBe(404);
		expect(unknown.json).toMatchObject({ status: 0, error: { code: 'NOT_FOUND', message: expect.stringContaining('Order') } });
		const badJson = await api('POST', '/messages/send-message', '{"account_id":');
		expect([badJson.status, badJson.json]).toEqual([400, { status: 0, error: { code: 'FORMAT_ERROR', fields: { body: 'INVALID' } } }]);
	});
});

describe('envelope and paging', () => {
	test('lists carry meta {limit, offset, filteredCount, totalCount}; default limit 20', async () => {
		const body = ok(await api('GET', '/people?limit=5&offset=10'));
		expect(body.data).toHaveLength(5);
		expect(body.meta).toEqual({ limit: 5, offset: 10, filteredCount: 5, totalCount: 200 });
		expect(ok(await api('GET', '/people')).meta).toEqual({ limit: 20, offset: 0, filteredCount: 20, totalCount: 200 });
	});

	test('a limit above the maximum page is cut to 100; the last page is short; past the end is empty', async () => {
		const big = ok(await api('GET', '/people?limit=500'));
		expect([big.data.length, big.meta.limit]).toEqual([100, 100]);
		expect(ok(await api('GET', '/people?limit=100&offset=190')).meta).toEqual({ limit: 100, offset: 190, filteredCount: 10, totalCount: 200 });
		expect(ok(await api('GET', '/people?limit=10&offset=500')).data).toEqual([]);
	});

	test('pages neither overlap nor skip: walking E13 by 100 reads every person once', async () => {
		const seen = [];
		for (let offset = 0; offset < 1000; offset += 100) {
			const { data, meta } = ok(await api('GET', `/people?limit=100&offset=${offset}`));
			seen.push(...data.map((p) => p.id));
			if (offset + meta.filteredCount >= meta.totalCount) break;
		}
		expect(seen).toHaveLength(200);
		expect(new Set(seen).size).toBe(200);
		expect(seen[0]).toBe(ids.person);
	});

	test('bad limit/offset → 400 FORMAT_ERROR naming the field', async () => {
		for (const [query, field] of [['limit=0', 'limit'], ['limit=abc', 'limit'], ['offset=-1', 'offset'], ['offset=1.5', 'offset']]) {
			const response = await api('GET', `/orders?${query}`);
			expect([response.status, response.json]).toEqual([400, { status: 0, error: { code: 'FORMAT_ERROR', fields: { [field]: 'INVALID' } } }]);
		}
	});

	test('maxPageSize is an option', async () => {
		const small = await startSandbox({ people: 30, maxPageSize: 10 });
		try {
			const response = await request('GET', `${small.baseUrl}/people?limit=50`, { headers: { 'X-Leeloo-AuthToken': small.token } });
			expect(response.json.meta).toEqual({ limit: 10, offset: 0, filteredCount: 10, totalCount: 30 });
		} finally {
			await small.close();
		}
	});
});

describe('list settings: sort orders of E04/E06/E10 and the paged lists’ envelope', () => {
	/** Every record of a paged list, page by page (100 each). */
	const all = async (apiPath) => {
		const records = [];
		for (let offset = 0; offset < 5000; offset += 100) {
			const { data, meta } = ok(await api('GET', `${apiPath}${apiPath.includes('?') ? '&' : '?'}limit=100&offset=${offset}`));
			records.push(...data);
			if (offset + meta.filteredCount >= meta.totalCount) break;
		}
		return records;
	};
	const newestFirst = (records, key) => {
		const times = records.map((record) => Date.parse(record[key]));
		return times.every((time, i) => i === 0 || times[i - 1] >= time);
	};

	test('asc: E10 orders and E04 messages oldest first, E06 channels least recently active first (filtered too); each switched alone', async () => {
		const channel = sandbox.store.channels.find((c) => c.seedCount >= 3);
		const chat = `/communication-channels/${channel.id}/chat-messages`;
		const recent = '/communication-channels?filter[last_message][from]=2025-10-01';
		const routes = { orders: '/orders', messages: chat, channels: '/communication-channels', recent };
		const before = {};
		for (const [name, route] of Object.entries(routes)) before[name] = await all(route);
		expect(before.messages.length).toBeGreaterThanOrEqual(3);
		expect(before.channels.length).toBeGreaterThan(300);
		expect(before.recent.length).toBeGreaterThan(0);
		expect(before.recent.length).toBeLessThan(before.channels.length);
		expect([newestFirst(before.orders, 'createdAt'), newestFirst(before.messages, 'createdAt'), newestFirst(before.channels, 'lastMessageTime')]).toEqual([true, true, true]);

		const switched = { ...LIST_DEFAULTS, orders: 'asc', messages: 'asc', channels: 'asc' };
		expect((await admin('POST', '/lists', { orders: 'asc', messages: 'asc', channels: 'asc' })).json).toEqual(switched);
		expect((await admin('GET', '/lists')).json).toEqual(switched);
		for (const [name, route] of Object.entries(routes)) expect(await all(route)).toEqual([...before[name]].reverse());

		expect((await admin('POST', '/lists', { orders: 'desc' })).json).toEqual({ ...switched, orders: 'desc' });
		expect(await all('/orders')).toEqual(before.orders);
		expect(await all(chat)).toEqual([...before.messages].reverse());
	});

	test('envelope: data named after the list on every paged list; meta without totalCount, or none; other answers keep their shape', async () => {
		const lists = { '/orders': 'orders', '/communication-channels': 'channels', [`/communication-channels/${ids.channel}/chat-messages`]: 'messages', '/people': 'people', '/tunnels': 'tunnels', '/users': 'users' };
		const plain = {};
		for (const route of Object.keys(lists)) plain[route] = ok(await api('GET', `${route}?limit=5&offset=1`));
		const others = { tags: ok(await api('GET', '/tags')), categories: ok(await api('GET', '/categories/templates')), person: ok(await api('GET', `/people/${ids.person}`)) };

		await admin('POST', '/lists', { data: 'named' });
		for (const [route, name] of Object.entries(lists)) {
			expect(ok(await api('GET', `${route}?limit=5&offset=1`))).toEqual({ status: 1, data: { [name]: plain[route].data }, meta: plain[route].meta });
		}
		await admin('POST', '/lists', { data: 'array', meta: 'noTotal' });
		for (const route of Object.keys(lists)) {
			const meta = { ...plain[route].meta };
			delete meta.totalCount;
			expect(Object.keys(meta)).toEqual(['limit', 'offset', 'filteredCount']);
			expect(ok(await api('GET', `${route}?limit=5&offset=1`))).toEqual({ status: 1, data: plain[route].data, meta });
		}
		await admin('POST', '/lists', { data: 'named', meta: 'none' });
		for (const [route, name] of Object.entries(lists)) {
			expect(ok(await api('GET', `${route}?limit=5&offset=1`))).toEqual({ status: 1, data: { [name]: plain[route].data } });
		}
		expect(ok(await api('GET', '/tags'))).toEqual(others.tags);
		expect(ok(await api('GET', '/categories/templates'))).toEqual(others.categories);
		expect(ok(await api('GET', `/people/${ids.person}`))).toEqual(others.person);
	});

	test('bad settings are refused; startSandbox takes them (option lists); reset returns to the start settings', async () => {
		expect(await admin('POST', '/lists', { orders: 'up' })).toMatchObject({ status: 400, json: { error: 'orders must be one of desc, asc' } });
		expect(await admin('POST', '/lists', { meta: 'partial' })).toMatchObject({ status: 400, json: { error: 'meta must be one of full, noTotal, none' } });
		expect(await admin('POST', '/lists', { sort: 'asc' })).toMatchObject({
			status: 400, json: { error: 'unknown list setting sort (known: orders, messages, channels, data, meta)' },
		});
		expect((await admin('GET', '/lists')).json).toEqual(LIST_DEFAULTS);
		await expect(startSandbox({ lists: { data: 'object' } })).rejects.toThrow('data must be one of array, named');

		const box = await startSandbox({ people: 40, lists: { orders: 'asc', data: 'named' } });
		try {
			const started = { ...LIST_DEFAULTS, orders: 'asc', data: 'named' };
			expect((await admin('GET', '/lists', undefined, box)).json).toEqual(started);
			const orders = (await request('GET', `${box.baseUrl}/orders?limit=100`, { headers: { 'X-Leeloo-AuthToken': box.token } })).json;
			expect(orders.data.orders.length).toBeGreaterThan(1);
			expect(orders.data.orders.map((o) => o.createdAt)).toEqual(orders.data.orders.map((o) => o.createdAt).sort());
			await admin('POST', '/lists', { orders: 'desc', data: 'array' }, box);
			expect((await admin('POST', '/reset', undefined, box)).status).toBe(200);
			expect((await admin('GET', '/lists', undefined, box)).json).toEqual(started);
		} finally {
			await box.close();
		}
	});
});

describe('an empty account (people: 0)', () => {
	test('no people, channels, messages or orders; the rest is seeded; injections that need a person say so; E16 still creates one', async () => {
		const empty = await startSandbox({ people: 0 });
		try {
			const headers = { 'X-Leeloo-AuthToken': empty.token };
			const get = async (apiPath) => (await request('GET', `${empty.baseUrl}${apiPath}`, { headers })).json;
			const state = (await admin('GET', '/state', undefined, empty)).json;
			expect(state.counts).toMatchObject({ people: 0, channels: 0, messages: 0, orders: 0, tags: 12, users: 8, tunnels: 6 });
			expect([state.ids.person, state.ids.channel, state.ids.order]).toEqual([null, null, null]);
			expect(state.ids.tag).toMatch(HEX24);
			for (const route of ['/people', '/communication-channels', '/orders']) {
				expect(await get(`${route}?limit=100`)).toEqual({ data: [], status: 1, meta: { limit: 100, offset: 0, filteredCount: 0, totalCount: 0 } });
			}
			expect(await admin('POST', '/messages', {}, empty)).toMatchObject({ status: 400, json: { error: 'No communication channel (the sandbox has no people)' } });
			expect(await admin('POST', '/orders', {}, empty)).toMatchObject({ status: 400, json: { error: 'No person (the sandbox has no people)' } });
			const created = await request('POST', `${empty.baseUrl}/people`, { body: { name: 'First Person' }, headers });
			expect(created.json.status).toBe(1);
			expect((await get('/communication-channels?limit=100')).data.map((c) => c.id)).toEqual([created.json.data.id]);
		} finally {
			await empty.close();
		}
		await expect(startSandbox({ people: -1 })).rejects.toThrow('people must be an integer from 0 to 100000, got -1');
	});
});

describe('filters', () => {
	test('E13 filter[tags] (repeated: every tag), filter[phone] (digits), filter[email]', async () => {
		const everyone = [];
		for (let offset = 0; offset < 200; offset += 100) everyone.push(...ok(await api('GET', `/people?limit=100&offset=${offset}`)).data);
		const tagged = everyone.find((p) => p.tags.length >= 2);
		const [a, b] = tagged.tags;
		const one = ok(await api('GET', `/people?limit=100&filter[tags]=${a}`));
		expect(one.meta.totalCount).toBe(everyone.filter((p) => p.tags.includes(a)).length);
		expect(one.data.every((p) => p.tags.includes(a))).toBe(true);
		const both = ok(await api('GET', `/people?limit=100&filter[tags]=${a}&filter[tags]=${b}`));
		expect(both.meta.totalCount).toBe(everyone.filter((p) => p.tags.includes(a) && p.tags.includes(b)).length);
		expect(both.data.map((p) => p.id)).toContain(tagged.id);
		expect(ok(await api('GET', '/people?filter[tags]=no-such-tag')).meta.totalCount).toBe(0);

		const withPhone = everyone.find((p) => p.phone !== 'NOT_DEFINED');
		const byPhone = ok(await api('GET', `/people?filter[phone]=${encodeURIComponent(withPhone.phone)}`));
		expect(byPhone.data.map((p) => p.id)).toEqual([withPhone.id]);
		const withEmail = everyone.find((p) => p.email !== 'NOT_DEFINED');
		const byEmail = ok(await api('GET', `/people?filter[email]=${encodeURIComponent(withEmail.email.toUpperCase())}`));
		expect(byEmail.data.map((p) => p.id)).toEqual([withEmail.id]);
	});

	test('E13 and E06 filter[last_message][from]/[to] are whole UTC days, inclusive', async () => {
		const query = 'filter[last_message][from]=2025-06-01&filter[last_message][to]=2025-06-30';
		const people = ok(await api('GET', `/people?limit=100&${query}`));
		expect(people.meta.totalCount).toBeGreaterThan(0);
		expect(people.meta.totalCount).toBeLessThan(200);
		for (const p of people.data) {
			expect(p.lastMessageTime >= '2025-06-01T00:00:00.000Z' && p.lastMessageTime <= '2025-06-30T23:59:59.999Z').toBe(true);
		}
		const channels = ok(await api('GET', `/communication-channels?limit=100&${query}`));
		expect(channels.meta.totalCount).toBeGreaterThan(0);
		for (const c of channels.data) {
			expect(c.lastMessageTime >= '2025-06-01T00:00:00.000Z' && c.lastMessageTime <= '2025-06-30T23:59:59.999Z').toBe(true);
		}
		const times = channels.data.map((c) => c.lastMessageTime);
		expect(times).toEqual([...times].sort().reverse());
		const onlyFrom = ok(await api('GET', '/communication-channels?filter[last_message][from]=2025-12-01'));
		expect(onlyFrom.data.every((c) => c.lastMessageTime >= '2025-12-01')).toBe(true);
	});

	test('a filter date that is not YYYY-MM-DD or impossible → 400 naming the filter', async () => {
		for (const value of ['2025-02-30', '10.02.2020', '2025-06-01T00:00:00Z']) {
			const response = await api('GET', `/communication-channels?filter[last_message][to]=${value}`);
			expect([response.status, response.json.error.fields]).toEqual([400, { 'filter[last_message][to]': 'INVALID' }]);
		}
		const phone = await api('GET', '/people?filter[phone]=abc');
		expect([phone.status, phone.json.error.fields]).toEqual([400, { 'filter[phone]': 'INVALID' }]);
	});
});

describe('every endpoint E01–E30 answers with the documented shape', () => {
	const person = (p) => {
		expect(Object.keys(p)).toEqual(
			expect.arrayContaining(['id', 'name', 'phone', 'email', 'tags', 'accounts', 'lastMessageTime', 'createdAt', 'updatedAt']),
		);
		expect(p.id).toMatch(HEX24);
		expect(p.createdAt).toMatch(ISO);
		expect(p.tags.every((t) => typeof t === 'string')).toBe(true);
		expect(p.accounts.length).toBeGreaterThan(0);
		for (const account of p.accounts) {
			expect(Object.keys(account).sort()).toEqual(['account_id', 'connection_id', 'connection_status', 'from']);
			expect(account.account_id).toMatch(HEX24);
		}
	};
	const channel = (c) => {
		expect(Object.keys(c).sort()).toEqual(['connection_id', 'createdAt', 'from', 'id', 'lastMessageTime', 'name', 'person_id']);
		expect([c.id, c.person_id, c.connection_id]).toEqual([expect.stringMatching(HEX24), expect.stringMatching(HEX24), expect.stringMatching(HEX24)]);
	};
	const message = (m) => {
		expect(Object.keys(m).sort()).toEqual(['createdAt', 'direction', 'id', 'text', 'type']);
		expect(['INCOMING', 'OUTGOING']).toContain(m.direction);
		expect(m.createdAt).toMatch(ISO);
	};
	const order = (o) => {
		expect(Object.keys(o)).toEqual(
			expect.arrayContaining(['id', 'status', 'price', 'currency', 'title', 'offerId', 'personId', 'email', 'phone', 'createdAt', 'updatedAt']),
		);
		expect(typeof o.price).toBe('number');
	};
	const tunnel = (t) => {
		expect(t).toMatchObject({ id: expect.stringMatching(HEX24), name: expect.any(String), createdAt: expect.stringMatching(ISO) });
		expect(t.blocks[0]).toEqual({ id: expect.stringMatching(HEX24), name: expect.any(String), type: expect.any(String) });
	};
	const stats = (s) => expect(s).toEqual({ tunnelId: expect.stringMatching(HEX24), name: expect.any(String), subscribers: expect.any(Number), active: expect.any(Number), finished: expect.any(Number), unsubscribed: expect.any(Number) });
	const user = (u) => expect(u).toMatchObject({ id: expect.stringMatching(HEX24), name: expect.any(String), createdAt: expect.stringMatching(ISO), updatedAt: expect.stringMatching(ISO) });
	const actionId = (data) => expect(data).toEqual({ id: expect.stringMatching(HEX24) });
	const empty = (data) => expect(data).toEqual({});
	const paged = (check) => (data, body) => {
		expect(Array.isArray(data)).toBe(true);
		expect(body.meta).toEqual({ limit: expect.any(Number), offset: 0, filteredCount: data.length, totalCount: expect.any(Number) });
		expect(data.length).toBeGreaterThan(0);
		data.forEach(check);
	};

	// [E, method, path(ids), body(ids), check(data, body)]
	const cases = [
		['E01', 'GET', () => '/categories/templates', undefined, (d, b) => {
			expect(b.meta).toBeUndefined();
			expect(d.categories[0]).toEqual({ id: ids.category, name: 'Greetings' });
		}],
		['E02', 'GET', () => `/categories/templates/${ids.category}`, undefined, (d) =>
			expect(d.templates[0]).toEqual({ id: ids.template, message_name: 'Welcome' })],
		['E03', 'POST', () => '/messages/send-template', () => ({ account_id: ids.channel, template_id: ids.template, variables: { name: 'Ann' } }), actionId],
		['E04', 'GET', () => `/communication-channels/${ids.channel}/chat-messages?limit=3`, undefined, paged(message)],
		['E05', 'POST', () => '/messages/send-message', () => ({ account_id: ids.channel, text: 'Hello' }), actionId],
		['E06', 'GET', () => '/communication-channels?limit=3', undefined, paged(channel)],
		['E07', 'GET', () => `/communication-channels/${ids.channel}/person`, undefined, (d) => {
			person(d);
			expect(d.id).toBe(ids.person);
		}],
		['E08', 'POST', () => `/leadgentools/${ids.leadGenTool}/create-traffic-source`, () => ({ name: 'Spring ads', description: 'CPC' }), actionId],
		['E09', 'POST', () => '/orders', () => ({ paymentCreditsId: ids.paymentCredits, offerId: ids.offer, personId: ids.person, isNotifyAccount: 'false' }), actionId],
		['E10', 'GET', () => '/orders?limit=3', undefined, paged(order)],
		['E11', 'GET', () => `/orders/${ids.order}`, undefined, (d) => {
			order(d);
			expect(d.id).toBe(ids.order);
		}],
		['E12', 'POST', () => `/orders/${ids.order}`, () => ({ status: 'RESOLVED', price: '100', currency: 'RUB', paymentDate: '2018-06-27 07:32' }), empty],
		['E13', 'GET', () => '/people?limit=3', undefined, paged(person)],
		['E14', 'GET', () => `/people/${ids.person}`, undefined, (d) => {
			person(d);
			expect(d.links).toBeUndefined();
		}],
		['E15', 'PUT', () => `/people/${ids.person}`, () => ({ custom_fields: { city: 'Kyiv' } }), empty],
		['E16', 'POST', () => '/people', () => ({ name: 'Shape Test' }), (d) =>
			expect(d).toEqual({ id: expect.stringMatching(HEX24), person_id: expect.stringMatching(HEX24) })],
		['E17', 'POST', () => '/people/sms', () => ({ person_id: ids.person, phone: '+380501234567' }), actionId],
		['E18', 'PUT', () => `/people/${ids.person}/add-comment`, () => ({ comment: 'Called back' }), actionId],
		['E19', 'POST', () => '/calls', () => ({
			user_id: ids.user, account_id: ids.channel, from: '606', to: '607', date: '2024-03-22T15:30:17.339Z',
			record_link: 'NOT_DEFINED', status: 'SUCCESS', duration: 100, type: 'INBOUND',
		}), actionId],
		['E20', 'GET', () => '/tags', undefined, (d) => expect(d[0]).toEqual({ id: ids.tag, name: 'vip' })],
		['E21', 'PUT', () => `/people/${ids.person}/remove-tag`, () => ({ tag_id: ids.tag }), empty],
		['E22', 'PUT', () => `/people/${ids.person}/add-tag`, () => ({ tag_id: ids.tag }), empty],
		['E23', 'GET', () => '/tunnels?limit=3', undefined, paged(tunnel)],
		['E24', 'GET', () => `/tunnels/${ids.tunnel}`, undefined, (d) => {
			tunnel(d);
			expect(d.leadgentools).toBeUndefined();
		}],
		['E25', 'GET', () => '/tunnels/stats', undefined, (d) => {
			expect(d.length).toBe(6);
			d.forEach(stats);
		}],
		['E26', 'GET', () => `/tunnels/${ids.tunnel}/stats`, undefined, stats],
		['E27', 'GET', () => '/users?limit=3', undefined, paged(user)],
		['E28', 'GET', () => `/users/${ids.user}`, undefined, user],
		['E29', 'GET', () => '/connections', undefined, (d) =>
			expect(d.map((c) => c.type)).toEqual(['TELEGRAM', 'FACEBOOK', 'INSTAGRAM', 'WHATSAPP', 'VIBER', 'SMS', 'MANUAL'])],
		['E30', 'POST', () => `/communication-channels/${ids.channel}/manual-subscribe`, () => ({ tunnel_id: ids.tunnel, tunnel_block_id: ids.tunnelBlock }), empty],
	];

	test('the cases cover E01–E30 and the route table holds exactly those', () => {
		const all = Array.from({ length: 30 }, (_, i) => `E${String(i + 1).padStart(2, '0')}`);
		expect(cases.map((c) => c[0])).toEqual(all);
		expect(routes.map((r) => r.id).sort()).toEqual(all);
		for (const [id, method] of cases) expect(routes.find((r) => r.id === id).method).toBe(method);
	});

	test.each(cases)('%s %s', async (_, method, pathOf, bodyOf, check) => {
		const body = ok(await api(method, pathOf(), bodyOf?.()));
		check(body.data, body);
	});

	test('E14 ?include=contactedUsers,orders adds data.links and top-level included', async () => {
		const ordered = sandbox.store.people.find((p) => p.orders.length && p.contactedUsers.length);
		const body = ok(await api('GET', `/people/${ordered.id}?include=contactedUsers,orders`));
		expect(body.data.links).toEqual({
			contactedUsers: ordered.contactedUsers.map((u) => ({ type: 'users', id: u.id })),
			orders: ordered.orders.map((o) => ({ type: 'orders', id: o.id })),
		});
		expect(body.included.users.map((u) => u.id)).toEqual(ordered.contactedUsers.map((u) => u.id));
		expect(body.included.orders.map((o) => o.personId)).toEqual(ordered.orders.map(() => ordered.id));
	});

	test('E24 ?include=leadgentools adds the tunnel’s lead generation tools', async () => {
		const { data } = ok(await api('GET', `/tunnels/${ids.tunnel}?include=leadgentools`));
		expect(data.leadgentools[0]).toEqual({ id: ids.leadGenTool, name: expect.any(String), type: expect.any(String) });
	});
});

describe('writes change state', () => {
	test('E05: the sent message is the newest in E04 and its channel leads E06', async () => {
		const sent = ok(await api('POST', '/messages/send-message', { account_id: ids.channel, text: 'Your order is ready' }));
		const history = ok(await api('GET', `/communication-channels/${ids.channel}/chat-messages?limit=2`));
		expect(history.data[0]).toEqual({ id: sent.data.id, text: 'Your order is ready', direction: 'OUTGOING', type: 'TEXT', createdAt: expect.stringMatching(ISO) });
		expect(history.data[0].createdAt >= history.data[1].createdAt).toBe(true);
		const channels = ok(await api('GET', '/communication-channels?limit=1'));
		expect(channels.data[0]).toMatchObject({ id: ids.channel, lastMessageTime: history.data[0].createdAt });
		const owner = ok(await api('GET', `/people/${ids.person}`));
		expect(owner.data.lastMessageTime).toBe(history.data[0].createdAt);
	});

	test('E03: the template is sent with its variables filled in', async () => {
		ok(await api('POST', '/messages/send-template', { account_id: ids.channel, template_id: ids.template, variables: { name: 'Olena' } }));
		const [latest] = ok(await api('GET', `/communication-channels/${ids.channel}/chat-messages?limit=1`)).data;
		expect(latest).toMatchObject({ text: 'Hello Olena! Welcome to Leeloo Sandbox.', direction: 'OUTGOING', type: 'TEMPLATE' });
	});

	test('E22/E21: a tag added shows on the person and in the E13 tag filter; removing takes it away', async () => {
		const target = sandbox.store.people[5];
		const tag = sandbox.store.tags.find((t) => !target.tags.includes(t));
		ok(await api('PUT', `/people/${target.id}/add-tag`, { tag_id: tag.id }));
		expect(ok(await api('GET', `/people/${target.id}`)).data.tags).toContain(tag.name);
		const filtered = ok(await api('GET', `/people?limit=100&filter[tags]=${tag.name}`)).data.map((p) => p.id);
		expect(filtered).toContain(target.id);
		ok(await api('PUT', `/people/${target.id}/remove-tag`, { tag_id: tag.id }));
		expect(ok(await api('GET', `/people/${target.id}`)).data.tags).not.toContain(tag.name);
		const unknownTag = await api('PUT', `/people/${target.id}/add-tag`, { tag_id: 'f'.repeat(24) });
		expect([unknownTag.status, unknownTag.json.error.fields]).toEqual([404, { tag_id: 'NOT_FOUND' }]);
	});

	test('E09: the order created is the newest in E10 and readable by E11; E12 updates it', async () => {
		const created = ok(
			await api('POST', '/orders', {
				paymentCreditsId: ids.paymentCredits, offerId: ids.offer, personId: ids.person, email: 'buyer@example.com',
				transactionDate: '2024-03-22T14:30:00.000Z', isNotifyAccount: false, managerId: ids.user,
			}),
		).data;
		const [newest] = ok(await api('GET', '/orders?limit=1')).data;
		expect(newest).toEqual({
			id: created.id, status: 'PENDING', type: 'MANUAL', price: 49, currency: 'USD', title: 'Starter course', offerId: ids.offer,
			personId: ids.person, email: 'buyer@example.com', phone: expect.any(String), createdAt: expect.stringMatching(ISO),
			updatedAt: expect.stringMatching(ISO),
		});
		expect(ok(await api('GET', `/orders/${created.id}`)).data).toEqual(newest);
		ok(await api('POST', `/orders/${created.id}`, { status: 'REJECTED', price: 10, currency: 'EUR', userComments: 'refund' }));
		expect(ok(await api('GET', `/orders/${created.id}`)).data).toMatchObject({ status: 'REJECTED', price: 10, currency: 'EUR' });
		expect(ok(await api('GET', `/people/${ids.person}?include=orders`)).data.links.orders).toContainEqual({ type: 'orders', id: created.id });
	});

	test('E09/E12 bad bodies: status:0 with error.fields; a non-manual order is refused with HTTP 200', async () => {
		const missing = await api('POST', '/orders', { offerId: 'xyz', personId: ids.person });
		expect([missing.status, missing.json]).toEqual([400, { status: 0, error: { code: 'FORMAT_ERROR', fields: { paymentCreditsId: 'REQUIRED', offerId: 'INVALID' } } }]);
		const unknownPerson = await api('POST', '/orders', { paymentCreditsId: ids.paymentCredits, offerId: ids.offer, personId: 'a'.repeat(24) });
		expect([unknownPerson.status, unknownPerson.json.error.fields]).toEqual([404, { personId: 'NOT_FOUND' }]);
		const badStatus = await api('POST', `/orders/${ids.order}`, { status: 'DONE', paymentDate: '2024-02-30 10:00' });
		expect(badStatus.json.error.fields).toEqual({ status: 'INVALID', paymentDate: 'INVALID' });
		const online = sandbox.store.orders.find((o) => o.type === 'ONLINE');
		const refused = await api('POST', `/orders/${online.id}`, { status: 'RESOLVED' });
		expect([refused.status, refused.json]).toEqual([200, { status: 0, error: { code: 'ORDER_NOT_MANUAL', message: 'Only MANUAL orders can be updated' } }]);
	});

	test('E16 creates a person with a MANUAL channel (last in E13, found by E07); E17 adds an SMS account; E15 edits', async () => {
		const { data } = ok(await api('POST', '/people', { name: 'Nova Person', phone: '+380501112233', tags: ['vip', 'brand-new'], connected_users_ids: [ids.user] }));
		const all = ok(await api('GET', '/people?limit=1&offset=0')).meta.totalCount;
		const [last] = ok(await api('GET', `/people?limit=1&offset=${all - 1}`)).data;
		expect(last).toMatchObject({ id: data.person_id, name: 'Nova Person', phone: '+380501112233', email: 'NOT_DEFINED', tags: ['vip', 'brand-new'] });
		expect(last.accounts).toEqual([{ account_id: data.id, connection_id: expect.stringMatching(HEX24), connection_status: 'ACTIVE', from: 'MANUAL' }]);
		expect(ok(await api('GET', `/communication-channels/${data.id}/person`)).data.id).toBe(data.person_id);
		expect(ok(await api('GET', '/tags')).data.map((t) => t.name)).toContain('brand-new');

		const sms = ok(await api('POST', '/people/sms', { person_id: data.person_id, phone: '+380501112233' })).data;
		ok(await api('PUT', `/people/${data.person_id}`, { name: 'Nova P.', email: 'nova@example.com', custom_fields: { city: 'Lviv' } }));
		const after = ok(await api('GET', `/people/${data.person_id}`)).data;
		expect(after).toMatchObject({ name: 'Nova P.', email: 'nova@example.com', customFields: { city: 'Lviv' } });
		expect(after.accounts.map((a) => [a.account_id, a.from])).toEqual([[data.id, 'MANUAL'], [sms.id, 'SMS']]);
		const noName = await api('POST', '/people', { phone: '1', email: 'not-an-email' });
		expect(noName.json.error.fields).toEqual({ name: 'REQUIRED', email: 'INVALID' });
	});

	test('E30 subscriptions count in tunnel stats; E08/E18/E19 are kept in the store', async () => {
		const before = ok(await api('GET', `/tunnels/${ids.tunnel}/stats`)).data.subscribers;
		ok(await api('POST', `/communication-channels/${ids.channel}/manual-subscribe`, { tunnel_id: ids.tunnel, tunnel_block_id: ids.tunnelBlock }));
		expect(ok(await api('GET', `/tunnels/${ids.tunnel}/stats`)).data.subscribers).toBe(before + 1);
		const otherBlock = sandbox.store.tunnels[1].blocks[0].id;
		const mismatch = await api('POST', `/communication-channels/${ids.channel}/manual-subscribe`, { tunnel_id: ids.tunnel, tunnel_block_id: otherBlock });
		expect([mismatch.status, mismatch.json.error.fields]).toEqual([404, { tunnel_block_id: 'NOT_FOUND' }]);

		const source = ok(await api('POST', `/leadgentools/${ids.leadGenTool}/create-traffic-source`, { name: 'Newsletter' })).data;
		expect(sandbox.store.trafficSources.at(-1)).toMatchObject({ id: source.id, name: 'Newsletter', description: '' });
		ok(await api('PUT', `/people/${ids.person}/add-comment`, { comment: 'VIP client' }));
		expect(sandbox.store.comments.at(-1)).toMatchObject({ comment: 'VIP client', person: { name: expect.any(String) } });
		const badCall = await api('POST', '/calls', {
			user_id: ids.user, account_id: ids.channel, from: '606', to: '607', date: 'yesterday', record_link: 'ftp://x', status: 'DONE', duration: -1, type: 'INBOUND',
		});
		expect(badCall.json.error.fields).toEqual({ date: 'INVALID', record_link: 'INVALID', status: 'INVALID', duration: 'INVALID' });
		expect(sandbox.store.calls.length).toBeGreaterThan(0);
	});

	test('form-data and urlencoded bodies are read like JSON', async () => {
		const target = sandbox.store.people[7];
		const tag = sandbox.store.tags.find((t) => !target.tags.includes(t));
		const multipart = `--XYZ\r\nContent-Disposition: form-data; name="tag_id"\r\n\r\n${tag.id}\r\n--XYZ--\r\n`;
		ok(await api('PUT', `/people/${target.id}/add-tag`, multipart, { contentType: 'multipart/form-data; boundary=XYZ' }));
		expect(target.tags).toContain(tag);
		ok(await api('PUT', `/people/${target.id}/remove-tag`, `tag_id=${tag.id}`, { contentType: 'application/x-www-form-urlencoded' }));
		expect(target.tags).not.toContain(tag);
		ok(await api('POST', '/messages/send-template', `account_id=${ids.channel}&template_id=${ids.template}&variables[name]=Form`, { contentType: 'application/x-www-form-urlencoded' }));
		expect(sandbox.store.templateSends.at(-1).variables).toEqual({ name: 'Form' });
		expect(sandbox.requests.at(-1).body).toEqual({ account_id: ids.channel, template_id: ids.template, variables: { name: 'Form' } });
	});
});

describe('fault modes', () => {
	test('rateLimit: HTTP 429 with the plain-text body, for `count` requests, then normal answers', async () => {
		expect((await admin('POST', '/fault', { mode: 'rateLimit', count: 2 })).json).toEqual({ mode: 'rateLimit', count: 2, delayMs: 1000, every: 1, methods: null, retryAfter: null });
		for (let i = 0; i < 2; i++) {
			const limited = await api('GET', '/tags');
			expect([limited.status, limited.headers['content-type'], limited.text]).toEqual([429, 'text/plain; charset=utf-8', RATE_LIMIT_TEXT]);
			expect(limited.headers['retry-after']).toBeUndefined();
		}
		expect((await api('GET', '/tags')).status).toBe(200);
		expect(sandbox.requests.slice(-3).map((r) => r.status)).toEqual([429, 429, 200]);
		await admin('POST', '/fault', { mode: 'rateLimit', count: 1, retryAfter: 3 });
		const told = await api('GET', '/tags');
		expect([told.status, told.headers['retry-after'], told.text]).toEqual([429, '3', RATE_LIMIT_TEXT]);
	});

	test('serverError: HTTP 500 with a status:0 JSON body, until switched off', async () => {
		await admin('POST', '/fault', { mode: 'serverError' });
		for (let i = 0; i < 3; i++) {
			const failed = await api('GET', '/users');
			expect([failed.status, failed.json.status, failed.json.error.code]).toEqual([500, 0, 'INTERNAL_ERROR']);
		}
		expect((await admin('GET', '/state')).status).toBe(200); // admin is never faulted
		await admin('POST', '/fault', { mode: 'none' });
		expect((await api('GET', '/users')).status).toBe(200);
	});

	test('nonJson: HTTP 200 with an HTML page', async () => {
		await admin('POST', '/fault', { mode: 'nonJson', count: 1 });
		const html = await api('GET', '/tags');
		expect([html.status, html.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
		expect(html.text).toMatch(/^<!DOCTYPE html>/);
		expect(() => JSON.parse(html.text)).toThrow();
	});

	test('slow: waits delayMs, then answers normally', async () => {
		await admin('POST', '/fault', { mode: 'slow', delayMs: 400, count: 1 });
		const slow = await api('GET', '/tags');
		expect(slow.status).toBe(200);
		expect(slow.ms).toBeGreaterThanOrEqual(380);
		const fast = await api('GET', '/tags');
		expect(fast.ms).toBeLessThan(400);
	});

	test('bad fault requests are refused', async () => {
		expect((await admin('POST', '/fault', { mode: 'explode' })).status).toBe(400);
		expect((await admin('POST', '/fault', { mode: 'slow', delayMs: -5 })).status).toBe(400);
		expect((await admin('POST', '/fault', { mode: 'rateLimit', count: 0 })).status).toBe(400);
	});
});

describe('new fault modes (writes that may or may not have been applied)', () => {
	const send = (text, accountId = ids.channel, options) => api('POST', '/messages/send-message', { account_id: accountId, text }, options);
	const newest = async (accountId = ids.channel) => ok(await api('GET', `/communication-channels/${accountId}/chat-messages?limit=1`)).data[0].text;
	/** Resolves the error a request ends with (it must not get an answer). */
	const failure = (promise) => promise.then((r) => { throw new Error(`expected no answer, got HTTP ${r.status}`); }, (error) => error);

	test('processedThen502: a write is applied, then answered HTTP 502 with an HTML page; reads pass; then normal', async () => {
		expect((await admin('POST', '/fault', { mode: 'processedThen502', count: 1 })).json).toEqual({
			mode: 'processedThen502', count: 1, delayMs: 1000, every: 1, methods: ['POST', 'PUT', 'PATCH', 'DELETE'], retryAfter: null,
		});
		expect((await api('GET', '/tags')).status).toBe(200); // a read is not what it hits
		const before = sandbox.store.messageCount;
		const failed = await send('applied, then 502');
		expect([failed.status, failed.headers['content-type']]).toEqual([502, 'text/html; charset=utf-8']);
		expect(failed.text).toBe(
			'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>' +
				'<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n',
		);
		expect(sandbox.store.messageCount).toBe(before + 1);
		expect(await newest()).toBe('applied, then 502');
		expect(sandbox.requests.at(-2)).toMatchObject({ method: 'POST', path: '/messages/send-message', status: 502, fault: 'processedThen502', processed: expect.any(Number) });
		expect(sandbox.sends.at(-1)).toMatchObject({ accountId: ids.channel, text: 'applied, then 502' });
		expect((await send('next one')).status).toBe(200);
		expect((await admin('GET', '/fault')).json).toEqual({ mode: 'none', remaining: 0, delayMs: 1000, every: 1, methods: ['POST', 'PUT', 'PATCH', 'DELETE'], retryAfter: null });
	});

	test('processedThenDrop: a write is applied, then the socket closes without an answer', async () => {
		await admin('POST', '/fault', { mode: 'processedThenDrop', count: 1 });
		const before = sandbox.store.messageCount;
		const error = await failure(send('applied, then dropped'));
		expect(error.code).toBe('ECONNRESET');
		expect(sandbox.store.messageCount).toBe(before + 1);
		expect(await newest()).toBe('applied, then dropped');
		expect(sandbox.requests.at(-2)).toMatchObject({ status: 0, fault: 'processedThenDrop', processed: expect.any(Number) });
	});

	test('dropConnection: the socket closes without an answer and nothing is applied (reads and writes)', async () => {
		await admin('POST', '/fault', { mode: 'dropConnection', count: 2 });
		const before = sandbox.store.messageCount;
		expect((await failure(api('GET', '/people?limit=1'))).code).toBe('ECONNRESET');
		expect((await failure(send('never applied'))).code).toBe('ECONNRESET');
		expect(sandbox.store.messageCount).toBe(before);
		const dropped = sandbox.requests.slice(-2);
		expect(dropped.map((r) => [r.method, r.status, r.fault, r.processed])).toEqual([
			['GET', 0, 'dropConnection', undefined],
			['POST', 0, 'dropConnection', undefined],
		]);
		expect((await api('GET', '/people?limit=1')).status).toBe(200);
	});

	test('lateAnswer: the write is applied at once, the answer comes after delayMs (past a shorter client timeout)', async () => {
		await admin('POST', '/fault', { mode: 'lateAnswer', delayMs: 600, count: 1 });
		const before = sandbox.store.messageCount;
		const error = await failure(send('applied, answered late', ids.channel, { timeoutMs: 150 }));
		expect(error.message).toMatch(/^timeout: POST /);
		expect(sandbox.store.messageCount).toBe(before + 1); // applied before the answer was due
		expect(sandbox.requests.at(-1)).toMatchObject({ fault: 'lateAnswer', processed: expect.any(Number) });
		await admin('POST', '/fault', { mode: 'lateAnswer', delayMs: 300, count: 1 });
		const late = await api('GET', '/tags');
		expect(late.status).toBe(200);
		expect(late.ms).toBeGreaterThanOrEqual(280);
	});

	test('every: only each n-th matching request is hit, `count` times; methods picks the requests', async () => {
		await admin('POST', '/fault', { mode: 'rateLimit', every: 4, count: 2 });
		const statuses = [];
		for (let i = 0; i < 10; i++) statuses.push((await api('GET', '/tags')).status);
		expect(statuses).toEqual([200, 200, 200, 429, 200, 200, 200, 429, 200, 200]);
		await admin('POST', '/fault', { mode: 'serverError', methods: ['PUT'], count: 1 });
		expect((await api('GET', '/tags')).status).toBe(200);
		expect((await api('PUT', `/people/${ids.person}/add-tag`, { tag_id: ids.tag })).status).toBe(500);
	});

	test('bad every / methods are refused', async () => {
		expect((await admin('POST', '/fault', { mode: 'rateLimit', every: 0 })).json).toEqual({ error: 'every must be an integer ≥ 1' });
		expect((await admin('POST', '/fault', { mode: 'processedThen502', methods: ['FETCH'] })).status).toBe(400);
		expect((await admin('POST', '/fault', { mode: 'processedThen502', methods: [] })).status).toBe(400);
		expect((await admin('POST', '/fault', { mode: 'serverError', retryAfter: 2 })).json).toEqual({ error: 'retryAfter (rateLimit only) must be an integer from 0 to 3600' });
		expect((await admin('POST', '/fault', { mode: 'rateLimit', retryAfter: -1 })).status).toBe(400);
	});
});

describe('reply fault: a given status and body, on the requests picked by path and query', () => {
	test('answers status with the JSON body on the matching path and query only, unprocessed, until switched off', async () => {
		const fault = { mode: 'reply', status: 503, body: { status: 0, error: { code: 'BUSY' } }, path: '/orders', query: { offset: '100' } };
		expect((await admin('POST', '/fault', fault)).json).toEqual({ ...fault, count: null, delayMs: 1000, every: 1, methods: null, retryAfter: null });
		expect((await admin('GET', '/fault')).json).toMatchObject({ ...fault, every: 1, methods: null });
		expect((await api('GET', '/orders?limit=100&offset=0')).status).toBe(200);
		expect((await api('GET', '/people?limit=100&offset=100')).status).toBe(200);
		for (let i = 0; i < 2; i++) {
			const failed = await api('GET', '/orders?limit=100&offset=100');
			expect([failed.status, failed.headers['content-type'], failed.json]).toEqual([503, 'application/json; charset=utf-8', fault.body]);
		}
		const last = sandbox.requests.at(-1);
		expect(last).toMatchObject({ method: 'GET', path: '/orders', status: 503, fault: 'reply' });
		expect(last.processed).toBeUndefined();
		await admin('POST', '/fault', { mode: 'none' });
		expect((await api('GET', '/orders?limit=100&offset=100')).status).toBe(200);
	});

	test('a string body goes as plain text; without body a status:0 JSON; every n with count 1 fails only the n-th request; path works with other modes', async () => {
		await admin('POST', '/fault', { mode: 'reply', status: 429, body: 'Slow down', count: 1 });
		const text = await api('GET', '/tags');
		expect([text.status, text.headers['content-type'], text.text]).toEqual([429, 'text/plain; charset=utf-8', 'Slow down']);
		expect((await api('GET', '/tags')).status).toBe(200);

		await admin('POST', '/fault', { mode: 'reply', status: 502, every: 3, count: 1 });
		const answers = [];
		for (let i = 0; i < 6; i++) answers.push(await api('GET', '/tags'));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 502, 200, 200, 200]);
		expect(answers[2].json).toEqual({ status: 0, error: { code: 'SANDBOX_FAULT' } });

		await admin('POST', '/fault', { mode: 'serverError', path: '/communication-channels', count: 1 });
		expect((await api('GET', '/tags')).status).toBe(200);
		expect((await api('GET', '/communication-channels?limit=1')).status).toBe(500);
		expect((await api('GET', '/communication-channels?limit=1')).status).toBe(200);
	});

	test('bad reply, path and query settings are refused and change nothing', async () => {
		expect((await admin('POST', '/fault', { mode: 'reply' })).json).toEqual({ error: 'status (reply) must be an HTTP status from 100 to 599' });
		expect((await admin('POST', '/fault', { mode: 'reply', status: 600 })).status).toBe(400);
		expect((await admin('POST', '/fault', { mode: 'serverError', status: 500 })).json).toEqual({ error: 'status and body are for mode reply only' });
		expect((await admin('POST', '/fault', { mode: 'serverError', body: 'x' })).status).toBe(400);
		expect((await admin('POST', '/fault', { mode: 'serverError', path: 'orders' })).json).toEqual({ error: 'path must be an API path below /api/v2, e.g. /orders' });
		expect((await admin('POST', '/fault', { mode: 'serverError', query: { offset: 100 } })).json).toEqual({ error: 'query must be an object of strings, e.g. {"offset":"200"}' });
		expect((await admin('POST', '/fault', { mode: 'serverError', query: ['offset'] })).status).toBe(400);
		expect((await admin('GET', '/fault')).json.mode).toBe('none');
		expect((await api('GET', '/tags')).status).toBe(200);
	});
});

describe('rate limit (token bucket per API token)', () => {
	const { createRateLimiter } = require('../sandbox/lib/rate-limit');

	test('the bucket: burst at once, then perSecond refill, capped at burst; Retry-After in whole seconds ≥ 1', () => {
		let now = 0;
		const limiter = createRateLimiter({ perSecond: 20, burst: 3, now: () => now });
		expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([undefined, undefined, undefined, 1]);
		expect(limiter.take('b')).toBeUndefined(); // another token, another bucket
		now = 49;
		expect(limiter.take('a')).toBe(1); // 0.98 of a token
		now = 50;
		expect([limiter.take('a'), limiter.take('a')]).toEqual([undefined, 1]);
		now = 10000; // idle: back to burst, not more
		expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([undefined, undefined, undefined, 1]);
		expect(limiter.refused).toBe(4);

		const slow = createRateLimiter({ perSecond: 0.25, now: () => now });
		expect(slow.settings).toEqual({ perSecond: 0.25, burst: 1 });
		expect([slow.take('a'), slow.take('a')]).toEqual([undefined, 4]);
		expect(createRateLimiter({ perSecond: 20 }).settings).toEqual({ perSecond: 20, burst: 5 }); // a quarter second's worth
		expect(createRateLimiter().take('a')).toBeUndefined(); // off by default
		expect(() => createRateLimiter({ perSecond: -1 })).toThrow('rate limit must be 0–100000 requests/s, got -1');
		expect(() => createRateLimiter({ perSecond: 5, burst: 0 })).toThrow('burst must be an integer 1–100000, got 0');
	});

	test('over HTTP: beyond the bucket HTTP 429, the plain-text body and Retry-After; refilled after 1/rate s', async () => {
		const box = await startSandbox({ people: 20, rateLimit: 2, rateBurst: 3 });
		const get = () => request('GET', `${box.baseUrl}/tags`, { headers: { 'X-Leeloo-AuthToken': box.token } });
		try {
			expect((await admin('GET', '/rate-limit', undefined, box)).json).toEqual({ perSecond: 2, burst: 3, refused: 0 });
			const answers = [await get(), await get(), await get(), await get()];
			expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
			expect([answers[3].headers['content-type'], answers[3].headers['retry-after'], answers[3].text]).toEqual(['text/plain; charset=utf-8', '1', RATE_LIMIT_TEXT]);
			// Another token has a bucket of its own (and is refused for the token, not the rate).
			expect((await request('GET', `${box.baseUrl}/tags`, { headers: { 'X-Leeloo-AuthToken': 'other' } })).status).toBe(401);
			await new Promise((resolve) => setTimeout(resolve, 550)); // one token at 2/s
			expect([(await get()).status, (await get()).status]).toEqual([200, 429]);
			expect((await admin('GET', '/stats', undefined, box)).json).toMatchObject({ requests: 7, rateLimited: 2 });
			expect(box.requests.map((r) => r.status)).toEqual([200, 200, 200, 429, 401, 200, 429]);
			expect((await admin('GET', '/requests', undefined, box)).status).toBe(200); // admin is never limited
		} finally {
			await box.close();
		}
	});

	test('POST /__admin/rate-limit switches it on, changes it and off', async () => {
		expect((await admin('POST', '/rate-limit', { perSecond: 1, burst: 1 })).json).toEqual({ perSecond: 1, burst: 1 });
		expect([(await api('GET', '/tags')).status, (await api('GET', '/tags')).status]).toEqual([200, 429]);
		expect((await admin('POST', '/rate-limit', { perSecond: 0 })).json).toEqual({ perSecond: 0, burst: null });
		expect((await api('GET', '/tags')).status).toBe(200);
		expect((await admin('POST', '/rate-limit', { perSecond: -3 })).json).toEqual({ error: 'rate limit must be 0–100000 requests/s, got -3' });
		expect((await admin('POST', '/rate-limit', {})).status).toBe(400);
		await expect(startSandbox({ rateLimit: 5, rateBurst: 1.5 })).rejects.toThrow('burst must be an integer');
	});
});

describe('what a benchmark reads', () => {
	test('/__admin/stats: requests in flight at once (high-water mark), reset by DELETE', async () => {
		const box = await startSandbox({ people: 20, latencyMs: 150 });
		const get = () => request('GET', `${box.baseUrl}/tags`, { headers: { 'X-Leeloo-AuthToken': box.token } });
		try {
			await Promise.all(Array.from({ length: 7 }, get));
			expect((await admin('GET', '/stats', undefined, box)).json).toEqual({ inFlight: 0, maxInFlight: 7, requests: 7, rateLimited: 0 });
			expect((await admin('DELETE', '/stats', undefined, box)).json).toEqual({ inFlight: 0, maxInFlight: 0, requests: 0, rateLimited: 0 });
			await get();
			await get();
			expect(box.stats).toEqual({ inFlight: 0, maxInFlight: 1, requests: 2 });
		} finally {
			await box.close();
		}
	});

	test('/__admin/sends: E05 texts per channel in the order applied, which is the order of arrival', async () => {
		const box = await startSandbox({ people: 20, latencyMs: 30 });
		const [a, b] = box.store.channels.map((c) => c.id);
		const send = (accountId, text) =>
			request('POST', `${box.baseUrl}/messages/send-message`, { body: { account_id: accountId, text }, headers: { 'X-Leeloo-AuthToken': box.token } });
		try {
			// Sent all at once: whatever order they arrive in, the store applies them in that order.
			const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => send(i % 3 ? a : b, `item ${i}`)));
			expect(answers.every((r) => r.status === 200)).toBe(true);
			const arrived = box.requests.map((r) => r.body);
			const sends = (await admin('GET', '/sends', undefined, box)).json;
			expect(sends).toEqual({
				[a]: arrived.filter((m) => m.account_id === a).map((m) => m.text),
				[b]: arrived.filter((m) => m.account_id === b).map((m) => m.text),
			});
			expect(Object.values(sends).flat().sort()).toEqual(Array.from({ length: 12 }, (_, i) => `item ${i}`).sort());
			await send(b, 'last');
			expect((await admin('GET', '/sends', undefined, box)).json[b].at(-1)).toBe('last');
			expect(box.requests.map((r) => r.processed)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
			expect((await admin('DELETE', '/sends', undefined, box)).json).toEqual({ cleared: true });
			expect((await admin('GET', '/sends', undefined, box)).json).toEqual({});
		} finally {
			await box.close();
		}
	});
});

describe('admin', () => {
	test('POST /__admin/messages injects an INCOMING message: newest in E04, its channel leads E06', async () => {
		const other = sandbox.store.channels[3];
		const injected = (await admin('POST', '/messages', { accountId: other.id, text: 'Is it still on sale?' })).json;
		expect(injected).toEqual({
			id: expect.stringMatching(HEX24), text: 'Is it still on sale?', direction: 'INCOMING', type: 'TEXT', createdAt: expect.stringMatching(ISO),
			accountId: other.id, personId: other.person.id,
		});
		expect(ok(await api('GET', `/communication-channels/${other.id}/chat-messages?limit=1`)).data[0]).toEqual({
			id: injected.id, text: injected.text, direction: 'INCOMING', type: 'TEXT', createdAt: injected.createdAt,
		});
		expect(ok(await api('GET', '/communication-channels?limit=1')).data[0].id).toBe(other.id);
		const defaulted = (await admin('POST', '/messages', { createdAt: '2025-03-01T10:00:00.000Z', direction: 'OUTGOING' })).json;
		expect(defaulted).toMatchObject({ accountId: ids.channel, direction: 'OUTGOING', createdAt: '2025-03-01T10:00:00.000Z' });
		const history = ok(await api('GET', `/communication-channels/${ids.channel}/chat-messages?limit=100`)).data;
		const times = history.map((m) => m.createdAt);
		expect(times).toEqual([...times].sort().reverse()); // a past message lands in its place
		expect((await admin('POST', '/messages', { accountId: 'b'.repeat(24) })).status).toBe(400);
		expect((await admin('POST', '/messages', { direction: 'SIDEWAYS' })).status).toBe(400);
	});

	test('a message older than its channel’s newest (a late one) still changes the channel’s E06 record: lastMessageTime becomes its time', async () => {
		const channel = sandbox.store.channels[5];
		const newest = (await admin('POST', '/messages', { accountId: channel.id, createdAt: '2026-02-01T10:00:00.000Z' })).json;
		const recordOf = async () => ok(await api('GET', '/communication-channels?limit=100&filter[last_message][from]=2026-02-01')).data.find((c) => c.id === channel.id);
		const before = await recordOf();
		expect(before.lastMessageTime).toBe(newest.createdAt);
		const late = (await admin('POST', '/messages', { accountId: channel.id, createdAt: '2026-02-01T09:58:00.000Z' })).json;
		expect(await recordOf()).toEqual({ ...before, lastMessageTime: late.createdAt });
		expect(ok(await api('GET', `/communication-channels/${channel.id}/person`)).data.lastMessageTime).toBe(late.createdAt);
		expect(ok(await api('GET', `/communication-channels/${channel.id}/chat-messages?limit=2`)).data.map((m) => m.id)).toEqual([newest.id, late.id]);
	});

	test('POST /__admin/orders injects an order that leads E10', async () => {
		const injected = (await admin('POST', '/orders', { price: 250, currency: 'EUR', title: 'Injected' })).json;
		expect(injected).toMatchObject({ id: expect.stringMatching(HEX24), price: 250, currency: 'EUR', title: 'Injected', personId: ids.person, status: 'PENDING' });
		expect(ok(await api('GET', '/orders?limit=1')).data[0]).toEqual(injected);
	});

	test('GET/DELETE /__admin/requests; GET /__admin/state', async () => {
		await admin('DELETE', '/requests');
		await api('GET', '/people?limit=2&filter[tags]=vip&filter[tags]=hot');
		await api('PUT', `/people/${ids.person}/add-tag`, { tag_id: ids.tag });
		const recorded = (await admin('GET', '/requests')).json;
		expect(recorded).toEqual([
			expect.objectContaining({ method: 'GET', path: '/people', query: { limit: '2', 'filter[tags]': ['vip', 'hot'] }, body: null, status: 200 }),
			expect.objectContaining({ method: 'PUT', path: `/people/${ids.person}/add-tag`, query: {}, body: { tag_id: ids.tag }, status: 200 }),
		]);
		expect(recorded[1].headers['content-type']).toBe('application/json');
		const state = (await admin('GET', '/state')).json;
		expect(state.counts).toMatchObject({ people: expect.any(Number), channels: expect.any(Number), messages: expect.any(Number), orders: expect.any(Number) });
		for (const key of ['person', 'channel', 'tag', 'tunnel', 'tunnelBlock', 'leadGenTool', 'user', 'order', 'category', 'template', 'connection', 'offer', 'paymentCredits']) {
			expect(state.ids[key]).toMatch(HEX24);
		}
		expect((await admin('GET', '/nope')).status).toBe(404);
	});
});

describe('determinism and size', () => {
	test('same seed → same data and ids; another seed → other ids; reset returns to the seed', async () => {
		const [a, b, c] = await Promise.all([startSandbox({ seed: 7, people: 60 }), startSandbox({ seed: 7, people: 60 }), startSandbox({ seed: 8, people: 60 })]);
		try {
			const read = async (box) => {
				const get = (p) => request('GET', `${box.baseUrl}${p}`, { headers: { 'X-Leeloo-AuthToken': box.token } }).then((r) => r.json.data);
				const state = (await admin('GET', '/state', undefined, box)).json;
				return {
					state,
					people: await get('/people?limit=100'),
					orders: await get('/orders?limit=100'),
					channels: await get('/communication-channels?limit=100'),
					messages: await get(`/communication-channels/${box.store.channels[10].id}/chat-messages?limit=100`),
					tunnels: await get('/tunnels?limit=100'),
				};
			};
			const [first, second, other] = [await read(a), await read(b), await read(c)];
			expect(second).toEqual(first);
			expect(other.state.ids.person).not.toBe(first.state.ids.person);

			await request('POST', `${a.baseUrl}/messages/send-message`, { body: { account_id: first.state.ids.channel, text: 'x' }, headers: { 'X-Leeloo-AuthToken': a.token } });
			expect((await admin('GET', '/state', undefined, a)).json.counts.messages).toBe(first.state.counts.messages + 1);
			expect((await admin('POST', '/reset', undefined, a)).json).toEqual(first.state);
			expect(await read(a)).toEqual(first);
		} finally {
			await Promise.all([a.close(), b.close(), c.close()]);
		}
	});

	// How fast it starts and pages at this size is measured by bench/sandbox-scaling.js, not asserted here.
	test('100,000 people: the largest size seeds, pages to the end and filters', async () => {
		const big = await startSandbox({ people: 100000 });
		try {
			const headers = { 'X-Leeloo-AuthToken': big.token };
			const last = await request('GET', `${big.baseUrl}/people?limit=100&offset=99950`, { headers });
			expect(last.json.meta).toEqual({ limit: 100, offset: 99950, filteredCount: 50, totalCount: 100000 });
			const channels = await request('GET', `${big.baseUrl}/communication-channels?limit=100&filter[last_message][from]=2025-12-01`, { headers });
			expect(channels.json.status).toBe(1);
			expect(channels.json.data.length).toBeGreaterThan(0);
			const filtered = await request('GET', `${big.baseUrl}/people?limit=100&filter[tags]=vip`, { headers });
			expect(filtered.json.data.length).toBeGreaterThan(0);
			expect(filtered.json.data.every((person) => person.tags.includes('vip'))).toBe(true);
		} finally {
			await big.close();
		}
	});
});

describe('cli', () => {
	test('npm run sandbox (sandbox/cli.js) prints the base URL and token, takes --rate-limit and --lists, stops on SIGTERM', async () => {
		const args = ['--port', '0', '--people', '20', '--token', 'cli-token', '--rate-limit', '1', '--rate-burst', '1', '--lists', 'orders=asc,messages=asc'];
		const { child, output } = await startSandboxCli(args);
		try {
			const baseUrl = /Base URL: (\S+)/.exec(output)[1];
			expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2$/);
			expect(output).toMatch(/Token: +cli-token/);
			const response = await request('GET', `${baseUrl}/people?limit=1`, { headers: { 'X-Leeloo-AuthToken': 'cli-token' } });
			expect(response.json.meta.totalCount).toBe(20);
			const limited = await request('GET', `${baseUrl}/people?limit=1`, { headers: { 'X-Leeloo-AuthToken': 'cli-token' } });
			expect([limited.status, limited.headers['retry-after'], limited.text]).toEqual([429, '1', RATE_LIMIT_TEXT]);
			const adminUrl = /Admin: +(\S+)\/state/.exec(output)[1];
			expect((await request('GET', `${adminUrl}/lists`)).json).toEqual({ ...LIST_DEFAULTS, orders: 'asc', messages: 'asc' });
		} finally {
			expect(await stopSandboxCli(child)).toBe(0);
		}
	});

	test('a bad --lists or --people stops it at once with the reason', async () => {
		const run = (args) => runSandboxCli(['--port', '0', ...args]);
		expect(await run(['--lists', 'orders=up'])).toEqual({ code: 1, stderr: 'orders must be one of desc, asc' });
		expect(await run(['--lists', 'orders'])).toEqual({ code: 1, stderr: 'Option --lists takes key=value pairs, e.g. orders=asc,data=named; got orders' });
		expect(await run(['--people', '-1'])).toEqual({ code: 1, stderr: 'people must be an integer from 0 to 100000, got -1' });
	});
});
