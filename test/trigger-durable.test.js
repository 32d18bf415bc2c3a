// The Leeloo Trigger under what each n8n host keeps of a poll, through n8n-core's PollContext and
// the sandbox on 127.0.0.1 (test/helpers/sandbox.js). Read from n8n 2.41.1 (poll-trigger-task-handler.js,
// trigger-execution-context.factory.js, workflow-trigger-activator.js, active-workflow-triggers.js):
// - inMemory (n8n 1.x, 2.x default): one Workflow object, so every poll's static data lives on;
//   it is saved to the database after activation and when a poll emits.
// - durable (N8N_SCHEDULER_POLL_TRIGGERS_ENABLED): each scheduled poll loads the static data
//   from the database; it is saved only when the poll emits (a quiet poll's changes are lost).
//   The activation poll's static data is saved by the activation.
// - durableCursors (+ N8N_POLLER_DURABLE_CURSORS_ENABLED): the node's static data is a staged copy
//   per poll, committed with the execution when the poll emits and on its own when a scheduled
//   poll returns nothing; the activation poll's copy is dropped when it returns nothing. The
//   global static data is saved by the activation and when a poll emits.
// On top: polls skipped, polls whose result never lands (abandoned by the poll timeout, fenced
// out by a second run of the same poll, n8n killed before the commit), a restart before every
// poll (state through JSON), 429 and 500 answers, and polls short of time.
const { poll } = require('./helpers/harness');
const { createRandom } = require('../sandbox/data/random');
const { useSandbox, withoutNock, problemsOf, SERVER_ERROR, RATE_LIMITED } = require('./helpers/sandbox');

const KEY = 'node:Leeloo Trigger';
const MINUTE = 60000;
const HOSTS = ['inMemory', 'durable', 'durableCursors'];

// The sandbox's seeded generator (mulberry32): same seed, same run.
const random = (seed) => createRandom(seed).next;

const copy = (value) => JSON.parse(JSON.stringify(value ?? {}));

const leeloo = useSandbox();
// No test here mocks a request: real HTTP without nock's interception is faster.
withoutNock();
/** One poll against the sandbox. */
const pollSandbox = (options) => poll({ ...options, credentials: leeloo.credentials });

/** What the host keeps of one poll: the static data before it, after it, and whether it emitted. */
function kept(host, { before, after, emitted, activation }) {
	if (host === 'inMemory') return after;
	if (host === 'durable') return emitted || activation ? after : before;
	// durableCursors: the node's cursor and the global data commit separately.
	const node = emitted || !activation ? after[KEY] : before[KEY];
	const global = emitted || activation ? after.global : before.global;
	const next = { ...before };
	if (node === undefined) delete next[KEY];
	else next[KEY] = node;
	if (global === undefined) delete next.global;
	else next.global = global;
	return next;
}

async function story({ host, event, seed }) {
	const rng = random(seed);
	const int = (n) => Math.floor(rng() * n);
	await leeloo.lists({ orders: rng() < 0.5 ? 'desc' : 'asc', messages: rng() < 0.5 ? 'desc' : 'asc' });
	// The budget path reads the clock for the baseline's day filter: the story happens now.
	const start = Date.now() - 3 * 60 * MINUTE;
	const channels = Array.from({ length: 6 }, () => leeloo.addChannel());
	for (let i = 0; i < 120; i++) {
		const ms = start - (120 - i) * MINUTE;
		if (event === 'newOrder') leeloo.addOrder(ms);
		else leeloo.addMessage(channels[i % channels.length], ms);
	}
	let now = start;
	let stored = {};
	const expected = new Set();
	const delivered = new Map();
	const figures = { host, event, seed, polls: 0, skipped: 0, lostResults: 0, failed: 0, short: 0 };
	const problems = [];

	const add = () => {
		for (let i = 1 + int(3); i > 0; i--) {
			const ms = now - int(3000);
			if (event === 'newOrder') expected.add(leeloo.addOrder(ms).id);
			else {
				const direction = rng() < 0.7 ? 'INCOMING' : 'OUTGOING';
				const message = leeloo.addMessage(channels[int(channels.length)], ms + i, { direction });
				if (direction === 'INCOMING') expected.add(message.id);
			}
		}
	};

	async function pollOnce({ activation = false, faults = false, short = false, lose = false }) {
		// The poll's first request fails.
		if (faults) await leeloo.fail({ ...(rng() < 0.5 ? SERVER_ERROR : RATE_LIMITED), count: 1 });
		const before = copy(stored);
		let result;
		let after;
		try {
			({ result, staticData: after } = await pollSandbox({
				parameters: { event, options: {} },
				staticData: copy(stored),
				// n8n 2.x always offers a budget; 0 means every poll is short of time.
				pollBudgetMs: short ? 0 : 300000,
			}));
		} catch (error) {
			figures.failed++;
			expect(error.message).toMatch(/^Leeloo (server error \(HTTP 500\)|rate limit reached \(HTTP 429\))/);
			return;
		} finally {
			problems.push(...problemsOf(await leeloo.requests()));
		}
		figures.polls++;
		if (short) figures.short++;
		const items = (result?.[0] ?? []).map((item) => item.json);
		if (lose) {
			figures.lostResults++;
			return;
		}
		stored = copy(kept(host, { before, after: copy(after), emitted: items.length > 0, activation }));
		for (const { id } of items) delivered.set(id, (delivered.get(id) ?? 0) + 1);
	}

	// Activation, then events right away: they must not be counted as part of the baseline.
	await pollOnce({ activation: true });
	for (let tick = 0; tick < 40; tick++) {
		now += 20000 + int(60000);
		add();
		if (rng() < 0.15) {
			figures.skipped++;
			continue;
		}
		// A quiet poll's progress may be lost on the durable host: short polls only where it is kept.
		await pollOnce({ faults: rng() < 0.25, short: host !== 'durable' && rng() < 0.3, lose: rng() < 0.15 });
	}
	for (let i = 0; i < 30 && [...expected].some((id) => !delivered.has(id)); i++) await pollOnce({});
	await leeloo.fail({ mode: 'none' });
	await pollOnce({});

	const lost = [...expected].filter((id) => !delivered.has(id));
	const duplicated = [...delivered].filter(([, n]) => n > 1).map(([id]) => id);
	const unexpected = [...delivered.keys()].filter((id) => !expected.has(id));
	console.log(`durable story ${JSON.stringify({ ...figures, expected: expected.size, delivered: delivered.size, lost: lost.length, duplicated: duplicated.length })}`);
	expect(problems).toEqual([]);
	expect(figures.lostResults + figures.skipped + figures.failed).toBeGreaterThan(3);
	expect(expected.size).toBeGreaterThan(20);
	expect({ lost, duplicated, unexpected }).toEqual({ lost: [], duplicated: [], unexpected: [] });
}

describe('Leeloo Trigger under each n8n host: every event exactly once', () => {
	for (const host of HOSTS) {
		for (const [event, seed] of [['newOrder', 3], ['newMessage', 5]]) {
			test(`${host}, ${event}`, async () => await story({ host, event, seed }), 60000);
		}
	}
});

describe('Leeloo Trigger: the baseline survives a host that drops the activation poll’s cursor', () => {
	test('durable cursors: the activation poll’s cursor is dropped; the next poll adopts the kept baseline and emits what arrived since', async () => {
		const now = Date.now();
		const channel = leeloo.addChannel();
		leeloo.addMessage(channel, now - 10 * MINUTE);
		leeloo.addOrder(now - 10 * MINUTE);
		for (const event of ['newMessage', 'newOrder']) {
			const activation = await pollSandbox({ parameters: { event, options: {} }, pollBudgetMs: 36000 });
			expect(activation.result).toBeNull();
			// What n8n keeps: the global static data (saved by the activation), not the staged cursor.
			const kept = { global: copy(activation.staticData.global) };
			expect(Object.keys(kept.global.leelooBaselines)).toEqual(['n8n-nodes-leeloo.leelooTrigger-node']);
			const fresh = event === 'newOrder' ? leeloo.addOrder(now - MINUTE) : leeloo.addMessage(channel, now - MINUTE);
			const next = await pollSandbox({ parameters: { event, options: {} }, staticData: copy(kept), pollBudgetMs: 36000 });
			expect(next.result[0].map((item) => item.json.id)).toEqual([fresh.id]);
			// Another poll from what the second one committed emits nothing more.
			const after = await pollSandbox({ parameters: { event, options: {} }, staticData: copy(next.staticData), pollBudgetMs: 36000 });
			expect(after.result).toBeNull();
		}
	});

	test('under a budget the message baseline lists only the channels active since yesterday (UTC)', async () => {
		const now = Date.now();
		const old = leeloo.addChannel();
		leeloo.addMessage(old, now - 400 * 24 * 60 * MINUTE);
		const { result, staticData } = await pollSandbox({ parameters: { event: 'newMessage', options: {} }, pollBudgetMs: 36000 });
		expect(result).toBeNull();
		const yesterday = new Date(now - 24 * 60 * MINUTE).toISOString().slice(0, 10);
		expect(await leeloo.take()).toEqual([`/communication-channels@0 from ${yesterday}`]);
		// Nothing since yesterday: the window starts at its midnight.
		expect(staticData[KEY].leelooCursor.hw).toBe(Date.parse(`${yesterday}T00:00:00.000Z`) + 5 * MINUTE);
		const message = leeloo.addMessage(old, now);
		const next = await pollSandbox({ parameters: { event: 'newMessage', options: {} }, staticData: copy(staticData), pollBudgetMs: 36000 });
		expect(next.result[0].map((item) => item.json.id)).toEqual([message.id]);
	});
});
