// Seeded randomized soak of the Leeloo Trigger: thousands of orders and messages arrive between
// polls (equal timestamps, records up to 4 minutes late, backlogs of several pages), requests fail
// at random with 500 or 429, some polls run short of time (pollBudgetMs: 0), and the stored state
// is serialized and restored (a restart) between polls. Every event must be emitted exactly once.
//
// Two runners over the same sandbox on 127.0.0.1 (test/helpers/sandbox.js), an empty account
// reset before each test:
// - 'n8n': each poll through n8n-core's PollContext and the transport (a few ms per request, so a
//   few dozen polls with large batches);
// - 'direct': the trigger's own modules (events/reader/cursor from dist) with requests sent straight
//   to the sandbox, so a thousand polls with small batches fit in seconds.
// Every request the sandbox recorded is checked (problemsOf): GET with the token, limit 100, an offset.
const { poll } = require('./helpers/harness');
const { createRandom } = require('../sandbox/data/random');
const { useSandbox, withoutNock, directPoller, problemsOf, SERVER_ERROR, RATE_LIMITED } = require('./helpers/sandbox');

// 08:00 UTC today: a message baseline taken under a poll budget lists the channels active since
// yesterday by the real clock, so the story cannot lie months back.
const START = Date.parse(`${new Date().toISOString().slice(0, 10)}T08:00:00.000Z`);
const MINUTE = 60000;
const KEY = 'node:Leeloo Trigger';

// The sandbox's seeded generator (mulberry32): same seed, same run.
const random = (seed) => createRandom(seed).next;

const leeloo = useSandbox();
// No test here mocks a request: real HTTP without nock's interception is faster.
withoutNock();

/** One poll through n8n (PollContext + transport) to the sandbox. Returns { items, staticData }. */
async function pollThroughN8n({ event, staticData, short }) {
	const { result, staticData: after } = await poll({ parameters: { event, options: {} }, staticData, credentials: leeloo.credentials, ...(short ? { pollBudgetMs: 0 } : {}) });
	return { items: (result?.[0] ?? []).map((item) => item.json), staticData: after };
}

async function soak({ runner, event, seed, ticks, perTick, backlogChance = 0.05, channelCount = 10, orderSort = 'desc', messageSort = 'desc' }) {
	const rng = random(seed);
	const int = (n) => Math.floor(rng() * n);
	await leeloo.lists({ orders: orderSort, messages: messageSort });
	const pollOnceWith = runner === 'n8n' ? pollThroughN8n : directPoller(leeloo);

	// History before activation: none of it may be emitted.
	let now = START;
	const channels = [];
	for (let i = 0; i < channelCount; i++) channels.push(leeloo.addChannel());
	for (let i = 0; i < 300; i++) {
		const ms = START - (300 - i) * MINUTE;
		if (event === 'newOrder') leeloo.addOrder(ms);
		else leeloo.addMessage(channels[i % channels.length], ms);
	}

	const expected = new Set();
	const outgoing = new Set();
	const emitted = new Map();
	const figures = { runner, event, orderSort, messageSort, seed, records: 0, polls: 0, failedPolls: 0, failuresInjected: 0, restarts: 0, shortPolls: 0, emitted: 0, requests: 0 };
	const problems = [];
	const times = new Map(channels.map((c) => [c.id, new Set()]));
	let newestMs = START;
	let staticData = {};
	let baselined = false;

	const timestamp = () => {
		const roll = rng();
		if (roll < 0.15) return newestMs; // same time as the newest record
		if (roll < 0.3) return newestMs - int(4 * MINUTE); // late, up to 4 minutes
		return now - int(1000);
	};

	function addRecords() {
		// Mostly a few records, sometimes a backlog of several pages.
		const count = rng() < backlogChance ? 150 + int(200) : int(perTick);
		for (let i = 0; i < count; i++) {
			let ms = timestamp();
			if (event === 'newOrder') {
				expected.add(leeloo.addOrder(ms).id);
			} else {
				const channel = channels[int(channels.length)];
				// Two messages of one channel never share a millisecond (see the README's assumptions).
				while (times.get(channel.id).has(ms)) ms += 1;
				times.get(channel.id).add(ms);
				const roll = rng();
				const direction = roll < 0.6 ? 'INCOMING' : roll < 0.9 ? 'OUTGOING' : undefined;
				const message = leeloo.addMessage(channel, ms, { direction });
				(direction === 'OUTGOING' ? outgoing : expected).add(message.id);
			}
			newestMs = Math.max(newestMs, ms);
			figures.records++;
		}
	}

	async function pollOnce({ faults, short }) {
		if (faults) {
			// Each request fails with probability 0.4 until one has failed: the n-th one fails.
			let nth = 1;
			while (nth < 1000 && rng() >= 0.4) nth++;
			await leeloo.fail({ ...(rng() < 0.5 ? SERVER_ERROR : RATE_LIMITED), every: nth, count: 1 });
		}
		if (runner === 'direct' || rng() < 0.3) {
			staticData = JSON.parse(JSON.stringify(staticData));
			figures.restarts++;
		}
		const cursor = () => JSON.stringify(staticData[KEY]?.leelooCursor ?? null);
		const before = cursor();
		try {
			const { items, staticData: after } = await pollOnceWith({ event, staticData, short });
			figures.polls++;
			if (short) figures.shortPolls++;
			if (!baselined) expect(items).toEqual([]);
			baselined = true;
			staticData = after;
			for (const { id } of items) {
				emitted.set(id, (emitted.get(id) ?? 0) + 1);
				figures.emitted++;
			}
		} catch (error) {
			figures.failedPolls++;
			expect(error.message).toMatch(/^Leeloo (server error \(HTTP 500\)|rate limit reached \(HTTP 429\))/);
			// A failed poll leaves the cursor exactly where it was.
			expect(cursor()).toBe(before);
		}
		const requests = await leeloo.requests();
		problems.push(...problemsOf(requests));
		figures.requests += requests.length;
		if (requests.some((request) => request.fault)) figures.failuresInjected++;
		if (faults) await leeloo.fail({ mode: 'none' });
	}

	for (let tick = 0; tick < ticks; tick++) {
		if (baselined) addRecords();
		now += 1000 + int(40000);
		await pollOnce({ faults: rng() < 0.3, short: rng() < 0.4 });
	}
	// Drain with short polls only (chunks must reach the end on their own), then one poll with
	// time to spare, which must find nothing left.
	const missing = () => [...expected].filter((id) => !emitted.has(id)).length;
	for (let i = 0; i < 100 && missing() > 0; i++) await pollOnce({ faults: false, short: true });
	const lostAfterShortPolls = missing();
	const emittedBefore = figures.emitted;
	await pollOnce({ faults: false, short: false });

	const duplicates = [...emitted.values()].filter((n) => n > 1).length;
	const lost = missing();
	const unexpected = [...emitted.keys()].filter((id) => !expected.has(id)).length;
	const stateBytes = JSON.stringify(staticData).length;
	console.log(`soak ${JSON.stringify({ ...figures, expected: expected.size, outgoingSkipped: outgoing.size, duplicates, lost, unexpected, stateBytes })}`);

	expect(problems).toEqual([]);
	expect(figures.emitted).toBe(emittedBefore);
	expect(lostAfterShortPolls).toBe(0);
	expect(figures.failuresInjected).toBeGreaterThanOrEqual(5);
	expect(figures.shortPolls).toBeGreaterThanOrEqual(5);
	expect(expected.size).toBeGreaterThan(1000);
	expect(duplicates).toBe(0);
	expect(lost).toBe(0);
	expect(unexpected).toBe(0);
	expect(emitted.size).toBe(expected.size);
}

const SOAK_TIMEOUT = 60000;

test('the request check flags what the trigger may not send', () => {
	const ok = { method: 'GET', path: '/orders', url: '/api/v2/orders?limit=100&offset=0', query: { limit: '100', offset: '0' }, status: 200, authorized: true };
	const chat = '/communication-channels/0123456789abcdef01234567/chat-messages';
	expect(problemsOf([ok, { ...ok, path: chat }, { ...ok, path: '/communication-channels', query: { ...ok.query, 'filter[last_message][from]': '2026-01-13' } }])).toEqual([]);
	expect(problemsOf([
		{ ...ok, method: 'POST' },
		{ ...ok, authorized: false },
		{ ...ok, query: { limit: '20', offset: '0' } },
		{ ...ok, query: { limit: '100' } },
		{ ...ok, query: { ...ok.query, 'filter[last_message][from]': '2026-01-13' } },
		{ ...ok, path: '/communication-channels', query: { ...ok.query, 'filter[last_message][from]': '13.01.2026' } },
		{ ...ok, path: '/people' },
		{ ...ok, path: chat, status: 404 },
	])).toEqual([
		'unexpected POST /api/v2/orders?limit=100&offset=0 (token sent)',
		'unexpected GET /api/v2/orders?limit=100&offset=0 (token missing)',
		'unexpected query /api/v2/orders?limit=100&offset=0',
		'unexpected query /api/v2/orders?limit=100&offset=0',
		'unexpected query /api/v2/orders?limit=100&offset=0',
		'bad date 13.01.2026',
		'unknown path /people',
		`unknown path ${chat}`,
	]);
});

describe('Leeloo Trigger soak through n8n (seeded)', () => {
	test('new orders, newest-first list', async () => {
		await soak({ runner: 'n8n', event: 'newOrder', seed: 20260113, ticks: 36, perTick: 110, orderSort: 'desc' });
	}, SOAK_TIMEOUT);

	test('new orders, oldest-first list', async () => {
		await soak({ runner: 'n8n', event: 'newOrder', seed: 7, ticks: 36, perTick: 110, orderSort: 'asc' });
	}, SOAK_TIMEOUT);

	test('new messages, newest-first chat lists', async () => {
		await soak({ runner: 'n8n', event: 'newMessage', seed: 424242, ticks: 32, perTick: 150, channelCount: 5, messageSort: 'desc' });
	}, SOAK_TIMEOUT);

	test('new messages, oldest-first chat lists', async () => {
		await soak({ runner: 'n8n', event: 'newMessage', seed: 99, ticks: 32, perTick: 150, channelCount: 5, messageSort: 'asc' });
	}, SOAK_TIMEOUT);
});

describe('Leeloo Trigger soak, long run without n8n (seeded)', () => {
	test.each([
		['newOrder', 'desc', 'desc', 11],
		['newOrder', 'asc', 'desc', 12],
		['newMessage', 'desc', 'desc', 13],
		['newMessage', 'desc', 'asc', 14],
	])('%s, orders %s, chat lists %s', async (event, orderSort, messageSort, seed) => {
		await soak({ runner: 'direct', event, seed, ticks: 1000, perTick: 8, backlogChance: 0.01, channelCount: 10, orderSort, messageSort });
	}, SOAK_TIMEOUT);
});
