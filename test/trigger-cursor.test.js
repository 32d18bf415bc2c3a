// Unit tests of the trigger's pure parts: the cursor (state, window, remembered ids) and the list
// reader (sort detection, anchors, chunks), with in-memory lists instead of HTTP.
const path = require('node:path');
const { DIST } = require('./helpers/harness');

const cursor = require(path.join(DIST, 'nodes/LeelooTrigger/cursor.js'));
const { readWindow, readAll } = require(path.join(DIST, 'nodes/LeelooTrigger/reader.js'));

const { WINDOW_MS, STATE_VERSION } = cursor;
const T = Date.parse('2026-01-13T08:00:00.000Z');
const SEC = 1000;
const MIN = 60 * SEC;
const iso = (ms) => new Date(ms).toISOString();
const id = (n) => n.toString(16).padStart(24, '0');
const entry = (n, ms) => ({ key: id(n), time: ms, record: { id: id(n), createdAt: iso(ms) } });
const keys = (entries) => entries.map((e) => e.key);
const start = (hw, seen = {}) => ({ v: STATE_VERSION, event: 'newOrder', hw, seen });

/** Runs `fn` with a Date whose clock throws when read (`Date.now()`, `new Date()`). */
function withoutClock(fn) {
	const RealDate = Date;
	class NoClockDate extends RealDate {
		constructor(...args) {
			if (!args.length) throw new Error('the clock was read');
			super(...args);
		}
		static now() {
			throw new Error('the clock was read');
		}
	}
	global.Date = NoClockDate;
	try {
		return fn();
	} finally {
		global.Date = RealDate;
	}
}

describe('cursor: values', () => {
	test('timeOf reads ISO timestamps in UTC, numbers as ms, and refuses the rest', () => {
		expect(cursor.timeOf('2026-01-13T08:21:09.619Z')).toBe(Date.UTC(2026, 0, 13, 8, 21, 9, 619));
		expect(cursor.timeOf('2026-01-13T10:21:09.619+02:00')).toBe(Date.UTC(2026, 0, 13, 8, 21, 9, 619));
		// No offset: Leeloo's dates are UTC, whatever the machine's timezone.
		expect(cursor.timeOf('2026-01-13 08:21')).toBe(Date.UTC(2026, 0, 13, 8, 21));
		expect(cursor.timeOf('2026-01-13T08:21:09')).toBe(Date.UTC(2026, 0, 13, 8, 21, 9));
		expect(cursor.timeOf(1700000000000)).toBe(1700000000000);
		for (const bad of [undefined, null, '', '  ', 'yesterday', {}, Number.NaN]) expect(cursor.timeOf(bad)).toBeUndefined();
	});

	test('utcDay gives the UTC calendar day', () => {
		expect(cursor.utcDay(Date.UTC(2026, 0, 13, 0, 2))).toBe('2026-01-13');
		expect(cursor.utcDay(Date.UTC(2026, 0, 12, 23, 59, 59, 999))).toBe('2026-01-12');
	});

	test('detectSort compares the first and last timed records', () => {
		expect(cursor.detectSort([3, 2, 2, 1])).toBe('desc');
		expect(cursor.detectSort([1, 2, 2, 3])).toBe('asc');
		expect(cursor.detectSort([undefined, 5, 9, undefined])).toBe('asc');
		expect(cursor.detectSort([2, 2, 2])).toBeUndefined();
		expect(cursor.detectSort([7])).toBeUndefined();
		expect(cursor.detectSort([])).toBeUndefined();
	});

	test('keyOf uses the id, else the time and a fingerprint of the record', () => {
		expect(cursor.keyOf({ id: id(7) }, T)).toBe(id(7));
		expect(cursor.keyOf({ id: 42 }, T)).toBe('42');
		const key = cursor.keyOf({ text: 'hi' }, T);
		expect(key).toMatch(new RegExp(`^${T}:[0-9a-f]{8}$`));
		expect(cursor.keyOf({ text: 'hi' }, T)).toBe(key);
		expect(cursor.keyOf({ text: 'ho' }, T)).not.toBe(key);
	});

	test('fingerprint is stable and changes with the content', () => {
		const channel = { id: id(1), lastMessageTime: iso(T) };
		expect(cursor.fingerprint(channel)).toBe(cursor.fingerprint({ ...channel }));
		expect(cursor.fingerprint({ ...channel, lastMessageTime: iso(T + 1) })).not.toBe(cursor.fingerprint(channel));
	});
});

describe('cursor: state', () => {
	test('restore accepts its own version and event, and returns a copy', () => {
		const stored = { v: 1, event: 'newMessage', hw: T, seen: { [id(1)]: T }, sort: 'asc', channels: { [id(9)]: [T, 'abcd0123'] } };
		const state = cursor.restore(stored, 'newMessage');
		expect(state).toEqual(stored);
		state.seen[id(2)] = T;
		expect(stored.seen).toEqual({ [id(1)]: T });
		expect(cursor.restore({ v: 1, event: 'newOrder', hw: null, seen: {}, anchor: 120 }, 'newOrder')).toEqual({
			v: 1, event: 'newOrder', hw: null, seen: {}, anchor: 120,
		});
	});

	test('restore asks for a new baseline on no state, another version or event, or damage', () => {
		const good = { v: 1, event: 'newOrder', hw: T, seen: {} };
		expect(cursor.restore(undefined, 'newOrder')).toBeUndefined();
		expect(cursor.restore({}, 'newOrder')).toBeUndefined();
		expect(cursor.restore({ ...good, v: 2 }, 'newOrder')).toBeUndefined();
		expect(cursor.restore(good, 'newMessage')).toBeUndefined();
		expect(cursor.restore({ ...good, hw: 'soon' }, 'newOrder')).toBeUndefined();
		expect(cursor.restore({ ...good, seen: { a: 'x' } }, 'newOrder')).toBeUndefined();
		expect(cursor.restore({ ...good, seen: [] }, 'newOrder')).toBeUndefined();
		expect(cursor.restore({ ...good, channels: { a: [T] } }, 'newOrder')).toBeUndefined();
	});

	test('anchors: a node\'s baseline for its own event, apart from the cursor; replacing one keeps the others', () => {
		const orders = { v: 1, event: 'newOrder', hw: T, seen: { [id(1)]: T } };
		const messages = { v: 1, event: 'newMessage', hw: null, seen: {} };
		const one = cursor.withAnchor(undefined, 'node-a', orders);
		expect(one).toEqual({ 'node-a': orders });
		const two = cursor.withAnchor(one, 'node-b', messages);
		expect(two).toEqual({ 'node-a': orders, 'node-b': messages });
		expect(one).toEqual({ 'node-a': orders }); // a new object, so that n8n sees the change
		expect(cursor.withAnchor(two, 'node-a', { ...orders, hw: T + MIN })['node-a'].hw).toBe(T + MIN);
		expect(cursor.anchorOf(two, 'node-a', 'newOrder')).toEqual(orders);
		expect(cursor.anchorOf(two, 'node-a', 'newMessage')).toBeUndefined();
		expect(cursor.anchorOf(two, 'node-c', 'newOrder')).toBeUndefined();
		expect(cursor.anchorOf(undefined, 'node-a', 'newOrder')).toBeUndefined();
		expect(cursor.anchorOf({ 'node-a': { v: 9 } }, 'node-a', 'newOrder')).toBeUndefined();
		expect(cursor.anchorOf('damaged', 'node-a', 'newOrder')).toBeUndefined();
	});

	test('dayStart is midnight UTC of a day', () => {
		expect(cursor.dayStart('2026-01-13')).toBe(Date.parse('2026-01-13T00:00:00.000Z'));
		expect(cursor.utcDay(cursor.dayStart('2026-01-13') + 23 * 60 * MIN)).toBe('2026-01-13');
	});

	test('baseline: everything that exists is seen; only the window is remembered', () => {
		const entries = [entry(1, T - 10 * MIN), entry(2, T - 4 * MIN), entry(3, T), entry(4, T - 5 * MIN)];
		expect(cursor.baseline('newOrder', entries)).toEqual({
			v: 1, event: 'newOrder', hw: T, seen: { [id(2)]: T - 4 * MIN, [id(3)]: T, [id(4)]: T - 5 * MIN },
		});
		expect(cursor.baseline('newOrder', [])).toEqual({ v: 1, event: 'newOrder', hw: null, seen: {} });
		expect(cursor.baseline('newMessage', [], T)).toEqual({ v: 1, event: 'newMessage', hw: T, seen: {} });
	});

	test('collect: new = at or above the floor and not seen; oldest first; input untouched', () => {
		const state = start(T, { [id(1)]: T });
		const { fresh, state: next } = cursor.collect(state, [
			entry(5, T + 2 * SEC),
			entry(1, T), // already emitted
			entry(4, T), // same time as the one emitted: new
			entry(3, T - WINDOW_MS), // exactly at the floor: new
			entry(2, T - WINDOW_MS - 1), // below the floor: old
			entry(5, T + 2 * SEC), // read twice in one poll
		]);
		expect(keys(fresh)).toEqual([id(3), id(4), id(5)]);
		expect(next.seen).toEqual({ [id(1)]: T, [id(3)]: T - WINDOW_MS, [id(4)]: T, [id(5)]: T + 2 * SEC });
		expect(next.hw).toBe(T);
		expect(state.seen).toEqual({ [id(1)]: T });
	});

	test('collect with upTo leaves newer records for a later poll', () => {
		const { fresh } = cursor.collect(start(T), [entry(1, T + MIN), entry(2, T + 2 * MIN), entry(3, T + 3 * MIN)], T + 2 * MIN);
		expect(keys(fresh)).toEqual([id(1), id(2)]);
	});

	test('equal times are ordered by key, so the order is stable', () => {
		const { fresh } = cursor.collect(start(null), [entry(9, T), entry(3, T), entry(5, T - 1)]);
		expect(keys(fresh)).toEqual([id(5), id(3), id(9)]);
	});

	test('settle moves hw to the newest processed time and forgets what fell below the window', () => {
		const state = {
			...start(T, { [id(1)]: T - 4 * MIN, [id(2)]: T, [id(3)]: T + 2 * MIN }),
			channels: { a: [T - 4 * MIN, 'x'], b: [T + 2 * MIN, 'y'] },
		};
		expect(cursor.settle(state)).toEqual({
			...start(T + 2 * MIN, { [id(2)]: T, [id(3)]: T + 2 * MIN }),
			channels: { b: [T + 2 * MIN, 'y'] },
		});
		expect(cursor.settle(start(null))).toEqual(start(null));
		// hw never moves back.
		expect(cursor.settle(start(T, { [id(1)]: T - MIN })).hw).toBe(T);
	});

	test('equal timestamps across polls: each record once', () => {
		let state = cursor.baseline('newOrder', [entry(1, T)]);
		let out = cursor.collect(state, [entry(1, T), entry(2, T)]);
		expect(keys(out.fresh)).toEqual([id(2)]);
		state = cursor.settle(out.state);
		out = cursor.collect(state, [entry(1, T), entry(2, T), entry(3, T)]);
		expect(keys(out.fresh)).toEqual([id(3)]);
		state = cursor.settle(out.state);
		expect(keys(cursor.collect(state, [entry(1, T), entry(2, T), entry(3, T)]).fresh)).toEqual([]);
	});

	test('late records: up to 5 minutes older than the newest emitted are emitted once; older ones are old', () => {
		let state = cursor.baseline('newOrder', [entry(1, T)]);
		let out = cursor.collect(state, [entry(2, T + 10 * MIN)]);
		state = cursor.settle(out.state);
		out = cursor.collect(state, [entry(2, T + 10 * MIN), entry(3, T + 6 * MIN), entry(4, T + 4 * MIN)]);
		expect(keys(out.fresh)).toEqual([id(3)]);
		state = cursor.settle(out.state);
		expect(keys(cursor.collect(state, [entry(3, T + 6 * MIN)]).fresh)).toEqual([]);
	});

	test('nextAnchor picks the newest position below the floor, else keeps the previous one', () => {
		const read = [
			{ record: {}, time: T - 10 * MIN, pos: 4 },
			{ record: {}, time: T - 6 * MIN, pos: 5 },
			{ record: {}, time: T, pos: 6 },
			{ record: {}, time: T - 7 * MIN },
		];
		expect(cursor.nextAnchor(read, T - 5 * MIN, 1)).toBe(5);
		expect(cursor.nextAnchor(read, T - 20 * MIN, 1)).toBe(1);
		expect(cursor.nextAnchor(read, null, 1)).toBe(1);
	});

	test('state size: 1,000 polls and 100,000 records stay within the window, a few KB', () => {
		let state = cursor.baseline('newOrder', []);
		let sizes = [];
		let n = 0;
		for (let poll = 0; poll < 1000; poll++) {
			// 100 orders per poll, 6 s apart, polls 10 minutes of server time apart.
			const entries = [];
			for (let i = 0; i < 100; i++) entries.push(entry(++n, T + poll * 10 * MIN + i * 6 * SEC));
			state = cursor.settle(cursor.collect(state, entries).state);
			sizes.push(JSON.stringify(state).length);
		}
		expect(n).toBe(100000);
		// The window holds the last 51 records (5 minutes at one per 6 s): ~2 KB, flat from the first poll.
		expect(Object.keys(state.seen)).toHaveLength(51);
		expect(Math.max(...sizes)).toBeLessThan(2500);
		expect(sizes[999]).toBe(sizes[1]);
	});

	test('no clock is read: the same inputs give the same state at any time', () => {
		const run = () => {
			let state = cursor.baseline('newOrder', [entry(1, T)]);
			const out = cursor.collect(state, [entry(2, T + MIN), entry(3, T + 30 * SEC)]);
			state = cursor.settle(out.state);
			return { fresh: keys(out.fresh), state, day: cursor.utcDay(state.hw), time: cursor.timeOf(iso(T)) };
		};
		const first = withoutClock(run);
		expect(first).toEqual(run());
		expect(first.fresh).toEqual([id(3), id(2)]);
	});
});

// ---- The list reader over in-memory lists ----

/** A list of `count` records, one a minute up to T, served newest- or oldest-first; logs offsets. */
function list(count, sort, { total = true } = {}) {
	const records = Array.from({ length: count }, (_, i) => ({ id: id(i + 1), createdAt: iso(T - (count - 1 - i) * MIN) }));
	const offsets = [];
	const sorted = () => (sort === 'desc' ? [...records].reverse() : records);
	return {
		records,
		offsets,
		add(ms) {
			const record = { id: id(records.length + 1), createdAt: iso(ms) };
			records.push(record);
			records.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
			return record;
		},
		fetch: async (offset) => {
			offsets.push(offset);
			const page = sorted().slice(offset, offset + 100);
			return total ? { records: page, totalCount: records.length } : { records: page };
		},
	};
}

const timeOfRecord = (record) => cursor.timeOf(record.createdAt);
const fixed = (floor) => () => floor;

describe('reader: readWindow', () => {
	test('newest-first: page 0 reaches below the floor, one request', async () => {
		const l = list(1000, 'desc');
		const read = await readWindow({ fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 5 * MIN) });
		expect(l.offsets).toEqual([0]);
		expect(read).toMatchObject({ complete: true, sort: 'desc' });
		// Positions count from the oldest record.
		expect(read.read[0]).toMatchObject({ pos: 999, time: T });
		expect(read.read[99]).toMatchObject({ pos: 900 });
	});

	test('newest-first: a backlog is read page by page down to the floor', async () => {
		const l = list(1000, 'desc');
		const read = await readWindow({ fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 250 * MIN), sort: 'desc' });
		expect(l.offsets).toEqual([0, 100, 200]);
		expect(read.complete).toBe(true);
	});

	test('oldest-first: page 0 shows the order, then the last page is read; never the whole history', async () => {
		const l = list(1000, 'asc');
		const read = await readWindow({ fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 5 * MIN) });
		expect(l.offsets).toEqual([0, 900]);
		expect(read).toMatchObject({ complete: true, sort: 'asc' });
		expect(read.read.find((r) => r.time === T)).toMatchObject({ pos: 999 });
	});

	test('oldest-first with an anchor: one request', async () => {
		const l = list(1000, 'asc');
		const read = await readWindow({ fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 5 * MIN), sort: 'asc', anchor: 990 });
		expect(l.offsets).toEqual([990]);
		expect(read.complete).toBe(true);
	});

	test('oldest-first: an anchor inside the window steps back until it reaches below the floor', async () => {
		const l = list(1000, 'asc');
		await readWindow({ fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 150 * MIN), sort: 'asc', anchor: 990 });
		expect(l.offsets).toEqual([990, 891, 792]);
	});

	test('oldest-first: an anchor past the end (records deleted) falls back to the last page', async () => {
		const l = list(300, 'asc');
		const read = await readWindow({ fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 5 * MIN), sort: 'asc', anchor: 500 });
		expect(l.offsets).toEqual([500, 200]);
		expect(read.complete).toBe(true);
	});

	test('oldest-first without totalCount reads forward to the end, once', async () => {
		const l = list(250, 'asc', { total: false });
		const read = await readWindow({ fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 5 * MIN) });
		expect(l.offsets).toEqual([0, 100, 200]);
		expect(read).toMatchObject({ complete: true, sort: 'asc' });
	});

	test('a list that fits one page is complete at once, whatever its order', async () => {
		const l = list(40, 'asc');
		const read = await readWindow({ fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 5 * MIN), sort: 'desc' });
		expect(l.offsets).toEqual([0]);
		expect(read).toMatchObject({ complete: true, sort: 'asc' });
	});

	test('a full page of equal times cannot show the order: the list is read to its end', async () => {
		const records = Array.from({ length: 150 }, (_, i) => ({ id: id(i + 1), createdAt: iso(T) }));
		const offsets = [];
		const read = await readWindow({
			fetch: async (offset) => (offsets.push(offset), { records: records.slice(offset, offset + 100), totalCount: 150 }),
			pageSize: 100,
			timeOf: timeOfRecord,
			floor: fixed(T - 5 * MIN),
		});
		expect(offsets).toEqual([0, 100]);
		expect(read.complete).toBe(true);
		expect(read.read).toHaveLength(150);
	});

	test('a remembered order loses to the order page 0 shows', async () => {
		const l = list(300, 'asc');
		const read = await readWindow({ fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 5 * MIN), sort: 'desc' });
		// Page 0 shows oldest-first, which wins over the remembered 'desc'.
		expect(read.sort).toBe('asc');
		expect(l.offsets).toEqual([0, 200]);
	});

	test('a full page that contradicts the remembered order mid-way: the list is read in full, once', async () => {
		const l = list(300, 'desc');
		const read = await readWindow({ fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 5 * MIN), sort: 'asc', anchor: 100 });
		expect(l.offsets).toEqual([100, 0, 100, 200]);
		expect(read).toMatchObject({ complete: true, sort: undefined });
		expect(read.read).toHaveLength(300);
	});

	test('baseline floor: the window below the newest record', async () => {
		const l = list(1000, 'asc');
		const read = await readWindow({ fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: (newest) => newest - 5 * MIN });
		expect(l.offsets).toEqual([0, 900]);
		expect(cursor.baseline('newOrder', cursor.entriesOf(read.read)).hw).toBe(T);
	});

	test('oldest-first, short of time: a chunk from the floor, at least one new page, then a later poll goes on', async () => {
		const l = list(1000, 'asc');
		const read = await readWindow({
			fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 450 * MIN), sort: 'asc', anchor: 540, more: () => false,
		});
		expect(l.offsets).toEqual([540]);
		expect(read.complete).toBe(false);
		expect(read.upTo).toBe(T - 360 * MIN);
		const entries = cursor.entriesOf(read.read);
		const { fresh } = cursor.collect(start(T - 445 * MIN), entries, read.upTo);
		// Positions 549..639: from the floor (inclusive) to the newest record read.
		expect(fresh).toHaveLength(91);
		expect(fresh[0].time).toBe(T - 450 * MIN);
	});

	test('newest-first, short of time: the anchor finds the window’s oldest page, which is emitted first', async () => {
		const l = list(1000, 'desc');
		const read = await readWindow({
			fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 450 * MIN), sort: 'desc', anchor: 540, more: () => false,
		});
		// Page 0 (the newest), then positions 540..639 = offsets 360..459.
		expect(l.offsets).toEqual([0, 360]);
		expect(read).toMatchObject({ complete: false, upTo: T - 360 * MIN });
		const { fresh } = cursor.collect(start(T - 445 * MIN), cursor.entriesOf(read.read), read.upTo);
		expect(fresh).toHaveLength(91);
		expect(fresh[0].time).toBe(T - 450 * MIN);
		expect(fresh[fresh.length - 1].time).toBe(T - 360 * MIN);
	});

	test('newest-first, short of time, stale anchor: the search moves to the page that holds the floor', async () => {
		const l = list(1000, 'desc');
		const read = await readWindow({
			fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 450 * MIN), sort: 'desc', anchor: 100, more: () => false,
		});
		// Anchor 100 → offset 800 (all older than the floor) → newer by 99 each step until the floor is inside.
		expect(l.offsets).toEqual([0, 800, 701, 602, 503, 404]);
		expect(read).toMatchObject({ complete: false, upTo: T - 404 * MIN });
	});

	test('newest-first, short of time, no anchor: read on (correct, not chunked)', async () => {
		const l = list(1000, 'desc');
		const read = await readWindow({ fetch: l.fetch, pageSize: 100, timeOf: timeOfRecord, floor: fixed(T - 250 * MIN), sort: 'desc', more: () => false });
		expect(l.offsets).toEqual([0, 100, 200]);
		expect(read.complete).toBe(true);
	});
});

describe('reader: readAll', () => {
	test('stops at a short page, at totalCount, or when time runs out', async () => {
		const pages = (n, total) => async (offset) => ({ records: Array.from({ length: Math.max(0, Math.min(100, n - offset)) }, (_, i) => offset + i), totalCount: total });
		expect(await readAll(pages(230), 100)).toEqual({ records: Array.from({ length: 230 }, (_, i) => i), complete: true });
		const offsets = [];
		const byTotal = await readAll(async (offset) => (offsets.push(offset), pages(200, 200)(offset)), 100);
		expect(byTotal.complete).toBe(true);
		expect(offsets).toEqual([0, 100]);
		const short = await readAll(pages(500), 100, (read) => read.length < 200);
		expect(short).toMatchObject({ complete: false });
		expect(short.records).toHaveLength(200);
	});
});
