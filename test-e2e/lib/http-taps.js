'use strict';
// Two small HTTP servers on 127.0.0.1 for the e2e scripts: the one recorder for what workflows
// post, which can hold one request open (a run in flight) until released, and a pass-through proxy
// in front of sandboxes (one per sending process if asked). For the queue-mode e2e both note which
// of our processes sent each request (socket-owner.js).
const http = require('http');
const { socketOwner } = require('./socket-owner');

const HOLD_LIMIT_MS = 60000;

/** owners(): Map pid → label of the processes that may connect. */
function ownerOf(socket, owners, cache) {
	if (cache.has(socket)) return cache.get(socket);
	const map = owners();
	const pid = socketOwner(socket, [...map.keys()]);
	const label = pid === undefined ? 'unknown' : map.get(pid);
	if (pid !== undefined) cache.set(socket, label);
	return label;
}

function listen(server) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
	});
}

function closer(server) {
	return () =>
		new Promise((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
}

/**
 * Forwards every request unchanged to originFor(owner) — one upstream, or one per sending process;
 * undefined answers 502. `log` holds { owner, method, path, at }.
 */
async function startProxy(originFor, owners) {
	const log = [];
	const cache = new WeakMap();
	const server = http.createServer((req, res) => {
		const owner = ownerOf(req.socket, owners, cache);
		log.push({ owner, method: req.method, path: req.url, at: Date.now() });
		const origin = originFor(owner);
		const fail = (text) => {
			res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`proxy: ${text}`);
		};
		if (!origin) return fail(`no upstream for requests from ${owner}`);
		const upstream = http.request(`${origin}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
			res.writeHead(up.statusCode, up.headers);
			up.pipe(res);
		});
		upstream.on('error', (err) => fail(err.message));
		req.pipe(upstream);
	});
	const url = await listen(server);
	return { url, log, close: closer(server) };
}

/**
 * Collects posts as { path, at, ...body } (a body that is not JSON as `raw`), with `owner` when
 * owners() is given. holdNext() makes the next post wait for its response (at most HOLD_LIMIT_MS)
 * and resolves { event, owner, release } once it arrived.
 */
async function startRecorder(owners) {
	const events = [];
	const cache = new WeakMap();
	const timers = new Set();
	let hold;
	const server = http.createServer((req, res) => {
		const owner = owners ? ownerOf(req.socket, owners, cache) : undefined;
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			let parsed;
			try {
				parsed = JSON.parse(body);
			} catch {
				parsed = { raw: body };
			}
			const event = { path: req.url, at: Date.now(), ...(owners ? { owner } : {}), ...parsed };
			events.push(event);
			const respond = () => {
				if (res.writableEnded || res.destroyed) return;
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end('{"ok":true}');
			};
			if (!hold) return respond();
			const { resolve } = hold;
			hold = undefined;
			const timer = setTimeout(respond, HOLD_LIMIT_MS);
			timers.add(timer);
			resolve({
				event,
				owner,
				release() {
					clearTimeout(timer);
					timers.delete(timer);
					respond();
				},
			});
		});
	});
	const url = await listen(server);
	const close = closer(server);
	return {
		url,
		events,
		holdNext() {
			return new Promise((resolve) => (hold = { resolve }));
		},
		close() {
			for (const t of timers) clearTimeout(t);
			return close();
		},
	};
}

module.exports = { startProxy, startRecorder };
