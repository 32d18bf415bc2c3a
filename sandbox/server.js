'use strict';
// A Leeloo-compatible API (E01–E30 of docs/leeloo-api.md) in memory, for development and tests.
// Dev-only: never published (package.json "files" holds only dist/).
const http = require('node:http');
const { createStore } = require('./data/seed');
const { isId } = require('./data/random');
const { handleAdmin } = require('./admin');
const { createRateLimiter } = require('./lib/rate-limit');
const { LIST_DEFAULTS, mergeLists, shapeList } = require('./lib/lists');
const { createWebhooks } = require('./webhooks');
const { ApiError, formatError, parseBody, parseQuery, readBody, sendJson, sendText } = require('./lib/http');
const { match } = require('./routes');

const API_PREFIX = '/api/v2';
const ADMIN_PREFIX = '/__admin';
const TOKEN_HEADER = 'x-leeloo-authtoken';
const MAX_RECORDED = 10000;
const RATE_LIMIT_TEXT = 'Too many requests, please try again later.';
// No fault: what reset() restores (delayMs keeps its last value).
const FAULT_OFF = { mode: 'none', remaining: 0, every: 1, methods: null, retryAfter: null, path: null, query: null, status: null, body: null, seen: 0 };
const HTML_PAGE =
	'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>' +
	'<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n';

function redactHeaders(headers) {
	const copy = { ...headers };
	if (TOKEN_HEADER in copy) copy[TOKEN_HEADER] = '<redacted>';
	return copy;
}

async function startSandbox(options = {}) {
	const { port = 0, host = '127.0.0.1', token = 'sandbox-token', seed = 1, people = 200, maxPageSize = 100, latencyMs = 0, rateLimit = 0, rateBurst } = options;
	const { webhookUrl = null, webhookEvents, webhookTimeoutMs } = options;
	if (host !== '127.0.0.1') throw new Error(`The sandbox only listens on 127.0.0.1 (got host ${host})`);
	if (typeof token !== 'string' || !token) throw new Error('token must be a non-empty string');
	if (!Number.isInteger(maxPageSize) || maxPageSize < 1) throw new Error('maxPageSize must be an integer ≥ 1');
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port must be 0–65535, got ${port}`);
	if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 10000) throw new Error(`latencyMs must be 0–10000, got ${latencyMs}`);
	// Sort orders of E04/E06/E10 and the paged lists' envelope (sandbox/lib/lists.js).
	const startLists = mergeLists(LIST_DEFAULTS, options.lists ?? {});

	const limiter = createRateLimiter({ perSecond: rateLimit, burst: rateBurst });
	const webhooks = createWebhooks({ url: webhookUrl, events: webhookEvents, timeoutMs: webhookTimeoutMs });

	const store = createStore({ seed, people });
	const requests = [];
	// E05 sends in the order they were applied to the store: {seq, accountId, text}.
	const sends = [];
	const fault = { ...FAULT_OFF, delayMs: 1000 };
	const lists = { ...startLists };
	const pendingDelays = new Set();
	// API requests between arrival and the end of their answer; maxInFlight is the high-water mark.
	const stats = { inFlight: 0, maxInFlight: 0, requests: 0 };
	let seq = 0;

	const control = {
		store,
		fault,
		requests,
		sends,
		stats,
		limiter,
		webhooks,
		lists,
		resetStats() {
			Object.assign(stats, { maxInFlight: stats.inFlight, requests: 0 });
			limiter.refused = 0;
		},
		// Back to the seeded data and the list settings it started with; sandbox.store stays the same object.
		reset() {
			const fresh = createStore({ seed, people });
			for (const key of Object.keys(store)) delete store[key];
			Object.assign(store, fresh);
			Object.assign(fault, FAULT_OFF);
			Object.assign(lists, startLists);
			sends.length = 0;
		},
	};

	const delay = (ms) =>
		new Promise((resolve) => {
			const timer = setTimeout(() => {
				pendingDelays.delete(timer);
				resolve();
			}, ms);
			pendingDelays.add(timer);
		});

	/** Whether the fault's methods, path and query pick this request. */
	function picks(record) {
		if (fault.methods && !fault.methods.includes(record.method)) return false;
		if (fault.path !== null && record.path !== fault.path) return false;
		return !fault.query || Object.entries(fault.query).every(([key, value]) => record.query[key] === value);
	}

	/** The fault for this request, if one is switched on and the request is one it picks; counts it down. */
	function takeFault(record) {
		if (fault.mode === 'none' || fault.remaining <= 0 || !picks(record)) return undefined;
		fault.seen += 1;
		if (fault.seen % fault.every !== 0) return undefined;
		const { mode, delayMs, retryAfter, status, body } = fault;
		fault.remaining -= 1;
		if (fault.remaining <= 0) fault.mode = 'none';
		return { mode, delayMs, retryAfter, status, body };
	}

	async function handleApi(req, res, url, record, bodyInvalid) {
		const reply = (status, body) => {
			record.status = status;
			sendJson(res, status, body);
		};

		const injected = takeFault(record);
		if (injected) record.fault = injected.mode;
		if (injected?.mode === 'dropConnection') return req.socket.destroy();
		if (injected?.mode === 'rateLimit') {
			record.status = 429;
			return sendText(res, 429, RATE_LIMIT_TEXT, undefined, injected.retryAfter === null ? {} : { 'retry-after': String(injected.retryAfter) });
		}
		if (injected?.mode === 'serverError') {
			return reply(500, { status: 0, error: { code: 'INTERNAL_ERROR', message: 'Sandbox fault: internal server error' } });
		}
		if (injected?.mode === 'reply') {
			if (typeof injected.body !== 'string') return reply(injected.status, injected.body);
			record.status = injected.status;
			return sendText(res, injected.status, injected.body);
		}
		if (injected?.mode === 'nonJson') {
			record.status = 200;
			return sendText(res, 200, HTML_PAGE, 'text/html; charset=utf-8');
		}
		// Decided on arrival, answered after the round trip like every other answer.
		const retryAfter = limiter.take(req.headers[TOKEN_HEADER] ?? '');
		if (injected?.mode === 'slow') await delay(injected.delayMs);
		// A realistic round trip for benchmarks and budget tests.
		if (latencyMs) await delay(latencyMs);
		if (retryAfter !== undefined) {
			record.status = 429;
			return sendText(res, 429, RATE_LIMIT_TEXT, undefined, { 'retry-after': String(retryAfter) });
		}
		const [status, body] = answer(req, url, record, bodyInvalid);
		// The request was processed (a write is applied); only its answer goes wrong.
		if (injected?.mode === 'processedThen502') {
			record.status = 502;
			return sendText(res, 502, HTML_PAGE, 'text/html; charset=utf-8');
		}
		if (injected?.mode === 'processedThenDrop') return req.socket.destroy();
		if (injected?.mode === 'lateAnswer') await delay(injected.delayMs);
		return reply(status, body);
	}

	/** Processes one API request against the store; returns [httpStatus, body]. */
	function answer(req, url, record, bodyInvalid) {
		const failure = (error) => [error.httpStatus, { status: 0, error: error.error }];

		const sent = req.headers[TOKEN_HEADER];
		if (sent !== token) {
			return [401, { status: 0, error: { code: 'FORMAT_ERROR', fields: { authToken: sent ? 'INVALID' : 'REQUIRED' } } }];
		}
		if (bodyInvalid) return failure(formatError({ body: 'INVALID' }));

		const found = url.pathname.startsWith(`${API_PREFIX}/`) ? match(req.method, url.pathname.slice(API_PREFIX.length)) : undefined;
		if (!found) return failure(new ApiError(404, 'NOT_FOUND', { message: `No endpoint ${req.method} ${url.pathname}` }));
		if (found.wrongMethod) {
			return failure(new ApiError(405, 'METHOD_NOT_ALLOWED', { message: `${req.method} is not allowed on ${url.pathname}` }));
		}
		const badIds = Object.entries(found.params).filter(([, value]) => !isId(value));
		if (badIds.length) return failure(formatError(Object.fromEntries(badIds.map(([name]) => [name, 'INVALID']))));

		let result;
		try {
			result = found.route.handler({
				store,
				params: found.params,
				query: record.query,
				body: record.body,
				maxPageSize,
				lists,
			});
		} catch (error) {
			if (error instanceof ApiError) return failure(error);
			throw error;
		}
		record.processed = ++seq;
		// Sent while the answer is still being made, as a real server may; nothing waits for them.
		result.events?.forEach(webhooks.emit);
		if (found.route.id === 'E05') {
			sends.push({ seq, accountId: record.body.account_id, text: record.body.text });
			if (sends.length > MAX_RECORDED) sends.splice(0, sends.length - MAX_RECORDED);
		}
		const { data, meta } = found.route.list && result.meta ? shapeList(lists, found.route.list, result) : result;
		return [200, {
			data,
			status: 1,
			...(meta && { meta }),
			...(result.included && { included: result.included }),
		}];
	}

	async function handle(req, res) {
		const url = new URL(req.url, 'http://127.0.0.1');
		let buffer;
		try {
			buffer = await readBody(req);
		} catch (error) {
			if (error instanceof ApiError) return sendJson(res, error.httpStatus, { status: 0, error: error.error });
			throw error;
		}
		const { body, raw, invalid } = parseBody(buffer, req.headers['content-type']);

		if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
			if (invalid) return sendJson(res, 400, { error: 'Admin bodies are JSON' });
			const [status, json] = await handleAdmin(control, req.method, url.pathname.slice(ADMIN_PREFIX.length), body);
			return sendJson(res, status, json);
		}

		const record = {
			method: req.method,
			path: url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) || '/' : url.pathname,
			url: req.url,
			query: parseQuery(url.searchParams),
			headers: redactHeaders(req.headers),
			body: invalid ? raw : (body ?? null),
			status: 0,
			authorized: req.headers[TOKEN_HEADER] === token,
			at: new Date().toISOString(),
		};
		requests.push(record);
		if (requests.length > MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED);
		try {
			return await handleApi(req, res, url, record, Boolean(invalid));
		} catch (error) {
			if (error instanceof ApiError) {
				record.status = error.httpStatus;
				return sendJson(res, error.httpStatus, { status: 0, error: error.error });
			}
			record.status = 500;
			return sendJson(res, 500, { status: 0, error: { code: 'INTERNAL_ERROR', message: String(error?.message ?? error) } });
		}
	}

	/** Counts an API request in flight from its arrival until its answer ends or its socket closes. */
	function track(req, res) {
		if (req.url === ADMIN_PREFIX || req.url.startsWith(`${ADMIN_PREFIX}/`) || req.url.startsWith(`${ADMIN_PREFIX}?`)) return;
		stats.inFlight += 1;
		stats.requests += 1;
		stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
		res.once('close', () => {
			stats.inFlight -= 1;
		});
	}

	const server = http.createServer((req, res) => {
		track(req, res);
		handle(req, res).catch((error) => {
			if (!res.headersSent) sendJson(res, 500, { status: 0, error: { code: 'INTERNAL_ERROR', message: String(error?.message ?? error) } });
			else res.destroy();
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const actualPort = server.address().port;
	const origin = `http://127.0.0.1:${actualPort}`;

	let closing;
	return {
		baseUrl: `${origin}${API_PREFIX}`,
		adminUrl: `${origin}${ADMIN_PREFIX}`,
		token,
		port: actualPort,
		store,
		requests,
		sends,
		stats,
		resetStats: control.resetStats,
		/** Outgoing webhooks: configure({url, events?, timeoutMs?}), view(), deliveries, settled(). */
		webhooks,
		/** {perSecond, burst?}; perSecond 0 switches the limit off. */
		setRateLimit: (settings) => limiter.configure(settings),
		close() {
			closing ??= new Promise((resolve) => {
				for (const timer of pendingDelays) clearTimeout(timer);
				pendingDelays.clear();
				webhooks.close();
				server.close(() => resolve());
				server.closeAllConnections();
			});
			return closing;
		},
	};
}

module.exports = { startSandbox };
