'use strict';
// /__admin: test and demo controls (no token). Inject events, switch fault modes and the list
// settings, read the recorded requests, set and watch the outgoing webhooks, see what the seeded
// world holds.
const { addMessage, addOrder, addSubscription, messageView, orderView } = require('./data/model');
const { EVENT_TYPES, incomingMessageEvent, orderEvent, saleEvent, subscriptionEvent } = require('./data/events');
const { parseDateTime } = require('./lib/input');
const { mergeLists } = require('./lib/lists');

// processedThen502 / processedThenDrop apply the request, then answer a 502 HTML page / close the
// socket without an answer (by default for writes only); dropConnection closes it unprocessed;
// lateAnswer applies it at once and answers after delayMs (beyond the client's timeout); reply
// answers status with body (a string as plain text, anything else as JSON) unprocessed.
const FAULT_MODES = ['rateLimit', 'serverError', 'nonJson', 'slow', 'processedThen502', 'processedThenDrop', 'dropConnection', 'lateAnswer', 'reply', 'none'];
const WRITE_ONLY_MODES = ['processedThen502', 'processedThenDrop'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];
const MAX_DELAY_MS = 120000;
const MAX_BURST = 1000;

class AdminError extends Error {}

function readTime(value) {
	if (value === undefined) return Date.now();
	const ms = parseDateTime(value);
	if (ms === undefined) throw new AdminError('createdAt must be an ISO date-time, e.g. 2026-01-13T08:21:09.619Z');
	return ms;
}

/** The channel named by accountId, else the first one. */
function channelOf(store, accountId) {
	const channel = accountId === undefined ? store.channels[0] : store.byId.channel.get(accountId);
	if (!channel) throw new AdminError(accountId === undefined ? 'No communication channel (the sandbox has no people)' : `No communication channel ${accountId}`);
	return channel;
}

/** Adds a message; returns [its view, the webhook events it causes]. */
function injectMessage(store, body) {
	const channel = channelOf(store, body.accountId);
	const direction = body.direction ?? 'INCOMING';
	if (!['INCOMING', 'OUTGOING'].includes(direction)) throw new AdminError('direction must be INCOMING or OUTGOING');
	if (body.text !== undefined && typeof body.text !== 'string') throw new AdminError('text must be a string');
	const createdAt = readTime(body.createdAt);
	const text = body.text ?? `Sandbox message ${store.messageCount + 1}`;
	const message = addMessage(store, channel, { text, direction, type: 'TEXT', createdAt });
	const view = { ...messageView(message), accountId: channel.id, personId: channel.person.id };
	return [view, direction === 'INCOMING' ? [incomingMessageEvent(channel, message)] : []];
}

/** Adds an order of the person (or of the channel's person); returns [its view, its webhook events]. */
function injectOrder(store, body, channel) {
	const person = channel ? channel.person : body.personId === undefined ? store.people[0] : store.byId.person.get(body.personId);
	if (!person) throw new AdminError(body.personId === undefined ? 'No person (the sandbox has no people)' : `No person ${body.personId}`);
	const price = body.price === undefined ? 100 : Number(body.price);
	if (!Number.isFinite(price) || price < 0) throw new AdminError('price must be a number ≥ 0');
	const offer = store.offers[0];
	const order = addOrder(
		store,
		{
			status: body.status ?? 'PENDING',
			type: body.type ?? 'MANUAL',
			price,
			currency: body.currency ?? 'USD',
			title: body.title ?? 'Sandbox order',
			offerId: offer.id,
			person,
			channel: channel ?? null,
			email: person.email,
			phone: person.phone,
			paymentCreditsId: store.paymentCredits[0].id,
		},
		readTime(body.createdAt),
	);
	const events = [orderEvent(order)];
	if (order.status === 'RESOLVED') events.push(saleEvent(store, order));
	return [orderView(order), events];
}

/** Subscribes a channel to a tunnel (from its first block); returns [what was made, its webhook event]. */
function injectSubscription(store, body) {
	const channel = channelOf(store, body.accountId);
	const tunnel = body.tunnelId === undefined ? store.tunnels[0] : store.byId.tunnel.get(body.tunnelId);
	if (!tunnel) throw new AdminError(`No tunnel ${body.tunnelId}`);
	const subscription = addSubscription(store, channel, tunnel);
	const view = {
		accountId: channel.id,
		personId: channel.person.id,
		tunnelId: tunnel.id,
		tunnelBlockId: subscription.block.id,
		leadGenToolId: subscription.leadGenTool?.id ?? null,
		createdAt: new Date(subscription.createdAt).toISOString(),
	};
	return [view, [subscriptionEvent(subscription)]];
}

function setWebhook(webhooks, body) {
	if (!('url' in body)) throw new AdminError('url is required (null switches webhooks off)');
	try {
		return webhooks.configure(body);
	} catch (error) {
		throw new AdminError(error.message);
	}
}

/** One new event of `type` made from real records (each call makes its own order, message or subscription). */
function makeEvent(store, type, channel) {
	if (type === 'ORDER') return injectOrder(store, {}, channel)[1][0];
	if (type === 'SALE') return injectOrder(store, { status: 'RESOLVED' }, channel)[1][1];
	if (type === 'SUBSCRIPTION') return injectSubscription(store, { accountId: channel.id })[1][0];
	return injectMessage(store, { accountId: channel.id })[1][0];
}

/**
 * {type, count?, accountId?} sends `count` new events of `type` at once, on channel accountId or on
 * the channels in turn; {body} or {raw, contentType?} sends that body `count` times instead. Answers
 * once every delivery is answered: {ids, deliveries}. The events filter does not apply.
 */
async function sendWebhooks(store, webhooks, body) {
	const { type, count = 1, raw, accountId } = body;
	if (!webhooks.settings.url) throw new AdminError('No webhook url is set: PUT /__admin/webhook {"url": "http://127.0.0.1:…"} first');
	if (!Number.isInteger(count) || count < 1 || count > MAX_BURST) throw new AdminError(`count must be an integer from 1 to ${MAX_BURST}`);
	if (type !== undefined && !EVENT_TYPES.includes(type)) throw new AdminError(`type must be one of ${EVENT_TYPES.join(', ')}`);
	if (raw !== undefined && 'body' in body) throw new AdminError('give body or raw, not both');
	if (raw !== undefined && typeof raw !== 'string') throw new AdminError('raw must be a string');
	if (body.contentType !== undefined && typeof body.contentType !== 'string') throw new AdminError('contentType must be a string');
	let texts;
	if (raw !== undefined) texts = Array(count).fill(raw);
	else if ('body' in body) texts = Array(count).fill(JSON.stringify(body.body));
	else {
		if (type === undefined) throw new AdminError(`type must be one of ${EVENT_TYPES.join(', ')} (or give body or raw)`);
		const fixed = accountId === undefined ? undefined : channelOf(store, accountId);
		texts = Array.from({ length: count }, (_, k) => JSON.stringify(makeEvent(store, type, fixed ?? store.channels[k % store.channels.length])));
	}
	const contentType = body.contentType ?? (raw === undefined ? 'application/json' : 'text/plain');
	const deliveries = await Promise.all(texts.map((text) => webhooks.deliver(type ?? null, text, contentType)));
	return { ids: deliveries.map((d) => d.id), deliveries };
}

/** The fault; path, query (when set) and status, body (mode reply) only where they apply. */
const faultView = (fault) => ({
	mode: fault.mode,
	remaining: fault.remaining,
	delayMs: fault.delayMs,
	every: fault.every,
	methods: fault.methods,
	retryAfter: fault.retryAfter,
	...(fault.path !== null && { path: fault.path }),
	...(fault.query !== null && { query: fault.query }),
	...(fault.status !== null && { status: fault.status, body: fault.body }),
});

const isPlainObject = (value) => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/** path: an API path below /api/v2 (exact); query: {name: value} that must all be in the query string. */
function checkTarget(path, query) {
	if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) throw new AdminError('path must be an API path below /api/v2, e.g. /orders');
	if (query !== undefined && (!isPlainObject(query) || !Object.values(query).every((v) => typeof v === 'string'))) {
		throw new AdminError('query must be an object of strings, e.g. {"offset":"200"}');
	}
}

/** reply only: status 100–599 (required), body any JSON value (default a status:0 body). */
function checkReply(mode, status, body) {
	if (mode !== 'reply') {
		if (status !== undefined || body !== undefined) throw new AdminError('status and body are for mode reply only');
		return;
	}
	if (!Number.isInteger(status) || status < 100 || status > 599) throw new AdminError('status (reply) must be an HTTP status from 100 to 599');
}

/**
 * {mode, count?, delayMs?, every?: every n-th matching request, methods?, path?, query?: which
 * requests it hits, retryAfter?: seconds sent as Retry-After with rateLimit (none by default),
 * status?, body?: the answer of mode reply}.
 */
function setFault(fault, body) {
	const { mode, count, delayMs, every, methods, retryAfter, path, query } = body;
	if (!FAULT_MODES.includes(mode)) throw new AdminError(`mode must be one of ${FAULT_MODES.join(', ')}`);
	if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw new AdminError('count must be an integer ≥ 1');
	if (delayMs !== undefined && (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > MAX_DELAY_MS)) {
		throw new AdminError(`delayMs must be an integer from 0 to ${MAX_DELAY_MS}`);
	}
	if (every !== undefined && (!Number.isInteger(every) || every < 1)) throw new AdminError('every must be an integer ≥ 1');
	if (retryAfter !== undefined && (mode !== 'rateLimit' || !Number.isInteger(retryAfter) || retryAfter < 0 || retryAfter > 3600)) {
		throw new AdminError('retryAfter (rateLimit only) must be an integer from 0 to 3600');
	}
	if (methods !== undefined && (!Array.isArray(methods) || !methods.length || !methods.every((m) => METHODS.includes(m)))) {
		throw new AdminError(`methods must be a list of ${METHODS.join(', ')}`);
	}
	checkTarget(path, query);
	checkReply(mode, body.status, body.body);
	Object.assign(fault, {
		mode,
		remaining: mode === 'none' ? 0 : (count ?? Infinity),
		delayMs: delayMs ?? 1000,
		every: every ?? 1,
		methods: methods ?? (WRITE_ONLY_MODES.includes(mode) ? WRITES : null),
		retryAfter: retryAfter ?? null,
		path: path ?? null,
		query: query ?? null,
		status: mode === 'reply' ? body.status : null,
		body: mode === 'reply' ? (body.body ?? { status: 0, error: { code: 'SANDBOX_FAULT' } }) : null,
		seen: 0,
	});
	const { remaining, ...view } = faultView(fault);
	return { mode, count: count ?? null, ...view };
}

function setLists(lists, body) {
	try {
		return Object.assign(lists, mergeLists(lists, body));
	} catch (error) {
		throw new AdminError(error.message);
	}
}

function setRateLimit(limiter, body) {
	try {
		return limiter.configure({ perSecond: body.perSecond, burst: body.burst });
	} catch (error) {
		throw new AdminError(error.message);
	}
}

/** E05 sends in the order the store applied them, per channel: {accountId: [text, ...]}. */
function sendsByChannel(sends) {
	const channels = {};
	for (const { accountId, text } of sends) (channels[accountId] ??= []).push(text);
	return channels;
}

function state(store) {
	const newestManualOrder = store.orders.findLast((o) => o.type === 'MANUAL');
	const firstTunnel = store.tunnels[0];
	return {
		seed: store.seed,
		size: store.size,
		counts: {
			people: store.people.length,
			channels: store.channels.length,
			messages: store.messageCount,
			orders: store.orders.length,
			tags: store.tags.length,
			tunnels: store.tunnels.length,
			leadGenTools: store.leadGenTools.length,
			users: store.users.length,
			categories: store.categories.length,
			templates: store.templates.length,
			connections: store.connections.length,
			trafficSources: store.trafficSources.length,
			comments: store.comments.length,
			calls: store.calls.length,
			subscriptions: store.subscriptions.length,
		},
		ids: {
			person: store.people[0]?.id ?? null,
			channel: store.channels[0]?.id ?? null,
			tag: store.tags[0].id,
			tunnel: firstTunnel.id,
			tunnelBlock: firstTunnel.blocks[0].id,
			leadGenTool: firstTunnel.leadGenTools[0].id,
			user: store.users[0].id,
			order: newestManualOrder?.id ?? null,
			category: store.categories[0].id,
			template: store.templates[0].id,
			connection: store.connections[0].id,
			offer: store.offers[0].id,
			paymentCredits: store.paymentCredits[0].id,
		},
	};
}

/**
 * Handles one admin request; resolves [httpStatus, json]. `sandbox` gives the store, the fault
 * switch, the recorded requests, the webhooks and reset().
 */
async function handleAdmin(sandbox, method, path, body) {
	const { store, fault, requests, sends, stats, limiter, webhooks, lists } = sandbox;
	const input = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
	/** Answers with what an injection made, after firing its webhook events. */
	const inject = ([view, events]) => {
		events.forEach(webhooks.emit);
		return [200, view];
	};
	try {
		if (method === 'POST' && path === '/messages') return inject(injectMessage(store, input));
		if (method === 'POST' && path === '/orders') return inject(injectOrder(store, input));
		if (method === 'POST' && path === '/subscriptions') return inject(injectSubscription(store, input));
		if (method === 'PUT' && path === '/webhook') return [200, setWebhook(webhooks, input)];
		if (method === 'GET' && path === '/webhook') return [200, webhooks.view()];
		if (method === 'GET' && path === '/webhooks') return [200, webhooks.deliveries];
		if (method === 'DELETE' && path === '/webhooks') {
			webhooks.deliveries.length = 0;
			return [200, { cleared: true }];
		}
		if (method === 'POST' && path === '/webhooks/send') return [200, await sendWebhooks(store, webhooks, input)];
		if (method === 'POST' && path === '/fault') return [200, setFault(fault, input)];
		if (method === 'GET' && path === '/fault') return [200, faultView(fault)];
		if (method === 'POST' && path === '/lists') return [200, { ...setLists(lists, input) }];
		if (method === 'GET' && path === '/lists') return [200, { ...lists }];
		if (method === 'POST' && path === '/rate-limit') return [200, setRateLimit(limiter, input)];
		if (method === 'GET' && path === '/rate-limit') return [200, { ...limiter.settings, refused: limiter.refused }];
		if (method === 'GET' && path === '/stats') return [200, { ...stats, rateLimited: limiter.refused }];
		if (method === 'DELETE' && path === '/stats') {
			sandbox.resetStats();
			return [200, { ...stats, rateLimited: limiter.refused }];
		}
		if (method === 'GET' && path === '/sends') return [200, sendsByChannel(sends)];
		if (method === 'DELETE' && path === '/sends') {
			sends.length = 0;
			return [200, { cleared: true }];
		}
		if (method === 'GET' && path === '/requests') return [200, requests];
		if (method === 'DELETE' && path === '/requests') {
			requests.length = 0;
			return [200, { cleared: true }];
		}
		if (method === 'GET' && path === '/state') return [200, state(store)];
		if (method === 'POST' && path === '/reset') {
			sandbox.reset();
			return [200, state(store)];
		}
	} catch (error) {
		if (error instanceof AdminError) return [400, { error: error.message }];
		throw error;
	}
	return [404, { error: `No admin endpoint ${method} /__admin${path}` }];
}

module.exports = { handleAdmin };
