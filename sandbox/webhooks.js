'use strict';
// Outgoing webhooks, as Leeloo sends them: one POST per event to the one URL set, JSON body
// {type, data}, no signature, no retry. Each delivery starts at once and is recorded; nothing waits
// for it. Only http:// to 127.0.0.1 or localhost: sandbox traffic stays on this machine.
const http = require('node:http');
const { EVENT_TYPES } = require('./data/events');

const LOOPBACK = ['127.0.0.1', 'localhost'];
const DEFAULT_TIMEOUT_MS = 10000;
const MAX_TIMEOUT_MS = 120000;
const MAX_RECORDED = 10000;
const MAX_ANSWER_CHARS = 2000;

/** The URL as a parsed URL when it may be used; throws a message naming the rule otherwise. */
function checkUrl(url) {
	if (typeof url !== 'string') throw new Error('webhook url must be a string (or null to switch webhooks off)');
	let parsed;
	try {
		parsed = new URL(url);
	} catch {
		throw new Error('webhook url is not a URL');
	}
	// Only the origin is named: the query may carry a secret.
	if (parsed.protocol !== 'http:' || !LOOPBACK.includes(parsed.hostname)) {
		throw new Error(`the sandbox sends webhooks only to http://127.0.0.1 or http://localhost (got ${parsed.protocol}//${parsed.host})`);
	}
	return parsed;
}

function checkEvents(events) {
	if (!Array.isArray(events) || !events.length || !events.every((e) => EVENT_TYPES.includes(e))) {
		throw new Error(`webhook events must be a non-empty list of ${EVENT_TYPES.join(', ')}`);
	}
	return EVENT_TYPES.filter((type) => events.includes(type));
}

function checkTimeout(ms) {
	if (!Number.isInteger(ms) || ms < 1 || ms > MAX_TIMEOUT_MS) throw new Error(`webhook timeoutMs must be an integer from 1 to ${MAX_TIMEOUT_MS}`);
	return ms;
}

function createWebhooks({ url = null, events = EVENT_TYPES, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
	const settings = { url: null, events: [...EVENT_TYPES], timeoutMs: DEFAULT_TIMEOUT_MS };
	let target = null;
	const deliveries = [];
	const requests = new Set(); // in flight, destroyed on close
	const pending = new Set(); // promises of the records in flight
	// A connection per delivery, as webhook senders do: a kept-alive socket that the receiver has just
	// closed would fail the next delivery with "socket hang up".
	const agent = new http.Agent({ keepAlive: false });
	let nextId = 1;
	let closed = false;

	/** {url, events?, timeoutMs?}: replaces the setting; events default to all four. */
	function configure(next) {
		const nextTarget = next.url === null ? null : checkUrl(next.url);
		const nextEvents = next.events === undefined ? [...EVENT_TYPES] : checkEvents(next.events);
		const nextTimeout = next.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : checkTimeout(next.timeoutMs);
		target = nextTarget;
		Object.assign(settings, { url: next.url, events: nextEvents, timeoutMs: nextTimeout });
		return view();
	}

	const view = () => ({ url: settings.url, events: [...settings.events], timeoutMs: settings.timeoutMs });

	/** One POST of `text`; resolves its record once answered, failed or timed out. */
	function deliver(type, text, contentType) {
		const record = {
			id: nextId++,
			type,
			url: settings.url,
			contentType,
			body: text,
			sentAt: Date.now(),
			answeredAt: null,
			status: null,
			error: null,
			answer: null,
		};
		deliveries.push(record);
		if (deliveries.length > MAX_RECORDED) deliveries.splice(0, deliveries.length - MAX_RECORDED);
		if (closed || !target) {
			Object.assign(record, { answeredAt: record.sentAt, error: closed ? 'sandbox closed' : 'no webhook url set' });
			return Promise.resolve(record);
		}
		const { port, pathname, search, host } = target;
		const { timeoutMs } = settings;
		const promise = new Promise((resolve) => {
			let req;
			let timer;
			const finish = (outcome) => {
				if (record.answeredAt !== null) return;
				clearTimeout(timer);
				requests.delete(req);
				Object.assign(record, { answeredAt: Date.now(), ...outcome });
				resolve(record);
			};
			// Always to 127.0.0.1, with the Host the URL names: a name cannot resolve off this machine.
			req = http.request(
				{
					host: '127.0.0.1',
					port: port || 80,
					path: `${pathname}${search}`,
					method: 'POST',
					agent,
					headers: { host, 'content-type': contentType, 'content-length': Buffer.byteLength(text) },
				},
				(res) => {
					// Enough bytes for MAX_ANSWER_CHARS characters of UTF-8; the rest is read and dropped.
					const chunks = [];
					let size = 0;
					res.on('data', (chunk) => {
						if (size < MAX_ANSWER_CHARS * 4) chunks.push(chunk);
						size += chunk.length;
					});
					res.on('end', () => finish({ status: res.statusCode, answer: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_CHARS) }));
					res.on('error', (error) => finish({ status: res.statusCode, error: error.message }));
					res.on('close', () => finish({ status: res.statusCode, error: 'connection closed before the answer ended' }));
				},
			);
			timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
			req.on('error', (error) => finish({ error: error.message || error.code }));
			requests.add(req);
			req.end(text);
		});
		pending.add(promise);
		promise.then(() => pending.delete(promise));
		return promise;
	}

	configure({ url, events, timeoutMs });
	return {
		settings,
		deliveries,
		configure,
		view,
		/** Sends an event when a URL is set and its type is selected; returns at once. */
		emit(event) {
			if (target && settings.events.includes(event.type)) deliver(event.type, JSON.stringify(event), 'application/json');
		},
		deliver,
		/** Resolves when no delivery is in flight (for tests and scripts). */
		async settled() {
			while (pending.size) await Promise.all(pending);
		},
		close() {
			closed = true;
			for (const req of requests) req.destroy(new Error('sandbox closed'));
			agent.destroy();
		},
	};
}

module.exports = { createWebhooks };
