// Seeded randomized soak of the Leeloo Trigger: thousands of orders and messages arrive between
// polls (equal timestamps, records up to 4 minutes late, backlogs of several pages), requests fail
// at random with 500 or 429, some polls run short of time (pollBudgetMs: 0), and the stored state
// is serialized and restored (a restart) between polls. Every event must be emitted exactly once.
//
// Two runners over the same in-memory fake Leeloo (test/helpers/fake-leeloo.js):
// - 'n8n': each poll through n8n-core's PollContext, the transport and nock (a few ms per request,
//   so a few dozen polls with large batches);
// - 'direct': the trigger's own modules (events/reader/cursor from dist) with requests handed to
//   the fake without HTTP, so thousands of polls with small batches fit in a second or two.
const { poll } = require('./helpers/harness');
const { createRandom } = require('../sandbox/data/random');
const { FakeLeeloo, SERVER_ERROR, RATE_LIMITED, directPoller } = require('./helpers/fake-leeloo');

const START = Date.parse('2026-01-13T08:00:00.000Z');
const MINUTE = 60000;
const KEY = 'node:Leeloo Trigger';

// The sandbox's seeded generator (mulberry32): same seed, same run.
const random = (seed) => createRandom(seed).next;

/** One poll through n8n (PollContext + transport + nock). Returns { items, staticData }. */
async function pollThroughN8n({ event, staticData, short }) {
	const { result, staticData: after } = await poll({ parameters: { event, options: {} }, staticData, ...(short ? { pollBudgetMs: 0 } : {}) });
	return { items: (result?.[0] ?? []).map((item) => item.json), staticData: after };
}

async function soak({ runner, event, seed, ticks, perTick, backlogChance = 0.05, channelCount = 10, orderSort = 'desc', messageSort = 'desc' }) {
	const rng = random(seed);
	const int = (n) => Math.floor(rng() * n);
	const fake = new FakeLeeloo({ orderSort, messageSort });
	const pollOnceWith = runner === 'n8n' ? pollThroughN8n : directPoller(fake);
	if (runner === 'n8n') fake.install();

	// History before activation: none of it may be emitted.
	let now = START;
	const channels = [];
	for (let i = 0; i < channelCount; i++) channels.push(fake.addChannel());
	for (let i = 0; i < 300; i++) {
		const ms = START - (300 - i) * MINUTE;
		if (event === 'newOrder') fake.addOrder(ms);
		else fake.addMessage(channels[i % channels.length], ms);
	}

	const expected = new Set();
	const outgoing = new Set();
	const emitted = new Map();
	const figures = { runner, event, orderSort, messageSort, seed, records: 0, polls: 0, failedPolls: 0, failuresInjected: 0, restarts: 0, shortPolls: 0, emitted: 0 };
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
				expected.add(fake.addOrder(ms).id);
			} else {
				const channel = channels[int(channels.length)];
				// Two messages of one channel never share a millisecond (see the README's assumptions).
				while (times.get(channel.id).has(ms)) ms += 1;
				times.get(channel.id).add(ms);
				const roll = rng();
				const direction = roll < 0.6 ? 'INCOMING' : roll < 0.9 ? 'OUTGOING' : undefined;
				const message = fake.addMessage(channel, ms, { direction });
				(direction === 'OUTGOING' ? outgoing : expected).add(message.id);
			}
			newestMs = Math.max(newestMs, ms);
			figures.records++;
		}
	}

	async function pollOnce({ faults, short }) {
		let armed = faults;
		fake.fail = () => {
			if (!armed || rng() >= 0.4) return undefined;
			armed = false;
			figures.failuresInjected++;
			return rng() < 0.5 ? SERVER_ERROR : RATE_LIMITED;
		};
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
	figures.requests = fake.requests.length;
	console.log(`soak ${JSON.stringify({ ...figures, expected: expected.size, outgoingSkipped: outgoing.size, duplicates, lost, unexpected, stateBytes })}`);

	expect(fake.problems).toEqual([]);
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

describe('Leeloo Trigger soak through n8n and nock (seeded)', () => {
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

describe('Leeloo Trigger soak, long run without HTTP (seeded)', () => {
	test.each([
		['newOrder', 'desc', 'desc', 11],
		['newOrder', 'asc', 'desc', 12],
		['newMessage', 'desc', 'desc', 13],
		['newMessage', 'desc', 'asc', 14],
	])('%s, orders %s, chat lists %s', async (event, orderSort, messageSort, seed) => {
		await soak({ runner: 'direct', event, seed, ticks: 1000, perTick: 8, backlogChance: 0.01, channelCount: 10, orderSort, messageSort });
	}, SOAK_TIMEOUT);
});
