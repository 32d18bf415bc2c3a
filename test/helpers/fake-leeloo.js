// An in-memory Leeloo behind nock for the trigger tests: orders (E10), communication channels
// (E06) and chat messages (E04), paginated with limit/offset and `meta.totalCount` like the live
// API, with a configurable sort order, injectable failures and a log of every request.
const nock = require('nock');
const { BASE_URL, TOKEN } = require('./harness');

const PREFIX = new URL(BASE_URL).pathname;
const FROM = 'filter[last_message][from]';
const iso = (ms) => new Date(ms).toISOString();

class FakeLeeloo {
	/**
	 * orderSort / messageSort: 'desc' (newest first) or 'asc'; both order by createdAt, then by
	 * insertion. Channels are listed in creation order (not by activity).
	 * envelope: 'array' (data: [...]) or 'named' (data: { orders: [...] } and so on).
	 */
	constructor({ orderSort = 'desc', messageSort = 'desc', envelope = 'array' } = {}) {
		Object.assign(this, { orderSort, messageSort, envelope });
		this.serial = 0;
		this.orders = [];
		this.channels = [];
		this.messages = new Map();
		this.order = new WeakMap();
		this.requests = [];
		this.problems = [];
		/** (request) => [status, body] | undefined, asked before each answer. */
		this.fail = () => undefined;
	}

	nextId() {
		this.serial += 1;
		return this.serial.toString(16).padStart(24, '0');
	}

	addOrder(ms, extra = {}) {
		const order = { id: this.nextId(), status: 'RESOLVED', price: 100, currency: 'RUB', title: 'Course', createdAt: iso(ms), updatedAt: iso(ms), ...extra };
		this.insert(this.orders, order, ms);
		return order;
	}

	/** Keeps each list sorted oldest first (by time, then insertion), as a late record lands in the middle. */
	insert(list, record, ms) {
		const rank = [ms, this.serial];
		this.order.set(record, rank);
		const before = (other) => {
			const [time, serial] = this.order.get(other);
			return time < rank[0] || (time === rank[0] && serial < rank[1]);
		};
		let low = 0;
		let high = list.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			if (before(list[mid])) low = mid + 1;
			else high = mid;
		}
		list.splice(low, 0, record);
	}

	addChannel(extra = {}) {
		const channel = { id: this.nextId(), person_id: this.nextId(), name: `Person ${this.serial}`, from: 'TELEGRAM', ...extra };
		this.channels.push(channel);
		this.messages.set(channel.id, []);
		return channel;
	}

	/** Adds a message; the channel's lastMessageTime becomes the time of the message just added. */
	addMessage(channel, ms, { direction = 'INCOMING', text } = {}) {
		const message = { id: this.nextId(), text: text ?? `message ${this.serial}`, type: 'TEXT', createdAt: iso(ms) };
		if (direction !== undefined) message.direction = direction;
		this.insert(this.messages.get(channel.id), message, ms);
		channel.lastMessageTime = iso(ms);
		return message;
	}

	/** One page of a list kept oldest first, served in `sort` order. */
	page(records, name, query, sort = 'asc') {
		const limit = Number(query.get('limit'));
		const offset = Number(query.get('offset'));
		const data = sort === 'desc'
			? records.slice(Math.max(0, records.length - offset - limit), Math.max(0, records.length - offset)).reverse()
			: records.slice(offset, offset + limit);
		return [200, {
			data: this.envelope === 'named' ? { [name]: data } : data,
			status: 1,
			meta: { limit, offset, filteredCount: data.length, totalCount: records.length },
		}];
	}

	handle(uri) {
		const url = new URL(uri, BASE_URL);
		const path = url.pathname.slice(PREFIX.length);
		const query = url.searchParams;
		const request = { path, query: Object.fromEntries(query) };
		this.requests.push(request);
		const allowed = path === '/communication-channels' ? ['limit', 'offset', FROM] : ['limit', 'offset'];
		const keys = [...query.keys()];
		if (query.get('limit') !== '100' || !/^\d+$/.test(query.get('offset') ?? '') || keys.some((key) => !allowed.includes(key))) {
			this.problems.push(`unexpected query ${uri}`);
		}
		const failure = this.fail(request);
		if (failure) return failure;
		if (path === '/orders') return this.page(this.orders, 'orders', query, this.orderSort);
		if (path === '/communication-channels') {
			const from = query.get(FROM);
			if (from !== null && !/^\d{4}-\d{2}-\d{2}$/.test(from)) this.problems.push(`bad date ${from}`);
			const since = from === null ? undefined : Date.parse(`${from}T00:00:00.000Z`);
			const active = this.channels.filter((c) => since === undefined || (c.lastMessageTime && Date.parse(c.lastMessageTime) >= since));
			return this.page(active, 'channels', query);
		}
		const match = /^\/communication-channels\/([0-9a-f]{24})\/chat-messages$/.exec(path);
		if (match && this.messages.has(match[1])) {
			return this.page(this.messages.get(match[1]), 'messages', query, this.messageSort);
		}
		this.problems.push(`unknown path ${path}`);
		return [404, { status: 0, error: { code: 'NOT_FOUND' } }];
	}

	install() {
		return nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } })
			.persist()
			.get((uri) => uri.startsWith(PREFIX))
			.reply((uri) => this.handle(uri));
	}

	/** Requests logged since the last call, as 'path?offset=…' strings (with the date filter when sent). */
	take() {
		const taken = this.requests.splice(0).map(({ path, query }) => `${path}@${query.offset}${query[FROM] ? ` from ${query[FROM]}` : ''}`);
		return taken;
	}
}

const SERVER_ERROR = [500, { status: 0, error: { code: 'INTERNAL_ERROR' } }];
const RATE_LIMITED = [429, 'Too many requests, please try again later.'];

/**
 * What the trigger's poll() does, minus n8n and HTTP: the trigger's own modules (from dist) with
 * each request handed to `fake` directly. Thousands of polls fit in a second or two this way.
 * Returns ({ event, staticData, short }) => { items, staticData }; staticData as n8n keeps it.
 */
function directPoller(fake) {
	const { DIST } = require('./harness');
	const path = require('node:path');
	const events = require(path.join(DIST, 'nodes/LeelooTrigger/events.js'));
	const { restore } = require(path.join(DIST, 'nodes/LeelooTrigger/cursor.js'));
	const { readPage } = require(path.join(DIST, 'nodes/shared/api/envelopes.js'));
	const get = (route, query) => {
		const [status, body] = fake.handle(`${PREFIX}${route}?${new URLSearchParams(query)}`);
		if (status !== 200) throw new Error(status === 429 ? 'Leeloo rate limit reached (HTTP 429)' : `Leeloo server error (HTTP ${status})`);
		return readPage(body);
	};
	return async ({ event, staticData, short = false }) => {
		const api = {
			pageSize: 100,
			orders: async (offset) => get('/orders', { limit: 100, offset }),
			channels: async (offset, fromDay) => get('/communication-channels', { limit: 100, offset, ...(fromDay ? { [FROM]: fromDay } : {}) }),
			messages: async (id, offset) => get(`/communication-channels/${id}/chat-messages`, { limit: 100, offset }),
			more: () => !short,
		};
		const stored = restore(staticData['node:Leeloo Trigger']?.leelooCursor, event);
		let outcome;
		if (!stored) outcome = { state: event === 'newOrder' ? await events.baselineOrders(api) : await events.baselineMessages(api), items: [] };
		else outcome = event === 'newOrder' ? await events.pollOrders(api, stored) : await events.pollMessages(api, stored, false);
		return { items: outcome.items, staticData: { ...staticData, 'node:Leeloo Trigger': { leelooCursor: outcome.state } } };
	};
}

module.exports = { FakeLeeloo, SERVER_ERROR, RATE_LIMITED, iso, directPoller };
